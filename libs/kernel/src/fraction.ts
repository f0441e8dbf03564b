/**
 * Exact rationals on bigint. Scores are sums of weights × integer answers whose denominators (SKM
 * weights of 1/9, 14 F-03 items × respondents, 10000² in the PEKPPP merge) soon leave the doubles'
 * exact range, so scoring rules never touch a float until a value is shown.
 */
export interface Fraction {
  readonly num: bigint;
  /** Always > 0; the fraction is kept reduced. */
  readonly den: bigint;
}

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

const gcd = (a: bigint, b: bigint): bigint => {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function fraction(num: bigint | number, den: bigint | number = 1n): Fraction {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) throw new RangeError('denominator is zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { num: (sign * n) / g, den: (sign * d) / g };
}

export const ZERO: Fraction = fraction(0);
export const ONE: Fraction = fraction(1);

export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.num, a.den * b.den);
export const div = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den, a.den * b.num);
export const sum = (values: readonly Fraction[]): Fraction => values.reduce(add, ZERO);
export const compare = (a: Fraction, b: Fraction): number => {
  const diff = a.num * b.den - b.num * a.den;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
export const equals = (a: Fraction, b: Fraction): boolean => compare(a, b) === 0;

/** Rounds half away from zero to `decimals` places and returns the scaled integer (4.505, 2 → 451). */
export function roundHalfUpScaled(value: Fraction, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const rounded = (abs(value.num) * scale * 2n + value.den) / (2n * value.den);
  return Number(value.num < 0n ? -rounded : rounded);
}

/** The value rounded half away from zero to `decimals` places, as the nearest double (for display and proto doubles). */
export function toRoundedNumber(value: Fraction, decimals: number): number {
  return roundHalfUpScaled(value, decimals) / 10 ** decimals;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
// A double keeps 53 significant bits; a quotient of 55 or more, its last bit set when the division
// left a remainder, rounds to the same double as the exact value would.
const QUOTIENT_BITS = 55;

const bitLength = (value: bigint): number => value.toString(2).length;

/**
 * The nearest double (ties to even), for proto doubles and display; never fed back into scoring.
 * Magnitudes below 2^-968, far from any score, come out as 0.
 */
export function toNumber(value: Fraction): number {
  const { num, den } = value;
  // Both parts are exact doubles, and IEEE division rounds their quotient correctly.
  if (abs(num) <= MAX_EXACT && den <= MAX_EXACT) return Number(num) / Number(den);
  const magnitude = abs(num);
  const shift = Math.max(0, QUOTIENT_BITS - (bitLength(magnitude) - bitLength(den)));
  const scaled = magnitude << BigInt(shift);
  const quotient = scaled / den;
  const sticky = scaled % den === 0n ? quotient : quotient | 1n;
  const nearest = Number(sticky) / 2 ** shift;
  return num < 0n ? -nearest : nearest;
}

/**
 * The exact decimal a double prints as (4.52 → 452/100, not the binary 4.51999…), so a score that
 * crossed a service boundary as a proto double is read as the decimal it stands for.
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

export const formatFraction = (value: Fraction): string => (value.den === 1n ? `${value.num}` : `${value.num}/${value.den}`);

const FRACTION_TEXT = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
const DECIMAL_TEXT = /^\s*(\d+)(?:\.(\d+))?\s*$/;

/**
 * Reads a non-negative value written as a fraction ("1/9") or a decimal ("0.125", 0.125) exactly: a
 * JSON number is read as the decimal it prints as, so 0.1 means 1/10, not the binary 0.1000000000000000055…
 * Returns undefined for anything else (negative, exponent, NaN, zero denominator).
 */
export function parseFraction(input: string | number): Fraction | undefined {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input;
  const asFraction = FRACTION_TEXT.exec(text);
  if (asFraction) {
    const den = BigInt(asFraction[2]);
    return den === 0n ? undefined : fraction(BigInt(asFraction[1]), den);
  }
  const asDecimal = DECIMAL_TEXT.exec(text);
  if (!asDecimal) return undefined;
  const [, whole, digits = ''] = asDecimal;
  return fraction(BigInt(`${whole}${digits}`), 10n ** BigInt(digits.length));
}
