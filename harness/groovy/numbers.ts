/**
 * Java numbers in the interpreter's value model: Integer is a plain JS number (always an int32), the others are
 * small classes. Arithmetic follows Groovy 2.4's NumberMath promotion (Integer < Long < BigInteger < BigDecimal < Double).
 */
import { BUDGET, fail } from './errors.ts';

/** java.lang.Long (64-bit, wraps on overflow). */
export class JLong {
  constructor(readonly v: bigint) {}
}

/** java.math.BigInteger. */
export class JBigInteger {
  constructor(readonly v: bigint) {}
}

/** java.lang.Double. */
export class JDouble {
  constructor(readonly v: number) {}
}

/** java.lang.Float: a Double whose value is rounded to float32; arithmetic widens it to a Double, as Groovy's does. */
export class JFloat extends JDouble {
  constructor(v: number) {
    super(Math.fround(v));
  }
}

/** java.math.BigDecimal: unscaled value and scale, value = u * 10^-s. */
export class JBigDecimal {
  constructor(
    readonly u: bigint,
    readonly s: number,
  ) {}
}

export type JNumber = number | JLong | JBigInteger | JDouble | JBigDecimal;

/** True for any Java number value. */
export function isNumber(v: unknown): v is JNumber {
  return (
    typeof v === 'number' ||
    v instanceof JLong ||
    v instanceof JBigDecimal ||
    v instanceof JDouble ||
    v instanceof JBigInteger
  );
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;

/** Integer, Long or BigInteger for an exact integer, the smallest that holds it. */
export function integral(b: bigint): JNumber {
  if (b >= INT_MIN && b <= INT_MAX) return Number(b);
  if (b >= LONG_MIN && b <= LONG_MAX) return new JLong(b);
  return new JBigInteger(b);
}

/** Java class name of a number value. */
export function numberClass(v: JNumber): string {
  if (typeof v === 'number') return 'java.lang.Integer';
  if (v instanceof JLong) return 'java.lang.Long';
  if (v instanceof JBigDecimal) return 'java.math.BigDecimal';
  if (v instanceof JDouble) return v instanceof JFloat ? 'java.lang.Float' : 'java.lang.Double';
  return 'java.math.BigInteger';
}

const POW10: bigint[] = [1n];
/** 10^n as a bigint (n >= 0). */
export function pow10(n: number): bigint {
  if (n < POW10.length) return POW10[n]!;
  if (n > MAX_DIGITS) tooManyDigits(n);
  if (n >= 400) return 10n ** BigInt(n);
  let p = POW10[POW10.length - 1]!;
  for (let i = POW10.length; i <= n; i++) {
    p *= 10n;
    POW10.push(p);
  }
  return p;
}

/**
 * Largest number of decimal digits the engine computes (BigInteger/BigDecimal results, scales, plain strings).
 * Java goes further, but no template needs it and V8 prints a million-digit bigint in seconds.
 */
export const MAX_DIGITS = 100_000;

/** Fails with harness.Budget for a number of about `n` digits. */
export function tooManyDigits(n: number): never {
  return fail(BUDGET, `a number of about ${n} digits exceeds the harness limit of ${MAX_DIGITS} digits`);
}

function absBig(b: bigint): bigint {
  return b < 0n ? -b : b;
}

/** Number of decimal digits of |b| (1 for 0). */
export function digits(b: bigint): number {
  return absBig(b).toString().length;
}

/** BigDecimal of any number (Double via its decimal string, like new BigDecimal(Double.toString(d))). */
export function toBigDecimal(v: JNumber): JBigDecimal {
  if (typeof v === 'number') return new JBigDecimal(BigInt(v), 0);
  if (v instanceof JBigDecimal) return v;
  if (v instanceof JDouble) return parseBigDecimal(doubleToString(v.v)) ?? new JBigDecimal(0n, 0);
  return new JBigDecimal(v.v, 0);
}

/** Parses Java BigDecimal syntax (`1.50`, `-2e3`, `.5`); undefined when invalid. */
export function parseBigDecimal(text: string): JBigDecimal | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  if (intPart === '' && frac === '') return undefined;
  const exp = m[4] ? Number.parseInt(m[4], 10) : 0;
  let u = BigInt((intPart || '0') + frac);
  if (m[1] === '-') u = -u;
  return new JBigDecimal(u, frac.length - exp);
}

/** Java's BigDecimal.toString(). */
export function bigDecimalToString(d: JBigDecimal): string {
  const neg = d.u < 0n;
  const coeff = absBig(d.u).toString();
  const adjusted = -d.s + (coeff.length - 1);
  let out: string;
  if (d.s === 0) out = coeff;
  else if (d.s > 0 && adjusted >= -6) {
    if (coeff.length > d.s) out = `${coeff.slice(0, coeff.length - d.s)}.${coeff.slice(coeff.length - d.s)}`;
    else out = `0.${'0'.repeat(d.s - coeff.length)}${coeff}`;
  } else {
    const mant = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
    out = `${mant}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }
  return neg ? `-${out}` : out;
}

/** Java's BigDecimal.toPlainString(). */
export function bigDecimalToPlain(d: JBigDecimal): string {
  if (Math.abs(d.s) > MAX_DIGITS) tooManyDigits(Math.abs(d.s));
  if (d.s <= 0) return (d.u * pow10(-d.s)).toString();
  const neg = d.u < 0n;
  const coeff = absBig(d.u)
    .toString()
    .padStart(d.s + 1, '0');
  const out = `${coeff.slice(0, coeff.length - d.s)}.${coeff.slice(coeff.length - d.s)}`;
  return neg ? `-${out}` : out;
}

/** Java's Double.toString (shortest repr digits; scientific outside [1e-3, 1e7)). */
export function doubleToString(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return 'Infinity';
  if (v === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(v);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant, exp] = v.toExponential().split('e') as [string, string];
  const m = mant.includes('.') ? mant : `${mant}.0`;
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** toString of any number, as Java prints it. */
export function numberToString(v: JNumber): string {
  if (typeof v === 'number') return String(v);
  if (v instanceof JBigDecimal) return bigDecimalToString(v);
  if (v instanceof JDouble) return v instanceof JFloat ? floatToString(v.v) : doubleToString(v.v);
  return v.v.toString();
}

/** Java's Float.toString: the shortest decimal that reads back as the same float, in Double.toString's layout. */
export function floatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return doubleToString(f);
  for (let p = 1; p < 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return doubleToString(d);
  }
  return doubleToString(Number(f.toPrecision(9)));
}

/** Rank of a number type for promotion: 0 Integer, 1 Long, 2 BigInteger, 3 BigDecimal, 4 Double. */
function rank(v: JNumber): number {
  if (typeof v === 'number') return 0;
  if (v instanceof JLong) return 1;
  if (v instanceof JBigInteger) return 2;
  if (v instanceof JBigDecimal) return 3;
  return 4;
}

/** The number as a bigint (integral types only; BigDecimal/Double truncated). */
export function toBigInt(v: JNumber): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (v instanceof JLong || v instanceof JBigInteger) return v.v;
  if (v instanceof JDouble) return Number.isFinite(v.v) ? BigInt(Math.trunc(v.v)) : 0n;
  return v.s >= 0 ? v.u / pow10(v.s) : v.u * pow10(-v.s);
}

/** The number as a JS double. */
export function toDouble(v: JNumber): number {
  if (typeof v === 'number') return v;
  if (v instanceof JDouble) return v.v;
  if (v instanceof JBigDecimal) return Number(bigDecimalToString(v));
  return Number(v.v);
}

/** Java (int) narrowing. */
export function toInt(v: JNumber): number {
  if (typeof v === 'number') return v;
  if (v instanceof JDouble) {
    if (Number.isNaN(v.v)) return 0;
    if (v.v >= INT_MAX) return INT_MAX;
    if (v.v <= INT_MIN) return INT_MIN;
    return Math.trunc(v.v);
  }
  return Number(BigInt.asIntN(32, toBigInt(v)));
}

/** Java (long) narrowing. */
export function toLong(v: JNumber): bigint {
  return BigInt.asIntN(64, toBigInt(v));
}

function alignScales(a: JBigDecimal, b: JBigDecimal): [bigint, bigint, number] {
  if (a.s === b.s) return [a.u, b.u, a.s];
  if (a.s > b.s) return [a.u, b.u * pow10(a.s - b.s), a.s];
  return [a.u * pow10(b.s - a.s), b.u, b.s];
}

/** Rounds u / 10^drop HALF_UP (drop > 0). */
function roundHalfUp(u: bigint, div: bigint): bigint {
  const q = u / div;
  const r = u % div;
  if (r === 0n) return q;
  const twice = absBig(r) * 2n;
  if (twice >= absBig(div)) return u < 0n ? q - 1n : q + 1n;
  return q;
}

/** BigDecimal.setScale(scale, HALF_UP). */
export function setScale(d: JBigDecimal, scale: number): JBigDecimal {
  if (scale === d.s) return d;
  if (scale > d.s) return new JBigDecimal(d.u * pow10(scale - d.s), scale);
  return new JBigDecimal(roundHalfUp(d.u, pow10(d.s - scale)), scale);
}

/** Removes trailing zeros down to (not below) a preferred scale. */
function stripTo(u: bigint, s: number, preferred: number): JBigDecimal {
  while (s > preferred && u !== 0n && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  if (u === 0n && s > preferred) s = preferred;
  return new JBigDecimal(u, s);
}

/** BigDecimal.stripTrailingZeros(). */
export function stripTrailingZeros(d: JBigDecimal): JBigDecimal {
  if (d.u === 0n) return new JBigDecimal(0n, 0);
  return stripTo(d.u, d.s, -1_000_000);
}

function divZero(): never {
  return fail('java.lang.ArithmeticException', 'Division by zero');
}

/** Exact BigDecimal.divide(divisor), or undefined when the quotient does not terminate. */
function divideExact(a: JBigDecimal, b: JBigDecimal): JBigDecimal | undefined {
  const preferred = a.s - b.s;
  if (a.u === 0n) return new JBigDecimal(0n, Math.max(preferred, 0) === preferred ? preferred : preferred);
  // value = a.u / b.u * 10^-(preferred); find the smallest extra scale k >= 0 with a.u * 10^k divisible by b.u
  let den = absBig(b.u);
  const g = gcd(absBig(a.u), den);
  den /= g;
  let twos = 0;
  let fives = 0;
  while (den % 2n === 0n) {
    den /= 2n;
    twos++;
  }
  while (den % 5n === 0n) {
    den /= 5n;
    fives++;
  }
  if (den !== 1n) return undefined;
  const k = Math.max(twos, fives);
  const q = (a.u * pow10(k)) / b.u;
  return stripTo(q, preferred + k, preferred);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** BigDecimal.divide(divisor, new MathContext(precision)) (HALF_UP). */
function divideMc(a: JBigDecimal, b: JBigDecimal, precision: number): JBigDecimal {
  const preferred = a.s - b.s;
  // value = (a.u / b.u) * 10^-preferred; choose scale so the integer quotient has `precision` digits
  const num = absBig(a.u);
  const den = absBig(b.u);
  const neg = a.u < 0n !== b.u < 0n;
  let extra = precision - (digits(num) - digits(den)) - 1;
  for (let iter = 0; iter < 4; iter++) {
    const q = extra >= 0 ? (num * pow10(extra)) / den : num / (den * pow10(-extra));
    const d = digits(q);
    if (d > precision) extra--;
    else if (d < precision && q !== 0n) extra++;
    else break;
  }
  const n2 = extra >= 0 ? num * pow10(extra) : num;
  const d2 = extra >= 0 ? den : den * pow10(-extra);
  let q = roundHalfUp(n2, d2);
  let scale = preferred + extra;
  if (digits(q) > precision) {
    q = roundHalfUp(q, 10n);
    scale--;
  }
  return stripTo(neg ? -q : q, scale, preferred);
}

/** Groovy's BigDecimalMath.divide: exact when terminating, else precision max(p1,p2)+10 capped at scale max(10, s1, s2). */
export function groovyDivide(a: JBigDecimal, b: JBigDecimal): JBigDecimal {
  if (b.u === 0n) return a.u === 0n ? fail('java.lang.ArithmeticException', 'Division undefined') : divZero();
  const exact = divideExact(a, b);
  if (exact) return exact;
  const precision = Math.max(digits(a.u), digits(b.u)) + 10;
  let r = divideMc(a, b, precision);
  const cap = Math.max(a.s, b.s, 10);
  if (r.s > cap) r = setScale(r, cap);
  return r;
}

/** Compares two numbers numerically (-1, 0, 1). */
export function compareNumbers(a: JNumber, b: JNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const r = Math.max(rank(a), rank(b));
  if (r === 4) {
    const x = toDouble(a);
    const y = toDouble(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (r === 3) {
    const [x, y] = alignScales(toBigDecimal(a), toBigDecimal(b));
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toBigInt(a);
  const y = toBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';

const SMALL = 1n << 4096n;

/** Fails with harness.Budget before a product of more than MAX_DIGITS digits is computed (~3.32 bits a digit). */
function checkProductSize(x: bigint, y: bigint): void {
  if (x < SMALL && x > -SMALL && y < SMALL && y > -SMALL) return;
  const bits = (x < 0n ? -x : x).toString(16).length * 4 + (y < 0n ? -y : y).toString(16).length * 4;
  if (bits > MAX_DIGITS * 3.33) tooManyDigits(Math.round(bits / 3.32));
}

/** Groovy NumberMath for + - * / % with type promotion and Java overflow. */
export function arith(op: ArithOp, a: JNumber, b: JNumber): JNumber {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return (a + b) | 0;
      case '-':
        return (a - b) | 0;
      case '*':
        return Math.imul(a, b);
      case '%':
        if (b === 0) return fail('java.lang.ArithmeticException', '/ by zero');
        return (a % b) | 0;
      case '/':
        return bigDecimalResult(groovyDivide(toBigDecimal(a), toBigDecimal(b)));
    }
  }
  const r = Math.max(rank(a), rank(b));
  if (r === 4) {
    const x = toDouble(a);
    const y = toDouble(b);
    switch (op) {
      case '+':
        return new JDouble(x + y);
      case '-':
        return new JDouble(x - y);
      case '*':
        return new JDouble(x * y);
      case '/':
        return new JDouble(x / y);
      case '%':
        return new JDouble(x % y);
    }
  }
  if (r === 3 || op === '/') {
    if (op === '%') {
      // BigDecimalMath.modImpl names the left operand, whatever its type
      return notForThisType('mod', a);
    }
    const x = toBigDecimal(a);
    const y = toBigDecimal(b);
    switch (op) {
      case '+': {
        const [p, q, s] = alignScales(x, y);
        return new JBigDecimal(p + q, s);
      }
      case '-': {
        const [p, q, s] = alignScales(x, y);
        return new JBigDecimal(p - q, s);
      }
      case '*':
        checkProductSize(x.u, y.u);
        return new JBigDecimal(x.u * y.u, x.s + y.s);
      default:
        return bigDecimalResult(groovyDivide(x, y));
    }
  }
  const x = toBigInt(a);
  const y = toBigInt(b);
  let z: bigint;
  switch (op) {
    case '+':
      z = x + y;
      break;
    case '-':
      z = x - y;
      break;
    case '*':
      checkProductSize(x, y);
      z = x * y;
      break;
    default:
      if (y === 0n) return fail('java.lang.ArithmeticException', r === 2 ? 'BigInteger divide by zero' : '/ by zero');
      z = x % y;
  }
  return r === 1 ? new JLong(BigInt.asIntN(64, z)) : new JBigInteger(z);
}

function bigDecimalResult(d: JBigDecimal): JNumber {
  return d;
}

/** Unary minus with Java overflow. */
export function negate(v: JNumber): JNumber {
  if (typeof v === 'number') return -v | 0;
  if (v instanceof JLong) return new JLong(BigInt.asIntN(64, -v.v));
  if (v instanceof JBigDecimal) return new JBigDecimal(-v.u, v.s);
  if (v instanceof JDouble) return v instanceof JFloat ? new JFloat(-v.v) : new JDouble(-v.v);
  return new JBigInteger(-v.v);
}

/** `Cannot use <what>() on this number type: <class> with value: <v>` (Groovy's NumberMath refusing an operation). */
export function notForThisType(what: string, v: JNumber): never {
  return fail(
    'java.lang.UnsupportedOperationException',
    `Cannot use ${what}() on this number type: ${numberClass(v)} with value: ${numberToString(v)}`,
  );
}

/** Groovy's `**` (DefaultGroovyMethods.power). */
export function power(a: JNumber, b: JNumber): JNumber {
  const rb = rank(b);
  const ra = rank(a);
  if (rb <= 2) {
    const e = toBigInt(b);
    if (e >= 0n && ra <= 2) {
      if (e > 100000n) return fail('java.lang.ArithmeticException', 'BigInteger would overflow supported range');
      const base = toBigInt(a);
      const digits = Math.ceil(absBig(base).toString(16).length * 1.21 * Number(e));
      if (base > 1n || base < -1n) if (digits > MAX_DIGITS) tooManyDigits(digits);
      const z = base ** e;
      if (ra === 0) return integral(z);
      if (ra === 1) return z >= LONG_MIN && z <= LONG_MAX ? new JLong(z) : new JBigInteger(z);
      return new JBigInteger(z);
    }
    // power(BigDecimal, Integer) only: a Long or BigInteger exponent goes to power(Number, Number)
    if (e >= 0n && ra === 3 && rb === 0) {
      const d = a as JBigDecimal;
      const n = Number(e);
      if (n > 10000) return fail('java.lang.ArithmeticException', 'Overflow');
      const digits = Math.ceil(absBig(d.u).toString(16).length * 1.21 * n);
      if ((d.u > 1n || d.u < -1n) && digits > MAX_DIGITS) tooManyDigits(digits);
      return new JBigDecimal(d.u ** e, d.s * n);
    }
  }
  return narrowPower(toDouble(a) ** toDouble(b));
}

/** DGM power(Number, Number): Math.pow's answer as an Integer or Long when `(int)`/`(long)` gives it back unchanged. */
function narrowPower(x: number): JNumber {
  if (Number.isNaN(x)) return new JDouble(x);
  // Java's (int) and (long) saturate; (double) Long.MAX_VALUE is 2^63, so 2.0d ** 63 becomes Long.MAX_VALUE
  const i = x >= INT_MAX ? INT_MAX : x <= INT_MIN ? INT_MIN : Math.trunc(x);
  if (i === x) return i | 0;
  const l = x >= 2 ** 63 ? LONG_MAX : x <= -(2 ** 63) ? LONG_MIN : BigInt(Math.trunc(x));
  if (Number(l) === x) return new JLong(l);
  return new JDouble(x);
}

/** Math.abs / Math.max semantics for one value (kept in its type). */
export function absNumber(v: JNumber): JNumber {
  return compareNumbers(v, 0) < 0 ? negate(v) : v;
}

/** Java's int overflow-checked add/sub/mul (Math.addExact and friends). */
export function exactOp(op: '+' | '-' | '*', a: JNumber, b: JNumber, longMode: boolean): JNumber {
  const x = toBigInt(a);
  const y = toBigInt(b);
  const z = op === '+' ? x + y : op === '-' ? x - y : x * y;
  if (longMode) {
    if (z < LONG_MIN || z > LONG_MAX) fail('java.lang.ArithmeticException', 'long overflow');
    return new JLong(z);
  }
  if (z < INT_MIN || z > INT_MAX) fail('java.lang.ArithmeticException', 'integer overflow');
  return Number(z);
}

/** Parses an integer the way Integer.parseInt / Long.parseLong do (throws NumberFormatException). */
export function parseJavaInteger(s: string, kind: 'int' | 'long', radix = 10): JNumber {
  const ok = radix === 10 ? /^[+-]?\d+$/.test(s) : /^[+-]?[0-9a-zA-Z]+$/.test(s);
  const bad = (): never => fail('java.lang.NumberFormatException', `For input string: "${s}"`);
  if (!ok) return bad();
  let b: bigint;
  try {
    b = radix === 10 ? BigInt(s) : BigInt(Number.parseInt(s, radix));
  } catch {
    return bad();
  }
  if (kind === 'int') {
    if (b < INT_MIN || b > INT_MAX) return bad();
    return Number(b);
  }
  if (b < LONG_MIN || b > LONG_MAX) return bad();
  return new JLong(b);
}

/** A JS number from JSON data as Groovy's JsonSlurper would type it: Integer, Long, BigInteger or BigDecimal. */
export function fromJsNumber(n: number): JNumber {
  if (Number.isInteger(n)) {
    if (n >= INT_MIN && n <= INT_MAX) return n;
    if (Number.isSafeInteger(n)) return new JLong(BigInt(n));
  }
  if (!Number.isFinite(n)) return new JDouble(n);
  const s = String(n);
  return parseBigDecimal(s) ?? new JDouble(n);
}

/** Plain JS rendering of a number for `raw` output (a JS number when finite and exact enough, else the Java string). */
export function numberToJs(v: JNumber): number | string {
  if (typeof v === 'number') return v;
  if (v instanceof JDouble) return v.v;
  if (v instanceof JBigDecimal) {
    const n = Number(bigDecimalToString(v));
    return Number.isFinite(n) ? n : bigDecimalToString(v);
  }
  const n = Number(v.v);
  return Number.isSafeInteger(n) ? n : v.v.toString();
}
