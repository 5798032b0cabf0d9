/**
 * A membership index over interpreter values for the collection methods that compare every element with every other
 * (intersect, minus, unique, disjoint, removeAll, containsAll, `as Set`): values whose equality has a key (strings,
 * integers, BigDecimals, booleans, null) are hashed; the rest (doubles, characters, lists, maps) are compared one by
 * one, and that work is charged, so no such method runs quadratic and unbounded.
 */
import { BUDGET, fail } from './errors.ts';
import { JBigDecimal, JBigInteger, JLong } from './numbers.ts';
import { groovyEquals, javaEquals, type Value } from './values.ts';

/** Groovy `==` (DefaultTypeTransformation.compareEqual, also NumberAwareComparator's 0) or Java `equals`. */
export type Equality = 'groovy' | 'java';

/** Comparisons a membership check may make without a render context. */
const DEFAULT_COMPARISONS = 10_000_000;

/** Charges `n` comparisons; throws harness.Budget when spent. */
export type Charge = (n: number) => void;

/** A standalone comparison budget. */
export function comparisonBudget(max = DEFAULT_COMPARISONS): Charge {
  let used = 0;
  return (n) => {
    used += n;
    if (used > max) fail(BUDGET, `collection comparison work exceeded ${max} comparisons`);
  };
}

/** Normalized decimal value of an exact number: unscaled digits without trailing zeros and the power of ten. */
function exactKey(u: bigint, s: number): string {
  if (u === 0n) return 'n0';
  while (u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return `n${u}e${-s}`;
}

/** exactKey of an int without bigint arithmetic. */
function intKey(v: number): string {
  if (v === 0) return 'n0';
  let e = 0;
  while (v % 10 === 0) {
    v /= 10;
    e++;
  }
  return `n${v}e${e}`;
}

/** The hash key of a value under an equality, or undefined when it must be compared one by one. */
function keyOf(v: Value, eq: Equality): string | undefined {
  if (v === null) return 'z';
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'b1' : 'b0';
    case 'number':
      return eq === 'groovy' ? intKey(v) : `i${v}`;
  }
  if (eq === 'groovy') {
    if (v instanceof JLong || v instanceof JBigInteger) return exactKey(v.v, 0);
    if (v instanceof JBigDecimal) return exactKey(v.u, v.s);
    // Double compares as double (not transitive with BigDecimal), Character equals both numbers and strings
    return undefined;
  }
  if (v instanceof JLong) return `l${v.v}`;
  if (v instanceof JBigInteger) return `g${v.v}`;
  if (v instanceof JBigDecimal) return `d${v.u}/${v.s}`;
  return undefined;
}

/** A set of values under Groovy or Java equality. */
export class ValueSet {
  private readonly keyed = new Map<string, Value>();
  private readonly others: Value[] = [];
  private readonly equals: (a: Value, b: Value) => boolean;

  constructor(
    private readonly eq: Equality,
    private readonly charge: Charge = comparisonBudget(),
    items?: Iterable<Value>,
  ) {
    this.equals = eq === 'groovy' ? groovyEquals : javaEquals;
    if (items) for (const x of items) this.add(x);
  }

  /** Number of distinct values. */
  get size(): number {
    return this.keyed.size + this.others.length;
  }

  /** True when an equal value is in the set. */
  has(v: Value): boolean {
    const k = keyOf(v, this.eq);
    if (k !== undefined && this.keyed.has(k)) return true;
    const eq = this.equals;
    if (this.others.length > 0) {
      this.charge(this.others.length);
      for (const x of this.others) if (eq(x, v)) return true;
    }
    if (k === undefined && this.keyed.size > 0) {
      this.charge(this.keyed.size);
      for (const x of this.keyed.values()) if (eq(x, v)) return true;
    }
    return false;
  }

  /** Adds a value unless an equal one is present; true when it was added. */
  add(v: Value): boolean {
    if (this.has(v)) return false;
    const k = keyOf(v, this.eq);
    if (k !== undefined) this.keyed.set(k, v);
    else this.others.push(v);
    return true;
  }
}
