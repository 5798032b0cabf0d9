/**
 * Recursive-descent parser for the Groovy subset: one placeholder body (statements) into an AST.
 * Syntax errors throw SyntaxErr; sandbox and subset findings are collected in `issues` while parsing continues.
 */
import type { Expr, Stmt, TypeRef } from './ast.ts';
import { type GPart, KEYWORDS, SyntaxErr, type Token, tokenize } from './lexer.ts';
import { integral, JBigDecimal, JBigInteger, JDouble, JFloat, JLong, parseBigDecimal } from './numbers.ts';
import {
  CLASS_ALIASES,
  isKnownType,
  KNOWN_UNSUPPORTED_CLASSES,
  PACKAGE_ROOTS,
  SECURITY_IDENTIFIERS,
  SECURITY_METHODS,
  SECURITY_PROPERTIES,
  UNSUPPORTED_FUNCTIONS,
} from './policy.ts';
import type { Value } from './values.ts';

/** A sandbox or subset finding at parse time. */
export interface Issue {
  kind: 'security' | 'unsupported';
  message: string;
  pos: number;
}

const PRIMITIVES = new Set(['int', 'long', 'short', 'byte', 'boolean', 'double', 'float', 'char', 'void']);
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=']);
const NEWABLE = new Set([
  'java.util.HashMap',
  'java.util.LinkedHashMap',
  'java.util.TreeMap',
  'java.util.ArrayList',
  'java.util.LinkedList',
  'java.lang.StringBuilder',
  'java.lang.StringBuffer',
  'java.lang.String',
  'com.fasterxml.jackson.databind.ObjectMapper',
  'groovy.json.JsonBuilder',
  'groovy.json.JsonSlurper',
  'java.util.Date',
  'java.text.SimpleDateFormat',
]);

function tokText(t: Token): string {
  if (t.k === 'eof') return '<EOF>';
  if (t.k === 'str') return `'${t.v}'`;
  if (t.k === 'gstr') return 'string';
  return t.v;
}

/** Parses the code in `src[start, end)` as a statement list. */
export function parseBody(src: string, start: number, end: number, issues: Issue[]): Stmt[] {
  const p = new Parser(src, tokenize(src, start, end), issues);
  const body = p.statements(true);
  p.expectEof();
  return body;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly toks: Token[],
    private readonly issues: Issue[],
  ) {}

  private get tok(): Token {
    return this.toks[this.i]!;
  }
  private peek(n = 1): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }
  private isOp(v: string, t: Token = this.tok): boolean {
    return t.k === 'op' && t.v === v;
  }
  private isKw(v: string, t: Token = this.tok): boolean {
    return t.k === 'kw' && t.v === v;
  }
  private next(): Token {
    const t = this.tok;
    if (t.k !== 'eof') this.i++;
    return t;
  }
  private err(msg: string, t: Token = this.tok): never {
    throw new SyntaxErr(msg, t.pos);
  }
  private unexpected(t: Token = this.tok): never {
    return this.err(`unexpected token: ${tokText(t)}`, t);
  }
  private expectOp(v: string): Token {
    if (!this.isOp(v)) this.err(`expecting '${v}', found '${tokText(this.tok)}'`);
    return this.next();
  }
  private issue(kind: Issue['kind'], message: string, pos: number): void {
    this.issues.push({ kind, message, pos });
  }

  expectEof(): void {
    if (this.tok.k !== 'eof') this.unexpected();
  }

  // ---------------------------------------------------------------- statements

  /** Statements up to `}` or EOF. */
  statements(_top: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      while (this.isOp(';')) this.next();
      if (this.tok.k === 'eof' || this.isOp('}')) break;
      out.push(this.statement());
      const t: Token = this.tok;
      if (t.k === 'eof' || this.isOp('}', t) || this.isOp(';', t) || t.nl) continue;
      this.unexpected(t);
    }
    return out;
  }

  private block(): Stmt {
    const pos = this.expectOp('{').pos;
    const body = this.statements(false);
    this.expectOp('}');
    return { t: 'block', body, pos };
  }

  /** A statement or a `{}` block (bodies of if/for/while). */
  private body(): Stmt {
    if (this.isOp('{')) return this.block();
    if (this.isOp(';')) {
      const pos = this.next().pos;
      return { t: 'block', body: [], pos };
    }
    return this.statement();
  }

  private statement(): Stmt {
    const t = this.tok;
    if (t.k === 'op' && t.v === '{') return this.block();
    if (t.k === 'op' && t.v === '@') {
      this.issue('security', 'annotations (@Grab, @ASTTransformation ...)', t.pos);
      this.next();
      this.qualifiedName();
      if (this.isOp('(')) this.skipBalanced();
      return this.statement();
    }
    if (t.k === 'kw') {
      switch (t.v) {
        case 'if':
          return this.ifStmt();
        case 'switch':
          return this.switchStmt();
        case 'for':
          return this.forStmt();
        case 'while': {
          this.next();
          this.expectOp('(');
          const c = this.expression();
          this.expectOp(')');
          return { t: 'while', c, body: this.body(), doWhile: false, pos: t.pos };
        }
        case 'do': {
          this.issue('unsupported', 'do/while loops (not in Groovy 2.4)', t.pos);
          this.next();
          const body = this.body();
          if (!this.isKw('while')) this.unexpected();
          this.next();
          this.expectOp('(');
          const c = this.expression();
          this.expectOp(')');
          return { t: 'while', c, body, doWhile: true, pos: t.pos };
        }
        case 'return': {
          this.next();
          const e = this.atStatementEnd() ? null : this.expression();
          return { t: 'return', e, pos: t.pos };
        }
        case 'break':
          this.next();
          return { t: 'break', pos: t.pos };
        case 'continue':
          this.next();
          return { t: 'continue', pos: t.pos };
        case 'throw':
          this.issue('unsupported', "'throw' statements", t.pos);
          this.next();
          return { t: 'throw', e: this.expression(), pos: t.pos };
        case 'try':
          return this.tryStmt();
        case 'import':
        case 'package':
          this.issue('security', `'${t.v}' statements`, t.pos);
          this.next();
          this.qualifiedName(true);
          return { t: 'block', body: [], pos: t.pos };
        case 'class':
        case 'interface':
        case 'enum':
        case 'trait':
          this.issue('unsupported', `${t.v} declarations`, t.pos);
          this.next();
          while (this.tok.k !== 'eof' && !this.isOp('{')) this.next();
          if (this.isOp('{')) this.skipBalanced();
          return { t: 'block', body: [], pos: t.pos };
        case 'synchronized':
        case 'assert':
          this.issue('unsupported', `'${t.v}' statements`, t.pos);
          this.next();
          if (this.isOp('(')) this.skipBalanced();
          if (this.isOp('{')) this.skipBalanced();
          else if (!this.atStatementEnd()) this.expression();
          return { t: 'block', body: [], pos: t.pos };
        case 'static':
          this.issue('unsupported', "'static' declarations", t.pos);
          this.next();
          return this.statement();
        case 'def':
        case 'var':
        case 'final':
          return this.declaration();
      }
    }
    if (this.looksLikeDeclaration()) return this.declaration();
    const e = this.expression();
    // command expression: `println 'x'`, `foo bar`
    if (e.t === 'var' && !this.tok.nl && this.startsOperand(this.tok)) {
      const args = [this.expression()];
      while (this.isOp(',')) {
        this.next();
        args.push(this.expression());
      }
      return { t: 'expr', e: this.callNode(null, e.name, args, false, false, e.pos), pos: t.pos };
    }
    return { t: 'expr', e, pos: t.pos };
  }

  private startsOperand(t: Token): boolean {
    return (
      t.k === 'id' ||
      t.k === 'num' ||
      t.k === 'str' ||
      t.k === 'gstr' ||
      (t.k === 'kw' && (t.v === 'null' || t.v === 'true' || t.v === 'false' || t.v === 'new'))
    );
  }

  private atStatementEnd(): boolean {
    return this.tok.k === 'eof' || this.isOp(';') || this.isOp('}') || this.tok.nl;
  }

  private skipBalanced(): void {
    const open = this.tok.v;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let d = 0;
    do {
      if (this.tok.k === 'eof') this.err(`expecting '${close}', found '<EOF>'`);
      if (this.isOp(open)) d++;
      else if (this.isOp(close)) d--;
      this.next();
    } while (d > 0);
  }

  private qualifiedName(allowStar = false): string {
    let name = this.identName();
    while (this.isOp('.')) {
      this.next();
      if (allowStar && this.isOp('*')) {
        this.next();
        return `${name}.*`;
      }
      name += `.${this.identName()}`;
    }
    return name;
  }

  private identName(): string {
    const t = this.tok;
    if (t.k === 'id' || t.k === 'kw') {
      this.next();
      return t.v;
    }
    return this.err(`unexpected token: ${tokText(t)}`);
  }

  private ifStmt(): Stmt {
    const pos = this.next().pos;
    this.expectOp('(');
    const c = this.expression();
    this.expectOp(')');
    const then = this.body();
    let j = this.i;
    while (this.isOp(';', this.toks[j]!)) j++;
    let els: Stmt | null = null;
    if (this.isKw('else', this.toks[j]!)) {
      this.i = j + 1;
      els = this.body();
    }
    return { t: 'if', c, then, else: els, pos };
  }

  private switchStmt(): Stmt {
    const pos = this.next().pos;
    this.expectOp('(');
    const e = this.expression();
    this.expectOp(')');
    this.expectOp('{');
    const cases: { values: Expr[]; isDefault: boolean; body: Stmt[] }[] = [];
    while (!this.isOp('}')) {
      if (this.tok.k === 'eof') this.err("expecting '}', found '<EOF>'");
      const c = { values: [] as Expr[], isDefault: false, body: [] as Stmt[] };
      while (this.isKw('case') || this.isKw('default')) {
        if (this.next().v === 'default') c.isDefault = true;
        else c.values.push(this.ternary());
        this.expectOp(':');
      }
      if (!c.values.length && !c.isDefault) this.unexpected();
      for (;;) {
        while (this.isOp(';')) this.next();
        const cur: Token = this.tok;
        if (this.isOp('}', cur) || this.isKw('case', cur) || this.isKw('default', cur) || cur.k === 'eof') break;
        c.body.push(this.statement());
        const t: Token = this.tok;
        if (
          !(
            t.k === 'eof' ||
            this.isOp('}', t) ||
            this.isOp(';', t) ||
            t.nl ||
            this.isKw('case', t) ||
            this.isKw('default', t)
          )
        )
          this.unexpected(t);
      }
      cases.push(c);
    }
    this.expectOp('}');
    return { t: 'switch', e, cases, pos };
  }

  private forStmt(): Stmt {
    const pos = this.next().pos;
    this.expectOp('(');
    // for (x in xs) / for (T x in xs) / for (T x : xs)
    const save = this.i;
    let type: TypeRef | null = null;
    if (this.isKw('def') || this.isKw('var') || this.isKw('final')) {
      this.next();
    } else if (this.looksLikeTypeThenName()) {
      type = this.typeRef();
    }
    if (this.tok.k === 'id' && (this.isKw('in', this.peek()) || this.isOp(':', this.peek()))) {
      const name = this.next().v;
      this.next();
      const iter = this.expression();
      this.expectOp(')');
      return { t: 'forin', type, name, iter, body: this.body(), pos };
    }
    this.i = save;
    const init: Stmt[] = [];
    if (!this.isOp(';')) {
      if (this.looksLikeDeclaration() || this.isKw('def')) init.push(this.declaration());
      else {
        init.push({ t: 'expr', e: this.expression(), pos: this.tok.pos });
        while (this.isOp(',')) {
          this.next();
          init.push({ t: 'expr', e: this.expression(), pos: this.tok.pos });
        }
      }
    }
    this.expectOp(';');
    const cond = this.isOp(';') ? null : this.expression();
    this.expectOp(';');
    const update: Expr[] = [];
    if (!this.isOp(')')) {
      update.push(this.expression());
      while (this.isOp(',')) {
        this.next();
        update.push(this.expression());
      }
    }
    this.expectOp(')');
    return { t: 'for', init, cond, update, body: this.body(), pos };
  }

  private tryStmt(): Stmt {
    const pos = this.next().pos;
    const body = this.block();
    const catches: { types: string[]; name: string; body: Stmt; pos: number }[] = [];
    while (this.isKw('catch')) {
      const cpos = this.next().pos;
      this.expectOp('(');
      const types: string[] = [];
      if (this.tok.k === 'id' && (this.isOp(')', this.peek()) || false)) {
        types.push('Exception');
      } else {
        if (this.isKw('def')) this.next();
        else {
          types.push(this.qualifiedName());
          while (this.isOp('|')) {
            this.next();
            types.push(this.qualifiedName());
          }
        }
      }
      const name = this.identName();
      this.expectOp(')');
      catches.push({ types: types.length ? types : ['Exception'], name, body: this.block(), pos: cpos });
    }
    let fin: Stmt | null = null;
    if (this.isKw('finally')) {
      this.next();
      fin = this.block();
    }
    if (!catches.length && !fin) this.err("expecting 'catch' or 'finally'");
    return { t: 'try', body, catches, fin, pos };
  }

  /** Type at the cursor followed by an identifier (a declaration start)? */
  private looksLikeDeclaration(): boolean {
    return this.looksLikeTypeThenName();
  }

  private looksLikeTypeThenName(): boolean {
    const t = this.tok;
    if (t.k === 'kw' && (t.v === 'def' || t.v === 'var')) return true;
    if (t.k !== 'id') return false;
    const isType = PRIMITIVES.has(t.v) || /^[A-Z]/.test(t.v) || (PACKAGE_ROOTS.has(t.v) && this.isOp('.', this.peek()));
    if (!isType) return false;
    const save = this.i;
    try {
      this.typeRef(true);
      return this.tok.k === 'id' && !this.tok.nl;
    } catch {
      return false;
    } finally {
      this.i = save;
    }
  }

  /** A class name `a.b.C`, its generics (`<...>`) skipped. */
  private className(): string {
    if (this.tok.k !== 'id') this.unexpected();
    let name = this.next().v;
    while (this.isOp('.') && this.peek().k === 'id') {
      this.next();
      name += `.${this.next().v}`;
    }
    if (this.isOp('<')) this.skipGenerics();
    return name;
  }

  /** A type: qualified name, optional generics, optional `[]`s. */
  private typeRef(silent = false): TypeRef {
    const pos = this.tok.pos;
    const name = this.className();
    let dims = 0;
    while (this.isOp('[') && this.isOp(']', this.peek())) {
      this.next();
      this.next();
      dims++;
    }
    if (!silent) this.checkType(name, pos);
    return { name, dims, pos };
  }

  private checkType(name: string, pos: number): void {
    if (SECURITY_IDENTIFIERS.has(name) || SECURITY_IDENTIFIERS.has(name.slice(name.lastIndexOf('.') + 1)))
      this.issue('security', `type ${name}`, pos);
    else if (!isKnownType(name) && !PRIMITIVES.has(name)) this.issue('unsupported', `type ${name}`, pos);
  }

  private skipGenerics(): void {
    let d = 0;
    do {
      const t = this.tok;
      if (t.k === 'eof') this.err("expecting '>', found '<EOF>'");
      if (this.isOp('<')) d++;
      else if (this.isOp('>')) d--;
      else if (this.isOp('>>')) d -= 2;
      else if (this.isOp('>>>')) d -= 3;
      else if (
        !(
          t.k === 'id' ||
          this.isOp(',') ||
          this.isOp('?') ||
          this.isOp('.') ||
          this.isOp('[') ||
          this.isOp(']') ||
          this.isKw('extends') ||
          this.isKw('super')
        )
      )
        this.unexpected();
      this.next();
    } while (d > 0);
  }

  private declaration(): Stmt {
    const pos = this.tok.pos;
    let type: TypeRef | null = null;
    while (this.isKw('final')) this.next();
    if (this.isKw('def') || this.isKw('var')) this.next();
    if (this.tok.k === 'id' && this.looksLikeTypeThenName()) type = this.typeRef();
    const decls: { name: string; init: Expr | null; pos: number }[] = [];
    for (;;) {
      const nt = this.tok;
      if (nt.k !== 'id') this.unexpected();
      this.next();
      this.checkIdentifier(nt.v, nt.pos, true);
      let init: Expr | null = null;
      if (this.isOp('=')) {
        this.next();
        init = this.expression();
      }
      decls.push({ name: nt.v, init, pos: nt.pos });
      if (!this.isOp(',')) break;
      this.next();
    }
    return { t: 'decl', type, decls, pos };
  }

  private checkIdentifier(name: string, pos: number, declaring = false): void {
    if (SECURITY_IDENTIFIERS.has(name) && !declaring) this.issue('security', `'${name}'`, pos);
  }

  // ---------------------------------------------------------------- expressions

  expression(): Expr {
    return this.assignment();
  }

  private assignment(): Expr {
    const left = this.ternary();
    const t = this.tok;
    if (t.k === 'op' && ASSIGN_OPS.has(t.v)) {
      if (left.t !== 'var' && left.t !== 'prop' && left.t !== 'index') this.err(`unexpected token: ${t.v}`, t);
      this.next();
      const value = this.assignment();
      return { t: 'assign', op: t.v, target: left, value, pos: t.pos };
    }
    return left;
  }

  private ternary(): Expr {
    const c = this.binary(0);
    if (this.isOp('?')) {
      const pos = this.next().pos;
      this.depth++;
      const a = this.assignment();
      this.depth--;
      this.expectOp(':');
      const b = this.ternary();
      return { t: 'tern', c, a, b, pos };
    }
    if (this.isOp('?:')) {
      const pos = this.next().pos;
      const b = this.ternary();
      return { t: 'elvis', a: c, b, pos };
    }
    return c;
  }

  private static readonly LEVELS: string[][] = [
    ['||'],
    ['&&'],
    ['|'],
    ['^'],
    ['&'],
    ['==', '!=', '<=>', '=~', '==~'],
    ['<', '<=', '>', '>=', 'in', 'instanceof', 'as'],
    ['<<', '>>', '>>>'],
    ['..', '..<'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    const ops = Parser.LEVELS[level]!;
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.tok;
      if (t.nl && this.depth === 0) return left;
      let op: string | null = null;
      if (t.k === 'op' && ops.includes(t.v)) {
        op = t.v;
        if (op === '>' && this.isOp('>', this.peek()) && this.peek().pos === t.pos + 1) op = null;
      } else if (t.k === 'kw' && ops.includes(t.v)) op = t.v;
      else if (level === 6 && t.k === 'op' && t.v === '!' && this.isKw('instanceof', this.peek())) op = '!instanceof';
      else if (
        level === 7 &&
        t.k === 'op' &&
        t.v === '>' &&
        this.isOp('>', this.peek()) &&
        this.peek().pos === t.pos + 1
      )
        op = '>>';
      if (!op) return left;
      this.next();
      if (op === '!instanceof') this.next();
      if (op === 'instanceof' || op === '!instanceof' || op === 'as') {
        const type = this.typeRef();
        left =
          op === 'as'
            ? { t: 'as', e: left, type, pos: t.pos }
            : { t: 'instanceof', e: left, type, not: op === '!instanceof', pos: t.pos };
        continue;
      }
      if (op === '>>' && t.v === '>') this.next();
      const right = this.binary(level + 1);
      if (op === '..' || op === '..<')
        left = { t: 'range', from: left, to: right, exclusive: op === '..<', pos: t.pos };
      else left = { t: 'bin', op, l: left, r: right, pos: t.pos };
    }
  }

  private unary(): Expr {
    const t = this.tok;
    if (t.k === 'op' && (t.v === '-' || t.v === '+')) {
      this.next();
      const n = this.tok;
      const after = this.peek();
      if (
        t.v === '-' &&
        n.k === 'num' &&
        !(after.k === 'op' && ['.', '?.', '*.', '**', '[', '('].includes(after.v) && !after.nl)
      ) {
        this.next();
        return this.postfix({ t: 'lit', v: this.number(n, true), pos: t.pos });
      }
      const e = this.unary();
      return { t: 'unary', op: t.v, e, pos: t.pos };
    }
    return this.power();
  }

  private power(): Expr {
    let left = this.notPlusMinus();
    while (this.isOp('**') && !(this.tok.nl && this.depth === 0)) {
      const pos = this.next().pos;
      let right: Expr;
      if (this.isOp('-') || this.isOp('+')) {
        const op = this.next();
        right = { t: 'unary', op: op.v, e: this.notPlusMinus(), pos: op.pos };
      } else right = this.notPlusMinus();
      left = { t: 'bin', op: '**', l: left, r: right, pos };
    }
    return left;
  }

  private notPlusMinus(): Expr {
    const t = this.tok;
    if (t.k === 'op') {
      if (t.v === '!' || t.v === '~') {
        this.next();
        const e = this.notPlusMinus();
        return { t: 'unary', op: t.v, e, pos: t.pos };
      }
      if (t.v === '++' || t.v === '--') {
        this.next();
        const target = this.notPlusMinus();
        if (target.t !== 'var' && target.t !== 'prop' && target.t !== 'index') this.unexpected(t);
        return { t: 'incdec', op: t.v, prefix: true, target, pos: t.pos };
      }
      if (t.v === '(' && this.looksLikeCast()) {
        this.next();
        const type = this.typeRef();
        this.expectOp(')');
        const e = this.unary();
        return { t: 'cast', e, type, pos: t.pos };
      }
    }
    return this.postfix(this.primary());
  }

  private looksLikeCast(): boolean {
    const a = this.peek();
    if (a.k !== 'id') return false;
    if (!PRIMITIVES.has(a.v) && !/^[A-Z]/.test(a.v) && !PACKAGE_ROOTS.has(a.v)) return false;
    const save = this.i;
    try {
      this.next();
      this.typeRef(true);
      if (!this.isOp(')')) return false;
      this.next();
      const n = this.tok;
      // `(int) -x`: a primitive type name cannot be a value, so a sign after it is a cast's operand, as in Java
      if (PRIMITIVES.has(a.v) && n.k === 'op' && ['-', '+', '~', '++', '--'].includes(n.v)) return true;
      return (
        n.k === 'id' ||
        n.k === 'num' ||
        n.k === 'str' ||
        n.k === 'gstr' ||
        (n.k === 'kw' && (n.v === 'null' || n.v === 'true' || n.v === 'false' || n.v === 'new')) ||
        (n.k === 'op' && (n.v === '(' || n.v === '[' || n.v === '!'))
      );
    } catch {
      return false;
    } finally {
      this.i = save;
    }
  }

  private callNode(obj: Expr | null, name: string, args: Expr[], safe: boolean, spread: boolean, pos: number): Expr {
    if (SECURITY_METHODS.has(name) || (obj === null && SECURITY_IDENTIFIERS.has(name)))
      this.issue('security', `method ${name}()`, pos);
    else if (obj === null && UNSUPPORTED_FUNCTIONS.has(name)) this.issue('unsupported', `${name}()`, pos);
    return { t: 'call', obj, name, args, safe, spread, pos };
  }

  private args(): Expr[] {
    this.expectOp('(');
    this.depth++;
    const args: Expr[] = [];
    const named: [Expr, Expr][] = [];
    while (!this.isOp(')')) {
      if ((this.tok.k === 'id' || this.tok.k === 'str' || this.tok.k === 'kw') && this.isOp(':', this.peek())) {
        const k = this.next();
        this.next();
        named.push([{ t: 'lit', v: k.v, pos: k.pos }, this.expression()]);
      } else args.push(this.expression());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.depth--;
    this.expectOp(')');
    if (named.length) args.unshift({ t: 'map', entries: named, pos: named[0]![0].pos });
    return args;
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      const t = this.tok;
      if (t.k !== 'op') return e;
      if (t.v === '.' || t.v === '?.' || t.v === '*.') {
        this.next();
        const nt = this.tok;
        let name: string;
        if (nt.k === 'id' || nt.k === 'kw' || nt.k === 'str') name = nt.v;
        else if (nt.k === 'gstr') {
          this.issue('unsupported', 'dynamic (GString) member names', nt.pos);
          name = '';
        } else return this.unexpected(nt);
        this.next();
        const safe = t.v === '?.';
        const spread = t.v === '*.';
        if (this.isOp('(') && !this.tok.nl) {
          const args = this.args();
          if (this.isOp('{') && !this.tok.nl) args.push(this.closure());
          e = this.callNode(e, name, args, safe, spread, nt.pos);
        } else if (this.isOp('{') && !this.tok.nl && nt.k !== 'str') {
          e = this.callNode(e, name, [this.closure()], safe, spread, nt.pos);
        } else {
          if (SECURITY_PROPERTIES.has(name)) this.issue('security', `property '${name}'`, nt.pos);
          e = this.qualify({ t: 'prop', obj: e, name, safe, spread, pos: nt.pos });
        }
        continue;
      }
      if (t.v === '.&' || t.v === '::') {
        this.issue('unsupported', 'method pointers (.&)', t.pos);
        this.next();
        this.identName();
        continue;
      }
      if (t.v === '[' && !t.nl) {
        this.next();
        this.depth++;
        const index = this.expression();
        let idx = index;
        if (this.isOp(',')) {
          const items = [index];
          while (this.isOp(',')) {
            this.next();
            items.push(this.expression());
          }
          idx = { t: 'list', items, pos: index.pos };
        }
        this.depth--;
        this.expectOp(']');
        e = { t: 'index', obj: e, index: idx, pos: t.pos };
        continue;
      }
      if (t.v === '(' && !t.nl && (e.t === 'var' || e.t === 'closure' || e.t === 'call' || e.t === 'index')) {
        const args = this.args();
        if (this.isOp('{') && !this.tok.nl) args.push(this.closure());
        if (e.t === 'var') e = this.callNode(null, e.name, args, false, false, e.pos);
        else e = { t: 'call', obj: e, name: 'call', args, safe: false, spread: false, pos: t.pos };
        continue;
      }
      if (t.v === '{' && !t.nl && e.t === 'call' && e.obj === null) {
        e.args.push(this.closure());
        continue;
      }
      if ((t.v === '++' || t.v === '--') && !t.nl) {
        if (e.t !== 'var' && e.t !== 'prop' && e.t !== 'index') return e;
        this.next();
        e = { t: 'incdec', op: t.v, prefix: false, target: e, pos: t.pos };
        continue;
      }
      return e;
    }
  }

  /** Folds `java.net.URLEncoder`-style property chains into class references. */
  private qualify(e: Expr): Expr {
    if (e.t !== 'prop' || e.safe || e.spread) return e;
    const parts: string[] = [e.name];
    let o: Expr = e.obj;
    while (o.t === 'prop' && !o.safe && !o.spread) {
      parts.unshift(o.name);
      o = o.obj;
    }
    if (o.t !== 'var' || !PACKAGE_ROOTS.has(o.name)) return e;
    parts.unshift(o.name);
    const name = parts.join('.');
    if (!/^[A-Z]/.test(e.name)) return e;
    if (CLASS_ALIASES.has(name)) return { t: 'cls', name: CLASS_ALIASES.get(name)!, pos: o.pos };
    if (SECURITY_IDENTIFIERS.has(e.name)) this.issue('security', `class ${name}`, o.pos);
    else this.issue('unsupported', `class ${name}`, o.pos);
    return { t: 'cls', name, pos: o.pos };
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.k) {
      case 'num':
        this.next();
        return { t: 'lit', v: this.number(t), pos: t.pos };
      case 'str':
        this.next();
        return { t: 'lit', v: t.v, pos: t.pos };
      case 'gstr':
        this.next();
        return this.gstring(t);
      case 'id': {
        this.next();
        // System.currentTimeMillis() is the one member of System the sandbox lets through (a clock read)
        if (t.v === 'System' && this.isSystemClockCall()) return { t: 'cls', name: 'java.lang.System', pos: t.pos };
        if (!this.isOp('.') || !PACKAGE_ROOTS.has(t.v)) {
          const cls = CLASS_ALIASES.get(t.v);
          if (cls && /^[A-Z]/.test(t.v)) return { t: 'cls', name: cls, pos: t.pos };
          if (KNOWN_UNSUPPORTED_CLASSES.has(t.v)) this.issue('unsupported', `class ${t.v}`, t.pos);
          else this.checkIdentifier(t.v, t.pos);
        }
        return { t: 'var', name: t.v, pos: t.pos };
      }
      case 'kw':
        switch (t.v) {
          case 'true':
          case 'false':
            this.next();
            return { t: 'lit', v: t.v === 'true', pos: t.pos };
          case 'null':
            this.next();
            return { t: 'lit', v: null, pos: t.pos };
          case 'this':
          case 'super':
            this.next();
            this.issue('security', `'${t.v}'`, t.pos);
            return { t: 'var', name: t.v, pos: t.pos };
          case 'new':
            return this.newExpr();
          default:
            return this.unexpected();
        }
      case 'op':
        if (t.v === '(') {
          this.next();
          this.depth++;
          const e = this.expression();
          this.depth--;
          this.expectOp(')');
          return e;
        }
        if (t.v === '[') return this.listOrMap();
        if (t.v === '{') return this.closure();
        return this.unexpected();
      default:
        return this.unexpected();
    }
  }

  /** True at `.currentTimeMillis()` (after the identifier `System`). */
  private isSystemClockCall(): boolean {
    const name = this.peek();
    return (
      this.isOp('.') &&
      name.k === 'id' &&
      name.v === 'currentTimeMillis' &&
      this.isOp('(', this.peek(2)) &&
      this.isOp(')', this.peek(3))
    );
  }

  private newExpr(): Expr {
    const pos = this.next().pos;
    const tpos = this.tok.pos;
    const name = this.className();
    const type: TypeRef = { name, dims: 0, pos: tpos };
    if (this.isOp('[')) {
      this.issue('unsupported', 'array creation with new', pos);
      this.skipBalanced();
      if (this.isOp('{')) this.skipBalanced();
      return { t: 'new', type, args: [], pos };
    }
    const full = CLASS_ALIASES.get(name);
    const short = name.slice(name.lastIndexOf('.') + 1);
    if (SECURITY_IDENTIFIERS.has(short)) this.issue('security', `new ${name}`, tpos);
    else if (!full || !NEWABLE.has(full)) this.issue('unsupported', `new ${name}`, tpos);
    if (!this.isOp('(')) this.err(`expecting '(', found '${tokText(this.tok)}'`);
    const args = this.args();
    if (this.isOp('{') && !this.tok.nl) {
      this.issue('unsupported', 'anonymous inner classes', this.tok.pos);
      this.skipBalanced();
    }
    return { t: 'new', type: { name: full ?? name, dims: 0, pos: tpos }, args, pos };
  }

  private listOrMap(): Expr {
    const pos = this.expectOp('[').pos;
    this.depth++;
    if (this.isOp(':') && this.isOp(']', this.peek())) {
      this.next();
      this.next();
      this.depth--;
      return { t: 'map', entries: [], pos };
    }
    const items: Expr[] = [];
    const entries: [Expr, Expr][] = [];
    while (!this.isOp(']')) {
      const kt = this.tok;
      if ((kt.k === 'id' || kt.k === 'kw') && this.isOp(':', this.peek())) {
        this.next();
        this.next();
        entries.push([{ t: 'lit', v: kt.v, pos: kt.pos }, this.expression()]);
      } else {
        const e = this.expression();
        if (this.isOp(':')) {
          this.next();
          entries.push([e, this.expression()]);
        } else items.push(e);
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.depth--;
    this.expectOp(']');
    if (entries.length && items.length)
      this.err('unexpected token: mixing list and map literal', this.toks[this.i - 1]);
    if (entries.length) return { t: 'map', entries, pos };
    return { t: 'list', items, pos };
  }

  private closure(): Expr {
    const pos = this.expectOp('{').pos;
    let params: string[] | null = null;
    const save = this.i;
    if (this.isOp('->')) {
      this.next();
      params = [];
    } else {
      const names: string[] = [];
      let ok = false;
      try {
        for (;;) {
          if (
            this.tok.k === 'id' &&
            (this.peek().k === 'id' || this.isOp('<', this.peek()) || this.isOp('[', this.peek()))
          )
            this.typeRef(true);
          else if (this.isKw('def')) this.next();
          if (this.tok.k !== 'id') break;
          names.push(this.next().v);
          if (this.isOp('=')) break;
          if (this.isOp('->')) {
            this.next();
            ok = true;
            break;
          }
          if (!this.isOp(',')) break;
          this.next();
        }
      } catch {
        ok = false;
      }
      if (ok) params = names;
      else this.i = save;
    }
    const saveDepth = this.depth;
    this.depth = 0;
    const body = this.statements(false);
    this.depth = saveDepth;
    this.expectOp('}');
    return { t: 'closure', params, body, pos };
  }

  private gstring(t: Token): Expr {
    const parts: (string | Stmt[])[] = [];
    for (const p of t.parts as GPart[]) {
      if (typeof p === 'string') parts.push(p);
      else {
        const sub = new Parser(this.src, tokenize(this.src, p.start, p.end), this.issues);
        const body = sub.statements(true);
        sub.expectEof();
        parts.push(body);
      }
    }
    return { t: 'gstr', parts, pos: t.pos };
  }

  private number(t: Token, negative = false): Value {
    let s = t.v.replace(/_/g, '');
    const suffix =
      /[lLgGiIdDfF]$/.test(s) && !/^0[xX]/.test(s)
        ? s.slice(-1).toLowerCase()
        : /^0[xX].*[lLgG]$/.test(s)
          ? s.slice(-1).toLowerCase()
          : '';
    if (suffix) s = s.slice(0, -1);
    const isDecimal = /[.eE]/.test(s) && !/^0[xX]/.test(s);
    // a negative literal is folded by Groovy's parser: `-0.0d` is 0.0, not -0.0
    if (suffix === 'd') return new JDouble(negative ? 0 - Number(s) || 0 : Number(s));
    if (suffix === 'f') return new JFloat(negative ? 0 - Number(s) || 0 : Number(s));
    if (isDecimal) {
      const d = parseBigDecimal(negative ? `-${s}` : s);
      if (!d) return this.err(`invalid number: ${t.v}`, t);
      return d;
    }
    let b: bigint;
    if (/^0[xX]/.test(s)) b = BigInt(s);
    else if (/^0[bB]/.test(s)) b = BigInt(s);
    else if (s.length > 1 && s.startsWith('0')) {
      if (!/^[0-7]+$/.test(s)) return this.err(`invalid octal number: ${t.v}`, t);
      b = BigInt(`0o${s.slice(1)}`);
    } else b = BigInt(s);
    if (negative) b = -b;
    if (suffix === 'l') {
      if (b >= 1n << 64n) return this.err(`Number too large: ${t.v}`, t);
      return new JLong(BigInt.asIntN(64, b));
    }
    if (suffix === 'g') return new JBigInteger(b);
    if (suffix === 'i') return Number(BigInt.asIntN(32, b));
    const v = integral(b);
    if (/^0[xX]/.test(s) && v instanceof JLong && b < 1n << 32n) return Number(BigInt.asIntN(32, b));
    return v;
  }
}

/** Keywords (for tests and the checker). */
export { JBigDecimal, KEYWORDS };
