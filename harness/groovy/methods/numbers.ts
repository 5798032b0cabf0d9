/** Methods of the Java numbers and the static methods of Math, Integer, Long, Double, Boolean and BigDecimal. */

import { bitwise, bitwiseNegate, shift } from '../bitwise.ts';
import type { Ctx } from '../context.ts';
import { fail, unsupported } from '../errors.ts';
import {
  absNumber,
  arith,
  bigDecimalToPlain,
  compareNumbers,
  exactOp,
  isNumber,
  JBigDecimal,
  JBigInteger,
  JDouble,
  JFloat,
  JLong,
  type JNumber,
  negate,
  notForThisType,
  numberClass,
  numberToString,
  parseJavaInteger,
  setScale,
  stripTrailingZeros,
  toBigDecimal,
  toBigInt,
  toDouble,
  toInt,
  toLong,
} from '../numbers.ts';
import { castTo, intArg, isCase, minus, multiply, numericOp, plus } from '../runtime.ts';
import { javaEquals, truthy, type Value } from '../values.ts';
import { closureArg, type Fn, isStr, NO } from './common.ts';

/** A Double result as the receiver's type (a Float stays a Float). */
function sameDoubleType(n: JDouble, v: number): JDouble {
  return n instanceof JFloat ? new JFloat(v) : new JDouble(v);
}

function bd(v: JNumber): JBigDecimal {
  return toBigDecimal(v);
}

/** Number methods. */
export const NUMBER: Record<string, Fn> = {
  toString: (_c: Ctx, n: JNumber, a: Value[]) => (a.length === 0 ? numberToString(n) : NO),
  equals: (_c, n: JNumber, a) => (a.length === 1 ? javaEquals(n, a[0]!) : NO),
  compareTo: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? compareNumbers(n, a[0]) : NO),
  hashCode: (_c, n: JNumber, a) => (a.length === 0 ? toInt(n) : NO),
  intValue: (_c, n: JNumber, a) => (a.length === 0 ? toInt(n) : NO),
  toInteger: (_c, n: JNumber, a) => (a.length === 0 ? toInt(n) : NO),
  longValue: (_c, n: JNumber, a) => (a.length === 0 ? new JLong(toLong(n)) : NO),
  toLong: (_c, n: JNumber, a) => (a.length === 0 ? new JLong(toLong(n)) : NO),
  doubleValue: (_c, n: JNumber, a) => (a.length === 0 ? new JDouble(toDouble(n)) : NO),
  // DGM toDouble(Float) reads the Float's toString: 0.1f gives 0.1, not 0.10000000149011612
  toDouble: (_c, n: JNumber, a) =>
    a.length === 0 ? new JDouble(n instanceof JFloat ? Number(numberToString(n)) : toDouble(n)) : NO,
  toBigDecimal: (_c, n: JNumber, a) => (a.length === 0 ? bd(n) : NO),
  toBigInteger: (_c, n: JNumber, a) => (a.length === 0 ? new JBigInteger(toBigInt(n)) : NO),
  abs: (_c, n: JNumber, a) => (a.length === 0 ? absNumber(n) : NO),
  negate: (_c, n: JNumber, a) => (a.length === 0 ? negate(n) : NO),
  signum: (_c, n: JNumber, a) => (a.length === 0 ? compareNumbers(n, 0) : NO),
  plus: (c, n: JNumber, a) => (a.length === 1 ? plus(c, n, a[0]!) : NO),
  minus: (c, n: JNumber, a) => (a.length === 1 ? minus(c, n, a[0]!) : NO),
  multiply: (c, n: JNumber, a) => (a.length === 1 ? multiply(c, n, a[0]!) : NO),
  div: (_c, n: JNumber, a) => (a.length === 1 ? numericOp('/', n, a[0]!) : NO),
  mod: (_c, n: JNumber, a) => (a.length === 1 ? numericOp('%', n, a[0]!) : NO),
  // the operators' methods (`5.and(3)`, `x.leftShift(2)`, `x.bitwiseNegate()`), as the operators answer them
  and: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? bitwise('&', n, a[0]) : NO),
  or: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? bitwise('|', n, a[0]) : NO),
  xor: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? bitwise('^', n, a[0]) : NO),
  leftShift: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? shift('<<', n, a[0]) : NO),
  rightShift: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? shift('>>', n, a[0]) : NO),
  rightShiftUnsigned: (_c, n: JNumber, a) => (a.length === 1 && isNumber(a[0]) ? shift('>>>', n, a[0]) : NO),
  bitwiseNegate: (_c, n: JNumber, a) => (a.length === 0 ? bitwiseNegate(n) : NO),
  power: (_c, n: JNumber, a) => (a.length === 1 ? numericOp('**', n, a[0]!) : NO),
  intdiv: (_c, n: JNumber, a) => {
    const d = a[0];
    if (a.length === 1 && d === null)
      return fail(
        'groovy.lang.GroovyRuntimeException',
        `Ambiguous method overloading for method ${numberClass(n)}#intdiv.`,
      );
    if (a.length !== 1 || !isNumber(d)) return NO;
    if (n instanceof JBigDecimal || n instanceof JDouble || d instanceof JBigDecimal || d instanceof JDouble)
      return notForThisType('intdiv', n);
    const y = toBigInt(d);
    if (y === 0n) fail('java.lang.ArithmeticException', '/ by zero');
    const q = toBigInt(n) / y;
    return typeof n === 'number' && typeof d === 'number'
      ? Number(BigInt.asIntN(32, q))
      : new JLong(BigInt.asIntN(64, q));
  },
  times: (_c, n: JNumber, a) => {
    const f = closureArg(a[0]);
    if (!f) return NO;
    const k = toInt(n);
    for (let i = 0; i < k; i++) f.invoke([i]);
    return null;
  },
  upto: (_c, n: JNumber, a) => {
    const f = closureArg(a[1]);
    const to = intArg(a[0]);
    if (!f || to === undefined) return NO;
    for (let i = toInt(n); i <= to; i++) f.invoke([i]);
    return null;
  },
  downto: (_c, n: JNumber, a) => {
    const f = closureArg(a[1]);
    const to = intArg(a[0]);
    if (!f || to === undefined) return NO;
    for (let i = toInt(n); i >= to; i--) f.invoke([i]);
    return null;
  },
  setScale: (_c, n: JNumber, a) => {
    if (!(n instanceof JBigDecimal)) return NO;
    const s = intArg(a[0]);
    if (s === undefined || a.length > 2) return NO;
    if (a.length === 2 && a[1] !== 4) return unsupported('setScale with a rounding mode other than ROUND_HALF_UP (4)');
    if (a.length === 1 && s < n.s) {
      const r = setScale(n, s);
      if (compareNumbers(r, n) !== 0) fail('java.lang.ArithmeticException', 'Rounding necessary');
      return r;
    }
    return setScale(n, s);
  },
  scale: (_c, n: JNumber, a) => (n instanceof JBigDecimal && a.length === 0 ? n.s : NO),
  precision: (_c, n: JNumber, a) =>
    n instanceof JBigDecimal && a.length === 0 ? (n.u < 0n ? -n.u : n.u).toString().length : NO,
  stripTrailingZeros: (_c, n: JNumber, a) => (n instanceof JBigDecimal && a.length === 0 ? stripTrailingZeros(n) : NO),
  toPlainString: (_c, n: JNumber, a) => (n instanceof JBigDecimal && a.length === 0 ? bigDecimalToPlain(n) : NO),
  round: (_c, n: JNumber, a) => {
    if (a.length === 0) {
      if (n instanceof JDouble) return new JLong(BigInt(Math.floor(n.v + 0.5)));
      return NO;
    }
    const p = intArg(a[0]);
    if (p === undefined || a.length !== 1 || !(n instanceof JDouble)) return NO;
    // DefaultGroovyMethods.round(Double, int): floor(x * 10^p + 0.5) / 10^p in doubles, so 1.005 rounds to 1.0
    return sameDoubleType(n, Math.floor(n.v * 10 ** p + 0.5) / 10 ** p);
  },
  trunc: (_c, n: JNumber, a) => {
    if (!(n instanceof JDouble) || a.length > 1) return NO;
    const p = a.length === 1 ? intArg(a[0]) : 0;
    if (p === undefined) return NO;
    // DefaultGroovyMethods.trunc(Double[, int]): toward zero, in doubles
    const x = n.v * 10 ** p;
    return sameDoubleType(n, (x < 0 ? Math.ceil(x) : Math.floor(x)) / 10 ** p);
  },
  asBoolean: (_c, n: JNumber, a) => (a.length === 0 ? truthy(n) : NO),
  isCase: (c, n: JNumber, a) => (a.length === 1 ? isCase(c, n, a[0]!, (k, x) => k.invoke(x)) : NO),
};

function mathStatic(name: string, a: Value[]): Value | undefined {
  const nums = a.every(isNumber) ? (a as JNumber[]) : undefined;
  if (!nums) return NO;
  const hasBig = nums.some((n) => n instanceof JBigDecimal || n instanceof JBigInteger);
  const hasDouble = nums.some((n) => n instanceof JDouble);
  const hasLong = nums.some((n) => n instanceof JLong);
  const hasInt = nums.some((n) => typeof n === 'number' || n instanceof JLong);
  const ambiguous = (): never =>
    fail('groovy.lang.GroovyRuntimeException', `Ambiguous method overloading for method java.lang.Math#${name}.`);
  switch (name) {
    case 'max':
    case 'min': {
      if (a.length !== 2) return NO;
      if (hasBig && hasInt) return ambiguous();
      const c = compareNumbers(nums[0]!, nums[1]!);
      const pick = name === 'max' ? (c >= 0 ? nums[0]! : nums[1]!) : c <= 0 ? nums[0]! : nums[1]!;
      // Math.max(float, float) when no argument is a Double or BigDecimal
      if (hasDouble && !hasBig && !nums.some((n) => n instanceof JDouble && !(n instanceof JFloat)))
        return new JFloat(toDouble(pick));
      if (hasDouble || hasBig) return new JDouble(toDouble(pick));
      if (hasLong) return new JLong(toLong(pick));
      return pick;
    }
    case 'abs':
      if (a.length !== 1) return NO;
      if (hasBig) return new JDouble(Math.abs(toDouble(nums[0]!)));
      return absNumber(nums[0]!);
    case 'addExact':
    case 'subtractExact':
    case 'multiplyExact': {
      if (a.length !== 2) return NO;
      if (hasBig || hasDouble) return NO;
      const op = name === 'addExact' ? '+' : name === 'subtractExact' ? '-' : '*';
      return exactOp(op, nums[0]!, nums[1]!, hasLong);
    }
    case 'incrementExact':
    case 'decrementExact':
    case 'negateExact':
      if (a.length !== 1 || hasBig || hasDouble) return NO;
      if (name === 'negateExact') return exactOp('-', 0, nums[0]!, hasLong);
      return exactOp(name === 'incrementExact' ? '+' : '-', nums[0]!, 1, hasLong);
    case 'toIntExact':
      if (a.length !== 1 || !(nums[0] instanceof JLong)) return NO;
      return exactOp('+', nums[0], 0, false);
    case 'floor':
    case 'ceil':
    case 'sqrt':
    case 'log':
    case 'log10':
    case 'exp':
      if (a.length !== 1) return NO;
      return new JDouble((Math as unknown as Record<string, (x: number) => number>)[name]!(toDouble(nums[0]!)));
    case 'pow':
      return a.length === 2 ? new JDouble(toDouble(nums[0]!) ** toDouble(nums[1]!)) : NO;
    case 'round': {
      if (a.length !== 1) return NO;
      const x = toDouble(nums[0]!);
      const r = Math.floor(x + 0.5);
      return nums[0] instanceof JDouble ? new JLong(BigInt(r)) : r | 0;
    }
    case 'floorDiv':
    case 'floorMod': {
      if (a.length !== 2 || hasBig || hasDouble) return NO;
      const x = toBigInt(nums[0]!);
      const y = toBigInt(nums[1]!);
      if (y === 0n) fail('java.lang.ArithmeticException', '/ by zero');
      let q = x / y;
      if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
      const r = name === 'floorDiv' ? q : x - q * y;
      return hasLong ? new JLong(r) : Number(r);
    }
    case 'random':
      return unsupported('Math.random() (non-deterministic)');
  }
  return NO;
}

/** Static methods of Math, Integer, Long, Double, Boolean and BigDecimal. */
export function numberStatic(cls: string, name: string, a: Value[]): Value | undefined {
  switch (cls) {
    case 'java.lang.Math':
      return mathStatic(name, a);
    case 'java.lang.Integer':
    case 'java.lang.Long': {
      const kind = cls === 'java.lang.Integer' ? 'int' : 'long';
      if ((name === 'parseInt' || name === 'parseLong' || name === 'valueOf') && a.length >= 1 && a.length <= 2) {
        if (name === 'parseInt' && kind === 'long') return NO;
        if (name === 'parseLong' && kind === 'int') return NO;
        if (name === 'valueOf' && isNumber(a[0]) && a.length === 1)
          return kind === 'int' ? (typeof a[0] === 'number' ? a[0] : NO) : new JLong(toLong(a[0]));
        if (a[0] === null) return fail('java.lang.NumberFormatException', 'Cannot parse null string');
        if (!isStr(a[0])) return NO;
        const radix = a.length === 2 ? intArg(a[1]) : 10;
        if (radix === undefined) return NO;
        return parseJavaInteger(a[0], kind, radix);
      }
      if (name === 'toString' && a.length >= 1 && isNumber(a[0])) {
        const radix = a.length === 2 ? intArg(a[1]) : 10;
        // Java falls back to radix 10 outside 2..36
        return toBigInt(a[0]).toString(radix !== undefined && radix >= 2 && radix <= 36 ? radix : 10);
      }
      if (name === 'toHexString' && a.length === 1 && isNumber(a[0]))
        return (kind === 'int' ? BigInt.asUintN(32, toBigInt(a[0])) : BigInt.asUintN(64, toBigInt(a[0]))).toString(16);
      if (
        (name === 'max' || name === 'min' || name === 'sum' || name === 'compare') &&
        a.length === 2 &&
        a.every(isNumber)
      ) {
        const [x, y] = a as JNumber[];
        if (name === 'sum') return arith('+', x!, y!);
        if (name === 'compare') return compareNumbers(x!, y!);
        const cmp = compareNumbers(x!, y!);
        return name === 'max' ? (cmp >= 0 ? x! : y!) : cmp <= 0 ? x! : y!;
      }
      return NO;
    }
    case 'java.lang.Double':
      if ((name === 'parseDouble' || name === 'valueOf') && a.length === 1) {
        if (isNumber(a[0])) return new JDouble(toDouble(a[0]));
        if (!isStr(a[0])) return NO;
        return castTo(a[0], 'Double', 0, 'as');
      }
      return NO;
    case 'java.lang.Boolean':
      if ((name === 'parseBoolean' || name === 'valueOf') && a.length === 1) {
        if (typeof a[0] === 'boolean') return a[0];
        return a[0] === null ? false : isStr(a[0]) ? a[0].toLowerCase() === 'true' : NO;
      }
      return NO;
    case 'java.math.BigDecimal':
      if (name === 'valueOf' && a.length >= 1 && isNumber(a[0])) {
        if (a.length === 2) {
          const s = intArg(a[1]);
          return s === undefined ? NO : new JBigDecimal(toBigInt(a[0]), s);
        }
        return a[0] instanceof JDouble ? toBigDecimal(a[0]) : new JBigDecimal(toBigInt(a[0]), 0);
      }
      return NO;
  }
  return NO;
}
