/** Methods of java.lang.String, StringBuilder and the static methods of String, Character, URLEncoder/URLDecoder. */
import type { Ctx } from '../context.ts';
import { fail } from '../errors.ts';
import { javaFormat } from '../format.ts';
import { JBigInteger, parseBigDecimal, parseJavaInteger, toBigInt } from '../numbers.ts';
import { bitOp, castTo, getIndex, intArg, isCase, iterate, minus, multiply, plus } from '../runtime.ts';
import {
  asJavaArray,
  JAVA_ARRAYS,
  JBytes,
  JChar,
  JObject,
  JRange,
  javaEquals,
  javaToString,
  stringHash,
  type Value,
} from '../values.ts';
import { type Fn, isStr, NO, strArg } from './common.ts';
import { STRING_REGEX } from './regex.ts';

function strIOOBE(begin: number, end: number, len: number): never {
  return fail('java.lang.StringIndexOutOfBoundsException', `begin ${begin}, end ${end}, length ${len}`);
}
function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Java's URLEncoder.encode(s, "UTF-8"). */
export function urlEncode(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[a-zA-Z0-9.\-*_]/.test(c)) out += c;
    else if (b === 32) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return fail('java.lang.IllegalArgumentException', 'URLDecoder: Illegal hex characters in escape (%) pattern');
  }
}

function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

function isBigDecimalString(s: string): boolean {
  return parseBigDecimal(s.trim()) !== undefined;
}

function pad(
  ctx: Ctx,
  s: string,
  n: Value | undefined,
  p: Value | undefined,
  side: 'left' | 'right' | 'center',
): Value | undefined {
  const width = intArg(n);
  const padding = p === undefined ? ' ' : strArg(p);
  if (width === undefined || padding === undefined) return NO;
  if (width <= s.length) return s;
  ctx.reserve(width);
  if (padding.length === 0) return fail('java.lang.IllegalArgumentException', 'padding must not be empty');
  const fill = (k: number) => padding.repeat(Math.ceil(k / padding.length)).slice(0, k);
  const total = width - s.length;
  if (side === 'left') return fill(total) + s;
  if (side === 'right') return s + fill(total);
  const left = Math.floor(total / 2);
  return fill(left) + s + fill(total - left);
}

export const STRING: Record<string, Fn> = {
  length: (_c, s: string, a) => (a.length === 0 ? s.length : NO),
  size: (_c, s: string, a) => (a.length === 0 ? s.length : NO),
  isEmpty: (_c, s: string, a) => (a.length === 0 ? s.length === 0 : NO),
  substring: (_c, s: string, a) => {
    const b = intArg(a[0]);
    if (b === undefined || a.length > 2) return NO;
    const e = a.length === 2 ? intArg(a[1]) : s.length;
    if (e === undefined) return NO;
    if (b < 0 || e > s.length || b > e) strIOOBE(b, e, s.length);
    return s.slice(b, e);
  },
  subSequence: (c, s: string, a) => STRING.substring!(c, s as never, a),
  charAt: (_c, s: string, a) => {
    const i = intArg(a[0]);
    if (i === undefined || a.length !== 1) return NO;
    if (i < 0 || i >= s.length) fail('java.lang.StringIndexOutOfBoundsException', `String index out of range: ${i}`);
    return new JChar(s[i]!);
  },
  indexOf: (_c, s: string, a) => {
    const x = strArg(a[0]) ?? (typeof a[0] === 'number' ? String.fromCharCode(a[0]) : undefined);
    if (x === undefined || a.length > 2) return NO;
    const from = a.length === 2 ? intArg(a[1]) : 0;
    if (from === undefined) return NO;
    return s.indexOf(x, Math.max(0, from));
  },
  lastIndexOf: (_c, s: string, a) => {
    const x = strArg(a[0]) ?? (typeof a[0] === 'number' ? String.fromCharCode(a[0]) : undefined);
    if (x === undefined || a.length > 2) return NO;
    const from = a.length === 2 ? intArg(a[1]) : s.length;
    if (from === undefined) return NO;
    return from < 0 ? -1 : s.lastIndexOf(x, from);
  },
  contains: (_c, s: string, a) => {
    if (a.length !== 1) return NO;
    if (a[0] === null)
      return fail(
        'java.lang.NullPointerException',
        'Cannot invoke "java.lang.CharSequence.toString()" because "s" is null',
      );
    const x = strArg(a[0]) ?? (a[0] instanceof JObject && typeof a[0].state === 'string' ? a[0].state : undefined);
    return x === undefined ? NO : s.includes(x);
  },
  // String.startsWith/endsWith take a String: a Character argument is a MissingMethodException
  startsWith: (_c, s: string, a) => {
    const x = isStr(a[0]) ? a[0] : undefined;
    if (x === undefined || a.length > 2) return NO;
    const off = a.length === 2 ? intArg(a[1]) : 0;
    return off === undefined ? NO : s.startsWith(x, off);
  },
  endsWith: (_c, s: string, a) => {
    const x = isStr(a[0]) ? a[0] : undefined;
    return x === undefined || a.length !== 1 ? NO : s.endsWith(x);
  },
  equals: (_c, s: string, a) => (a.length === 1 ? javaEquals(s, a[0]!) : NO),
  equalsIgnoreCase: (_c, s: string, a) => {
    if (a.length !== 1) return NO;
    const x = a[0];
    return (
      typeof x === 'string' && x.length === s.length && x.toUpperCase().toLowerCase() === s.toUpperCase().toLowerCase()
    );
  },
  compareTo: (_c, s: string, a) => {
    const x = strArg(a[0]);
    if (x === undefined || a.length !== 1) return NO;
    const n = Math.min(s.length, x.length);
    for (let i = 0; i < n; i++) if (s.charCodeAt(i) !== x.charCodeAt(i)) return s.charCodeAt(i) - x.charCodeAt(i);
    return s.length - x.length;
  },
  compareToIgnoreCase: (c, s: string, a) => {
    const x = strArg(a[0]);
    return x === undefined ? NO : STRING.compareTo!(c, s.toLowerCase() as never, [x.toLowerCase()]);
  },
  toLowerCase: (_c, s: string, a) => (a.length === 0 ? s.toLowerCase() : NO),
  toUpperCase: (_c, s: string, a) => (a.length === 0 ? s.toUpperCase() : NO),
  trim: (_c, s: string, a) => (a.length === 0 ? javaTrim(s) : NO),
  strip: (_c, s: string, a) => (a.length === 0 ? s.trim() : NO),
  replace: (c, s: string, a) => {
    if (a.length !== 2) return NO;
    if (a[0] === null || a[1] === null)
      return fail(
        'java.lang.NullPointerException',
        `Cannot invoke "java.lang.CharSequence.toString()" because "${a[0] === null ? 'target' : 'replacement'}" is null`,
      );
    const x = strArg(a[0]);
    const y = strArg(a[1]);
    if (x === undefined || y === undefined) return NO;
    if (x === '') return c.str(`${y}${[...s].join(y)}${s.length ? y : ''}`);
    return c.str(s.split(x).join(y));
  },
  ...STRING_REGEX,
  repeat: (c, s: string, a) => {
    const n = intArg(a[0]);
    if (n === undefined || a.length !== 1) return NO;
    if (n < 0) return fail('java.lang.IllegalArgumentException', `count is negative: ${n}`);
    c.reserve(s.length * n);
    return s.repeat(n);
  },
  concat: (c, s: string, a) => {
    if (a.length === 1 && a[0] === null)
      return fail('java.lang.NullPointerException', 'Cannot invoke "String.isEmpty()" because "str" is null');
    return a.length === 1 && isStr(a[0]) ? c.str(s + a[0]) : NO;
  },
  format: (c, _s: string, a) => (a.length >= 1 && isStr(a[0]) ? c.str(javaFormat(a[0], a.slice(1))) : NO),
  toString: (_c: Ctx, s: string, a: Value[]) => (a.length === 0 ? s : NO),
  hashCode: (_c, s: string, a) => (a.length === 0 ? stringHash(s) : NO),
  toCharArray: (_c, s: string, a) =>
    a.length === 0
      ? asJavaArray(
          [...s].map((x) => new JChar(x)),
          '[C',
        )
      : NO,
  getBytes: (_c, s: string, a) => (a.length <= 1 ? new JBytes(utf8(s)) : NO),
  tokenize: (_c, s: string, a) => {
    if (a.length > 1) return NO;
    const delims = a.length === 0 ? ' \t\n\r\f' : strArg(a[0]);
    if (delims === undefined) return NO;
    const out: Value[] = [];
    let cur = '';
    for (const ch of s) {
      if (delims.includes(ch)) {
        if (cur) out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  },
  take: (_c, s: string, a) => {
    const n = intArg(a[0]);
    return n === undefined || a.length !== 1 ? NO : s.slice(0, Math.max(0, n));
  },
  drop: (_c, s: string, a) => {
    const n = intArg(a[0]);
    return n === undefined || a.length !== 1 ? NO : s.slice(Math.max(0, n));
  },
  padLeft: (c, s: string, a) => (a.length >= 1 && a.length <= 2 ? pad(c, s, a[0], a[1], 'left') : NO),
  padRight: (c, s: string, a) => (a.length >= 1 && a.length <= 2 ? pad(c, s, a[0], a[1], 'right') : NO),
  center: (c, s: string, a) => (a.length >= 1 && a.length <= 2 ? pad(c, s, a[0], a[1], 'center') : NO),
  capitalize: (_c, s: string, a) => (a.length === 0 ? (s ? s[0]!.toUpperCase() + s.slice(1) : s) : NO),
  uncapitalize: (_c, s: string, a) => (a.length === 0 ? (s ? s[0]!.toLowerCase() + s.slice(1) : s) : NO),
  reverse: (_c, s: string, a) => (a.length === 0 ? [...s].reverse().join('') : NO),
  toInteger: (_c, s: string, a) => (a.length === 0 ? parseJavaInteger(javaTrim(s), 'int') : NO),
  toLong: (_c, s: string, a) => (a.length === 0 ? parseJavaInteger(javaTrim(s), 'long') : NO),
  toBigInteger: (_c, s: string, a) =>
    a.length === 0 ? new JBigInteger(toBigInt(parseJavaInteger(javaTrim(s), 'long'))) : NO,
  toBigDecimal: (_c, s: string, a) => (a.length === 0 ? castTo(javaTrim(s), 'BigDecimal', 0, 'as') : NO),
  toDouble: (_c, s: string, a) => (a.length === 0 ? castTo(javaTrim(s), 'Double', 0, 'as') : NO),
  toBoolean: (_c, s: string, a) => {
    if (a.length !== 0) return NO;
    const t = javaTrim(s).toLowerCase();
    return t === 'true' || t === 'y' || t === '1';
  },
  isNumber: (_c, s: string, a) => (a.length === 0 ? isBigDecimalString(s) : NO),
  isBigDecimal: (_c, s: string, a) => (a.length === 0 ? isBigDecimalString(s) : NO),
  isDouble: (_c, s: string, a) => (a.length === 0 ? isBigDecimalString(s) : NO),
  isInteger: (_c, s: string, a) => {
    if (a.length !== 0) return NO;
    const t = javaTrim(s);
    return /^[+-]?\d+$/.test(t) && BigInt(t) >= -2147483648n && BigInt(t) <= 2147483647n;
  },
  isLong: (_c, s: string, a) => (a.length === 0 ? /^[+-]?\d+$/.test(javaTrim(s)) : NO),
  isAllWhitespace: (_c, s: string, a) => (a.length === 0 ? /^\s*$/.test(s) : NO),
  plus: (c, s: string, a) => (a.length === 1 ? plus(c, s, a[0]!) : NO),
  minus: (c, s: string, a) => (a.length === 1 ? minus(c, s, a[0]!) : NO),
  multiply: (c, s: string, a) => (a.length === 1 ? multiply(c, s, a[0]!) : NO),
  getAt: (c, s: string, a) => (a.length === 1 ? getIndex(c, s, a[0]!) : NO),
  count: (_c, s: string, a) => {
    const x = strArg(a[0]);
    if (x === undefined || a.length !== 1) return NO;
    if (x === '') return s.length + 1;
    let n = 0;
    for (let i = s.indexOf(x); i >= 0; i = s.indexOf(x, i + 1)) n++;
    return n;
  },
  toList: (_c, s: string, a) => (a.length === 0 ? iterate(s) : NO),
  decodeBase64: (_c, s: string, a) => (a.length === 0 ? new JBytes(new Uint8Array(Buffer.from(s, 'base64'))) : NO),
  encodeAsBase64: (_c, s: string, a) => (a.length === 0 ? Buffer.from(utf8(s)).toString('base64') : NO),
  asBoolean: (_c, s: string, a) => (a.length === 0 ? s.length > 0 : NO),
  isCase: (c, s: string, a) => (a.length === 1 ? isCase(c, s, a[0]!, (k, x) => k.invoke(x)) : NO),
};

/** StringBuilder / StringBuffer methods. */
export function builderMethods(c: Ctx, o: JObject, name: string, a: Value[]): Value | undefined {
  const s = o.state as string;
  switch (name) {
    case 'append':
      if (a.length !== 1) return NO;
      o.state = c.str(s + (a[0] instanceof JChar ? a[0].c : javaToString(a[0]!)));
      return o;
    case 'leftShift':
      return a.length === 1 ? bitOp(c, '<<', o, a[0]!) : NO;
    case 'toString':
      return a.length === 0 ? s : NO;
    case 'length':
    case 'size':
      return a.length === 0 ? s.length : NO;
    case 'isEmpty':
      return a.length === 0 ? s.length === 0 : NO;
    case 'charAt':
      return STRING.charAt!(c, s as never, a);
    case 'indexOf':
      return STRING.indexOf!(c, s as never, a);
    case 'substring':
      return STRING.substring!(c, s as never, a);
    case 'reverse':
      if (a.length !== 0) return NO;
      o.state = [...s].reverse().join('');
      return o;
    case 'insert': {
      const i = intArg(a[0]);
      if (i === undefined || a.length !== 2) return NO;
      if (i < 0 || i > s.length) fail('java.lang.StringIndexOutOfBoundsException', `offset ${i}, length ${s.length}`);
      o.state = c.str(s.slice(0, i) + javaToString(a[1]!) + s.slice(i));
      return o;
    }
    case 'deleteCharAt': {
      const i = intArg(a[0]);
      if (i === undefined || a.length !== 1) return NO;
      if (i < 0 || i >= s.length) fail('java.lang.StringIndexOutOfBoundsException', `index ${i},length ${s.length}`);
      o.state = s.slice(0, i) + s.slice(i + 1);
      return o;
    }
    case 'equals':
      return a.length === 1 ? o === a[0] : NO;
  }
  return NO;
}

/** Java NPE messages for String methods given a null argument. */
export const STRING_NULL_ARG: Record<string, string> = {
  startsWith: 'Cannot invoke "String.length()" because "prefix" is null',
  endsWith: 'Cannot invoke "String.length()" because "suffix" is null',
  indexOf: 'Cannot invoke "String.coder()" because "str" is null',
  lastIndexOf: 'Cannot invoke "String.coder()" because "str" is null',
  split: 'Cannot invoke "String.length()" because "regex" is null',
  replaceAll: 'Cannot invoke "java.lang.CharSequence.toString()" because "regex" is null',
  replaceFirst: 'Cannot invoke "java.lang.CharSequence.toString()" because "regex" is null',
  matches: 'Cannot invoke "java.lang.CharSequence.toString()" because "regex" is null',
  equalsIgnoreCase: '',
};

/** Static methods of String, Character, URLEncoder and URLDecoder. */
export function stringStatic(c: Ctx, cls: string, name: string, a: Value[]): Value | undefined {
  switch (cls) {
    case 'java.lang.String':
      if (name === 'valueOf' && a.length === 1) return a[0] instanceof JChar ? a[0].c : javaToString(a[0]!);
      if (name === 'format' && a.length >= 1 && isStr(a[0])) {
        const rest = a.length === 2 && Array.isArray(a[1]) && JAVA_ARRAYS.has(a[1]) ? a[1] : a.slice(1);
        return c.str(javaFormat(a[0], rest));
      }
      if (name === 'join' && a.length >= 2 && isStr(a[0])) {
        const items = a.length === 2 && (Array.isArray(a[1]) || a[1] instanceof JRange) ? iterate(a[1]) : a.slice(1);
        return c.str(items.map((x) => javaToString(x)).join(a[0]));
      }
      return NO;
    case 'java.lang.Character': {
      const ch = a[0] instanceof JChar ? a[0].c : isStr(a[0]) && a[0].length === 1 ? a[0] : undefined;
      if (ch === undefined || a.length !== 1) return NO;
      switch (name) {
        case 'isDigit':
          return /\p{Nd}/u.test(ch);
        case 'isLetter':
          return /\p{L}/u.test(ch);
        case 'isLetterOrDigit':
          return /[\p{L}\p{Nd}]/u.test(ch);
        case 'isWhitespace':
          return /[\s]/.test(ch);
        case 'isUpperCase':
          return ch !== ch.toLowerCase();
        case 'isLowerCase':
          return ch !== ch.toUpperCase();
        case 'toUpperCase':
          return new JChar(ch.toUpperCase());
        case 'toLowerCase':
          return new JChar(ch.toLowerCase());
      }
      return NO;
    }
    case 'java.net.URLEncoder':
      if (name === 'encode' && (a.length === 1 || a.length === 2) && isStr(a[0])) {
        if (a.length === 2 && !(isStr(a[1]) && a[1].toUpperCase().replace('-', '') === 'UTF8'))
          return isStr(a[1]) ? fail('java.io.UnsupportedEncodingException', a[1]) : NO;
        return c.str(urlEncode(a[0]));
      }
      if (name === 'encode' && a[0] === null)
        return fail('java.lang.NullPointerException', 'Cannot invoke "String.length()" because "s" is null');
      return NO;
    case 'java.net.URLDecoder':
      if (name === 'decode' && (a.length === 1 || a.length === 2) && isStr(a[0])) return urlDecode(a[0]);
      return NO;
  }
  return NO;
}
