/**
 * YAML parsing within LIMITS (scenario files, patch files). The `yaml` library composes documents recursively and
 * checks unique keys pairwise, so deep nesting can exhaust the stack (a 12 KB file of `[` x 5000 took the server down
 * in V8's regexp compiler) and one map of 50,000 keys took 18 s. Here the library's tokenizer and parser (iterative,
 * safe on any input) run first; the nesting depth and the keys per map are checked on their tokens, and only then is
 * the document composed, without the pairwise key check (a Set does it in linear time afterwards).
 */
import {
  Composer,
  type CST,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  Parser,
  YAMLParseError,
} from 'yaml';
import type { HarnessError, Location } from './diagnostic.ts';
import { LIMITS, limitError } from './limits.ts';

/** Options of parseYamlDocument. */
export interface YamlParseOptions {
  /** Names the file in limit errors. */
  file?: string;
  /** Receives the line starts (for line/column of errors). */
  lineCounter: LineCounter;
}

const HINT = 'see "Limits" in the README';

/**
 * Parses one YAML document: throws HarnessError `limit.depth` (nesting deeper than LIMITS.yamlDepth) or `limit.keys`
 * (a map of more than LIMITS.yamlKeys keys) with line and column before anything recursive runs. Syntax errors and
 * duplicate keys are in the document's `errors`, as `parseDocument` with `uniqueKeys` would put them.
 */
export function parseYamlDocument(text: string, { file, lineCounter }: YamlParseOptions): Document.Parsed {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { ...(file ? { file } : {}), line, column: col };
  };
  checkTokens(tokens, at);
  let doc: Document.Parsed | undefined;
  for (const d of new Composer({ uniqueKeys: false }).compose(tokens, true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(
        new YAMLParseError(
          d.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      );
      break;
    }
  }
  if (!doc) throw new Error('yaml: no document composed'); // compose(…, forceDoc = true) always yields one
  checkUniqueKeys(doc);
  return doc;
}

/** Walks the parser's tokens with an explicit stack: collection nesting and keys per map. */
function checkTokens(tokens: CST.Token[], at: (offset: number) => Location): void {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const d = depth + 1;
    if (d > LIMITS.yamlDepth)
      throw limitError('depth', `YAML nested deeper than ${LIMITS.yamlDepth} levels`, at(token.offset), HINT);
    const isMapping = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
    if (isMapping && token.items.length > LIMITS.yamlKeys)
      throw limitError('keys', `a YAML map with more than ${LIMITS.yamlKeys} keys`, at(token.offset), HINT);
    for (const item of token.items as CST.CollectionItem[]) {
      if (item.key) stack.push([item.key, d]);
      if (item.value) stack.push([item.value, d]);
    }
  }
}

/** Adds a DUPLICATE_KEY error for each repeated scalar key of a map (linear: one Set per map). */
function checkUniqueKeys(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) {
            const r = key.range ?? [0, 0];
            doc.errors.push(new YAMLParseError([r[0], r[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(key.value);
        } else if (key) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
    else if (isPair(node)) stack.push(node.key, node.value);
  }
}

/**
 * The document as plain JS, with at most LIMITS.yamlAliases alias expansions (a "billion laughs" file); more throw
 * HarnessError `limit.aliases` instead of the library's untyped ReferenceError.
 */
export function yamlToJs(doc: Document.Parsed, location: Location = {}): unknown {
  try {
    return doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) throw aliasError(location);
    throw e;
  }
}

function aliasError(location: Location): HarnessError {
  return limitError(
    'aliases',
    `the YAML expands aliases (*name) more than ${LIMITS.yamlAliases} times`,
    location,
    'a "billion laughs" document: write the values out, or use fewer aliases',
  );
}
