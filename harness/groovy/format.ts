/** java.util.Formatter subset for String.format: %s %S %d %x %X %o %f %e %b %c %n %% with flags, width, precision. */
import { fail } from './errors.ts';
import {
  bigDecimalToPlain,
  isNumber,
  JBigDecimal,
  JDouble,
  numberClass,
  parseBigDecimal,
  setScale,
  toBigDecimal,
  toBigInt,
} from './numbers.ts';
import { checkBuilt, JChar, javaToString, type Value } from './values.ts';

const SPEC = /%(\d+\$)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function pad(s: string, width: number | undefined, flags: string, numeric: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    return sign + '0'.repeat(width - s.length) + body;
  }
  return ' '.repeat(width - s.length) + s;
}

function conversionError(conv: string, v: Value): never {
  return fail(
    'java.util.IllegalFormatConversionException',
    `${conv} != ${isNumber(v) ? numberClass(v) : v === null ? 'null' : typeof v === 'string' ? 'java.lang.String' : 'java.lang.Object'}`,
  );
}

/** Formats like Java's String.format(fmt, args...). */
export function javaFormat(fmt: string, args: Value[]): string {
  let next = 0;
  return fmt.replace(
    SPEC,
    (_m, argIdx: string | undefined, flags: string, w: string | undefined, p: string | undefined, conv: string) => {
      if (conv === 'n') return '\n';
      if (conv === '%') {
        checkBuilt(w ? Number(w) : 0);
        return pad('%', w ? Number(w) : undefined, flags, false);
      }
      const idx = argIdx ? Number.parseInt(argIdx, 10) - 1 : next++;
      if (idx >= args.length)
        fail(
          'java.util.MissingFormatArgumentException',
          `Format specifier '%${argIdx ?? ''}${flags}${w ?? ''}${p ?? ''}${conv}'`,
        );
      const v = args[idx]!;
      const width = w ? Number(w) : undefined;
      const prec = p ? Number(p.slice(1)) : undefined;
      // Java would build the text (or run out of memory): a width or precision past the output limit is refused
      checkBuilt(width ?? 0);
      checkBuilt(prec ?? 0);
      switch (conv) {
        case 's':
        case 'S': {
          let s = javaToString(v);
          if (prec !== undefined) s = s.slice(0, prec);
          if (conv === 'S') s = s.toUpperCase();
          return pad(s, width, flags, false);
        }
        case 'b':
        case 'B': {
          const s = String(v === null ? false : typeof v === 'boolean' ? v : true);
          return pad(conv === 'B' ? s.toUpperCase() : s, width, flags, false);
        }
        case 'c': {
          if (v === null) return pad('null', width, flags, false);
          const s =
            v instanceof JChar ? v.c : typeof v === 'number' ? String.fromCodePoint(v) : conversionError(conv, v);
          return pad(s, width, flags, false);
        }
        case 'd':
        case 'x':
        case 'X':
        case 'o': {
          if (v === null) return pad('null', width, flags, false);
          if (!isNumber(v) || v instanceof JBigDecimal || v instanceof JDouble) return conversionError(conv, v);
          let b = toBigInt(v);
          if (conv === 'd') {
            const neg = b < 0n;
            let s = (neg ? -b : b).toString();
            if (flags.includes(',')) s = groupThousands(s);
            if (neg) s = flags.includes('(') ? `(${s})` : `-${s}`;
            else if (flags.includes('+')) s = `+${s}`;
            else if (flags.includes(' ')) s = ` ${s}`;
            return pad(s, width, flags, true);
          }
          if (b < 0n) b = typeof v === 'number' ? BigInt.asUintN(32, b) : BigInt.asUintN(64, b);
          let s = b.toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#')) s = (conv === 'o' ? '0' : conv === 'X' ? '0X' : '0x') + s;
          return pad(s, width, flags, true);
        }
        case 'f':
        case 'e':
        case 'E': {
          if (v === null) return pad('null', width, flags, false);
          if (!isNumber(v) || typeof v === 'number' || !(v instanceof JBigDecimal || v instanceof JDouble))
            return conversionError(conv, v);
          const d = v instanceof JDouble ? (parseBigDecimal(String(v.v)) ?? toBigDecimal(v)) : toBigDecimal(v);
          const digits = prec ?? 6;
          let s: string;
          if (conv === 'f') {
            s = bigDecimalToPlain(setScale(d, digits));
            if (flags.includes(',')) {
              const [i, f] = s.replace('-', '').split('.') as [string, string | undefined];
              s = (s.startsWith('-') ? '-' : '') + groupThousands(i) + (f !== undefined ? `.${f}` : '');
            }
          } else {
            const n = Number(bigDecimalToPlain(d)).toExponential(digits);
            const [m, e] = n.split('e') as [string, string];
            const exp = Number(e);
            s = `${m}${conv}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
          }
          if (!s.startsWith('-') && flags.includes('+')) s = `+${s}`;
          return pad(s, width, flags, true);
        }
        default:
          return fail('java.util.UnknownFormatConversionException', `Conversion = '${conv}'`);
      }
    },
  );
}
