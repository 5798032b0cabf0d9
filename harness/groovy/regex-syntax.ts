/**
 * Java regular-expression syntax (java.util.regex.Pattern): the parser from pattern text to a syntax tree, with
 * character classes (ranges, negation, union, `&&` intersection, POSIX and Unicode properties), Java's flags
 * (`(?imsxud-imsxud)`) and case folding, and PatternSyntaxException messages laid out as Java's. regex-compile.ts
 * turns the tree into a program.
 */
import { fail } from './errors.ts';

/** A predicate over one UTF-16 code unit. */
export type Pred = (c: number) => boolean;

/** Zero-width assertions. */
export type AssertKind = 'bol' | 'eol' | 'A' | 'z' | 'Z' | 'b' | 'B' | 'G';

/** Inline flags given to Pattern.compile (a subset of Java's: CASE_INSENSITIVE, MULTILINE, DOTALL, COMMENTS). */
export interface PatternFlags {
  i?: boolean;
  m?: boolean;
  s?: boolean;
  x?: boolean;
}

/** The syntax tree of a pattern. */
export type Node =
  | { t: 'char'; c: number; ci: boolean; uc: boolean }
  | { t: 'set'; test: Pred }
  | { t: 'any'; dotall: boolean; unixLines: boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'group'; index: number; body: Node }
  | { t: 'repeat'; body: Node; min: number; max: number; mode: 'greedy' | 'lazy' | 'possessive' }
  | { t: 'assert'; kind: AssertKind; multiline: boolean; unixLines: boolean }
  | { t: 'look'; ahead: boolean; negate: boolean; body: Node }
  | { t: 'atomic'; body: Node }
  | { t: 'backref'; index: number; ci: boolean; uc: boolean };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  u: boolean;
  d: boolean;
}

/** Java's PatternSyntaxException message: description, index, the pattern and a caret under the index. */
export function syntaxError(desc: string, pattern: string, index: number): never {
  let msg = desc;
  if (index >= 0) msg += ` near index ${index}`;
  msg += `\n${pattern}`;
  if (index >= 0 && index < pattern.length) msg += `\n${' '.repeat(index)}^`;
  return fail('java.util.regex.PatternSyntaxException', msg);
}

const isDigit: Pred = (c) => c >= 48 && c <= 57;
const isWord: Pred = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const isSpace: Pred = (c) => c === 32 || (c >= 9 && c <= 13);
const isHSpace: Pred = (c) =>
  c === 32 ||
  c === 9 ||
  c === 0xa0 ||
  c === 0x1680 ||
  c === 0x180e ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;
const isVSpace: Pred = (c) => (c >= 10 && c <= 13) || c === 0x85 || c === 0x2028 || c === 0x2029;
const not =
  (p: Pred): Pred =>
  (c) =>
    !p(c);
const range =
  (a: number, b: number): Pred =>
  (c) =>
    c >= a && c <= b;

/** POSIX character classes of java.util.regex (US-ASCII only). */
const POSIX: Record<string, Pred> = {
  Lower: range(97, 122),
  Upper: range(65, 90),
  ASCII: range(0, 127),
  Alpha: (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90),
  Digit: isDigit,
  Alnum: (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57),
  Punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  Graph: range(33, 126),
  Print: range(32, 126),
  Blank: (c) => c === 32 || c === 9,
  Cntrl: (c) => c <= 31 || c === 127,
  XDigit: (c) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70),
  Space: isSpace,
};

/** A predicate from a JS Unicode property regex, cached per code unit. */
function unicodePred(re: RegExp): Pred {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  const cache = new Map<number, boolean>();
  return (c) => {
    if (c < 128) return ascii[c] === 1;
    let r = cache.get(c);
    if (r === undefined) {
      r = re.test(String.fromCharCode(c));
      cache.set(c, r);
    }
    return r;
  };
}

const JAVA_CHAR_PROPS: Record<string, string> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaWhitespace: '[\\t-\\r\\x1C-\\x20\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]',
  javaLetter: '\\p{L}',
  javaDigit: '\\p{Nd}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaAlphabetic: '\\p{Alphabetic}',
  javaSpaceChar: '\\p{Z}',
  javaTitleCase: '\\p{Lt}',
  javaMirrored: '\\p{Bidi_Mirrored}',
};

const PROPERTY_CACHE = new Map<string, Pred>();

/** `\p{name}`: POSIX classes, java.lang.Character classes, Unicode categories, scripts and binary properties. */
function property(name: string): Pred | undefined {
  const hit = PROPERTY_CACHE.get(name);
  if (hit) return hit;
  let pred: Pred | undefined = POSIX[name];
  if (!pred) {
    const tries: string[] = [];
    if (JAVA_CHAR_PROPS[name]) tries.push(JAVA_CHAR_PROPS[name]!);
    else if (name.startsWith('In') || /^(block|blk)=/i.test(name)) return undefined;
    else {
      const bare = name.startsWith('Is') ? name.slice(2) : name;
      const eq = /^(general_category|gc|script|sc)=(.+)$/i.exec(bare);
      if (eq) tries.push(/^(script|sc)$/i.test(eq[1]!) ? `\\p{Script=${eq[2]}}` : `\\p{gc=${eq[2]}}`);
      else if (/^[A-Za-z_]+$/.test(bare)) {
        tries.push(`\\p{gc=${bare}}`);
        if (name.startsWith('Is')) {
          tries.push(`\\p{Script=${bare}}`, `\\p{${bare.replace(/(?<=[a-z])(?=[A-Z])/g, '_')}}`, `\\p{${bare}}`);
        }
      }
    }
    for (const src of tries) {
      try {
        pred = unicodePred(new RegExp(src.startsWith('[') ? src : src, 'u'));
        break;
      } catch {
        // not this kind of property
      }
    }
  }
  if (pred) PROPERTY_CACHE.set(name, pred);
  return pred;
}

function upper1(c: number): number {
  const u = String.fromCharCode(c).toUpperCase();
  return u.length === 1 ? u.charCodeAt(0) : c;
}
function lower1(c: number): number {
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/** The other-case variants of a code unit (ASCII only unless UNICODE_CASE). */
export function caseVariants(c: number, unicode: boolean): number[] {
  if (!unicode) {
    if (c >= 65 && c <= 90) return [c, c + 32];
    if (c >= 97 && c <= 122) return [c, c - 32];
    return [c];
  }
  const out = new Set([c, upper1(c), lower1(c), lower1(upper1(c))]);
  return [...out];
}

/** Java's CASE_INSENSITIVE equality of two code units. */
export function equalsIgnoreCase(a: number, b: number, unicode: boolean): boolean {
  if (a === b) return true;
  if (!unicode) {
    const la = a >= 65 && a <= 90 ? a + 32 : a;
    const lb = b >= 65 && b <= 90 ? b + 32 : b;
    return la === lb && la >= 97 && la <= 122;
  }
  return upper1(a) === upper1(b) || lower1(a) === lower1(b);
}

export class Parser {
  private i = 0;
  private groupCount = 0;
  readonly names = new Map<string, number>();
  hasBackref = false;
  hasG = false;
  private flags: Flags;

  constructor(
    private readonly p: string,
    flags: Partial<Flags>,
  ) {
    this.flags = { i: false, m: false, s: false, x: false, u: false, d: false, ...flags };
  }

  get groups(): number {
    return this.groupCount;
  }

  private err(desc: string, index = this.i): never {
    return syntaxError(desc, this.p, index);
  }

  private peek(k = 0): string | undefined {
    return this.p[this.i + k];
  }

  /** In COMMENTS mode (?x): skips whitespace and `#` comments. */
  private skipComments(): void {
    if (!this.flags.x) return;
    for (;;) {
      const c = this.p[this.i];
      if (c === undefined) return;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\x0B') this.i++;
      else if (c === '#') {
        while (this.i < this.p.length && this.p[this.i] !== '\n' && this.p[this.i] !== '\r') this.i++;
      } else return;
    }
  }

  parse(): Node {
    const n = this.parseAlt();
    if (this.i < this.p.length) {
      if (this.p[this.i] === ')') this.err("Unmatched closing ')'", this.i - 1);
      this.err('Unexpected character', this.i);
    }
    return n;
  }

  private parseAlt(): Node {
    const items: Node[] = [this.parseSeq()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.parseSeq());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private parseSeq(): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipComments();
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const atom = this.parseAtom();
      if (atom === null) continue;
      items.push(this.parseQuantifiers(atom));
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private parseQuantifiers(atom: Node): Node {
    // one quantifier per atom, as Java: `a**` is a dangling `*`, `a{3}{2}` quantifies an empty atom
    this.skipComments();
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*') {
      min = 0;
      max = Infinity;
      this.i++;
    } else if (c === '+') {
      min = 1;
      max = Infinity;
      this.i++;
    } else if (c === '?') {
      min = 0;
      max = 1;
      this.i++;
    } else if (c === '{') {
      const at = this.i;
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
      if (!m) {
        if (/^\{\d/.test(this.p.slice(this.i))) {
          if (/^\{\d+(,\d*)?$/.test(this.p.slice(this.i))) this.err('Unclosed counted closure', this.p.length);
          this.err('Unclosed counted closure', this.i + /^\{\d+(,\d*)?/.exec(this.p.slice(this.i))![0].length);
        }
        this.err('Illegal repetition', at + 1);
      }
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (!Number.isSafeInteger(min) || min > 0x7fffffff || (max !== Infinity && max > 0x7fffffff))
        this.err('Illegal repetition range', at);
      if (max < min) this.err('Illegal repetition range', at + m[0].length - 1);
      this.i += m[0].length;
    } else return atom;
    let mode: 'greedy' | 'lazy' | 'possessive' = 'greedy';
    if (this.peek() === '?') {
      mode = 'lazy';
      this.i++;
    } else if (this.peek() === '+') {
      mode = 'possessive';
      this.i++;
    }
    return { t: 'repeat', body: atom, min, max, mode };
  }

  /** One atom, or null for a construct that produces nothing (a flag group `(?i)`, `\E`). */
  private parseAtom(): Node | null {
    const p = this.p;
    const c = p[this.i]!;
    const f = this.flags;
    switch (c) {
      case '(':
        return this.parseGroup();
      case '[':
        this.i++;
        return { t: 'set', test: this.parseClass() };
      case '.':
        this.i++;
        return { t: 'any', dotall: f.s, unixLines: f.d };
      case '^':
        this.i++;
        return { t: 'assert', kind: 'bol', multiline: f.m, unixLines: f.d };
      case '$':
        this.i++;
        return { t: 'assert', kind: 'eol', multiline: f.m, unixLines: f.d };
      case '*':
      case '+':
      case '?':
        return this.err(`Dangling meta character '${c}'`, this.i);
      case '{':
        // Java quantifies an empty atom: `{2}` at the start matches the empty string
        if (/^\{\d+(,\d*)?\}/.test(p.slice(this.i))) return { t: 'seq', items: [] };
        return this.err('Illegal repetition', this.i + 1);
      case '\\':
        return this.parseEscape();
      default: {
        const code = p.charCodeAt(this.i);
        this.i++;
        return this.charNode(code);
      }
    }
  }

  private charNode(code: number): Node {
    const f = this.flags;
    if (f.i && caseVariants(code, f.u).length > 1) return { t: 'char', c: code, ci: true, uc: f.u };
    return { t: 'char', c: code, ci: false, uc: false };
  }

  private parseGroup(): Node | null {
    const p = this.p;
    this.i++;
    const saved = { ...this.flags };
    let node: Node;
    if (p[this.i] === '?') {
      this.i++;
      const k = p[this.i];
      if (k === ':') {
        this.i++;
        node = this.parseAlt();
      } else if (k === '=' || k === '!') {
        this.i++;
        node = { t: 'look', ahead: true, negate: k === '!', body: this.parseAlt() };
      } else if (k === '>') {
        this.i++;
        node = { t: 'atomic', body: this.parseAlt() };
      } else if (k === '<' && (p[this.i + 1] === '=' || p[this.i + 1] === '!')) {
        const negate = p[this.i + 1] === '!';
        this.i += 2;
        const body = this.parseAlt();
        // JDK 9+ accepts unbounded lookbehind (tried back to the start of the input); JDK 8 refused it
        node = { t: 'look', ahead: false, negate, body };
      } else if (k === '<') {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.i));
        if (!m) this.err("named capturing group is missing trailing '>'", this.i);
        if (this.names.has(m[1]!))
          this.err(`Named capturing group <${m[1]}> is already defined`, this.i + m[0].length - 1);
        this.i += m[0].length;
        const index = ++this.groupCount;
        this.names.set(m[1]!, index);
        node = { t: 'group', index, body: this.parseAlt() };
      } else {
        // inline flags: (?idmsux-idmsux) or (?idmsux-idmsux:X)
        const m = /^([idmsuxU]*)(?:-([idmsuxU]*))?([:)])/.exec(p.slice(this.i));
        if (!m) this.err('Unknown inline modifier', this.i);
        const set = (s: string, v: boolean) => {
          for (const ch of s) {
            const key = ch === 'U' ? 'u' : (ch as keyof Flags);
            this.flags[key] = v;
          }
        };
        set(m[1]!, true);
        set(m[2] ?? '', false);
        this.i += m[0].length;
        if (m[3] === ')') return null; // flags stay on until the enclosing group closes
        node = this.parseAlt();
      }
    } else {
      const index = ++this.groupCount;
      node = { t: 'group', index, body: this.parseAlt() };
    }
    if (p[this.i] !== ')') this.err('Unclosed group', p.length);
    this.i++;
    this.flags = saved;
    return node;
  }

  /** A character class after its `[`; returns the predicate (case folding applied). */
  private parseClass(): Pred {
    const p = this.p;
    let negate = false;
    if (p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let acc: Pred | null = null; // intersection so far
    let cur: Pred[] = [];
    let first = true;
    const union = (ps: Pred[]): Pred =>
      ps.length === 1 ? ps[0]! : ps.length === 0 ? () => false : (c) => ps.some((q) => q(c));
    for (;;) {
      if (this.flags.x) this.skipClassComments();
      const c = p[this.i];
      if (c === undefined) this.err('Unclosed character class', p.length - 1);
      if (c === ']' && !(first && cur.length === 0 && acc === null)) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[') {
        this.i++;
        cur.push(this.parseClass());
        continue;
      }
      if (c === '&' && p[this.i + 1] === '&') {
        this.i += 2;
        const left = union(cur);
        acc = acc ? and(acc, left) : left;
        cur = [];
        continue;
      }
      const lo = this.classAtom();
      if (typeof lo !== 'number') {
        cur.push(lo);
        continue;
      }
      if (p[this.i] === '-' && p[this.i + 1] !== undefined && p[this.i + 1] !== ']' && p[this.i + 1] !== '[') {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== 'number') this.err('Illegal character range', this.i - 1);
        if (hi < lo) this.err('Illegal character range', this.i - 1);
        cur.push(this.ciRange(lo, hi));
      } else cur.push(this.ciRange(lo, lo));
    }
    let pred = union(cur);
    if (acc) pred = and(acc, pred);
    return negate ? not(pred) : pred;
  }

  private skipClassComments(): void {
    for (;;) {
      const c = this.p[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\x0B') this.i++;
      else if (c === '#') {
        while (this.i < this.p.length && this.p[this.i] !== '\n') this.i++;
      } else return;
    }
  }

  private ciRange(lo: number, hi: number): Pred {
    if (!this.flags.i) return lo === hi ? (c) => c === lo : range(lo, hi);
    const uc = this.flags.u;
    return (c) => {
      if (c >= lo && c <= hi) return true;
      for (const v of caseVariants(c, uc)) if (v >= lo && v <= hi) return true;
      return false;
    };
  }

  /** One class member: a code unit (for ranges) or a predefined class. */
  private classAtom(): number | Pred {
    const p = this.p;
    const c = p[this.i]!;
    if (c !== '\\') {
      this.i++;
      return p.charCodeAt(this.i - 1);
    }
    if (p[this.i + 1] === 'Q') {
      // \Q...\E inside a class: each quoted character is a member
      const e = p.indexOf('\\E', this.i + 2);
      const lit = e < 0 ? p.slice(this.i + 2) : p.slice(this.i + 2, e);
      this.i = e < 0 ? p.length : e + 2;
      const codes = [...lit].map((x) => x.charCodeAt(0));
      const preds = codes.map((x) => this.ciRange(x, x));
      return (ch) => preds.some((q) => q(ch));
    }
    const r = this.escapeBody(true);
    if (r.kind === 'char') return r.code;
    if (r.kind === 'set') return r.test;
    return this.err('Illegal/unsupported escape sequence', this.i - 1);
  }

  private parseEscape(): Node | null {
    const p = this.p;
    if (p[this.i + 1] === 'Q') {
      const e = p.indexOf('\\E', this.i + 2);
      const lit = e < 0 ? p.slice(this.i + 2) : p.slice(this.i + 2, e);
      this.i = e < 0 ? p.length : e + 2;
      if (lit.length === 0) return null;
      const items = [...lit].map((x) => this.charNode(x.charCodeAt(0)));
      return items.length === 1 ? items[0]! : { t: 'seq', items };
    }
    if (p[this.i + 1] === 'E') {
      this.i += 2;
      return null;
    }
    const r = this.escapeBody(false);
    switch (r.kind) {
      case 'char':
        return this.charNode(r.code);
      case 'set':
        return { t: 'set', test: r.test };
      case 'assert':
        return { t: 'assert', kind: r.assert, multiline: this.flags.m, unixLines: this.flags.d };
      case 'backref':
        this.hasBackref = true;
        return { t: 'backref', index: r.group, ci: this.flags.i, uc: this.flags.u };
      case 'linebreak':
        // \R = (?>\u000D\u000A|[\u000A\u000B\u000C\u000D\u0085\u2028\u2029])
        return {
          t: 'atomic',
          body: {
            t: 'alt',
            items: [
              {
                t: 'seq',
                items: [
                  { t: 'char', c: 13, ci: false, uc: false },
                  { t: 'char', c: 10, ci: false, uc: false },
                ],
              },
              { t: 'set', test: isVSpace },
            ],
          },
        };
    }
  }

  /** Reads an escape at `this.i` (the backslash) and advances past it. */
  private escapeBody(
    inClass: boolean,
  ):
    | { kind: 'char'; code: number }
    | { kind: 'set'; test: Pred }
    | { kind: 'assert'; assert: AssertKind }
    | { kind: 'backref'; group: number }
    | { kind: 'linebreak' } {
    const p = this.p;
    const at = this.i;
    const n = p[this.i + 1];
    if (n === undefined) return this.err('Unexpected internal error', p.length);
    this.i += 2;
    const char = (code: number) => ({ kind: 'char' as const, code });
    const set = (test: Pred) => ({ kind: 'set' as const, test });
    switch (n) {
      case 'd':
        return set(isDigit);
      case 'D':
        return set(not(isDigit));
      case 'w':
        return set(isWord);
      case 'W':
        return set(not(isWord));
      case 's':
        return set(isSpace);
      case 'S':
        return set(not(isSpace));
      case 'h':
        return set(isHSpace);
      case 'H':
        return set(not(isHSpace));
      case 'v':
        return set(isVSpace);
      case 'V':
        return set(not(isVSpace));
      case 't':
        return char(9);
      case 'n':
        return char(10);
      case 'r':
        return char(13);
      case 'f':
        return char(12);
      case 'a':
        return char(7);
      case 'e':
        return char(27);
      case '0': {
        const m = /^[0-7]{1,3}/.exec(p.slice(this.i));
        if (!m) this.err('Illegal octal escape sequence', this.i);
        let digits = m[0];
        if (digits.length === 3 && digits[0]! > '3') digits = digits.slice(0, 2);
        this.i += digits.length;
        return char(Number.parseInt(digits, 8));
      }
      case 'x': {
        if (p[this.i] === '{') {
          const e = p.indexOf('}', this.i);
          const hex = e < 0 ? '' : p.slice(this.i + 1, e);
          if (!/^[0-9a-fA-F]+$/.test(hex)) this.err('Unclosed hexadecimal escape sequence', this.i);
          const cp = Number.parseInt(hex, 16);
          if (cp > 0xffff) fail('harness.Unsupported', 'supplementary code points in a regex are not supported');
          this.i = e + 1;
          return char(cp);
        }
        const hex = p.slice(this.i, this.i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.err('Illegal hexadecimal escape sequence', this.i);
        this.i += 2;
        return char(Number.parseInt(hex, 16));
      }
      case 'u': {
        const hex = p.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.err('Illegal Unicode escape sequence', this.i);
        this.i += 4;
        return char(Number.parseInt(hex, 16));
      }
      case 'c': {
        const x = p.charCodeAt(this.i);
        if (Number.isNaN(x)) this.err('Illegal control escape sequence', this.i);
        this.i++;
        return char(x ^ 64);
      }
      case 'p':
      case 'P': {
        let name: string;
        if (p[this.i] === '{') {
          const e = p.indexOf('}', this.i);
          if (e < 0) this.err('Unclosed character family', p.length);
          name = p.slice(this.i + 1, e);
          this.i = e + 1;
        } else {
          name = p[this.i] ?? '';
          this.i++;
        }
        const pred = property(name);
        if (!pred) {
          if (name.startsWith('In')) fail('harness.Unsupported', `Unicode block \\p{${name}} is not supported`);
          this.err(`Unknown character property name {${name}}`, this.i - 1);
        }
        return set(n === 'P' ? not(pred) : pred);
      }
      case 'b':
        if (inClass) break;
        return { kind: 'assert', assert: 'b' };
      case 'B':
        if (inClass) break;
        return { kind: 'assert', assert: 'B' };
      case 'A':
        if (inClass) break;
        return { kind: 'assert', assert: 'A' };
      case 'z':
        if (inClass) break;
        return { kind: 'assert', assert: 'z' };
      case 'Z':
        if (inClass) break;
        return { kind: 'assert', assert: 'Z' };
      case 'G':
        if (inClass) break;
        this.hasG = true;
        return { kind: 'assert', assert: 'G' };
      case 'R':
        if (inClass) break;
        return { kind: 'linebreak' };
      case 'k': {
        if (inClass) break;
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.i));
        if (!m) this.err("\\k is not followed by '<' for named capturing group", this.i);
        const g = this.names.get(m[1]!);
        if (g === undefined) this.err(`named capturing group <${m[1]}> does not exist`, this.i + m[0].length - 1);
        this.i += m[0].length;
        return { kind: 'backref', group: g };
      }
      default:
        break;
    }
    if (n >= '1' && n <= '9' && !inClass) {
      // Java: the longest number that names an existing group (the first digit always counts)
      let g = n.charCodeAt(0) - 48;
      while (this.i < p.length && isDigit(p.charCodeAt(this.i))) {
        const next = g * 10 + p.charCodeAt(this.i) - 48;
        if (next > this.groupCount) break;
        g = next;
        this.i++;
      }
      return { kind: 'backref', group: g };
    }
    if (/[a-zA-Z0-9]/.test(n)) return this.err('Illegal/unsupported escape sequence', at + 1);
    return char(n.charCodeAt(0));
  }
}

function and(a: Pred, b: Pred): Pred {
  return (c) => a(c) && b(c);
}

/** Minimum and maximum match length of a node (max Infinity when unbounded). */
export function lengthRange(n: Node): { min: number; max: number } {
  switch (n.t) {
    case 'char':
    case 'set':
    case 'any':
      return { min: 1, max: 1 };
    case 'assert':
    case 'look':
      return { min: 0, max: 0 };
    case 'backref':
      return { min: 0, max: Infinity };
    case 'group':
    case 'atomic':
      return lengthRange(n.body);
    case 'seq': {
      let min = 0;
      let max = 0;
      for (const x of n.items) {
        const r = lengthRange(x);
        min += r.min;
        max += r.max;
      }
      return { min, max };
    }
    case 'alt': {
      let min = Infinity;
      let max = 0;
      for (const x of n.items) {
        const r = lengthRange(x);
        min = Math.min(min, r.min);
        max = Math.max(max, r.max);
      }
      return { min, max };
    }
    case 'repeat': {
      const r = lengthRange(n.body);
      return { min: r.min * n.min, max: n.max === Infinity ? (r.max === 0 ? 0 : Infinity) : r.max * n.max };
    }
  }
}
