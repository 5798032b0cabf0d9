import { describe, expect, it } from 'vitest';
import {
  arith,
  bigDecimalToString,
  doubleToString,
  fromJsNumber,
  groovyDivide,
  type JBigDecimal,
  JDouble,
  JLong,
  parseBigDecimal,
  power,
} from './numbers.ts';

const bd = (s: string) => parseBigDecimal(s)!;

describe('BigDecimal', () => {
  // Expectations checked against Groovy 2.4.21 / Java 17 BigDecimal on this machine.
  it.each([
    ['1', '2', '0.5'],
    ['1', '3', '0.3333333333'],
    ['2', '3', '0.6666666667'],
    ['10', '2', '5'],
    ['60', '2.0', '3E+1'],
    ['1.00', '2', '0.50'],
    ['6', '2.0', '3'],
    ['1.000000000000', '3', '0.333333333333'],
    ['100', '7', '14.2857142857'],
    ['1234567.0', '7', '176366.7142857143'],
    ['1', '7.00000', '0.1428571429'],
    ['-1', '3', '-0.3333333333'],
  ])('%s / %s = %s (Groovy BigDecimalMath.divide)', (a, b, want) => {
    expect(bigDecimalToString(groovyDivide(bd(a), bd(b)))).toBe(want);
  });
  it('fails on division by zero like Java', () => {
    expect(() => groovyDivide(bd('1'), bd('0'))).toThrow('Division by zero');
    expect(() => groovyDivide(bd('0'), bd('0'))).toThrow('Division undefined');
  });
  it.each([
    ['1e3', '1E+3'],
    ['2.50', '2.50'],
    ['1e-7', '1E-7'],
    ['0.000001', '0.000001'],
    ['-12.345', '-12.345'],
    ['0.0000001', '1E-7'],
  ])('parses and prints %s as %s', (src, want) => {
    expect(bigDecimalToString(bd(src))).toBe(want);
  });
  it('rejects malformed decimals', () => {
    expect(parseBigDecimal('1.2.3')).toBeUndefined();
    expect(parseBigDecimal('')).toBeUndefined();
    expect(parseBigDecimal('e5')).toBeUndefined();
  });
});

describe('Java number printing and arithmetic', () => {
  it.each([
    [1.5, '1.5'],
    [1e10, '1.0E10'],
    [0.0001, '1.0E-4'],
    [100, '100.0'],
    [1 / 3, '0.3333333333333333'],
  ])('Double.toString(%d) = %s', (v, want) => {
    expect(doubleToString(v)).toBe(want);
  });
  it('wraps int and long arithmetic', () => {
    expect(arith('+', 2147483647, 1)).toBe(-2147483648);
    expect(arith('*', 65536, 65536)).toBe(0);
    const l = arith('+', new JLong(9223372036854775807n), 1) as JLong;
    expect(l.v).toBe(-9223372036854775808n);
  });
  it('promotes Integer op BigDecimal to BigDecimal and anything op Double to Double', () => {
    expect(bigDecimalToString(arith('*', bd('1.5'), 2) as JBigDecimal)).toBe('3.0');
    expect(arith('+', 1, new JDouble(0.5))).toBeInstanceOf(JDouble);
  });
  it('computes powers like DefaultGroovyMethods.power', () => {
    expect(power(2, 10)).toBe(1024);
    expect(power(2, 31)).toBeInstanceOf(JLong);
    expect(bigDecimalToString(power(bd('2.5'), 2) as JBigDecimal)).toBe('6.25');
    expect((power(2, -1) as JDouble).v).toBe(0.5);
  });
  it('types JSON numbers like JsonSlurper', () => {
    expect(fromJsNumber(5)).toBe(5);
    expect(fromJsNumber(2 ** 40)).toBeInstanceOf(JLong);
    expect(bigDecimalToString(fromJsNumber(1.25) as JBigDecimal)).toBe('1.25');
  });
});
