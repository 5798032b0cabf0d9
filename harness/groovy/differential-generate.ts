/**
 * Generated corpus for the differential test: well-typed-ish Groovy expressions over the `generated` binding sets of
 * fixtures/groovy/bindings.json (s, e, n, i, j, z, big, csv, path, l, sl, nl, m, nested, user, t, f). fast-check with
 * a fixed seed, so every run (and CI) sees the same expressions. No loops, no huge strings, no sandbox probes: these
 * go to real Groovy.
 */
import fc from 'fast-check';

/** One generated template and the binding set it is evaluated with. */
export interface GeneratedCase {
  template: string;
  bindingsId: 'g1' | 'g2';
}

type Arb = fc.Arbitrary<string>;

/** Parenthesises a compound expression; a plain name or path stays bare (`(l)[1]` would parse as a cast). */
const p = (s: string) => (/^[A-Za-z_][\w.]*$/.test(s) ? s : `(${s})`);

/** Small int literals (negative ones parenthesised so `a - -1` stays well-formed). */
const smallInt: Arb = fc.integer({ min: -3, max: 12 }).map((n) => (n < 0 ? `(${n})` : String(n)));
const intLit: Arb = fc.oneof(
  smallInt,
  fc.integer({ min: -1000, max: 100000 }).map((n) => (n < 0 ? `(${n})` : String(n))),
  fc.constantFrom('2147483647', '0', '1', '10L', '3000000000'),
);
const decLit: Arb = fc.constantFrom('1.5', '0.1', '2.50', '10.0', '0.333', '1e3', '1.0E-2', '100.125', '3.0d', '2.5f');
const strLit: Arb = fc.constantFrom(
  "'abc'",
  "'Hello World'",
  "''",
  "' padded  '",
  "'a,b,,c'",
  '"dq"',
  "'x-y_z'",
  "'ÄÖü straße'",
  "'MiXeD'",
  "'a.b.c'",
  "'line\\nbreak'",
  "'tab\\tsep'",
  "'50%'",
  "'it\\'s'",
  '"quote\\"d"',
  "'ada@example.com'",
  "'  '",
  "'null'",
  "'true'",
  "'12'",
);
const regexLit: Arb = fc.constantFrom(
  "','",
  "'\\\\.'",
  "'/'",
  "'\\\\s+'",
  "'[aeiou]'",
  "''",
  "'o'",
  "',+'",
  "'\\\\|'",
  "'x*'",
);
const stringVar: Arb = fc.constantFrom(
  's',
  'e',
  'csv',
  'path',
  'user.firstname',
  'user.email',
  'user.lastname',
  "user['email']",
  'm.b',
  'nested.inner.v',
);
const nullish: Arb = fc.constantFrom(
  'n',
  'user.middlename',
  'user?.middlename',
  'm.c',
  'nested.inner?.v',
  'm.zz',
  'user.nosuch',
);
const intVar: Arb = fc.constantFrom('i', 'j', 'z', 'big', 'm.a', 'l.size()', 's.length()', 'l[0]', 'sl.size()');
const listVar: Arb = fc.constantFrom(
  'l',
  'sl',
  'nl',
  '[1, 2, 3]',
  "['x', 'y']",
  '[]',
  "[1, 'a', null, true]",
  'nested.inner.list',
);
const mapVar: Arb = fc.constantFrom(
  'm',
  '[:]',
  "[a: 1, b: 'x']",
  "['k-1': 'v', k2: [1, 2]]",
  'nested',
  'nested.inner',
  'user',
);

/** A date as epoch ms (1906-2100), a Long literal. */
const epochMs: Arb = fc
  .integer({ min: -2_000_000_000, max: 4_102_444_800 })
  .chain((sec) => fc.integer({ min: 0, max: 999 }).map((ms) => `${sec * 1000 + ms}L`));
const simplePattern: Arb = fc.constantFrom(
  "'yyyy-MM-dd'",
  `"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"`,
  "'EEE, d MMM yyyy HH:mm:ss Z'",
  "'D F u k K w W a h'",
  "'yy MMMM EEEE S'",
  "'yyyyMMddHHmmss'",
  "'dd/MM/yyyy hh:mm a z'",
);
const timePattern: Arb = fc.constantFrom(
  "'yyyy-MM-dd HH:mm:ss'",
  "'uuuu-MM-dd'",
  "'dd MMM yyyy'",
  "'HH:mm:ss.SSS'",
  "'EEEE d MMMM yyyy h a'",
  "'D'",
);
/** Date, SimpleDateFormat and java.time expressions over fixed instants (the clock-independent part of issue 13). */
const dateStr: Arb = fc.oneof(
  fc.tuple(epochMs, simplePattern).map(([t, f]) => `new Date(${t}).format(${f})`),
  fc.tuple(epochMs, fc.integer({ min: -400, max: 400 })).map(([t, n]) => `(new Date(${t}) + ${n}).toString()`),
  fc.tuple(epochMs, simplePattern).map(([t, f]) => `new java.text.SimpleDateFormat(${f}).format(new Date(${t}))`),
  epochMs.map((t) => `java.time.Instant.ofEpochMilli(${t}).toString()`),
  fc
    .tuple(
      fc.integer({ min: 1970, max: 2100 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.constantFrom('plusDays', 'minusMonths', 'plusYears', 'plusHours', 'minusMinutes', 'plusWeeks'),
      fc.integer({ min: -500, max: 500 }),
      timePattern,
    )
    .map(
      ([y, mo, d, h, mi, unit, n, f]) =>
        `java.time.LocalDateTime.of(${y}, ${mo}, ${d}, ${h}, ${mi}).${unit}(${n}).format(java.time.format.DateTimeFormatter.ofPattern(${f}))`,
    ),
  fc
    .tuple(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .chain(([y, mo, d]) =>
      fc
        .integer({ min: -30, max: 30 })
        .map((n) => `java.time.LocalDate.of(${y}, ${mo}, ${d}).plusMonths(${n}).toString()`),
    ),
);

/** Builds the recursive arbitraries, depth-limited. */
function build() {
  const cache = new Map<string, Arb>();
  const memo = (key: string, make: () => Arb): Arb => {
    let a = cache.get(key);
    if (!a) {
      a = make();
      cache.set(key, a);
    }
    return a;
  };

  const int = (d: number): Arb =>
    memo(`int${d}`, () => {
      if (d <= 0) return fc.oneof(intLit, intVar);
      const a = int(d - 1);
      const s = str(d - 1);
      return fc.oneof(
        { weight: 3, arbitrary: fc.oneof(intLit, intVar) },
        fc
          .tuple(a, fc.constantFrom('+', '-', '*', '%', '/', 'intdiv'), a)
          .map(([x, op, y]) => (op === 'intdiv' ? `${p(x)}.intdiv(${y})` : p(`${x} ${op} ${y}`))),
        fc.tuple(a, a).map(([x, y]) => `Math.addExact(${x}, ${y})`),
        fc.tuple(a, a).map(([x, y]) => `Math.max(${x}, ${y})`),
        fc.tuple(a).map(([x]) => `Math.abs(${x})`),
        a.map((x) => `-${p(x)}`),
        s.map((x) => `${p(x)}.length()`),
        s.map((x) => `${p(x)}.size()`),
        fc.tuple(s, strLit).map(([x, y]) => `${p(x)}.indexOf(${y})`),
        fc.constantFrom("Integer.parseInt('12')", "Integer.parseInt('x1')", "Integer.valueOf('7')", "'42'.toInteger()"),
        list(d - 1).map((x) => `${p(x)}.size()`),
        decLit,
        fc.tuple(decLit, fc.constantFrom('+', '-', '*', '/'), a).map(([x, op, y]) => p(`${x} ${op} ${y}`)),
      );
    });

  const str = (d: number): Arb =>
    memo(`str${d}`, () => {
      if (d <= 0) return fc.oneof(strLit, stringVar);
      const s = str(d - 1);
      const i = int(d - 1);
      const b = bool(d - 1);
      return fc.oneof(
        { weight: 4, arbitrary: fc.oneof(strLit, stringVar) },
        dateStr,
        fc
          .tuple(
            s,
            fc.constantFrom('toLowerCase()', 'toUpperCase()', 'trim()', 'capitalize()', 'reverse()', 'toString()'),
          )
          .map(([x, m]) => `${p(x)}.${m}`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)}.substring(${n})`),
        fc.tuple(s, smallInt, smallInt).map(([x, a, c]) => `${p(x)}.substring(${a}, ${c})`),
        fc.tuple(s, strLit, strLit).map(([x, a, c]) => `${p(x)}.replace(${a}, ${c})`),
        fc.tuple(s, regexLit, strLit).map(([x, a, c]) => `${p(x)}.replaceAll(${a}, ${c})`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)}.take(${n})`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)}.drop(${n})`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)}.padLeft(${n})`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)}.padLeft(${n}, '0')`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)}.charAt(${n})`),
        fc.tuple(s, s).map(([x, y]) => p(`${x} + ${y}`)),
        fc.tuple(s, i).map(([x, y]) => p(`${x} + ${y}`)),
        fc.tuple(i, s).map(([x, y]) => p(`${x} + ${y}`)),
        fc.tuple(s, regexLit, smallInt).map(([x, r, n]) => `${p(x)}.split(${r})[${n}]`),
        fc.tuple(s, strLit).map(([x, t]) => `${p(x)}.tokenize(${t}).join('|')`),
        i.map((x) => `String.valueOf(${x})`),
        i.map((x) => `(${x} as String)`),
        i.map((x) => `${p(x)}.toString()`),
        fc.tuple(b, s, s).map(([c, x, y]) => p(`${c} ? ${x} : ${y}`)),
        fc.tuple(nullish, s).map(([x, y]) => p(`${x} ?: ${y}`)),
        fc.tuple(s, s).map(([x, y]) => p(`${x} ?: ${y}`)),
        nullish.map((x) => `${x}?.toUpperCase()`),
        nullish.map((x) => `${x}.toUpperCase()`),
        nullish.map((x) => p(`${x} == null ? '' : ${x}.toLowerCase()`)),
        fc.tuple(s, i).map(([x, y]) => `String.format('%s-%d', ${x}, ${y})`),
        s.map((x) => `URLEncoder.encode(${x}, 'UTF-8')`),
        s.map((x) => `${p(x)}.bytes.encodeBase64().toString()`),
        list(d - 1).map((x) => `${p(x)}.join(',')`),
        list(d - 1).map((x) => `${p(x)}.toString()`),
        fc.tuple(s, smallInt).map(([x, n]) => `${p(x)} * ${Math.abs(Number(n.replace(/[()]/g, '')))}`),
      );
    });

  const bool = (d: number): Arb =>
    memo(`bool${d}`, () => {
      const base = fc.constantFrom(
        't',
        'f',
        'true',
        'false',
        'n',
        "'false'",
        "''",
        '0',
        '1',
        '[]',
        '[:]',
        'm',
        'l',
        's',
        'e',
      );
      if (d <= 0) return base;
      const s = str(d - 1);
      const i = int(d - 1);
      const b = bool(d - 1);
      return fc.oneof(
        { weight: 3, arbitrary: base },
        fc.tuple(s, fc.constantFrom('==', '!=', '<', '>=', '<=>'), s).map(([x, op, y]) => p(`${x} ${op} ${y}`)),
        fc.tuple(i, fc.constantFrom('==', '!=', '<', '>', '<=', '>='), i).map(([x, op, y]) => p(`${x} ${op} ${y}`)),
        fc.tuple(nullish, fc.constantFrom('== null', '!= null')).map(([x, op]) => p(`${x} ${op}`)),
        fc
          .tuple(s, fc.constantFrom('contains', 'startsWith', 'endsWith', 'equalsIgnoreCase', 'equals'), s)
          .map(([x, m, y]) => `${p(x)}.${m}(${y})`),
        s.map((x) => `${p(x)}.isEmpty()`),
        b.map((x) => `!${p(x)}`),
        fc.tuple(b, fc.constantFrom('&&', '||'), b).map(([x, op, y]) => p(`${x} ${op} ${y}`)),
        fc.tuple(i, listVar).map(([x, y]) => p(`${x} in ${y}`)),
        fc.tuple(strLit, mapVar).map(([k, m]) => `${p(m)}.containsKey(${k})`),
        listVar.map((x) => `${p(x)}.any { it == 2 }`),
        listVar.map((x) => `${p(x)}.every { it != null }`),
        s.map((x) => `(${x} as boolean)`),
      );
    });

  const list = (d: number): Arb =>
    memo(`list${d}`, () => {
      if (d <= 0) return listVar;
      const s = str(d - 1);
      const i = int(d - 1);
      const l = list(d - 1);
      return fc.oneof(
        { weight: 3, arbitrary: listVar },
        fc.tuple(i, i).map(([x, y]) => `[${x}, ${y}]`),
        fc.tuple(s, s).map(([x, y]) => `[${x}, ${y}]`),
        l.map((x) => `${p(x)}.collect { it == null ? 'null!' : it.toString() + '!' }`),
        l.map((x) => `${p(x)}.findAll { it != null }`),
        l.map((x) => `${p(x)}.collect { it }.reverse()`),
        fc.tuple(s, regexLit).map(([x, r]) => `${p(x)}.split(${r})`),
        fc.tuple(s, regexLit).map(([x, r]) => `${p(x)}.split(${r}).toList()`),
        fc.tuple(s, strLit).map(([x, t]) => `${p(x)}.tokenize(${t})`),
        fc.tuple(l, l).map(([x, y]) => p(`${x} + ${y}`)),
        fc.tuple(l, smallInt).map(([x, n]) => `${p(x)}.take(${n})`),
        mapVar.map((x) => `${p(x)}.keySet()`),
        mapVar.map((x) => `${p(x)}.values()`),
        fc.constantFrom(
          'sl.sort()',
          'sl.unique()',
          'l.sort()',
          'sl.collect { it.toUpperCase() }',
          'l.eachWithIndex { v, k -> v }',
        ),
      );
    });

  const map = (d: number): Arb =>
    memo(`map${d}`, () => {
      if (d <= 0) return mapVar;
      const s = str(d - 1);
      const i = int(d - 1);
      return fc.oneof(
        { weight: 2, arbitrary: mapVar },
        fc.tuple(s, i).map(([x, y]) => `[k: ${x}, n: ${y}]`),
        mapVar.map((x) => `${p(x)}.findAll { k, v -> v != null }`),
      );
    });

  const anyExpr = (d: number): Arb =>
    memo(`any${d}`, () =>
      d <= 0
        ? fc.oneof(str(0), int(0), bool(0), list(0), map(0))
        : fc.oneof(
            { weight: 4, arbitrary: str(d) },
            { weight: 3, arbitrary: int(d) },
            { weight: 2, arbitrary: bool(d) },
            { weight: 2, arbitrary: list(d) },
            { weight: 1, arbitrary: map(d) },
            fc.tuple(list(d - 1), smallInt).map(([x, n]) => `${p(x)}[${n}]`),
            fc.tuple(list(d - 1), smallInt).map(([x, n]) => `${p(x)}.get(${n})`),
            list(d - 1).map((x) => `${p(x)}.first()`),
            list(d - 1).map((x) => `${p(x)}.last()`),
            fc.tuple(mapVar, strLit).map(([m, k]) => `${p(m)}[${k}]`),
            fc.tuple(mapVar, strLit).map(([m, k]) => `${p(m)}.get(${k})`),
            fc.constantFrom('l.sum()', 'l.find { it > 1 }', "sl.join(',')", 'nl.sum()', 'l*.toString()', 'm.size()'),
            nullish,
            fc.tuple(bool(d - 1), anyExpr(d - 1), anyExpr(d - 1)).map(([c, x, y]) => p(`${c} ? ${x} : ${y}`)),
          ),
    );

  /** Statement blocks (only valid as a whole placeholder): declarations, assignment, if/else, bounded loops. */
  const block = (d: number): Arb =>
    memo(`block${d}`, () => {
      const s = str(d);
      const i = int(d);
      const l = list(d);
      return fc.oneof(
        fc.tuple(s, i).map(([x, y]) => `String v = ${x}; def k = ${y}; if (k > 3) { return v } else { return v + k }`),
        fc.tuple(s, i).map(([x, y]) => `def r = ${x}; r = r + ${y}; return r`),
        fc.tuple(s, i).map(([x, y]) => `Map t = new HashMap(); t.put('a', ${x}); t.put('b', ${y}); return t`),
        l.map((x) => `List acc = []; for (x in ${x}) { acc.add(x) }; return acc.join('-')`),
        l.map((x) => `def r = []; ${p(x)}.eachWithIndex { v, k -> r.add(k + ':' + v) }; r`),
        fc
          .tuple(s, smallInt)
          .map(([x, n]) => `def out = ''; for (int k = 0; k < ${n}; k++) { out = out + ${x} }; return out`),
        fc.tuple(l, s).map(([x, y]) => `for (def it2 : ${x}) { if (it2 != null) { return it2 } }; return ${y}`),
        s.map((x) => `if (${x}) { return 'yes' } else if (n) { return 'n' } else { return 'no' }`),
        fc.tuple(s).map(([x]) => `String[] parts = ${p(x)}.split(','); return parts.length`),
      );
    });

  return { anyExpr, block };
}

/** Wraps expressions into templates: mostly one bare `${...}`, sometimes with text or two placeholders. */
function template(anyExpr: (d: number) => Arb, block: (d: number) => Arb): fc.Arbitrary<string> {
  const e = fc.integer({ min: 1, max: 3 }).chain((d) => anyExpr(d));
  return fc.oneof(
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 0, max: 2 })
        .chain((d) => block(d))
        .map((x) => `\${${x}}`),
    },
    { weight: 6, arbitrary: e.map((x) => `\${${x}}`) },
    { weight: 2, arbitrary: fc.tuple(e, e).map(([x, y]) => `{"a":"\${${x}}","b":\${${y}}}`) },
    { weight: 1, arbitrary: e.map((x) => `https://h.example/api/\${${x}}/x?$q=1`) },
  );
}

/** The generated corpus: `count` distinct cases, deterministic for a given seed. */
export function generateCases(count: number, seed = 20240615): GeneratedCase[] {
  const { anyExpr, block } = build();
  const arb = fc.tuple(template(anyExpr, block), fc.constantFrom<'g1' | 'g2'>('g1', 'g2'));
  const seen = new Set<string>();
  const out: GeneratedCase[] = [];
  let round = 0;
  while (out.length < count && round < 20) {
    for (const [t, b] of fc.sample(arb, { seed: seed + round, numRuns: Math.ceil((count - out.length) * 1.3) + 10 })) {
      const key = `${b}\u0000${t}`;
      if (seen.has(key) || t.length > 2000) continue;
      seen.add(key);
      out.push({ template: t, bindingsId: b });
      if (out.length >= count) break;
    }
    round++;
  }
  return out;
}
