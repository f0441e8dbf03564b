import {
  add,
  compare,
  div,
  equals,
  formatFraction,
  fraction,
  fromDecimal,
  mul,
  ONE,
  parseFraction,
  roundHalfUpScaled,
  sub,
  sum,
  toNumber,
  toRoundedNumber,
  ZERO,
  type Fraction,
} from './fraction';

const f = (num: bigint | number, den: bigint | number = 1): Fraction => fraction(num, den);

describe('fraction', () => {
  it.each<[string, Fraction, bigint, bigint]>([
    ['reduces by the common divisor', f(6, 8), 3n, 4n],
    ['moves a negative denominator to the numerator', f(3, -9), -1n, 3n],
    ['keeps zero as 0/1', f(0, 7), 0n, 1n],
    ['reads bigints beyond 2^53', f(2n ** 60n, 2n ** 58n), 4n, 1n],
  ])('%s', (_name, value, num, den) => {
    expect(value).toEqual({ num, den });
  });

  it('refuses a zero denominator', () => {
    expect(() => fraction(1, 0)).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it.each<[string, Fraction, Fraction]>([
    ['1/9 nine times is one', sum(Array.from({ length: 9 }, () => f(1, 9))), ONE],
    ['adds unlike denominators', add(f(1, 3), f(1, 6)), f(1, 2)],
    ['subtracts below zero', sub(f(1, 4), f(1, 2)), f(-1, 4)],
    ['multiplies', mul(f(2, 3), f(9, 4)), f(3, 2)],
    ['divides', div(f(1, 2), f(1, 4)), f(2)],
    ['the sum of nothing is zero', sum([]), ZERO],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each<[string, Fraction, Fraction, number]>([
    ['smaller', f(1, 3), f(1, 2), -1],
    ['equal in other terms', f(2, 4), f(1, 2), 0],
    ['larger', f(-1, 3), f(-1, 2), 1],
  ])('compares %s', (_name, a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(equals(a, b)).toBe(expected === 0);
  });
});

describe('rounding for display', () => {
  it.each<[string, Fraction, number, number, number]>([
    ['half rounds up, where the double 4.505 would round down', f(4505, 1000), 2, 451, 4.51],
    ['below half rounds down', f(4504, 1000), 2, 450, 4.5],
    ['half of a negative rounds away from zero', f(-4505, 1000), 2, -451, -4.51],
    ['a third to four places', f(1, 3), 4, 3333, 0.3333],
    ['an SKM NRR x 25 half-way', f(97305, 1000), 2, 9731, 97.31],
    ['zero places', f(5, 2), 0, 3, 3],
  ])('%s', (_name, value, decimals, scaled, rounded) => {
    expect(roundHalfUpScaled(value, decimals)).toBe(scaled);
    expect(toRoundedNumber(value, decimals)).toBe(rounded);
  });
});

describe('toNumber', () => {
  // Reference: an exact value well inside the doubles' range, divided once by IEEE.
  it.each<[string, Fraction, number]>([
    ['a small fraction divides once', f(10, 3), 10 / 3],
    ['a negative one', f(-1, 7), -1 / 7],
    ['a whole number', f(42), 42],
    ['a numerator past 2^53 over a power of two', f(2n ** 60n + 1n, 2n ** 60n), 1],
    ['both parts past 2^53, nearer to 3 than to its neighbour', f(3n * 10n ** 20n + 1n, 10n ** 20n), 3],
    ['a third with both parts past 2^53', f(10n ** 20n, 3n * 10n ** 20n), 1 / 3],
    ['a ratio of two huge parts', f(2n ** 80n, 3n * 2n ** 78n), 4 / 3],
    ['a tie between two doubles goes to the even one', f(2n ** 54n + 2n, 2n), 2 ** 53],
    ['just above a tie goes up', f(2n ** 55n + 4n + 1n, 4n), 2 ** 53 + 2],
  ])('%s', (_name, value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });
});

describe('fromDecimal', () => {
  it.each<[string, number, Fraction]>([
    ['the decimal a double prints as, not its binary value', 4.52, f(452, 100)],
    ['a whole number', 3, f(3)],
    ['a negative', -0.25, f(-1, 4)],
    ['an exponent form', 1e-7, f(1, 10_000_000)],
    ['a large exponent', 1e21, f(10n ** 21n)],
  ])('%s', (_name, value, expected) => {
    expect(fromDecimal(value)).toEqual(expected);
  });

  it.each([NaN, Infinity])('refuses %s', (value) => {
    expect(() => fromDecimal(value)).toThrow(RangeError);
  });
});

describe('parseFraction', () => {
  it.each<[string, string | number, Fraction | undefined]>([
    ['a fraction', '1/9', f(1, 9)],
    ['a fraction with spaces', ' 2 / 18 ', f(1, 9)],
    ['a decimal text', '0.125', f(1, 8)],
    ['a JSON number as the decimal it prints as', 0.1, f(1, 10)],
    ['a whole number', 3, f(3)],
    ['a whole number text', '1', ONE],
    ['a zero denominator', '1/0', undefined],
    ['a negative fraction', '-1/9', undefined],
    ['a negative decimal', '-0.1', undefined],
    ['an exponent', 1e-7, undefined],
    ['not a number', NaN, undefined],
    ['words', 'one ninth', undefined],
  ])('%s', (_name, input, expected) => {
    expect(parseFraction(input)).toEqual(expected);
  });

  it.each<[string, Fraction, string]>([
    ['a fraction', f(1, 9), '1/9'],
    ['a whole number', f(4, 2), '2'],
  ])('formats %s', (_name, value, text) => {
    expect(formatFraction(value)).toBe(text);
  });
});
