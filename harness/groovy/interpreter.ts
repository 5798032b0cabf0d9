/**
 * Compiles the AST of one placeholder into a tree of JS closures (no eval, no Function): each node becomes a small
 * function over a Frame. Locals are resolved to frame slots at compile time; unknown names read the script binding.
 */
import type { Expr, Stmt, TypeRef } from './ast.ts';
import { bitwiseNegate as bitwiseNegate_ } from './bitwise.ts';
import type { Ctx } from './context.ts';
import {
  fail as fail_,
  GroovyThrow as GroovyThrow_,
  security as security_,
  unsupported as unsupported_,
} from './errors.ts';
import { SyntaxErr as SyntaxErr_ } from './lexer.ts';
import { callMethod as callMethod_, construct as construct_ } from './methods.ts';
import { arith as arith_, compareNumbers as compareNumbers_, isNumber as isNumber_ } from './numbers.ts';
import {
  SECURITY_IDENTIFIERS as SECURITY_IDENTIFIERS_,
  SECURITY_METHODS as SECURITY_METHODS_,
  SECURITY_PROPERTIES as SECURITY_PROPERTIES_,
} from './policy.ts';
import {
  bitOp as bitOp_,
  castTo as castTo_,
  getIndex as getIndex_,
  getProperty as getProperty_,
  instanceOf as instanceOf_,
  isCase as isCase_,
  iterate as iterate_,
  minus as minus_,
  missingMethod as missingMethod_,
  missingProperty as missingProperty_,
  multiply as multiply_,
  numericOp as numericOp_,
  plus as plus_,
  regexOp as regexOp_,
  setIndex as setIndex_,
  setProperty as setProperty_,
  unaryMinus as unaryMinus_,
} from './runtime.ts';
import {
  formatValue as formatValue_,
  GClosure as GClosure_,
  GMap as GMap_,
  groovyCompare as groovyCompare_,
  groovyEquals as groovyEquals_,
  JAVA_ARRAYS as JAVA_ARRAYS_,
  JClassRef as JClassRef_,
  JException as JException_,
  JObject as JObject_,
  JRange as JRange_,
  truthy as truthy_,
  typeName as typeName_,
  type Value,
} from './values.ts';

// Local bindings of imported functions and classes: under tsx (CJS output) every imported name is a getter.
const fail = fail_;
const GroovyThrow = GroovyThrow_;
type GroovyThrow = GroovyThrow_;
const security = security_;
const unsupported = unsupported_;
const SyntaxErr = SyntaxErr_;
const construct = construct_;
const callMethod = callMethod_;
const arith = arith_;
const compareNumbers = compareNumbers_;
const isNumber = isNumber_;
const bitwiseNegate = bitwiseNegate_;
const SECURITY_IDENTIFIERS = SECURITY_IDENTIFIERS_;
const SECURITY_METHODS = SECURITY_METHODS_;
const SECURITY_PROPERTIES = SECURITY_PROPERTIES_;
const bitOp = bitOp_;
const castTo = castTo_;
const getIndex = getIndex_;
const getProperty = getProperty_;
const instanceOf = instanceOf_;
const isCase = isCase_;
const iterate = iterate_;
const minus = minus_;
const missingMethod = missingMethod_;
const missingProperty = missingProperty_;
const multiply = multiply_;
const numericOp = numericOp_;
const plus = plus_;
const regexOp = regexOp_;
const setIndex = setIndex_;
const setProperty = setProperty_;
const unaryMinus = unaryMinus_;
const formatValue = formatValue_;
const GClosure = GClosure_;
const typeNameOf = typeName_;
const GMap = GMap_;
const groovyCompare = groovyCompare_;
const groovyEquals = groovyEquals_;
const JAVA_ARRAYS = JAVA_ARRAYS_;
const JClassRef = JClassRef_;
type JClassRef = JClassRef_;
const JException = JException_;
const JObject = JObject_;
const JRange = JRange_;
const truthy = truthy_;

/** Runtime activation record of a template body or closure. */
export interface Frame {
  v: Value[];
  up: Frame | null;
  ctx: Ctx;
  ret: Value;
}

export type Ev = (f: Frame) => Value;
/** Executes a statement; returns 0 normal, 1 break, 2 continue, 3 return (value in frame.ret). */
type Ex = (f: Frame) => number;

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;

class FnInfo {
  slots = 0;
}

interface Local {
  slot: number;
  type: TypeRef | null;
  /** The implicit `it` parameter of a closure (an explicit parameter may reuse the name). */
  implicit?: boolean;
}

class Scope {
  readonly names = new Map<string, Local>();
  constructor(
    readonly parent: Scope | null,
    readonly fn: FnInfo,
    readonly loops: number,
  ) {}

  /**
   * Declares a local. Like Groovy, a name already visible from an enclosing scope (closures included) is a compile
   * error, except that a closure parameter may reuse an enclosing closure's implicit `it`.
   */
  declare(name: string, type: TypeRef | null, pos = -1, kind: 'local' | 'param' | 'implicit' = 'local'): Local {
    const prev = this.resolve(name);
    if (prev && pos >= 0 && kind !== 'implicit' && !(prev.local.implicit && kind === 'param'))
      throw new SyntaxErr(`The current scope already contains a variable of the name ${name}`, pos);
    const l: Local = { slot: this.fn.slots++, type: type && type.name !== 'def' && type.name !== 'var' ? type : null };
    if (kind === 'implicit') l.implicit = true;
    this.names.set(name, l);
    return l;
  }

  resolve(name: string): { depth: number; local: Local } | null {
    let depth = 0;
    let s: Scope | null = this;
    while (s) {
      const l = s.names.get(name);
      if (l) return { depth, local: l };
      if (s.parent && s.parent.fn !== s.fn) depth++;
      s = s.parent;
    }
    return null;
  }
}

/** Attaches a template offset to a runtime failure that has none yet. */
function at(e: unknown, pos: number): unknown {
  if (e instanceof GroovyThrow && e.offset === undefined) e.offset = pos;
  return e;
}

const CLASS_REFS = new Map<string, JClassRef>();
function classRef(name: string): JClassRef {
  let c = CLASS_REFS.get(name);
  if (!c) {
    c = new JClassRef(name);
    CLASS_REFS.set(name, c);
  }
  return c;
}

/** A compiled placeholder: evaluate with a fresh frame of `slots` locals. */
export interface Program {
  run(ctx: Ctx): Value;
}

/** Compiles a placeholder body (a closure body: the value is the `return` or the last statement's value). */
export function compileProgram(body: Stmt[]): Program {
  const fn = new FnInfo();
  const scope = new Scope(null, fn, 0);
  // more than a lone expression makes the placeholder a closure, with an implicit `it` (null)
  if (body.length > 1 || (body.length === 1 && body[0]!.t !== 'expr')) scope.declare('it', null, -1, 'implicit');
  const ev = valueBody(body, scope);
  return {
    run(ctx: Ctx): Value {
      const n = fn.slots;
      const v: Value[] = n === 0 ? EMPTY : new Array(n).fill(null);
      return ev({ v, up: null, ctx, ret: null });
    },
  };
}
const EMPTY: Value[] = [];

function frameAt(f: Frame, depth: number): Frame {
  let fr = f;
  for (let i = 0; i < depth; i++) fr = fr.up!;
  return fr;
}

// ------------------------------------------------------------------ statements with values (closure tail)

function valueBody(stmts: Stmt[], scope: Scope): Ev {
  if (stmts.length === 0) return () => null;
  const execs = stmts.slice(0, -1).map((s) => stmt(s, scope));
  const last = valueStmt(stmts[stmts.length - 1]!, scope);
  if (execs.length === 0) return last;
  return (f) => {
    for (let i = 0; i < execs.length; i++) {
      const r = execs[i]!(f);
      if (r === RETURN) return f.ret;
    }
    return last(f);
  };
}

function valueStmt(s: Stmt, scope: Scope): Ev {
  switch (s.t) {
    case 'expr': {
      const e = expr(s.e, scope);
      return (f) => {
        f.ctx.step();
        return e(f);
      };
    }
    case 'return': {
      const e = s.e ? expr(s.e, scope) : null;
      return e ?? (() => null);
    }
    case 'if': {
      const c = expr(s.c, scope);
      const a = valueStmt(s.then, new Scope(scope, scope.fn, scope.loops));
      const b = s.else ? valueStmt(s.else, new Scope(scope, scope.fn, scope.loops)) : null;
      return (f) => {
        f.ctx.step();
        if (truthy(c(f))) return a(f);
        return b ? b(f) : null;
      };
    }
    case 'block':
      return valueBody(s.body, new Scope(scope, scope.fn, scope.loops));
    case 'decl': {
      const ex = stmt(s, scope);
      const last = scope.resolve(s.decls[s.decls.length - 1]!.name)!;
      return (f) => {
        ex(f);
        return f.v[last.local.slot]!;
      };
    }
    case 'try':
      return tryStmt(s, scope, true) as Ev;
    case 'switch':
      return switchStmt(s, scope, true) as Ev;
    default: {
      const ex = stmt(s, scope);
      return (f) => (ex(f) === RETURN ? f.ret : null);
    }
  }
}

// ------------------------------------------------------------------ statements

function block(stmts: Stmt[], scope: Scope): Ex {
  const inner = new Scope(scope, scope.fn, scope.loops);
  const execs = stmts.map((s) => stmt(s, inner));
  if (execs.length === 1) return execs[0]!;
  return (f) => {
    for (let i = 0; i < execs.length; i++) {
      const r = execs[i]!(f);
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  };
}

function assignLocal(l: Local, v: Value): Value {
  return l.type ? castTo(v, l.type.name, l.type.dims, 'assign') : v;
}

function stmt(s: Stmt, scope: Scope): Ex {
  switch (s.t) {
    case 'expr': {
      const e = expr(s.e, scope);
      return (f) => {
        f.ctx.step();
        e(f);
        return NORMAL;
      };
    }
    case 'decl': {
      const parts = s.decls.map((d) => {
        const init = d.init ? expr(d.init, scope) : null;
        const local = scope.declare(d.name, s.type, d.pos);
        const pos = d.pos;
        return { init, local, pos };
      });
      return (f) => {
        f.ctx.step();
        for (const p of parts) {
          let v: Value = p.init ? p.init(f) : null;
          if (p.local.type) {
            if (!p.init && isPrimitive(p.local.type.name)) v = primitiveDefault(p.local.type.name);
            else
              try {
                v = assignLocal(p.local, v);
              } catch (e) {
                throw at(e, p.pos);
              }
          }
          f.v[p.local.slot] = v;
        }
        return NORMAL;
      };
    }
    case 'if': {
      const c = expr(s.c, scope);
      const a = stmt(s.then, new Scope(scope, scope.fn, scope.loops));
      const b = s.else ? stmt(s.else, new Scope(scope, scope.fn, scope.loops)) : null;
      return (f) => {
        f.ctx.step();
        if (truthy(c(f))) return a(f);
        return b ? b(f) : NORMAL;
      };
    }
    case 'block':
      return block(s.body, scope);
    case 'while': {
      const c = expr(s.c, scope);
      const body = stmt(s.body, new Scope(scope, scope.fn, scope.loops + 1));
      const doWhile = s.doWhile;
      return (f) => {
        let first = doWhile;
        while (first || truthy(c(f))) {
          first = false;
          f.ctx.step();
          const r = body(f);
          if (r === BREAK) break;
          if (r === RETURN) return RETURN;
        }
        return NORMAL;
      };
    }
    case 'for': {
      const inner = new Scope(scope, scope.fn, scope.loops + 1);
      const init = s.init.map((x) => stmt(x, inner));
      const cond = s.cond ? expr(s.cond, inner) : null;
      const update = s.update.map((x) => expr(x, inner));
      const body = stmt(s.body, new Scope(inner, scope.fn, scope.loops + 1));
      return (f) => {
        for (const i of init) i(f);
        while (cond === null || truthy(cond(f))) {
          f.ctx.step();
          const r = body(f);
          if (r === BREAK) break;
          if (r === RETURN) return RETURN;
          for (const u of update) u(f);
        }
        return NORMAL;
      };
    }
    case 'forin': {
      const iter = expr(s.iter, scope);
      const inner = new Scope(scope, scope.fn, scope.loops + 1);
      const local = inner.declare(s.name, s.type, s.pos);
      const body = stmt(s.body, new Scope(inner, scope.fn, scope.loops + 1));
      const pos = s.pos;
      return (f) => {
        const coll = iter(f);
        const items = iterate(coll);
        const live = Array.isArray(coll) && !JAVA_ARRAYS.has(coll);
        const expected = items.length;
        let i = 0;
        while (i !== items.length) {
          if (live && items.length !== expected)
            throw at(new GroovyThrow('java.util.ConcurrentModificationException', ''), pos);
          f.ctx.step();
          try {
            f.v[local.slot] = assignLocal(local, items[i++]!);
          } catch (e) {
            throw at(e, pos);
          }
          const r = body(f);
          if (r === BREAK) break;
          if (r === RETURN) return RETURN;
          if (i > items.length) break;
        }
        return NORMAL;
      };
    }
    case 'return': {
      const e = s.e ? expr(s.e, scope) : null;
      return (f) => {
        f.ret = e ? e(f) : null;
        return RETURN;
      };
    }
    case 'break':
    case 'continue':
      if (scope.loops === 0)
        throw new SyntaxErr(`the ${s.t} statement is only allowed inside loops or switches`, s.pos);
      return s.t === 'break' ? () => BREAK : () => CONTINUE;
    case 'throw': {
      const pos = s.pos;
      return () => unsupported("'throw' statements", pos);
    }
    case 'try':
      return tryStmt(s, scope, false) as Ex;
    case 'switch':
      return switchStmt(s, scope, false) as Ex;
  }
}

/** `switch` with Groovy isCase matching and fall-through; in value position its value is the last expression run. */
function switchStmt(s: Extract<Stmt, { t: 'switch' }>, scope: Scope, value: boolean): Ev | Ex {
  const subject = expr(s.e, scope);
  const inner = new Scope(scope, scope.fn, scope.loops + 1);
  const cases = s.cases.map((c) => ({
    values: c.values.map((v) => expr(v, inner)),
    isDefault: c.isDefault,
    body: c.body.map((st) => {
      if (value && st.t === 'expr') {
        const e = expr(st.e, inner);
        return (f: Frame) => {
          f.ctx.step();
          f.ret = e(f);
          return NORMAL;
        };
      }
      return stmt(st, inner);
    }),
  }));
  const run = (f: Frame): number => {
    const v = subject(f);
    let start = -1;
    for (let i = 0; i < cases.length && start < 0; i++) {
      for (const cv of cases[i]!.values) {
        if (isCase(f.ctx, cv(f), v, (c, args) => c.invoke(args))) {
          start = i;
          break;
        }
      }
    }
    if (start < 0) start = cases.findIndex((c) => c.isDefault);
    if (start < 0) return NORMAL;
    for (let i = start; i < cases.length; i++) {
      for (const b of cases[i]!.body) {
        const r = b(f);
        if (r === BREAK) return NORMAL;
        if (r !== NORMAL) return r;
      }
    }
    return NORMAL;
  };
  if (!value) return run;
  return (f: Frame) => {
    f.ret = null;
    run(f);
    return f.ret;
  };
}

function isPrimitive(t: string): boolean {
  return (
    t === 'int' ||
    t === 'long' ||
    t === 'boolean' ||
    t === 'double' ||
    t === 'float' ||
    t === 'short' ||
    t === 'byte' ||
    t === 'char'
  );
}
function primitiveDefault(t: string): Value {
  if (t === 'boolean') return false;
  if (t === 'double' || t === 'float') return castTo(0, t, 0, 'assign');
  if (t === 'long') return castTo(0, 'long', 0, 'assign');
  return 0;
}

const HARNESS_TYPES = new Set(['harness.Security', 'harness.Budget', 'harness.Unsupported', 'harness.InternalError']);

function catchMatches(types: string[], err: GroovyThrow): boolean {
  if (HARNESS_TYPES.has(err.type)) return false;
  const simple = err.type.slice(err.type.lastIndexOf('.') + 1);
  return types.some((t) => {
    const ts = t.slice(t.lastIndexOf('.') + 1);
    return ts === 'Exception' || ts === 'Throwable' || ts === 'RuntimeException' || ts === simple;
  });
}

function tryStmt(s: Extract<Stmt, { t: 'try' }>, scope: Scope, value: boolean): Ev | Ex {
  const body = value ? valueStmt(s.body, scope) : stmt(s.body, scope);
  const catches = s.catches.map((c) => {
    const inner = new Scope(scope, scope.fn, scope.loops);
    const local = inner.declare(c.name, null, c.pos);
    return { types: c.types, local, body: value ? valueStmt(c.body, inner) : stmt(c.body, inner) };
  });
  const fin = s.fin ? stmt(s.fin, scope) : null;
  return (f: Frame) => {
    try {
      return body(f);
    } catch (e) {
      if (e instanceof GroovyThrow) {
        for (const c of catches) {
          if (catchMatches(c.types, e)) {
            f.v[c.local.slot] = new JException(e.type, e.message);
            return c.body(f);
          }
        }
      }
      throw e;
    } finally {
      if (fin) fin(f);
    }
  };
}

// ------------------------------------------------------------------ expressions

function expr(e: Expr, scope: Scope): Ev {
  switch (e.t) {
    case 'lit': {
      const v = e.v;
      return () => v;
    }
    case 'gstr': {
      const parts = e.parts.map((p) =>
        typeof p === 'string' ? p : valueBody(p, new Scope(scope, scope.fn, scope.loops)),
      );
      return (f) => {
        let out = '';
        for (const p of parts) out += typeof p === 'string' ? p : formatValue(p(f));
        return f.ctx.str(out);
      };
    }
    case 'list': {
      const items = e.items.map((x) => expr(x, scope));
      return (f) => items.map((x) => x(f));
    }
    case 'map': {
      const entries = e.entries.map(([k, v]) => [expr(k, scope), expr(v, scope)] as const);
      return (f) => {
        const m = new GMap('java.util.LinkedHashMap');
        for (const [k, v] of entries) m.set(k(f), v(f));
        return m;
      };
    }
    case 'var':
      return varRead(e.name, e.pos, scope);
    case 'cls': {
      const ref = classRef(e.name);
      return () => ref;
    }
    case 'prop': {
      const obj = expr(e.obj, scope);
      const { name, pos, safe, spread } = e;
      if (SECURITY_PROPERTIES.has(name)) return () => security(`property '${name}'`, pos);
      return (f) => {
        const o = obj(f);
        if (o === null && safe) return null;
        try {
          if (spread) return iterate(o).map((x) => (x === null ? null : getProperty(f.ctx, x, name)));
          return getProperty(f.ctx, o, name);
        } catch (err) {
          throw at(err, pos);
        }
      };
    }
    case 'index': {
      const obj = expr(e.obj, scope);
      const idx = expr(e.index, scope);
      const pos = e.pos;
      return (f) => {
        const o = obj(f);
        const i = idx(f);
        try {
          return getIndex(f.ctx, o, i);
        } catch (err) {
          throw at(err, pos);
        }
      };
    }
    case 'call':
      return callExpr(e, scope);
    case 'new': {
      const args = e.args.map((a) => expr(a, scope));
      const { pos } = e;
      const name = e.type.name;
      const short = name.slice(name.lastIndexOf('.') + 1);
      if (SECURITY_IDENTIFIERS.has(short)) return () => security(`new ${name}`, pos);
      return (f) => {
        const vals = args.map((a) => a(f));
        try {
          return construct(f.ctx, name, vals);
        } catch (err) {
          throw at(err, pos);
        }
      };
    }
    case 'unary': {
      const x = expr(e.e, scope);
      const { op, pos } = e;
      return (f) => {
        const v = x(f);
        try {
          if (op === '!') return !truthy(v);
          if (op === '-') return unaryMinus(v);
          if (op === '+') return isNumber(v) ? v : missingMethod(v, 'positive', []);
          if (isNumber(v)) return bitwiseNegate(v);
          if (typeof v === 'string') return new JObject('java.util.regex.Pattern', v);
          return missingMethod(v, 'bitwiseNegate', []);
        } catch (err) {
          throw at(err, pos);
        }
      };
    }
    case 'bin':
      return binary(e, scope);
    case 'tern': {
      const c = expr(e.c, scope);
      const a = expr(e.a, scope);
      const b = expr(e.b, scope);
      return (f) => (truthy(c(f)) ? a(f) : b(f));
    }
    case 'elvis': {
      const a = expr(e.a, scope);
      const b = expr(e.b, scope);
      return (f) => {
        const v = a(f);
        return truthy(v) ? v : b(f);
      };
    }
    case 'assign':
      return assign(e, scope);
    case 'incdec': {
      const read = expr(e.target, scope);
      const write = writer(e.target, scope);
      const { prefix, pos } = e;
      const inc = e.op === '++';
      return (f) => {
        const old = read(f);
        try {
          let nv: Value;
          if (old === null)
            return fail(
              'java.lang.NullPointerException',
              `Cannot invoke method ${inc ? 'next' : 'previous'}() on null object`,
            );
          if (isNumber(old)) nv = arith(inc ? '+' : '-', old, 1);
          else return missingMethod(old, inc ? 'next' : 'previous', []);
          const stored = write(f, nv);
          return prefix ? stored : old;
        } catch (err) {
          throw at(err, pos);
        }
      };
    }
    case 'as':
    case 'cast': {
      const x = expr(e.e, scope);
      const { type, pos } = e;
      const mode = e.t === 'as' ? 'as' : 'cast';
      return (f) => {
        const v = x(f);
        try {
          return castTo(v, type.name, type.dims, mode);
        } catch (err) {
          throw at(err, pos);
        }
      };
    }
    case 'instanceof': {
      const x = expr(e.e, scope);
      const { type, not } = e;
      return (f) => instanceOf(x(f), type.dims ? `${type.name}[]` : type.name) !== not;
    }
    case 'closure':
      return closure(e, scope);
    case 'range': {
      const from = expr(e.from, scope);
      const to = expr(e.to, scope);
      const { exclusive, pos } = e;
      return (f) => {
        const a = from(f);
        const b = to(f);
        if (typeof a !== 'number' || typeof b !== 'number') return unsupported('ranges of non-integers', pos);
        return new JRange(a, b, exclusive);
      };
    }
  }
}

function varRead(name: string, pos: number, scope: Scope): Ev {
  const r = scope.resolve(name);
  if (r) {
    const slot = r.local.slot;
    if (r.depth === 0) return (f) => f.v[slot]!;
    if (r.depth === 1) return (f) => f.up!.v[slot]!;
    const depth = r.depth;
    return (f) => frameAt(f, depth).v[slot]!;
  }
  if (SECURITY_IDENTIFIERS.has(name)) return () => security(`'${name}'`, pos);
  return (f) => {
    const v = f.ctx.lookup(name);
    if (v === undefined)
      throw at(
        new GroovyThrow('groovy.lang.MissingPropertyException', `No such property: ${name} for class: Script1`),
        pos,
      );
    return v;
  };
}

/** A function storing into an assignable expression; returns the stored value. */
function writer(target: Expr, scope: Scope): (f: Frame, v: Value) => Value {
  if (target.t === 'var') {
    const r = scope.resolve(target.name);
    if (r) {
      const { slot } = r.local;
      const depth = r.depth;
      const local = r.local;
      return (f, v) => {
        const stored = assignLocal(local, v);
        frameAt(f, depth).v[slot] = stored;
        return stored;
      };
    }
    const name = target.name;
    if (SECURITY_IDENTIFIERS.has(name)) return () => security(`'${name}'`, target.pos);
    return (f, v) => {
      f.ctx.assign(name, v);
      return v;
    };
  }
  if (target.t === 'prop') {
    const obj = expr(target.obj, scope);
    const { name, safe, pos } = target;
    if (SECURITY_PROPERTIES.has(name)) return () => security(`property '${name}'`, pos);
    return (f, v) => {
      const o = obj(f);
      if (o === null && safe) return null;
      try {
        setProperty(f.ctx, o, name, v);
      } catch (err) {
        throw at(err, pos);
      }
      return v;
    };
  }
  if (target.t === 'index') {
    const obj = expr(target.obj, scope);
    const idx = expr(target.index, scope);
    const pos = target.pos;
    return (f, v) => {
      const o = obj(f);
      const i = idx(f);
      try {
        setIndex(f.ctx, o, i, v);
      } catch (err) {
        throw at(err, pos);
      }
      return v;
    };
  }
  throw new SyntaxErr('invalid assignment target', target.pos);
}

function assign(e: Extract<Expr, { t: 'assign' }>, scope: Scope): Ev {
  const value = expr(e.value, scope);
  const write = writer(e.target, scope);
  if (e.op === '=') return (f) => write(f, value(f));
  const read = expr(e.target, scope);
  const op = e.op.slice(0, -1);
  const pos = e.pos;
  return (f) => {
    const cur = read(f);
    const v = value(f);
    let nv: Value;
    try {
      nv = binaryOp(f.ctx, op, cur, v);
    } catch (err) {
      throw at(err, pos);
    }
    return write(f, nv);
  };
}

/** Applies a (non short-circuit) binary operator. */
function binaryOp(ctx: Ctx, op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      return plus(ctx, a, b);
    case '-':
      return minus(ctx, a, b);
    case '*':
      return multiply(ctx, a, b);
    case '/':
    case '%':
    case '**':
      return numericOp(op, a, b);
    case '==':
      return groovyEquals(a, b);
    case '!=':
      return !groovyEquals(a, b);
    case '<':
      return groovyCompare(a, b) < 0;
    case '<=':
      return groovyCompare(a, b) <= 0;
    case '>':
      return groovyCompare(a, b) > 0;
    case '>=':
      return groovyCompare(a, b) >= 0;
    case '<=>':
      return groovyCompare(a, b);
    case 'in':
      return isCase(ctx, b, a, (c, args) => c.invoke(args));
    case '=~':
    case '==~':
      return regexOp(ctx, op, a, b);
    case '&':
    case '|':
    case '^':
    case '<<':
    case '>>':
    case '>>>':
      return bitOp(ctx, op, a, b);
  }
  return unsupported(`operator ${op}`);
}

function binary(e: Extract<Expr, { t: 'bin' }>, scope: Scope): Ev {
  const l = expr(e.l, scope);
  const r = expr(e.r, scope);
  const { op, pos } = e;
  if (op === '&&') return (f) => truthy(l(f)) && truthy(r(f));
  if (op === '||') return (f) => truthy(l(f)) || truthy(r(f));
  if (op === '==')
    return (f) => {
      const a = l(f);
      const b = r(f);
      if (a === b) return true;
      if (a === null || b === null) return false;
      if (typeof a === 'string' && typeof b === 'string') return false;
      return groovyEquals(a, b);
    };
  if (op === '!=')
    return (f) => {
      const a = l(f);
      const b = r(f);
      if (a === b) return false;
      if (a === null || b === null) return true;
      if (typeof a === 'string' && typeof b === 'string') return true;
      return !groovyEquals(a, b);
    };
  if (op === '<' || op === '>' || op === '<=' || op === '>=') {
    return (f) => {
      const a = l(f);
      const b = r(f);
      let c: number;
      try {
        c =
          typeof a === 'number' && typeof b === 'number'
            ? a - b
            : isNumber(a) && isNumber(b)
              ? compareNumbers(a, b)
              : groovyCompare(a, b);
      } catch (err) {
        throw at(err, pos);
      }
      return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    };
  }
  return (f) => {
    const a = l(f);
    const b = r(f);
    try {
      return binaryOp(f.ctx, op, a, b);
    } catch (err) {
      throw at(err, pos);
    }
  };
}

function callExpr(e: Extract<Expr, { t: 'call' }>, scope: Scope): Ev {
  const args = e.args.map((a) => expr(a, scope));
  const { name, pos, safe, spread } = e;
  const evalArgs = (f: Frame): Value[] => {
    const out: Value[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) out[i] = args[i]!(f);
    return out;
  };
  if (SECURITY_METHODS.has(name)) return () => security(`method ${name}()`, pos);
  if (e.obj === null) {
    const r = scope.resolve(name);
    const read = r ? varRead(name, pos, scope) : null;
    if (!r && SECURITY_IDENTIFIERS.has(name)) return () => security(`method ${name}()`, pos);
    return (f) => {
      const target = read ? read(f) : f.ctx.lookup(name);
      const vals = evalArgs(f);
      try {
        if (target instanceof GClosure) {
          f.ctx.step();
          return target.invoke(vals);
        }
        const types = vals.map((a) => (a === null ? 'null' : formatValueType(a))).join(', ');
        return fail(
          'groovy.lang.MissingMethodException',
          `No signature of method: Script1.${name}() is applicable for argument types: (${types}) values: [${vals.map((v) => formatValue(v)).join(', ')}]`,
        );
      } catch (err) {
        throw at(err, pos);
      }
    };
  }
  const obj = expr(e.obj, scope);
  return (f) => {
    const o = obj(f);
    if (o === null && safe) return null;
    const vals = evalArgs(f);
    try {
      if (spread) return iterate(o).map((x) => (x === null ? null : callMethod(f.ctx, x, name, vals)));
      return callMethod(f.ctx, o, name, vals);
    } catch (err) {
      throw at(err, pos);
    }
  };
}

function formatValueType(v: Value): string {
  return typeNameOf(v);
}

function closure(e: Extract<Expr, { t: 'closure' }>, scope: Scope): Ev {
  const fn = new FnInfo();
  const inner = new Scope(scope, fn, 0);
  const names = e.params ?? ['it'];
  const implicitIt = e.params === null;
  const locals = names.map((n) => inner.declare(n, null, e.pos, implicitIt ? 'implicit' : 'param'));
  const body = valueBody(e.body, inner);
  const implicit = e.params === null;
  const count = names.length;
  const pos = e.pos;
  return (f) => {
    const id = ++f.ctx.closureCount;
    const ctx = f.ctx;
    return new GClosure(
      count,
      (args) => {
        ctx.step();
        let a = args;
        if (!implicit && count > 1 && a.length === 1 && Array.isArray(a[0]) && a[0].length === count) a = a[0];
        if ((implicit && a.length > 1) || (!implicit && a.length !== count && !(count === 1 && a.length === 0))) {
          const types = a.map((x) => (x === null ? 'null' : typeNameOf(x))).join(', ');
          throw at(
            new GroovyThrow(
              'groovy.lang.MissingMethodException',
              `No signature of method: Script1$_run_closure1$_closure${id + 1}.call() is applicable for argument types: (${types}) values: [${a.map((x) => formatValue(x)).join(', ')}]`,
            ),
            pos,
          );
        }
        const v: Value[] = new Array(fn.slots).fill(null);
        for (let i = 0; i < locals.length; i++) v[locals[i]!.slot] = a[i] ?? null;
        return body({ v, up: f, ctx, ret: null });
      },
      id,
    );
  };
}

export { missingProperty };
