import { fraction, roundHalfUpScaled } from './fraction';
import { type KrejcieMorganParameters, krejcieMorganExact, krejcieMorganSample } from './sample-size';

/** PermenPANRB 14/2017 practice: 95% confidence, P = 0.5, d = 0.05, and the published rows (docs/domain.md §3.5). */
const SKM: KrejcieMorganParameters = {
  chiSquare: fraction(3841, 1000),
  proportion: fraction(1, 2),
  margin: fraction(1, 20),
  rows: [
    { population: 10, sample: 10 },
    { population: 20, sample: 19 },
    { population: 30, sample: 28 },
    { population: 50, sample: 44 },
    { population: 100, sample: 80 },
    { population: 150, sample: 108 },
    { population: 200, sample: 132 },
    { population: 300, sample: 169 },
    { population: 500, sample: 217 },
    { population: 1_000, sample: 278 },
    { population: 2_000, sample: 322 },
    { population: 5_000, sample: 357 },
    { population: 10_000, sample: 370 },
    { population: 100_000, sample: 384 },
    { population: 1_000_000, sample: 384 },
  ],
};
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('Krejcie–Morgan sample size', () => {
  it.each<[string, number, number]>([
    ['row N=10', 10, 10],
    ['row N=20', 20, 19],
    ['row N=30', 30, 28],
    ['row N=50', 50, 44],
    ['row N=100', 100, 80],
    ['row N=150', 150, 108],
    ['row N=200', 200, 132],
    ['row N=300', 300, 169],
    ['row N=500', 500, 217],
    ['row N=1,000', 1_000, 278],
    ['row N=2,000', 2_000, 322],
    ['row N=5,000', 5_000, 357],
    ['row N=10,000', 10_000, 370],
    ['row N=100,000 follows the published table (384), not the formula (383)', 100_000, 384],
    ['row N=1,000,000', 1_000_000, 384],
    ['no population needs no sample', 0, 0],
    ['a population of 1 is surveyed whole', 1, 1],
    ['between rows the formula applies (N=11 → 10.72 → 11)', 11, 11],
    ['between rows the formula applies (N=400 → 196)', 400, 196],
    ['just under the 100,000 row the formula gives 383', 99_999, 383],
    ['just above the 100,000 row the sample stays at the row (384)', 100_001, 384],
    ['above the last row the sample stays 384', 50_000_000, 384],
  ])('%s', (_name, population, sample) => {
    expect(krejcieMorganSample(SKM, population)).toBe(sample);
  });

  it('never asks fewer respondents for a larger population', () => {
    const populations = [...times(2000, (i) => i), 99_998, 99_999, 100_000, 100_001, 999_999, 1_000_000, 1_000_001];
    const samples = populations.map((n) => krejcieMorganSample(SKM, n));
    samples.forEach((s, i) => i > 0 && expect(s).toBeGreaterThanOrEqual(samples[i - 1]));
  });

  it('reproduces every published row by formula except 100,000 (383, the table prints 384)', () => {
    const differing = SKM.rows.filter((row) => roundHalfUpScaled(krejcieMorganExact(SKM, row.population), 0) !== row.sample);
    expect(differing).toEqual([{ population: 100_000, sample: 384 }]);
  });

  it('refuses a negative or fractional population', () => {
    expect(() => krejcieMorganSample(SKM, -1)).toThrow(RangeError);
    expect(() => krejcieMorganSample(SKM, 10.5)).toThrow(RangeError);
  });
});
