/**
 * Groovy 2.4's bit operations on numbers (NumberMath's and, or, xor, leftShift, rightShift, rightShiftUnsigned and
 * bitwiseNegate), as real Groovy answers them (semantics.cases.ts): the operators and their method forms.
 */
import { fail } from './errors.ts';
import {
  JBigDecimal,
  JBigInteger,
  JDouble,
  JLong,
  type JNumber,
  notForThisType,
  numberClass,
  numberToString,
  toBigInt,
  toInt,
} from './numbers.ts';

/** Integer and Long as the int / long kinds of Groovy's bit operations; BigInteger as `big`; others none. */
function bitKind(v: JNumber): 'int' | 'long' | 'big' | undefined {
  return typeof v === 'number' ? 'int' : v instanceof JLong ? 'long' : v instanceof JBigInteger ? 'big' : undefined;
}

/**
 * Groovy 2.4's `&`, `|`, `^` (and `and`, `or`, `xor`) on numbers, as real Groovy answers them (semantics.cases.ts):
 * the wider integral type of the two (Integer, Long, BigInteger); a BigDecimal, Double or Float on either side is
 * refused, naming the left operand.
 */
export function bitwise(op: '&' | '|' | '^', a: JNumber, b: JNumber): JNumber {
  const ka = bitKind(a);
  const kb = bitKind(b);
  if (!ka || !kb) return notForThisType(op === '&' ? 'and' : op === '|' ? 'or' : 'xor', a);
  if (typeof a === 'number' && typeof b === 'number') return op === '&' ? a & b : op === '|' ? a | b : a ^ b;
  const x = toBigInt(a);
  const y = toBigInt(b);
  const z = op === '&' ? x & y : op === '|' ? x | y : x ^ y;
  return ka === 'big' || kb === 'big' ? new JBigInteger(z) : new JLong(BigInt.asIntN(64, z));
}

/**
 * Groovy 2.4's `<<`, `>>`, `>>>` (and `leftShift`, ...) on numbers, as real Groovy answers them (semantics.cases.ts):
 * the left operand's type decides, Integer with Java's 5-bit distance and Long with 6 bits; BigInteger, BigDecimal,
 * Double and Float are refused; the distance must be integral.
 */
export function shift(op: '<<' | '>>' | '>>>', a: JNumber, b: JNumber): JNumber {
  if (b instanceof JDouble || b instanceof JBigDecimal)
    return fail(
      'java.lang.UnsupportedOperationException',
      `Shift distance must be an integral type, but ${numberToString(b)} (${numberClass(b)}) was supplied`,
    );
  const d = toInt(b);
  if (typeof a === 'number') return op === '<<' ? a << d : op === '>>' ? a >> d : (a >>> d) | 0;
  if (!(a instanceof JLong))
    return notForThisType(op === '<<' ? 'leftShift' : op === '>>' ? 'rightShift' : 'rightShiftUnsigned', a);
  const n = BigInt(d & 63);
  const z = op === '<<' ? a.v << n : op === '>>' ? a.v >> n : BigInt.asUintN(64, a.v) >> n;
  return new JLong(BigInt.asIntN(64, z));
}

/** Groovy 2.4's `~` (bitwiseNegate) on numbers: Integer, Long, BigInteger keep their type; others are refused. */
export function bitwiseNegate(v: JNumber): JNumber {
  if (typeof v === 'number') return ~v;
  if (v instanceof JLong) return new JLong(~v.v);
  if (v instanceof JBigInteger) return new JBigInteger(~v.v);
  return notForThisType('bitwiseNegate', v);
}
