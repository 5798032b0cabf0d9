/**
 * The matcher for regex-compile.ts programs: a backtracking VM with Java's (Perl's) leftmost-first priorities, so
 * results and groups are what java.util.regex gives. Without backreferences it memoizes failed (instruction,
 * position) states, as RE2's BitState does: a state that failed once fails again, so the work is at most
 * instructions x positions (linear in the input) and catastrophic backtracking (`(a+)+$`) cannot happen. With
 * backreferences the outcome depends on the captures, so nothing is memoized; the work is still counted.
 * Every executed instruction is charged to a `Work` budget, which fails with harness.Budget when spent.
 */
import { BUDGET as BUDGET_, fail as fail_ } from './errors.ts';
import {
  equalsIgnoreCase as equalsIgnoreCase_,
  OP_ANY as OP_ANY_,
  OP_ASSERT as OP_ASSERT_,
  OP_ATOMIC as OP_ATOMIC_,
  OP_BACKREF as OP_BACKREF_,
  OP_CHAR as OP_CHAR_,
  OP_CHARI as OP_CHARI_,
  OP_CHKPROG as OP_CHKPROG_,
  OP_JMP as OP_JMP_,
  OP_LOOK as OP_LOOK_,
  OP_MARK as OP_MARK_,
  OP_MATCH as OP_MATCH_,
  OP_SAVE as OP_SAVE_,
  OP_SET as OP_SET_,
  OP_SPLIT as OP_SPLIT_,
  OP_SUBMATCH as OP_SUBMATCH_,
  type Program,
  type SubProgram,
} from './regex-compile.ts';

// Local bindings of imported functions and constants: under tsx (CJS output) every imported name is a getter.
const BUDGET = BUDGET_;
const fail = fail_;
const equalsIgnoreCase = equalsIgnoreCase_;
const OP_ANY = OP_ANY_;
const OP_ASSERT = OP_ASSERT_;
const OP_ATOMIC = OP_ATOMIC_;
const OP_BACKREF = OP_BACKREF_;
const OP_CHAR = OP_CHAR_;
const OP_CHARI = OP_CHARI_;
const OP_CHKPROG = OP_CHKPROG_;
const OP_JMP = OP_JMP_;
const OP_LOOK = OP_LOOK_;
const OP_MARK = OP_MARK_;
const OP_MATCH = OP_MATCH_;
const OP_SAVE = OP_SAVE_;
const OP_SET = OP_SET_;
const OP_SPLIT = OP_SPLIT_;
const OP_SUBMATCH = OP_SUBMATCH_;

/** Where matcher steps are charged; `charge` throws when the budget is spent. */
export interface Work {
  charge(steps: number): void;
}

/** Matcher steps a regex operation may take when no render context supplies a budget. */
export const DEFAULT_REGEX_STEPS = 25_600_000;

/** A standalone budget (tests, callers without a render context). */
export function regexBudget(max = DEFAULT_REGEX_STEPS): Work {
  let used = 0;
  return {
    charge(n) {
      used += n;
      if (used > max)
        fail(BUDGET, `regular expression work exceeded ${max} matcher steps (catastrophic backtracking?)`);
    },
  };
}

/** A match: start, end and the capture slots (group g at [2g, 2g+1], -1 when the group did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  caps: Int32Array;
}

/** Memo tables larger than this (bits = instructions x (length + 1)) fall back to the counted, unmemoized matcher. */
const MAX_MEMO_BITS = 1 << 26;
/** Steps between two charges to the budget. */
const CHARGE_EVERY = 4096;

const NO_MATCH = -1;

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x85 || (c | 1) === 0x2029;
}

let wordPred: ((c: number) => boolean) | undefined;
/** java.util.regex \b: Character.isLetterOrDigit or '_' (JDK 8-18). */
function isBoundaryWord(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  if (!wordPred) {
    const re = /[\p{L}\p{Nd}]/u;
    wordPred = (x) => re.test(String.fromCharCode(x));
  }
  return wordPred(c);
}

/** Matches one program against one input; keeps the memo between successive finds (replaceAll, split, `=~`). */
export class RegexSearch {
  private readonly n: number;
  private readonly prog: Program;
  private bits: Uint32Array | null = null;
  private steps = 0;
  private subCache: Map<number, { end: number; caps: Int32Array } | null> | null = null;
  /** Where the current find started (for \G). */
  private searchStart = 0;

  constructor(
    program: Program,
    private readonly s: string,
    private readonly work: Work,
  ) {
    this.prog = program;
    this.n = s.length;
    this.memo = program.memoizable && this.memoSize() <= MAX_MEMO_BITS;
  }

  /** Whether failed states are memoized (no backreferences, and the table fits). */
  private readonly memo: boolean;

  /** Bits of a memo table: (instructions x positions) keys, each with one bit per enclosing loop level. */
  private memoSize(): number {
    return this.prog.insts.length * (this.n + 1) * 2 ** this.prog.depth;
  }

  get groupCount(): number {
    return this.prog.groups;
  }

  get names(): Map<string, number> {
    return this.prog.names;
  }

  private memoBits(): Uint32Array | null {
    if (!this.memo) return null;
    this.bits ??= new Uint32Array((this.memoSize() >>> 5) + 1);
    return this.bits;
  }

  private flush(): void {
    if (this.steps > 0) {
      const k = this.steps;
      this.steps = 0;
      this.work.charge(k);
    }
  }

  /** The leftmost match starting at or after `from` (Matcher.find from a position); null when none. */
  find(from: number, searchStart = from): RegexMatch | null {
    if (from > this.n) return null;
    this.searchStart = searchStart;
    const bits = this.memoBits();
    const m = this.prog.insts.length;
    const caps = new Int32Array((this.prog.groups + 1) * 2);
    const regs = new Int32Array(this.prog.loops + 1);
    const first = this.prog.firstChar;
    try {
      for (let p = from; p <= this.n; p++) {
        if (first >= 0) {
          const q = this.s.indexOf(String.fromCharCode(first), p);
          if (q < 0) return null;
          p = q;
        }
        caps.fill(-1);
        const end = this.run(0, p, caps, regs, -1, bits, null, false);
        if (end !== NO_MATCH) {
          // states on the success path are not failures: forget the end position's column before the next find
          if (bits) {
            const w = 2 ** this.prog.depth;
            const lo = end * m * w;
            for (let k = lo; k < lo + m * w; k++) bits[k >>> 5]! &= ~(1 << (k & 31));
          }
          return { start: caps[0]!, end: caps[1]!, caps };
        }
        this.steps++;
      }
      return null;
    } finally {
      this.flush();
    }
  }

  /** A match of the whole input (String.matches / `==~`); null when none. */
  matchAll(): RegexMatch | null {
    this.searchStart = 0;
    const bits = this.memo ? new Uint32Array((this.memoSize() >>> 5) + 1) : null;
    const caps = new Int32Array((this.prog.groups + 1) * 2).fill(-1);
    try {
      const end = this.run(0, 0, caps, new Int32Array(this.prog.loops + 1), -1, bits, null, true);
      return end === NO_MATCH ? null : { start: 0, end, caps };
    } finally {
      this.flush();
    }
  }

  /** Runs a lookaround or atomic body at `pos`; `target` >= 0 requires it to end there (lookbehind). */
  private sub(sp: SubProgram, pos: number, caps: Int32Array, regs: Int32Array, target: number) {
    const memo = this.memo;
    const key = sp.id * (this.n + 1) + pos;
    if (memo && target < 0) {
      this.subCache ??= new Map();
      const hit = this.subCache.get(key);
      if (hit !== undefined) return hit;
    }
    const c2 = caps.slice();
    const end = this.run(sp.start, pos, c2, regs.slice(), target, null, memo ? new Set<number>() : null, false);
    const r = end === NO_MATCH ? null : { end, caps: c2 };
    if (memo && target < 0) this.subCache!.set(key, r);
    return r;
  }

  /**
   * The backtracking loop: returns the end position of the first (highest-priority) successful thread, or NO_MATCH.
   * `bits` / `seen` memoize failed states (main program / a sub-program); both null = no memoization.
   */
  private run(
    startPc: number,
    startPos: number,
    caps: Int32Array,
    regs: Int32Array,
    target: number,
    bits: Uint32Array | null,
    seen: Set<number> | null,
    full: boolean,
  ): number {
    const s = this.s;
    const n = this.n;
    const insts = this.prog.insts;
    const m = insts.length;
    const depth = this.prog.depth;
    // stack of triples: kind (0 branch, 1 restore capture, 2 restore register), a, b
    const stack: number[] = [0, startPc, startPos];
    let steps = this.steps;
    while (stack.length > 0) {
      const b = stack.pop()!;
      const a = stack.pop()!;
      const kind = stack.pop()!;
      if (kind === 1) {
        caps[a] = b;
        continue;
      }
      if (kind === 2) {
        regs[a] = b;
        continue;
      }
      let pc = a;
      let pos = b;
      thread: for (;;) {
        if (++steps >= CHARGE_EVERY) {
          this.steps = 0;
          this.work.charge(steps);
          steps = 0;
        }
        const ins = insts[pc]!;
        if (bits !== null || seen !== null) {
          // the memo key: instruction, position, and which enclosing loop iterations are still empty
          let k = pos * m + pc;
          if (depth > 0) {
            k *= 2 ** depth;
            const enc = ins.enc;
            if (enc !== undefined) for (let j = 0; j < enc.length; j++) if (regs[enc[j]!] === pos) k += 1 << j;
          }
          if (bits !== null) {
            const w = k >>> 5;
            const bit = 1 << (k & 31);
            if ((bits[w]! & bit) !== 0) break;
            bits[w]! |= bit;
          } else {
            if (seen!.has(k)) break;
            seen!.add(k);
          }
        }
        switch (ins.op) {
          case OP_CHAR:
            if (pos < n && s.charCodeAt(pos) === ins.c) {
              pc++;
              pos++;
              continue thread;
            }
            break thread;
          case OP_CHARI: {
            if (pos >= n) break thread;
            const c = s.charCodeAt(pos);
            if (c === ins.c || c === ins.c2) {
              pc++;
              pos++;
              continue thread;
            }
            break thread;
          }
          case OP_SET:
            if (pos < n && ins.test!(s.charCodeAt(pos))) {
              pc++;
              pos++;
              continue thread;
            }
            break thread;
          case OP_ANY: {
            if (pos >= n) break thread;
            const c = s.charCodeAt(pos);
            if (ins.c === 0 && (ins.c2 === 1 ? c === 10 : isLineTerminator(c))) break thread;
            pc++;
            pos++;
            continue thread;
          }
          case OP_SPLIT:
            stack.push(0, ins.y, pos);
            pc = ins.x;
            continue thread;
          case OP_JMP:
            pc = ins.x;
            continue thread;
          case OP_SAVE:
            stack.push(1, ins.x, caps[ins.x]!);
            caps[ins.x] = pos;
            pc++;
            continue thread;
          case OP_MARK:
            stack.push(2, ins.x, regs[ins.x]!);
            regs[ins.x] = pos;
            pc++;
            continue thread;
          case OP_CHKPROG:
            pc = pos === regs[ins.x] ? pc + 1 : ins.y;
            continue thread;
          case OP_ASSERT:
            if (!this.assert(ins.kind!, pos, ins.multiline === true, ins.unixLines === true)) break thread;
            pc++;
            continue thread;
          case OP_BACKREF: {
            const g = ins.x;
            if (2 * g + 1 >= caps.length) break thread;
            const gs = caps[2 * g]!;
            const ge = caps[2 * g + 1]!;
            if (gs < 0 || ge < 0) break thread;
            const len = ge - gs;
            if (pos + len > n) break thread;
            steps += len;
            for (let k = 0; k < len; k++) {
              const x = s.charCodeAt(gs + k);
              const y = s.charCodeAt(pos + k);
              if (x !== y && !(ins.c === 1 && equalsIgnoreCase(x, y, ins.c2 === 1))) break thread;
            }
            pos += len;
            pc++;
            continue thread;
          }
          case OP_LOOK: {
            const sp = ins.sub!;
            this.steps = steps;
            let r: { end: number; caps: Int32Array } | null = null;
            if (sp.kind === 'ahead') r = this.sub(sp, pos, caps, regs, -1);
            else
              for (let j = pos - sp.minLen; r === null && j >= 0 && j >= pos - sp.maxLen; j--)
                r = this.sub(sp, j, caps, regs, pos);
            steps = this.steps;
            if (sp.negate) {
              if (r !== null) break thread;
            } else {
              if (r === null) break thread;
              this.applyCaps(sp, r.caps, caps, stack);
            }
            pc++;
            continue thread;
          }
          case OP_ATOMIC: {
            const sp = ins.sub!;
            this.steps = steps;
            const r = this.sub(sp, pos, caps, regs, -1);
            steps = this.steps;
            if (r === null) break thread;
            this.applyCaps(sp, r.caps, caps, stack);
            pos = r.end;
            pc++;
            continue thread;
          }
          case OP_MATCH:
            if (full && pos !== n) break thread;
            this.steps = steps;
            return pos;
          case OP_SUBMATCH:
            if (target >= 0 && pos !== target) break thread;
            this.steps = steps;
            return pos;
          default:
            return fail('harness.InternalError', `bad regex instruction ${ins.op}`);
        }
      }
    }
    this.steps = steps;
    return NO_MATCH;
  }

  private applyCaps(sp: SubProgram, from: Int32Array, caps: Int32Array, stack: number[]): void {
    for (let k = sp.slot0; k < sp.slot1 && k < caps.length; k++) {
      if (caps[k] !== from[k]) {
        stack.push(1, k, caps[k]!);
        caps[k] = from[k]!;
      }
    }
  }

  /** Java's zero-width assertions (Begin/Caret/UnixCaret, Dollar/UnixDollar, Bound, \A \z \Z \G). */
  private assert(kind: string, pos: number, multiline: boolean, unixLines: boolean): boolean {
    const s = this.s;
    const n = this.n;
    switch (kind) {
      case 'bol':
        if (!multiline) return pos === 0;
        if (pos > 0) {
          const ch = s.charCodeAt(pos - 1);
          if (unixLines) {
            if (ch !== 10) return false;
          } else {
            if (!isLineTerminator(ch)) return false;
            if (ch === 13 && s.charCodeAt(pos) === 10) return false;
          }
        }
        return pos < n;
      case 'A':
        return pos === 0;
      case 'z':
        return pos === n;
      case 'G':
        return pos === this.searchStart;
      case 'Z':
        return this.dollar(pos, false, unixLines);
      case 'eol':
        return this.dollar(pos, multiline, unixLines);
      case 'b':
      case 'B': {
        const left = pos > 0 && isBoundaryWord(s.charCodeAt(pos - 1));
        const right = pos < n && isBoundaryWord(s.charCodeAt(pos));
        return (left !== right) === (kind === 'b');
      }
    }
    return false;
  }

  private dollar(i: number, multiline: boolean, unixLines: boolean): boolean {
    const s = this.s;
    const end = this.n;
    if (unixLines) {
      if (i < end) {
        if (s.charCodeAt(i) !== 10) return false;
        return multiline || i === end - 1;
      }
      return true;
    }
    if (!multiline) {
      if (i < end - 2) return false;
      if (i === end - 2) return s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10;
    }
    if (i < end) {
      const ch = s.charCodeAt(i);
      if (ch === 10) {
        if (i > 0 && s.charCodeAt(i - 1) === 13) return false;
        if (multiline) return true;
      } else if (ch === 13 || ch === 0x85 || (ch | 1) === 0x2029) {
        if (multiline) return true;
      } else return false;
    }
    return true;
  }
}
