/**
 * Java regular expressions compiled to a small backtracking program for regex-vm.ts: the syntax tree of
 * regex-syntax.ts becomes instructions (counted repetitions expanded, possessive quantifiers as atomic groups,
 * lookaround and atomic bodies as sub-programs). Patterns too large to expand fail with harness.Budget.
 */
import { BUDGET, fail } from './errors.ts';
import {
  type AssertKind,
  caseVariants,
  lengthRange,
  type Node,
  Parser,
  type PatternFlags,
  type Pred,
} from './regex-syntax.ts';

export type { AssertKind, PatternFlags } from './regex-syntax.ts';
export { equalsIgnoreCase } from './regex-syntax.ts';

export const OP_CHAR = 0;
export const OP_CHARI = 1;
export const OP_SET = 2;
export const OP_ANY = 3;
export const OP_SPLIT = 4;
export const OP_JMP = 5;
export const OP_SAVE = 6;
export const OP_ASSERT = 7;
export const OP_LOOK = 8;
export const OP_ATOMIC = 9;
export const OP_BACKREF = 10;
export const OP_MATCH = 11;
export const OP_SUBMATCH = 12;
export const OP_MARK = 13;
/** After a loop body: when it consumed nothing, leave the loop (next instruction), else jump to the loop head `y`. */
export const OP_CHKPROG = 14;

/** One instruction. `x`/`y` are jump targets or operands depending on `op`. */
export interface Inst {
  op: number;
  x: number;
  y: number;
  /** OP_CHAR / OP_CHARI: the code unit(s); OP_BACKREF: case-insensitive flag (1). */
  c: number;
  c2: number;
  test?: Pred;
  /** OP_ASSERT: kind; OP_ANY: dotall/unixLines in `c`/`c2`. */
  kind?: AssertKind;
  multiline?: boolean;
  unixLines?: boolean;
  sub?: SubProgram;
  /** Registers of the progress-checked loops enclosing this instruction (part of the memo key). */
  enc?: number[];
}

/** A lookaround or atomic body, compiled after the main program and ending in OP_SUBMATCH. */
export interface SubProgram {
  id: number;
  start: number;
  kind: 'ahead' | 'behind' | 'atomic';
  negate: boolean;
  minLen: number;
  maxLen: number;
  /** Capture slots written inside the body: [from, to). */
  slot0: number;
  slot1: number;
}

/** A compiled pattern: the program, its group count and names, and how it may be matched. */
export interface Program {
  pattern: string;
  insts: Inst[];
  groups: number;
  names: Map<string, number>;
  subs: SubProgram[];
  /**
   * Backreferences or \G make the outcome depend on more than (instruction, position, which enclosing loop
   * iterations are still empty): no memoization.
   */
  memoizable: boolean;
  /** Deepest nesting of progress-checked loops (the memo key has one bit per level). */
  depth: number;
  /** A literal first character that every match starts with (search skips ahead with indexOf), or -1. */
  firstChar: number;
  /** Registers used by loop progress checks. */
  loops: number;
}

/** Largest program the harness compiles (counted repetitions are expanded). */
export const MAX_PROGRAM = 20_000;

class Compiler {
  readonly insts: Inst[] = [];
  readonly subs: SubProgram[] = [];
  private pending: { sub: SubProgram; body: Node }[] = [];

  /** Registers of the progress-checked loops being compiled (innermost last). */
  private active: number[] = [];
  depth = 0;

  constructor(private readonly pattern: string) {}

  private emit(op: number, x = 0, y = 0): number {
    if (this.insts.length >= MAX_PROGRAM)
      fail(
        BUDGET,
        `regular expression /${this.pattern.length > 60 ? `${this.pattern.slice(0, 60)}…` : this.pattern}/ compiles to more than ${MAX_PROGRAM} instructions (counted repetition too large for the harness)`,
      );
    const ins: Inst = { op, x, y, c: 0, c2: 0 };
    if (this.active.length > 0) ins.enc = [...this.active];
    this.insts.push(ins);
    return this.insts.length - 1;
  }

  private loopId = 0;

  compile(n: Node): void {
    switch (n.t) {
      case 'char': {
        if (n.ci) {
          const v = caseVariants(n.c, n.uc);
          const k = this.emit(OP_CHARI);
          this.insts[k]!.c = v[0]!;
          this.insts[k]!.c2 = v[1] ?? v[0]!;
          if (v.length > 2) {
            this.insts[k]!.op = OP_SET;
            const vs = v;
            this.insts[k]!.test = (c) => vs.includes(c);
          }
        } else this.insts[this.emit(OP_CHAR)]!.c = n.c;
        return;
      }
      case 'set':
        this.insts[this.emit(OP_SET)]!.test = n.test;
        return;
      case 'any': {
        const k = this.emit(OP_ANY);
        this.insts[k]!.c = n.dotall ? 1 : 0;
        this.insts[k]!.c2 = n.unixLines ? 1 : 0;
        return;
      }
      case 'seq':
        for (const x of n.items) this.compile(x);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let i = 0; i < n.items.length; i++) {
          if (i < n.items.length - 1) {
            const split = this.emit(OP_SPLIT);
            this.insts[split]!.x = split + 1;
            this.compile(n.items[i]!);
            jumps.push(this.emit(OP_JMP));
            this.insts[split]!.y = this.insts.length;
          } else this.compile(n.items[i]!);
        }
        for (const j of jumps) this.insts[j]!.x = this.insts.length;
        return;
      }
      case 'group':
        this.emit(OP_SAVE, n.index * 2);
        this.compile(n.body);
        this.emit(OP_SAVE, n.index * 2 + 1);
        return;
      case 'assert': {
        const k = this.emit(OP_ASSERT);
        const ins = this.insts[k]!;
        ins.kind = n.kind;
        ins.multiline = n.multiline;
        ins.unixLines = n.unixLines;
        return;
      }
      case 'backref': {
        const k = this.emit(OP_BACKREF, n.index);
        this.insts[k]!.c = n.ci ? 1 : 0;
        this.insts[k]!.c2 = n.uc ? 1 : 0;
        return;
      }
      case 'look':
      case 'atomic': {
        const sub: SubProgram = {
          id: this.subs.length,
          start: -1,
          kind: n.t === 'atomic' ? 'atomic' : n.ahead ? 'ahead' : 'behind',
          negate: n.t === 'look' && n.negate,
          minLen: lengthRange(n.body).min,
          maxLen: lengthRange(n.body).max,
          ...slotRange(n.body),
        };
        this.subs.push(sub);
        this.pending.push({ sub, body: n.body });
        const k = this.emit(n.t === 'atomic' ? OP_ATOMIC : OP_LOOK);
        this.insts[k]!.sub = sub;
        return;
      }
      case 'repeat':
        this.compileRepeat(n);
        return;
    }
  }

  private compileRepeat(n: Extract<Node, { t: 'repeat' }>): void {
    if (n.mode === 'possessive') {
      this.compile({ t: 'atomic', body: { ...n, mode: 'greedy' } });
      return;
    }
    const greedy = n.mode === 'greedy';
    for (let k = 0; k < n.min; k++) this.compile(n.body);
    if (n.max === Infinity) {
      const canBeEmpty = lengthRange(n.body).min === 0;
      // Java's Loop: an iteration that consumed nothing ends the loop (it is kept, with its captures)
      const slot = canBeEmpty ? this.loopId++ : -1;
      // L: SPLIT body, exit   body: [MARK] ...; JMP L | CHKPROG L   exit:
      const split = this.emit(OP_SPLIT);
      const bodyStart = this.insts.length;
      if (slot >= 0) {
        this.active.push(slot);
        this.depth = Math.max(this.depth, this.active.length);
        this.emit(OP_MARK, slot);
      }
      this.compile(n.body);
      if (slot >= 0) {
        this.emit(OP_CHKPROG, slot, split);
        this.active.pop();
      } else this.emit(OP_JMP, split);
      const exit = this.insts.length;
      this.insts[split]!.x = greedy ? bodyStart : exit;
      this.insts[split]!.y = greedy ? exit : bodyStart;
      return;
    }
    const splits: number[] = [];
    for (let k = n.min; k < n.max; k++) {
      splits.push(this.emit(OP_SPLIT));
      this.compile(n.body);
    }
    const exit = this.insts.length;
    for (const s of splits) {
      this.insts[s]!.x = greedy ? s + 1 : exit;
      this.insts[s]!.y = greedy ? exit : s + 1;
    }
  }

  /** Compiles the bodies of lookarounds and atomic groups after the main program (each ends in OP_SUBMATCH). */
  finishSubs(): void {
    while (this.pending.length > 0) {
      const { sub, body } = this.pending.shift()!;
      sub.start = this.insts.length;
      this.compile(body);
      this.emit(OP_SUBMATCH);
    }
  }

  get loops(): number {
    return this.loopId;
  }
}

function slotRange(n: Node): { slot0: number; slot1: number } {
  let lo = Infinity;
  let hi = -Infinity;
  const walk = (x: Node): void => {
    switch (x.t) {
      case 'group':
        lo = Math.min(lo, x.index);
        hi = Math.max(hi, x.index);
        walk(x.body);
        return;
      case 'seq':
      case 'alt':
        for (const y of x.items) walk(y);
        return;
      case 'repeat':
      case 'look':
      case 'atomic':
        walk(x.body);
        return;
    }
  };
  walk(n);
  return lo === Infinity ? { slot0: 0, slot1: 0 } : { slot0: lo * 2, slot1: hi * 2 + 2 };
}

/** Deepest loop nesting the memo key covers; deeper patterns run unmemoized (still counted). */
const MAX_MEMO_DEPTH = 4;

/** Parses and compiles a Java regex; throws PatternSyntaxException or harness.Budget (too large). */
export function compileJavaRegex(pattern: string, flags: PatternFlags = {}): Program {
  const parser = new Parser(pattern, flags);
  const ast = parser.parse();
  const c = new Compiler(pattern);
  const insts = c.insts;
  // SAVE 0, body, SAVE 1, MATCH
  insts.push({ op: OP_SAVE, x: 0, y: 0, c: 0, c2: 0 });
  c.compile(ast);
  insts.push({ op: OP_SAVE, x: 1, y: 0, c: 0, c2: 0 });
  insts.push({ op: OP_MATCH, x: 0, y: 0, c: 0, c2: 0 });
  c.finishSubs();
  if (insts.length > MAX_PROGRAM)
    fail(BUDGET, `regular expression compiles to more than ${MAX_PROGRAM} instructions (too large for the harness)`);
  const first = insts[1]!;
  return {
    pattern,
    insts,
    groups: parser.groups,
    names: parser.names,
    subs: c.subs,
    memoizable: !parser.hasBackref && !parser.hasG && c.depth <= MAX_MEMO_DEPTH,
    depth: c.depth,
    firstChar: first.op === OP_CHAR ? first.c : -1,
    loops: c.loops,
  };
}
