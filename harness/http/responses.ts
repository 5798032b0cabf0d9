/**
 * The `response` binding: each call's result registered as `response.<name>` and, when a name repeats in the call
 * list, also as `<name><k>` (k = 1-based index among the calls with that name), e.g. `response.Role1.message`.
 */

/** What a call leaves in `response.<name>`: `message` is the parsed body (the raw text when it is not JSON). */
export interface ResponseEntry {
  message: unknown;
  statusCode: number;
  headers: Record<string, string>;
}

/** Parses a body as JSON when it looks like JSON; otherwise returns the text (empty body → null). */
export function parseBody(text: string): unknown {
  if (text === '') return null;
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[') || t === 'null' || t === 'true' || t === 'false' || /^-?\d/.test(t)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Tracks call names of one JSON's call list so repeated names get their indexed aliases. */
export class ResponseRegistry {
  readonly response: Record<string, ResponseEntry> = {};
  private readonly seen = new Map<string, number>();
  private readonly repeated: Set<string>;

  /** `names` is the full list of call names that will run (to know which names repeat). */
  constructor(names: readonly string[] = []) {
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    this.repeated = new Set([...counts].filter(([, c]) => c > 1).map(([n]) => n));
  }

  /** Registers a call's response under its name (and `<name><k>` when the name repeats); returns the keys used. */
  register(name: string, entry: ResponseEntry): string[] {
    const k = (this.seen.get(name) ?? 0) + 1;
    this.seen.set(name, k);
    this.response[name] = entry;
    const keys = [name];
    if (this.repeated.has(name)) {
      this.response[`${name}${k}`] = entry;
      keys.push(`${name}${k}`);
    }
    return keys;
  }
}
