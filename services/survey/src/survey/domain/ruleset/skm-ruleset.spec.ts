import { fraction, krejcieMorganExact, ONE, roundHalfUpScaled, sum } from '@lib/kernel';
import { SKM_2017, findShippedSkmRuleset } from './skm-2017';
import { buildUnsurSet, provisionalParts, rulesetRef, type UnsurSetInput, type UnsurSetViolation } from './skm-ruleset';

const CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
const regulationWeights = (weight: string | number) => Object.fromEntries(CODES.map((c) => [c, weight]));

describe('skm-2017 ruleset', () => {
  it('is found by its ref', () => {
    expect(rulesetRef(SKM_2017)).toBe('skm-2017@1');
    expect(findShippedSkmRuleset('skm-2017@1')).toBe(SKM_2017);
    expect(findShippedSkmRuleset('skm-2017@2')).toBeUndefined();
  });

  it('lists the nine unsur in the regulation order (U8 pengaduan before U9 sarana)', () => {
    expect(SKM_2017.unsur.map((u) => `${u.code} ${u.name}`)).toEqual([
      'U1 Persyaratan',
      'U2 Sistem, Mekanisme, dan Prosedur',
      'U3 Waktu Penyelesaian',
      'U4 Biaya/Tarif',
      'U5 Produk Spesifikasi Jenis Pelayanan',
      'U6 Kompetensi Pelaksana',
      'U7 Perilaku Pelaksana',
      'U8 Penanganan Pengaduan, Saran dan Masukan',
      'U9 Sarana dan Prasarana',
    ]);
  });

  it('has a labelled 1..4 answer scale and a conversion factor of 25', () => {
    expect(SKM_2017.answerScale.levels.map((l) => l.value)).toEqual([1, 2, 3, 4]);
    expect(SKM_2017.conversion.factor).toBe(25);
  });

  it('has bands D..A that cover 25.00..100.00 without gap or overlap, at the table bounds', () => {
    const bands = [...SKM_2017.bands].sort((a, b) => a.convertedMinHundredths - b.convertedMinHundredths);
    expect(bands.map((b) => [b.band, b.convertedMinHundredths, b.convertedMaxHundredths])).toEqual([
      ['D', 2500, 6499],
      ['C', 6500, 7660],
      ['B', 7661, 8830],
      ['A', 8831, 10000],
    ]);
    bands.slice(1).forEach((band, i) => expect(band.convertedMinHundredths).toBe(bands[i].convertedMaxHundredths + 1));
  });

  it('gives every provisional value a source, and flags the sample-size table and periods as provisional', () => {
    const provenances = [
      SKM_2017.unsurProvenance,
      SKM_2017.answerScale,
      SKM_2017.defaultWeighting,
      SKM_2017.extraUnsur,
      SKM_2017.conversion,
      SKM_2017.bandRounding,
      SKM_2017.bandsProvenance,
      SKM_2017.sampleSize,
      SKM_2017.periodKinds,
    ];
    provenances.forEach((p) => expect(p.source).not.toBe(''));
    expect(provisionalParts(SKM_2017)).toEqual(['extraUnsur', 'sampleSize', 'periodKinds']);
  });

  it('publishes Krejcie–Morgan rows that the formula reproduces, except the 100,000 row', () => {
    const differing = SKM_2017.sampleSize.rows.filter((row) => roundHalfUpScaled(krejcieMorganExact(SKM_2017.sampleSize, row.population), 0) !== row.sample);
    expect(differing).toEqual([{ population: 100_000, sample: 384 }]);
  });
});

describe('unsur set of a survey', () => {
  it('is the nine at 1/9 without extra unsur', () => {
    const built = buildUnsurSet(SKM_2017);
    expect(built.ok && built.unsur.map((u) => [u.code, u.weight, u.extra])).toEqual(CODES.map((c) => [c, fraction(1, 9), false]));
  });

  it.each<[string, UnsurSetInput, [string, ReturnType<typeof fraction>][]]>([
    [
      'extra unsur without weights share equally: 1/10',
      { extraUnsur: [{ code: 'X1', label: 'Kebersihan' }] },
      [
        ['U1', fraction(1, 10)],
        ['X1', fraction(1, 10)],
      ],
    ],
    [
      'decimal weights whose double sum is 0.9999999999999999 are exactly 1',
      { extraUnsur: [{ code: 'X1', label: 'Kebersihan', weight: 0.1 }], regulationWeights: regulationWeights(0.1) },
      [
        ['U9', fraction(1, 10)],
        ['X1', fraction(1, 10)],
      ],
    ],
    [
      'fraction weights',
      {
        extraUnsur: [
          { code: 'X1', label: 'A', weight: '1/6' },
          { code: 'X2', label: 'B', weight: '1/12' },
        ],
        regulationWeights: regulationWeights('1/12'),
      },
      [
        ['U1', fraction(1, 12)],
        ['X1', fraction(1, 6)],
        ['X2', fraction(1, 12)],
      ],
    ],
    [
      'different weights for the regulation unsur',
      { regulationWeights: { ...regulationWeights('0.1'), U1: '0.2' } },
      [
        ['U1', fraction(1, 5)],
        ['U2', fraction(1, 10)],
      ],
    ],
  ])('accepts %s', (_name, input, expected) => {
    const built = buildUnsurSet(SKM_2017, input);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(sum(built.unsur.map((u) => u.weight))).toEqual(ONE);
    for (const [code, weight] of expected) expect(built.unsur.find((u) => u.code === code)?.weight).toEqual(weight);
    expect(built.unsur.slice(0, 9).map((u) => u.code)).toEqual(CODES);
  });

  it('proves the double sum of the accepted decimal weights is not 1', () => {
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1);
  });

  it.each<[string, UnsurSetInput, Partial<UnsurSetViolation>[]]>([
    [
      'weights that sum to 0.99',
      {
        extraUnsur: [
          { code: 'X1', label: 'A', weight: '0.05' },
          { code: 'X2', label: 'B', weight: '0.04' },
        ],
        regulationWeights: regulationWeights('0.1'),
      },
      [{ path: 'extraUnsur[1].weight', rule: 'weights-sum-to-one' }],
    ],
    ['0.111 for each of the nine', { regulationWeights: regulationWeights('0.111') }, [{ path: 'regulationWeights', rule: 'weights-sum-to-one' }]],
    [
      'an extra weight without the regulation weights',
      { extraUnsur: [{ code: 'X1', label: 'A', weight: '0.1' }] },
      [{ path: 'regulationWeights', rule: 'weights-all-or-none' }],
    ],
    [
      'regulation weights without the extra weight',
      { extraUnsur: [{ code: 'X1', label: 'A' }], regulationWeights: regulationWeights('1/9') },
      [{ path: 'extraUnsur[0].weight', rule: 'weights-all-or-none' }],
    ],
    [
      'a regulation weight missing',
      { regulationWeights: { ...regulationWeights('1/8'), U9: undefined as unknown as string } },
      [{ path: 'regulationWeights.U9', rule: 'weights-all-or-none' }],
    ],
    [
      'a weight for an unknown unsur',
      { regulationWeights: { ...regulationWeights('1/9'), U10: '0' } },
      [{ path: 'regulationWeights.U10', rule: 'weight-for-unknown-unsur' }],
    ],
    [
      'an unreadable weight',
      { extraUnsur: [{ code: 'X1', label: 'A', weight: 'ten percent' }], regulationWeights: regulationWeights('0.1') },
      [{ path: 'extraUnsur[0].weight', rule: 'weight-format' }],
    ],
    [
      'a zero weight',
      { extraUnsur: [{ code: 'X1', label: 'A', weight: '0' }], regulationWeights: regulationWeights('1/9') },
      [{ path: 'extraUnsur[0].weight', rule: 'weight-positive' }],
    ],
    [
      'a rounded decimal weight too precise to carry exactly',
      { regulationWeights: { ...regulationWeights('1/9'), U1: '0.11111111111' } },
      [{ path: 'regulationWeights.U1', rule: 'weight-precision' }],
    ],
    ['an extra unsur reusing a regulation code', { extraUnsur: [{ code: 'U3', label: 'A' }] }, [{ path: 'extraUnsur[0].code', rule: 'code-reserved' }]],
    [
      'two extra unsur with one code',
      {
        extraUnsur: [
          { code: 'X1', label: 'A' },
          { code: 'X1', label: 'B' },
        ],
      },
      [{ path: 'extraUnsur[1].code', rule: 'code-unique' }],
    ],
    ['a lower-case code', { extraUnsur: [{ code: 'x1', label: 'A' }] }, [{ path: 'extraUnsur[0].code', rule: 'code-format' }]],
    [
      'a blank code and label',
      { extraUnsur: [{ code: ' ', label: '' }] },
      [
        { path: 'extraUnsur[0].code', rule: 'required' },
        { path: 'extraUnsur[0].label', rule: 'required' },
      ],
    ],
    [
      'more extra unsur than the ruleset allows',
      { extraUnsur: Array.from({ length: 21 }, (_, i) => ({ code: `X${i}`, label: `Unsur ${i}` })) },
      [{ path: 'extraUnsur', rule: 'too-many-extra-unsur' }],
    ],
  ])('refuses %s', (_name, input, expected) => {
    const built = buildUnsurSet(SKM_2017, input);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual(expected.map((e) => expect.objectContaining(e)));
    built.errors.forEach((e) => expect(e.message).not.toBe(''));
  });
});
