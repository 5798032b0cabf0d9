/**
 * A segment trie router: `/workspaces/:id/users` style patterns, matched in O(path segments) per request whatever the
 * number of routes. A miss tells apart "no such path" (with the nearest known route, for the 404 message) from
 * "path known, method not" (with the allowed methods, for the 405).
 */

export type Params = Record<string, string>;

interface Node<H> {
  statics: Map<string, Node<H>>;
  param?: { name: string; node: Node<H> };
  methods: Map<string, H>;
}

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Params; pattern: string }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none'; nearest: string | undefined };

function node<H>(): Node<H> {
  return { statics: new Map(), methods: new Map() };
}

/** Splits a path into non-empty segments, so `/a/b/` and `/a/b` are the same route. */
export function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Edit distance between two strings (for "did you mean"); only computed on a miss. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export class Router<H> {
  private readonly root: Node<H> = node();
  private readonly patterns: { method: string; pattern: string }[] = [];
  private readonly patternOf = new WeakMap<Node<H>, string>();

  /** Registers a handler for a method and a pattern such as `/users/:id/permissions`. */
  add(method: string, pattern: string, handler: H): this {
    let n = this.root;
    for (const seg of segments(pattern)) {
      if (seg.startsWith(':')) {
        const name = seg.slice(1);
        if (!n.param) n.param = { name, node: node() };
        else if (n.param.name !== name) throw new Error(`router: conflicting parameter names at ${pattern}`);
        n = n.param.node;
      } else {
        let next = n.statics.get(seg);
        if (!next) {
          next = node();
          n.statics.set(seg, next);
        }
        n = next;
      }
    }
    if (n.methods.has(method)) throw new Error(`router: duplicate route ${method} ${pattern}`);
    n.methods.set(method, handler);
    this.patternOf.set(n, pattern);
    this.patterns.push({ method, pattern });
    return this;
  }

  /** All registered routes, in registration order. */
  routes(): readonly { method: string; pattern: string }[] {
    return this.patterns;
  }

  /** Finds the handler for a method and a (decoded-per-segment) path; static segments win over parameters. */
  match(method: string, path: string): RouteMatch<H> {
    const segs = segments(path);
    const params: Params = {};
    const found = this.walk(this.root, segs, 0, params);
    if (!found) return { kind: 'none', nearest: this.nearest(method, segs) };
    const handler = found.methods.get(method);
    if (handler === undefined) return { kind: 'method', allow: [...found.methods.keys()] };
    return { kind: 'found', handler, params, pattern: this.patternOf.get(found) ?? '' };
  }

  private walk(n: Node<H>, segs: string[], i: number, params: Params): Node<H> | undefined {
    if (i === segs.length) return n.methods.size > 0 ? n : undefined;
    const s = n.statics.get(segs[i]);
    if (s) {
      const hit = this.walk(s, segs, i + 1, params);
      if (hit) return hit;
    }
    if (n.param) {
      let value: string;
      try {
        value = decodeURIComponent(segs[i]);
      } catch {
        value = segs[i];
      }
      const hit = this.walk(n.param.node, segs, i + 1, params);
      if (hit) {
        params[n.param.name] = value;
        return hit;
      }
    }
    return undefined;
  }

  /** The registered route closest to a method and path, as `METHOD /pattern/{param}` (for 404 messages). */
  nearest(method: string, path: string | string[]): string | undefined {
    const segs = typeof path === 'string' ? segments(path) : path;
    let best: string | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const r of this.patterns) {
      const pat = segments(r.pattern);
      // compare segment by segment: a parameter matches anything; count differing characters otherwise
      let score = Math.abs(pat.length - segs.length) * 4;
      for (let i = 0; i < Math.min(pat.length, segs.length); i++) {
        if (!pat[i].startsWith(':')) score += editDistance(pat[i], segs[i]);
      }
      if (r.method !== method) score += 1;
      if (score < bestScore) {
        bestScore = score;
        best = `${r.method} ${r.pattern.replace(/:(\w+)/g, '{$1}')}`;
      }
    }
    return best;
  }
}
