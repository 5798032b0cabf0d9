/** Tokenizer for the Groovy subset; offsets are absolute positions in the template. */
import { skipCode } from './scanner.ts';

export type TokKind = 'id' | 'kw' | 'num' | 'str' | 'gstr' | 'op' | 'eof';

/** A part of a GString literal: literal text or an embedded expression's source range. */
export type GPart = string | { start: number; end: number; simple: boolean };

export interface Token {
  k: TokKind;
  /** Identifier/keyword/operator text, number text, or the decoded string. */
  v: string;
  pos: number;
  end: number;
  /** A newline separates this token from the previous one. */
  nl: boolean;
  parts?: GPart[];
}

/** A lexing or parsing failure at an offset. */
export class SyntaxErr extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

export const KEYWORDS = new Set([
  'as',
  'assert',
  'break',
  'case',
  'catch',
  'class',
  'continue',
  'def',
  'default',
  'do',
  'else',
  'enum',
  'extends',
  'false',
  'final',
  'finally',
  'for',
  'if',
  'implements',
  'import',
  'in',
  'instanceof',
  'interface',
  'new',
  'null',
  'package',
  'return',
  'static',
  'super',
  'switch',
  'synchronized',
  'this',
  'throw',
  'throws',
  'trait',
  'true',
  'try',
  'while',
  'var',
]);

const OPS = [
  '>>>=',
  '<=>',
  '**=',
  '<<=',
  '>>=',
  '..<',
  '==~',
  '>>>',
  '...',
  '?.',
  '?:',
  '*.',
  '.&',
  '..',
  '=~',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '<<',
  '**',
  '->',
  '::',
];
const SINGLE = '+-*/%=<>!~?:.,;()[]{}&|^@';

function isIdStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$' || c > '\u007f';
}
function isIdPart(c: string): boolean {
  return isIdStart(c) || (c >= '0' && c <= '9');
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Tokenizes `src[start, end)`. Throws SyntaxErr. */
export function tokenize(src: string, start: number, end: number): Token[] {
  const toks: Token[] = [];
  let i = start;
  let nl = false;
  const prevIsOperand = (): boolean => {
    const p = toks[toks.length - 1];
    if (!p) return false;
    if (p.k === 'id' || p.k === 'num' || p.k === 'str' || p.k === 'gstr') return true;
    if (p.k === 'kw') return p.v === 'true' || p.v === 'false' || p.v === 'null' || p.v === 'this' || p.v === 'super';
    return p.k === 'op' && (p.v === ')' || p.v === ']' || p.v === '}');
  };
  while (i < end) {
    const c = src[i]!;
    if (c === '\n') {
      nl = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < end && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const k = src.indexOf('*/', i + 2);
      if (k < 0 || k + 2 > end) throw new SyntaxErr('unterminated comment', i);
      for (let j = i; j < k; j++) if (src[j] === '\n') nl = true;
      i = k + 2;
      continue;
    }
    const pos = i;
    if (isIdStart(c)) {
      while (i < end && isIdPart(src[i]!)) i++;
      const v = src.slice(pos, i);
      toks.push({ k: KEYWORDS.has(v) ? 'kw' : 'id', v, pos, end: i, nl });
    } else if (isDigit(c) || (c === '.' && isDigit(src[i + 1]) && !prevIsOperand())) {
      i = lexNumber(src, i, end);
      toks.push({ k: 'num', v: src.slice(pos, i), pos, end: i, nl });
    } else if (c === "'" || c === '"') {
      const t = lexString(src, i, end);
      t.nl = nl;
      toks.push(t);
      i = t.end;
    } else if (c === '/' && !prevIsOperand()) {
      const t = lexSlashy(src, i, end);
      t.nl = nl;
      toks.push(t);
      i = t.end;
    } else {
      let op = '';
      for (const o of OPS) {
        if (src.startsWith(o, i) && i + o.length <= end) {
          op = o;
          break;
        }
      }
      if (!op) {
        if (!SINGLE.includes(c)) throw new SyntaxErr(`unexpected char: '${c}'`, i);
        op = c;
      }
      i += op.length;
      toks.push({ k: 'op', v: op, pos, end: i, nl });
    }
    nl = false;
  }
  toks.push({ k: 'eof', v: '<EOF>', pos: end, end, nl });
  return toks;
}

function lexNumber(src: string, i: number, end: number): number {
  if (src[i] === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
    i += 2;
    while (i < end && /[0-9a-fA-F_]/.test(src[i]!)) i++;
  } else if (src[i] === '0' && (src[i + 1] === 'b' || src[i + 1] === 'B')) {
    i += 2;
    while (i < end && /[01_]/.test(src[i]!)) i++;
  } else {
    while (i < end && (isDigit(src[i]) || src[i] === '_')) i++;
    if (src[i] === '.' && isDigit(src[i + 1])) {
      i++;
      while (i < end && (isDigit(src[i]) || src[i] === '_')) i++;
    }
    if (
      (src[i] === 'e' || src[i] === 'E') &&
      (isDigit(src[i + 1]) || ((src[i + 1] === '+' || src[i + 1] === '-') && isDigit(src[i + 2])))
    ) {
      i += 2;
      while (i < end && isDigit(src[i])) i++;
    }
  }
  if (i < end && /[lLgGiIdDfF]/.test(src[i]!)) i++;
  if (i < end && isIdPart(src[i]!)) throw new SyntaxErr(`unexpected character in number: '${src[i]}'`, i);
  return i;
}

/** One-character escapes and what they stand for (`\<newline>` is a line continuation). */
const SIMPLE_ESCAPES: Record<string, string> = Object.assign(Object.create(null), {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
  '\n': '',
});

function escapeAt(src: string, i: number): [string, number] {
  const e = src[i + 1];
  const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
  if (simple !== undefined) return [simple, i + 2];
  if (e === 'u') {
    let j = i + 2;
    while (src[j] === 'u') j++;
    const hex = src.slice(j, j + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SyntaxErr('invalid unicode escape', i);
    return [String.fromCharCode(Number.parseInt(hex, 16)), j + 4];
  }
  if (e !== undefined && e >= '0' && e <= '7') {
    const m = /^[0-3]?[0-7]{1,2}/.exec(src.slice(i + 1, i + 4))!;
    return [String.fromCharCode(Number.parseInt(m[0], 8)), i + 1 + m[0].length];
  }
  throw new SyntaxErr(`unexpected char: '\\${e ?? ''}'`, i);
}

function lexString(src: string, i: number, end: number): Token {
  const pos = i;
  const q = src[i]!;
  const triple = src.startsWith(q.repeat(3), i) && i + 3 <= end;
  const close = triple ? q.repeat(3) : q;
  i += close.length;
  const parts: GPart[] = [];
  let buf = '';
  let interpolated = false;
  for (;;) {
    if (i >= end) throw new SyntaxErr("expecting anything but '\\n'; got it anyway", pos);
    const c = src[i]!;
    if (src.startsWith(close, i)) {
      i += close.length;
      break;
    }
    if (c === '\n' && !triple) throw new SyntaxErr("expecting anything but ''\\n''; got it anyway", i);
    if (c === '\\') {
      const [s, j] = escapeAt(src, i);
      buf += s;
      i = j;
      continue;
    }
    if (q === '"' && c === '$') {
      if (src[i + 1] === '{') {
        const k = skipCode(src, i + 2);
        if (k < 0 || k >= end) throw new SyntaxErr('unterminated ${ in string', i);
        if (buf) parts.push(buf);
        buf = '';
        parts.push({ start: i + 2, end: k, simple: false });
        interpolated = true;
        i = k + 1;
        continue;
      }
      if (i + 1 < end && isIdStart(src[i + 1]!) && src[i + 1] !== '$') {
        let j = i + 1;
        while (j < end && isIdPart(src[j]!) && src[j] !== '$') j++;
        while (src[j] === '.' && j + 1 < end && isIdStart(src[j + 1]!) && src[j + 1] !== '$') {
          j++;
          while (j < end && isIdPart(src[j]!) && src[j] !== '$') j++;
        }
        if (buf) parts.push(buf);
        buf = '';
        parts.push({ start: i + 1, end: j, simple: true });
        interpolated = true;
        i = j;
        continue;
      }
      throw new SyntaxErr('illegal string body character after dollar sign', i);
    }
    buf += c;
    i++;
  }
  if (!interpolated) return { k: 'str', v: buf, pos, end: i, nl: false };
  if (buf) parts.push(buf);
  return { k: 'gstr', v: '', pos, end: i, nl: false, parts };
}

function lexSlashy(src: string, i: number, end: number): Token {
  const pos = i;
  i++;
  if (src[i] === '/') throw new SyntaxErr('unexpected token: /', pos);
  let buf = '';
  for (;;) {
    if (i >= end || src[i] === '\n') throw new SyntaxErr('unterminated slashy string', pos);
    const c = src[i]!;
    if (c === '/') {
      i++;
      break;
    }
    if (c === '\\' && src[i + 1] === '/') {
      buf += '/';
      i += 2;
      continue;
    }
    if (c === '$' && src[i + 1] === '{') throw new SyntaxErr('interpolated slashy strings are not supported', i);
    buf += c;
    i++;
  }
  return { k: 'str', v: buf, pos, end: i, nl: false };
}
