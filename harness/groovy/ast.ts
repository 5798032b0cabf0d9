/** AST of the Groovy subset. Every node carries `pos`, its absolute offset in the template. */
import type { Value } from './values.ts';

export interface TypeRef {
  name: string;
  dims: number;
  pos: number;
}

export type Expr =
  | { t: 'lit'; v: Value; pos: number }
  | { t: 'gstr'; parts: (string | Stmt[])[]; pos: number }
  | { t: 'list'; items: Expr[]; pos: number }
  | { t: 'map'; entries: [Expr, Expr][]; pos: number }
  | { t: 'var'; name: string; pos: number }
  | { t: 'cls'; name: string; pos: number }
  | { t: 'prop'; obj: Expr; name: string; safe: boolean; spread: boolean; pos: number }
  | { t: 'index'; obj: Expr; index: Expr; pos: number }
  | { t: 'call'; obj: Expr | null; name: string; args: Expr[]; safe: boolean; spread: boolean; pos: number }
  | { t: 'new'; type: TypeRef; args: Expr[]; pos: number }
  | { t: 'unary'; op: string; e: Expr; pos: number }
  | { t: 'bin'; op: string; l: Expr; r: Expr; pos: number }
  | { t: 'tern'; c: Expr; a: Expr; b: Expr; pos: number }
  | { t: 'elvis'; a: Expr; b: Expr; pos: number }
  | { t: 'assign'; op: string; target: Expr; value: Expr; pos: number }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr; pos: number }
  | { t: 'as'; e: Expr; type: TypeRef; pos: number }
  | { t: 'cast'; e: Expr; type: TypeRef; pos: number }
  | { t: 'instanceof'; e: Expr; type: TypeRef; not: boolean; pos: number }
  | { t: 'closure'; params: string[] | null; body: Stmt[]; pos: number }
  | { t: 'range'; from: Expr; to: Expr; exclusive: boolean; pos: number };

export type Stmt =
  | { t: 'expr'; e: Expr; pos: number }
  | { t: 'decl'; type: TypeRef | null; decls: { name: string; init: Expr | null; pos: number }[]; pos: number }
  | { t: 'if'; c: Expr; then: Stmt; else: Stmt | null; pos: number }
  | { t: 'block'; body: Stmt[]; pos: number }
  | { t: 'forin'; type: TypeRef | null; name: string; iter: Expr; body: Stmt; pos: number }
  | { t: 'for'; init: Stmt[]; cond: Expr | null; update: Expr[]; body: Stmt; pos: number }
  | { t: 'while'; c: Expr; body: Stmt; doWhile: boolean; pos: number }
  | { t: 'return'; e: Expr | null; pos: number }
  | { t: 'break'; pos: number }
  | { t: 'continue'; pos: number }
  | { t: 'throw'; e: Expr; pos: number }
  | { t: 'switch'; e: Expr; cases: { values: Expr[]; isDefault: boolean; body: Stmt[] }[]; pos: number }
  | {
      t: 'try';
      body: Stmt;
      catches: { types: string[]; name: string; body: Stmt; pos: number }[];
      fin: Stmt | null;
      pos: number;
    };
