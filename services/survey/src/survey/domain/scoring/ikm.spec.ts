import { fraction } from '@lib/kernel';
import { SKM_2017 } from '../ruleset/skm-2017';
import { buildUnsurSet, type SurveyUnsur, type UnsurSetInput } from '../ruleset/skm-ruleset';
import { assessSample, computeIkm, convertedValue, ikmValue, scoreIkm, type SkmTally, type UnsurAnswer } from './ikm';

const unsurSet = (input: UnsurSetInput = {}): SurveyUnsur[] => {
  const built = buildUnsurSet(SKM_2017, input);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.unsur;
};
const NINE = unsurSet();
const CODES = NINE.map((u) => u.code);

/** One response answering U1..U9 with the given values. */
const response = (...values: number[]): UnsurAnswer[] => values.map((value, i) => ({ code: CODES[i], value }));
const everyUnsur = (value: number): UnsurAnswer[] => response(...CODES.map(() => value));
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** A tally whose converted IKM is exactly `hundredths` / 100: 2500 respondents, every NRR = h / 2500. */
const exactConverted = (hundredths: number): SkmTally => ({
  respondents: 2500,
  totals: Object.fromEntries(CODES.map((code) => [code, hundredths])),
});

const tallyOf = (respondents: number, totals: number[]): SkmTally => ({
  respondents,
  totals: Object.fromEntries(CODES.map((code, i) => [code, totals[i]])),
});

describe('IKM (PermenPANRB 14/2017)', () => {
  it('reproduces the worked example: weighted 3.892 → IKM 97.31 → A Sangat Baik', () => {
    // 31 respondents × 9 answers, 30 of them a 3 and the rest 4: Σ = 1086, IKM = 1086 / 279 = 3.89247…
    const responses = times(31, (r) => (r < 30 ? response(3, 4, 4, 4, 4, 4, 4, 4, 4) : everyUnsur(4)));
    const result = computeIkm(SKM_2017, NINE, responses);
    expect(result.respondents).toBe(31);
    expect(result.ikm).toEqual(fraction(1086, 279));
    expect(ikmValue(result)?.toFixed(3)).toBe('3.892');
    expect(convertedValue(SKM_2017, result)).toBe(97.31);
    expect(result.band).toMatchObject({ band: 'A', label: 'Sangat Baik' });
    expect(result.weakestUnsur).toBe('U1');
  });

  it.each<[string, SkmTally, string, string, number]>([
    ['the lowest possible value 25.00 is D', exactConverted(2500), 'D', 'Tidak Baik', 25],
    ['64.99 is the top of D', exactConverted(6499), 'D', 'Tidak Baik', 64.99],
    ['65.00 is the bottom of C', exactConverted(6500), 'C', 'Kurang Baik', 65],
    ['76.60 is the top of C', exactConverted(7660), 'C', 'Kurang Baik', 76.6],
    ['76.61 is the bottom of B', exactConverted(7661), 'B', 'Baik', 76.61],
    ['88.30 is the top of B', exactConverted(8830), 'B', 'Baik', 88.3],
    ['88.31 is the bottom of A', exactConverted(8831), 'A', 'Sangat Baik', 88.31],
    ['the highest possible value 100.00 is A', exactConverted(10000), 'A', 'Sangat Baik', 100],
    // exactly 64.995: half-up to 65.00 (C); summing NRR × (1/9) in floats gives 64.99 (D)
    [
      'exact 64.995 rounds up into C where a float sum drifts to D',
      tallyOf(5000, [7965, 9840, 5416, 6393, 8421, 19928, 19472, 19802, 19754]),
      'C',
      'Kurang Baik',
      65,
    ],
    // exactly 76.605: half-up to 76.61 (B); the float sum gives 76.60 (C)
    [
      'exact 76.605 rounds up into B where a float sum drifts to C',
      tallyOf(5000, [14175, 19488, 19798, 9509, 10401, 15325, 11460, 17781, 19952]),
      'B',
      'Baik',
      76.61,
    ],
    // exactly 88.305: half-up to 88.31 (A); the float sum gives 88.30 (B)
    [
      'exact 88.305 rounds up into A where a float sum drifts to B',
      tallyOf(5000, [6960, 15073, 19110, 19203, 19354, 19400, 19983, 19884, 19982]),
      'A',
      'Sangat Baik',
      88.31,
    ],
    ['just under 64.995 stays D', tallyOf(2500, [6499, 6499, 6499, 6499, 6499, 6499, 6499, 6499, 6500]), 'D', 'Tidak Baik', 64.99],
  ])('%s', (_name, tally, band, label, converted) => {
    const result = scoreIkm(SKM_2017, NINE, tally);
    expect(result.band).toMatchObject({ band, label });
    expect(convertedValue(SKM_2017, result)).toBe(converted);
  });

  it('the float-drift rows really drift when weights are the double 1/9', () => {
    const floatConverted = (totals: number[], n: number) => Math.round(totals.reduce((acc, t) => acc + (t / n) * (1 / 9), 0) * 25 * 100) / 100;
    expect(floatConverted([7965, 9840, 5416, 6393, 8421, 19928, 19472, 19802, 19754], 5000)).toBe(64.99);
    expect(floatConverted([14175, 19488, 19798, 9509, 10401, 15325, 11460, 17781, 19952], 5000)).toBe(76.6);
    expect(floatConverted([6960, 15073, 19110, 19203, 19354, 19400, 19983, 19884, 19982], 5000)).toBe(88.3);
  });

  it.each<[string, UnsurAnswer[][], Record<string, number>, string | null]>([
    ['NRR is the mean of the answers per unsur', [response(1, 2, 3, 4, 1, 2, 3, 4, 1), response(3, 2, 3, 4, 1, 2, 3, 4, 4)], { U1: 2, U4: 4, U9: 2.5 }, 'U5'],
    ['the weakest unsur on a tie is the earlier one in regulation order', [response(4, 2, 4, 4, 4, 4, 4, 2, 4)], { U2: 2, U8: 2 }, 'U2'],
    ['a single respondent is scored', [everyUnsur(3)], { U1: 3, U9: 3 }, 'U1'],
  ])('%s', (_name, responses, nrr, weakest) => {
    const result = computeIkm(SKM_2017, NINE, responses);
    for (const [code, value] of Object.entries(nrr)) {
      const unsur = result.unsur.find((u) => u.code === code);
      expect(unsur?.nrr).toEqual(fraction(value * 2, 2));
    }
    expect(result.weakestUnsur).toBe(weakest);
  });

  it('weights the nine unsur at exactly 1/9 each', () => {
    expect(NINE.map((u) => u.weight)).toEqual(times(9, () => fraction(1, 9)));
  });

  it('scores an empty response set without a value, band or weakest unsur', () => {
    const result = computeIkm(SKM_2017, NINE, []);
    expect(result).toMatchObject({ respondents: 0, ikm: null, converted: null, convertedScaled: null, band: null, weakestUnsur: null });
    expect(result.unsur.map((u) => [u.code, u.answerTotal, u.nrr])).toEqual(CODES.map((code) => [code, 0, null]));
  });

  it.each<[string, UnsurAnswer[]]>([
    ['a missing unsur', response(4, 4, 4, 4, 4, 4, 4, 4)],
    ['an answer of 0', response(0, 4, 4, 4, 4, 4, 4, 4, 4)],
    ['an answer of 5', response(5, 4, 4, 4, 4, 4, 4, 4, 4)],
    ['a fractional answer', response(3.5, 4, 4, 4, 4, 4, 4, 4, 4)],
    ['an unknown unsur', [...everyUnsur(4), { code: 'X1', value: 4 }]],
    ['an unsur answered twice', [...everyUnsur(4), { code: 'U1', value: 4 }]],
  ])('refuses a response with %s', (_name, answers) => {
    expect(() => computeIkm(SKM_2017, NINE, [everyUnsur(4), answers])).toThrow(expect.objectContaining({ code: 'SURVEY.INVALID_ANSWERS' }));
  });

  describe('extra unsur', () => {
    it.each<[string, UnsurSetInput, (code: string) => number, string, number]>([
      [
        'equal weights 1/11 over nine plus two extra unsur',
        {
          extraUnsur: [
            { code: 'X1', label: 'Kebersihan' },
            { code: 'X2', label: 'Keamanan' },
          ],
        },
        (code) => (code === 'X1' ? 1 : 4),
        // (10 × 4 + 1) / 11 × 25 = 93.1818…
        'A',
        93.18,
      ],
      [
        'explicit weights: nine at 0.08 and an extra at 0.28 answered 1',
        { extraUnsur: [{ code: 'X1', label: 'Kebersihan', weight: '0.28' }], regulationWeights: Object.fromEntries(CODES.map((c) => [c, 0.08])) },
        (code) => (code === 'X1' ? 1 : 4),
        // (0.72 × 4 + 0.28 × 1) × 25 = 79.00
        'B',
        79,
      ],
      [
        'explicit fractional weights 1/12 for the nine and 1/8 + 1/8 for two extras',
        {
          extraUnsur: [
            { code: 'X1', label: 'Kebersihan', weight: '1/8' },
            { code: 'X2', label: 'Keamanan', weight: '1/8' },
          ],
          regulationWeights: Object.fromEntries(CODES.map((c) => [c, '1/12'])),
        },
        (code) => (code.startsWith('X') ? 2 : 3),
        // (3/4 × 3 + 1/4 × 2) × 25 = 68.75
        'C',
        68.75,
      ],
    ])('%s', (_name, input, answer, band, converted) => {
      const unsur = unsurSet(input);
      const result = computeIkm(SKM_2017, unsur, [unsur.map((u) => ({ code: u.code, value: answer(u.code) }))]);
      expect(result.band?.band).toBe(band);
      expect(convertedValue(SKM_2017, result)).toBe(converted);
    });

    it('names an extra unsur the weakest when it scores lowest', () => {
      const unsur = unsurSet({ extraUnsur: [{ code: 'X1', label: 'Kebersihan' }] });
      const result = computeIkm(SKM_2017, unsur, [unsur.map((u) => ({ code: u.code, value: u.extra ? 2 : 3 }))]);
      expect(result.weakestUnsur).toBe('X1');
    });
  });
});

describe('SKM sample adequacy', () => {
  it.each<[string, number, number, boolean]>([
    ['enough respondents for the population', 100, 80, true],
    ['one respondent short', 100, 79, false],
    ['more respondents than the population', 10, 12, true],
    ['no population known: nothing to judge the sample against', 0, 25, false],
  ])('adequacy: %s', (_name, population, respondents, adequate) => {
    expect(assessSample(SKM_2017, population, respondents).adequate).toBe(adequate);
  });
});
