/**
 * Exact non-negative rationals on bigint. Scores are basis points × integer scores, and the F-03 mean
 * and the 75/25 merge add denominators (14 × respondents, 10000²) that overflow 2^53, so the scoring
 * rules never touch a float until a value is shown.
 */
export interface Fraction {
  readonly num: bigint;
  /** Always > 0; the fraction is kept reduced. */
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) throw new RangeError('denominator is zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d < 0n ? -d : d) || 1n;
  return { num: (sign * n) / g, den: (sign * d) / g };
}

export const ZERO: Fraction = fraction(0);

export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.num, a.den * b.den);
export const div = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den, a.den * b.num);
export const sum = (values: readonly Fraction[]): Fraction => values.reduce(add, ZERO);
export const compare = (a: Fraction, b: Fraction): number => {
  const diff = a.num * b.den - b.num * a.den;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

/** Rounds half away from zero to `decimals` places and returns the scaled integer (4.505, 2 → 451). */
export function roundHalfUpScaled(value: Fraction, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const magnitude = value.num < 0n ? -value.num : value.num;
  const rounded = (magnitude * scale * 2n + value.den) / (2n * value.den);
  return Number(value.num < 0n ? -rounded : rounded);
}

/** The value rounded half-up to `decimals` places, as the nearest double (for display and proto doubles). */
export function toRoundedNumber(value: Fraction, decimals: number): number {
  return roundHalfUpScaled(value, decimals) / 10 ** decimals;
}

export function toNumber(value: Fraction): number {
  return Number(value.num) / Number(value.den);
}

/**
 * The exact decimal a double prints as (4.52 → 452/100, not the binary 4.51999…), so a score that
 * crossed a service boundary as a proto double is merged as the decimal it stands for.
 */
export function fromDecimal(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, sign, whole, fractionDigits = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fractionDigits.length;
  const digits = BigInt(`${sign}${whole}${fractionDigits}`);
  return exponent >= 0 ? fraction(digits * 10n ** BigInt(exponent)) : fraction(digits, 10n ** BigInt(-exponent));
}
