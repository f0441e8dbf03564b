/**
 * Exact non-negative-or-negative rationals on bigint. SKM weights are 1/9 (or a unit's own weights),
 * and NRR = total / respondents, so scoring stays exact until a value is rounded for the band or shown.
 */
export interface Rational {
  readonly num: bigint;
  /** Always > 0; kept reduced. */
  readonly den: bigint;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

const gcd = (a: bigint, b: bigint): bigint => {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) throw new RangeError('denominator is zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { num: (sign * n) / g, den: (sign * d) / g };
}

export const ZERO: Rational = rational(0);
export const ONE: Rational = rational(1);

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const sum = (values: readonly Rational[]): Rational => values.reduce(add, ZERO);
export const compare = (a: Rational, b: Rational): number => {
  const diff = a.num * b.den - b.num * a.den;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
export const equals = (a: Rational, b: Rational): boolean => compare(a, b) === 0;

/** Rounds half away from zero to `decimals` places and returns the scaled integer (97.305, 2 → 9731). */
export function roundHalfUpScaled(value: Rational, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const rounded = (abs(value.num) * scale * 2n + value.den) / (2n * value.den);
  return Number(value.num < 0n ? -rounded : rounded);
}

/** The value rounded half away from zero to `decimals` places, as the nearest double. */
export function toRounded(value: Rational, decimals: number): number {
  return roundHalfUpScaled(value, decimals) / 10 ** decimals;
}

/** The nearest double, for proto doubles and display; never fed back into scoring. */
export function toNumber(value: Rational): number {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  // One correctly rounded division while both parts are exact doubles; otherwise scale down first.
  if (abs(value.num) <= limit && value.den <= limit) return Number(value.num) / Number(value.den);
  const whole = value.num / value.den;
  return Number(whole) + Number(((value.num - whole * value.den) * 10n ** 15n) / value.den) / 1e15;
}

export const formatRational = (value: Rational): string => (value.den === 1n ? `${value.num}` : `${value.num}/${value.den}`);

const FRACTION = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
const DECIMAL = /^\s*(\d+)(?:\.(\d+))?\s*$/;

/**
 * Reads a weight written as a fraction ("1/9") or a decimal ("0.125", 0.125) exactly: a JSON number is
 * read as the decimal it prints as, so 0.1 means 1/10, not the binary 0.1000000000000000055…
 * Returns undefined for anything else (negative, exponent, NaN, zero denominator).
 */
export function parseRational(input: string | number): Rational | undefined {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input;
  const asFraction = FRACTION.exec(text);
  if (asFraction) {
    const den = BigInt(asFraction[2]);
    return den === 0n ? undefined : rational(BigInt(asFraction[1]), den);
  }
  const asDecimal = DECIMAL.exec(text);
  if (!asDecimal) return undefined;
  const [, whole, digits = ''] = asDecimal;
  return rational(BigInt(`${whole}${digits}`), 10n ** BigInt(digits.length));
}
