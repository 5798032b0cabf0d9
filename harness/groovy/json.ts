/** JSON for the allow-listed JSON classes: Jackson's ObjectMapper, Groovy's JsonOutput/JsonBuilder and JsonSlurper. */
import { fail } from './errors.ts';
import { isNumber, JLong, numberToString, parseBigDecimal } from './numbers.ts';
import {
  checkBuilt,
  formatValue,
  GClosure,
  GMap,
  JBytes,
  JChar,
  JMapEntry,
  JObject,
  JRange,
  LAZY_MAP,
  type Value,
} from './values.ts';

function hex4(c: number, upper: boolean): string {
  const h = c.toString(16).padStart(4, '0');
  return upper ? h.toUpperCase() : h;
}

function quote(s: string, dialect: 'jackson' | 'groovy'): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c < 32) {
      if (c === 10) out += '\\n';
      else if (c === 13) out += '\\r';
      else if (c === 9) out += '\\t';
      else if (c === 8) out += '\\b';
      else if (c === 12) out += '\\f';
      else out += `\\u${hex4(c, dialect === 'jackson')}`;
    } else if (dialect === 'groovy' && c > 126) out += `\\u${hex4(c, false)}`;
    else out += s[i];
  }
  return `${out}"`;
}

function base64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

function built(s: string): string {
  checkBuilt(s.length);
  return s;
}

/** Serializes a value as compact JSON (Jackson's writeValueAsString or Groovy's JsonOutput.toJson). */
export function toJson(v: Value, dialect: 'jackson' | 'groovy', depth = 0): string {
  if (depth > 1000)
    fail('com.fasterxml.jackson.databind.JsonMappingException', 'Infinite recursion (StackOverflowError)');
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v, dialect);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isNumber(v)) return numberToString(v);
  if (Array.isArray(v)) return built(`[${v.map((x) => toJson(x, dialect, depth + 1)).join(',')}]`);
  if (v instanceof JRange) return toJson(v.toList(), dialect, depth + 1);
  if (v instanceof GMap)
    return built(
      `{${v
        .entries()
        .map(([k, x]) => `${quote(formatValue(k), dialect)}:${toJson(x, dialect, depth + 1)}`)
        .join(',')}}`,
    );
  if (v instanceof JChar) return quote(v.c, dialect);
  if (v instanceof JBytes) return dialect === 'jackson' ? `"${base64(v.b)}"` : `[${[...v.b].join(',')}]`;
  if (v instanceof JMapEntry) return `{${quote(formatValue(v.key), dialect)}:${toJson(v.value, dialect, depth + 1)}}`;
  if (v instanceof JObject && typeof v.state === 'string') return quote(v.state, dialect);
  if (v instanceof GClosure) return fail('harness.Unsupported', 'serializing a closure to JSON is not supported');
  return dialect === 'jackson'
    ? fail(
        'com.fasterxml.jackson.databind.exc.InvalidDefinitionException',
        `No serializer found for class ${v instanceof JObject ? v.cls : 'java.lang.Object'}`,
      )
    : quote(formatValue(v), dialect);
}

/**
 * Parses JSON text as Groovy 2.4's JsonSlurper does: objects are LazyMaps (in document order, as on EIC's Java 8),
 * decimals BigDecimal, integers Integer when in range and otherwise Long, wrapping past 64 bits as its parser does;
 * stray commas inside an object are skipped (`{"a":1,}` and `{,}` parse).
 */
export function parseJson(text: string): Value {
  let i = 0;
  const bad = (what: string): never =>
    fail(
      'groovy.json.JsonException',
      `Unable to determine the current character, it is not a string, number, array, or object\n\nThe current character read is '${text[i] ?? 'EOF'}' with an int value of ${text.charCodeAt(i) || -1}\n${what}`,
    );
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  /** JsonParserCharArray's complaint: its first line, then the character it stopped at. */
  const complain = (first: string, at: number): never => {
    const ch = text[at] ?? '';
    return fail(
      'groovy.json.JsonException',
      `${first}\n\nThe current character read is '${ch}' with an int value of ${text.charCodeAt(at) || -1}\n${first}`,
    );
  };
  /** After a member of an array of `size` members or an object: `,` (false: another follows) or the closing bracket (true). */
  const closes = (close: ']' | '}', size: number): boolean => {
    ws();
    if (text[i] === ',') {
      i++;
      return false;
    }
    if (text[i] === close) {
      i++;
      return true;
    }
    if (close === ']') {
      if (i >= text.length) complain('issue parsing JSON array', text.length - 1);
      const c = text.charCodeAt(i);
      complain(
        `expecting a ',' or a ']',  but got \nthe current character of  '${text[i]}' with an int value of ${c}  on array index of ${size} `,
        i,
      );
    }
    return badObject();
  };
  /** An object member or its end was expected (at the end of the text Groovy 2.4 names the last character read). */
  const badObject = (): never => {
    const at = Math.min(i, text.length - 1);
    return complain(
      `expecting '}' or ',' but got current char '${text[at]}' with an int value of ${text.charCodeAt(at)}`,
      at,
    );
  };
  const value = (depth: number): Value => {
    if (depth > 500) bad('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const m = new GMap(LAZY_MAP);
      for (;;) {
        ws();
        while (text[i] === ',') {
          i++;
          ws();
        }
        if (text[i] === '}') {
          i++;
          return m;
        }
        if (text[i] !== '"') badObject();
        const k = str();
        ws();
        if (text[i] !== ':') bad("expected ':'");
        i++;
        m.set(k, value(depth + 1));
        if (closes('}', m.size)) return m;
      }
    }
    if (c === '[') {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        if (closes(']', a.length)) return a;
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return bad('unexpected character');
    i += m[0].length;
    if (m[1] || m[2]) return parseBigDecimal(m[0])!;
    const n = BigInt(m[0]);
    return n >= -2147483648n && n <= 2147483647n ? Number(n) : new JLong(BigInt.asIntN(64, n));
  };
  const str = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) bad('unterminated string');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          b: '\b',
          f: '\f',
          '"': '"',
          '\\': '\\',
          '/': '/',
        };
        if (e === 'u') {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += map[e ?? ''] ?? e ?? '';
          i += 2;
        }
        continue;
      }
      out += c;
      i++;
    }
  };
  if (text.trim() === '') fail('java.lang.IllegalArgumentException', 'Text must not be null or empty');
  const v = value(0);
  ws();
  if (i < text.length) bad('trailing characters');
  return v;
}
