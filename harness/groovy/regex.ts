/** Java regular expressions on JS RegExp: translation of the common syntax, split and replaceAll with Java semantics. */
import { fail } from './errors.ts';

const CACHE = new Map<string, RegExp>();

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  L: 'a-zA-Z\\u00C0-\\u024F',
  IsAlphabetic: 'a-zA-Z\\u00C0-\\u024F',
};

function syntax(desc: string, pattern: string, index: number): never {
  return fail(
    'java.util.regex.PatternSyntaxException',
    `${desc} near index ${index}\n${pattern}${index >= 0 ? `\n${' '.repeat(index)}^` : ''}`,
  );
}

/** Translates a Java regex to a JS RegExp source and flags. */
function translate(p: string): { src: string; flags: string } {
  let out = '';
  let flags = '';
  let i = 0;
  let inClass = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) syntax('Unexpected internal error', p, p.length);
      if (n === 'Q') {
        const e = p.indexOf('\\E', i + 2);
        const lit = e < 0 ? p.slice(i + 2) : p.slice(i + 2, e);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = e < 0 ? p.length : e + 2;
        continue;
      }
      if (n === 'A') {
        out += '^';
        i += 2;
        continue;
      }
      if (n === 'z') {
        out += '$';
        i += 2;
        continue;
      }
      if (n === 'Z') {
        out += '(?=\\n?$)';
        i += 2;
        continue;
      }
      if (n === 'h') {
        out += inClass ? ' \\t\\xA0' : '[ \\t\\xA0]';
        i += 2;
        continue;
      }
      if ((n === 'p' || n === 'P') && p[i + 2] === '{') {
        const e = p.indexOf('}', i + 3);
        const name = p.slice(i + 3, e).replace(/^Is/, (m) => (POSIX[p.slice(i + 3, e)] ? m : ''));
        const cls = POSIX[name] ?? POSIX[p.slice(i + 3, e)];
        if (!cls || e < 0) syntax(`Unknown character property name {${p.slice(i + 3, e)}}`, p, e);
        if (inClass) {
          if (n === 'P') fail('harness.Unsupported', 'negated \\P{..} inside a character class is not supported');
          out += cls;
        } else out += n === 'p' ? `[${cls}]` : `[^${cls}]`;
        i = e + 1;
        continue;
      }
      if (/[a-zA-Z]/.test(n) && !'dDsSwWbBntrfuxcek0123456789'.includes(n) && n !== 'G')
        syntax(`Illegal/unsupported escape sequence`, p, i + 1);
      out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') {
        syntax('Nested character classes are not supported', p, i);
      }
      if (c === '&' && p[i + 1] === '&')
        fail('harness.Unsupported', 'character class intersection (&&) is not supported');
      if (c === ']') inClass--;
      out += c === '/' ? '\\/' : c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass++;
      out += c;
      i++;
      if (p[i] === '^') {
        out += '^';
        i++;
      }
      if (p[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const m = /^\(\?([imsux]+)\)/.exec(p.slice(i));
      if (m) {
        if (i !== 0) fail('harness.Unsupported', 'inline regex flags are only supported at the start of the pattern');
        for (const f of m[1]!) if (f === 'i' || f === 'm' || f === 's') flags += f;
        i += m[0].length;
        continue;
      }
    }
    if ((c === '+' || c === '?') && i > 0 && /[*+?}]/.test(p[i - 1]!) && p[i - 2] !== '\\') {
      // possessive quantifier: approximate as greedy; lazy `?` is native
      if (c === '+') {
        i++;
        continue;
      }
    }
    out += c === '/' ? '\\/' : c;
    i++;
  }
  if (inClass) syntax('Unclosed character class', p, p.length - 1);
  return { src: out, flags };
}

/** A global JS RegExp equivalent to a Java pattern (cached); throws PatternSyntaxException. */
export function javaRegex(pattern: string): RegExp {
  const hit = CACHE.get(pattern);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  const { src, flags } = translate(pattern);
  let re: RegExp;
  try {
    re = new RegExp(src, `g${flags}`);
  } catch (e) {
    return syntax(`Invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, pattern, -1);
  }
  if (CACHE.size > 500) CACHE.clear();
  CACHE.set(pattern, re);
  return re;
}

/** Java's String.split(regex, limit). */
export function javaSplit(s: string, pattern: string, limit = 0): string[] {
  const out: string[] = [];
  // fast path like Java: a single non-meta char
  let index = 0;
  if (pattern.length === 1 && !'.$|()[{^?*+\\'.includes(pattern)) {
    let j = s.indexOf(pattern);
    if (j < 0) return [s];
    while (j >= 0) {
      if (limit > 0 && out.length === limit - 1) break;
      out.push(s.slice(index, j));
      index = j + 1;
      j = s.indexOf(pattern, index);
    }
    out.push(s.slice(index));
  } else {
    const re = javaRegex(pattern);
    let m: RegExpExecArray | null;
    let matched = false;
    re.lastIndex = 0;
    for (m = re.exec(s); m !== null; m = re.exec(s)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        re.lastIndex++;
        if (start === 0 || start >= s.length) continue;
      }
      if (limit > 0 && out.length === limit - 1) break;
      if (start === 0 && end === 0) continue;
      matched = true;
      out.push(s.slice(index, start));
      index = end;
      if (re.lastIndex > s.length) break;
    }
    if (!matched && out.length === 0) return [s];
    out.push(s.slice(index));
  }
  if (limit === 0) while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Expands a Java replacement string (`$1`, `${name}`, `\$`) for one match. */
function expandReplacement(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\') {
      i++;
      if (i >= rep.length) fail('java.lang.IllegalArgumentException', 'character to be escaped is missing');
      out += rep[i];
    } else if (c === '$') {
      i++;
      if (i >= rep.length)
        fail('java.lang.IllegalArgumentException', 'Illegal group reference: group index is missing');
      if (rep[i] === '{') {
        const e = rep.indexOf('}', i);
        const name = rep.slice(i + 1, e);
        if (e < 0 || !m.groups || !(name in m.groups))
          fail('java.lang.IllegalArgumentException', `No group with name {${name}}`);
        out += m.groups[name] ?? '';
        i = e;
        continue;
      }
      const d = rep.charCodeAt(i) - 48;
      if (d < 0 || d > 9) fail('java.lang.IllegalArgumentException', 'Illegal group reference');
      let g = d;
      if (g >= m.length) fail('java.lang.IndexOutOfBoundsException', `No group ${g}`);
      while (i + 1 < rep.length) {
        const nd = rep.charCodeAt(i + 1) - 48;
        if (nd < 0 || nd > 9 || g * 10 + nd >= m.length) break;
        g = g * 10 + nd;
        i++;
      }
      out += m[g] ?? '';
    } else out += c;
  }
  return out;
}

/** Java's replaceAll / replaceFirst. */
export function javaReplace(s: string, pattern: string, rep: string, all: boolean): string {
  const re = javaRegex(pattern);
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  for (m = re.exec(s); m !== null; m = re.exec(s)) {
    out += s.slice(last, m.index) + expandReplacement(rep, m);
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      if (m.index < s.length) out += s[m.index];
      last = m.index + 1;
      re.lastIndex = m.index + 1;
      if (m.index >= s.length) break;
    }
    if (!all) break;
  }
  if (last <= s.length) out += s.slice(last);
  return out;
}

/** Java's String.matches (whole string). */
export function javaMatches(s: string, pattern: string): boolean {
  const re = javaRegex(pattern);
  re.lastIndex = 0;
  const m = re.exec(s);
  if (m && m.index === 0 && m[0].length === s.length) return true;
  // the leftmost match may be shorter than a full match: retry anchored
  const full = new RegExp(`^(?:${re.source})$`, re.flags.replace('g', ''));
  return full.test(s);
}

/** All matches of a pattern, each as [whole, group1, ...] (for `=~`). */
export function javaFindAll(s: string, pattern: string): (string | null)[][] {
  const re = javaRegex(pattern);
  re.lastIndex = 0;
  const out: (string | null)[][] = [];
  let m: RegExpExecArray | null;
  for (m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push([...m].map((x) => x ?? null));
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
