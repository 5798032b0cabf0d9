/** Per-render state: bindings, script variables, the step budget and the output limit. */
import { BUDGET as BUDGET_, fail as fail_ } from './errors.ts';
import type { Bindings } from './types.ts';
import { Converter as Converter_, type Value } from './values.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const BUDGET = BUDGET_;
const fail = fail_;
const Converter = Converter_;

export const DEFAULT_MAX_STEPS = 100_000;
const RANDOM_UUID = (): string => crypto.randomUUID();
export const DEFAULT_MAX_OUTPUT = 1024 * 1024;

/** State shared by everything evaluated for one renderTemplate call. */
export class Ctx {
  steps = 0;
  /** Script-binding variables assigned without a declaration (`x = 5`). */
  vars: Map<string, Value> | null = null;
  readonly conv = new Converter();
  closureCount = 0;

  constructor(
    readonly bindings: Bindings,
    readonly maxSteps: number,
    readonly maxOut: number,
    private readonly clock: () => number = Date.now,
    private readonly randomUUID: () => string = RANDOM_UUID,
  ) {}

  /** The render's "now" in epoch ms. */
  now(): number {
    return this.clock();
  }

  /** The next UUID.randomUUID() string. */
  uuid(): string {
    return this.randomUUID();
  }

  /** Counts one interpreter step; fails with harness.Budget when the budget is spent. */
  step(): void {
    if (++this.steps > this.maxSteps)
      fail(BUDGET, `step budget of ${this.maxSteps} steps exhausted (runaway loop or recursion?)`);
  }

  /** Counts `n` steps at once (bulk operations on large collections). */
  steps_(n: number): void {
    this.steps += n;
    if (this.steps > this.maxSteps)
      fail(BUDGET, `step budget of ${this.maxSteps} steps exhausted (runaway loop or recursion?)`);
  }

  /** Matcher steps not yet charged (256 of them make one interpreter step). */
  private regexSteps = 0;

  /** Charges regular-expression matcher steps (the regex `Work` budget): 256 matcher steps are one step. */
  charge(n: number): void {
    this.regexSteps += n;
    if (this.regexSteps < 256) return;
    const k = Math.floor(this.regexSteps / 256);
    this.regexSteps -= k * 256;
    this.steps += k;
    if (this.steps > this.maxSteps)
      fail(
        BUDGET,
        `step budget of ${this.maxSteps} steps exhausted by regular expression matching (catastrophic backtracking?)`,
      );
  }

  /** Element comparisons not yet charged (16 of them make one interpreter step). */
  private comparisons = 0;

  /** Charges element comparisons of collection methods (intersect, minus, unique ...): 16 comparisons are a step. */
  compared(n: number): void {
    this.comparisons += n;
    if (this.comparisons >= 16) {
      this.steps_(this.comparisons >> 4);
      this.comparisons &= 15;
    }
  }

  /** Checks a string against the output limit and returns it. */
  str(s: string): string {
    const n = s.length;
    if (n > this.maxOut) fail(BUDGET, `string of ${n} characters exceeds the output limit of ${this.maxOut}`);
    // building big strings costs steps too: one per 256 characters
    if (n >= 256) this.steps_(n >> 8);
    return s;
  }

  /** Fails when a string of `n` characters would exceed the output limit. */
  reserve(n: number): void {
    if (n > this.maxOut) fail(BUDGET, `string of ${n} characters exceeds the output limit of ${this.maxOut}`);
    if (n >= 256) this.steps_(n >> 8);
  }

  /** Reads a script variable or binding; undefined when neither exists. */
  lookup(name: string): Value | undefined {
    if (this.vars !== null) {
      const v = this.vars.get(name);
      if (v !== undefined || this.vars.has(name)) return v;
    }
    if (Object.hasOwn(this.bindings, name)) return this.conv.value(this.bindings[name]);
    return undefined;
  }

  /** Assigns a script variable. */
  assign(name: string, v: Value): void {
    this.vars ??= new Map();
    this.vars.set(name, v);
  }
}
