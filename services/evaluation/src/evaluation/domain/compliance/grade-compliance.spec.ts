import { DomainError } from '@lib/event-sourcing/domain';
import { equals, fraction, fromDecimal } from '@lib/kernel';
import type { ComplianceRuleset, ComplianceZone } from './compliance-ruleset';
import { complianceBandFor, complianceScoreValue, type ComplianceInput, gradeCompliance, type ObservedItem } from './grade-compliance';
import { ombudsman2021 } from './ombudsman-2021';
import { ombudsman2022 } from './ombudsman-2022';
import { ombudsman2025 } from './ombudsman-2025';
import { STANDAR_PELAYANAN_COMPONENTS } from './standar-pelayanan';

const ALL_COMPONENTS = STANDAR_PELAYANAN_COMPONENTS.map((component) => component.code);
const without = (...codes: string[]): string[] => ALL_COMPONENTS.filter((code) => !codes.includes(code));
const inputItems = (...scores: number[]): ObservedItem[] => scores.map((score, i) => ({ dimension: 'input', itemCode: `input-${i + 1}`, score }));
const EMPTY: ComplianceInput = { serviceProducts: [], observedItems: [], complaints: null, skm: null, publicTrust: null, maladministration: null };

/** The band of a total written as a decimal, rounded as the ruleset says. */
const bandOf = (ruleset: ComplianceRuleset, total: string): { code: string; zone: ComplianceZone } => {
  const { band } = complianceBandFor(ruleset, complianceScoreValue(ruleset, fromDecimal(Number(total))));
  return { code: band.code, zone: band.zone };
};

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('compliance bands at every edge (total rounded half-up to 2 decimals, then inclusive [min, max])', () => {
  it.each<[string, ComplianceRuleset, string, string]>([
    ['2021: 100 is hijau', ombudsman2021, '100', 'hijau'],
    ['2021: 81.00 is hijau', ombudsman2021, '81', 'hijau'],
    ['2021: 80.995 rounds to 81.00, hijau', ombudsman2021, '80.995', 'hijau'],
    ['2021: 80.994 rounds to 80.99, kuning', ombudsman2021, '80.994', 'kuning'],
    ['2021: 80.99 is kuning', ombudsman2021, '80.99', 'kuning'],
    ['2021: 51.00 is kuning', ombudsman2021, '51', 'kuning'],
    ['2021: 50.995 rounds to 51.00, kuning', ombudsman2021, '50.995', 'kuning'],
    ['2021: 50.99 is merah', ombudsman2021, '50.99', 'merah'],
    ['2021: 0 is merah', ombudsman2021, '0', 'merah'],
    ['2022: 100 is A', ombudsman2022, '100', 'A'],
    ['2022: 88.00 is A', ombudsman2022, '88', 'A'],
    ['2022: 87.995 rounds to 88.00, A', ombudsman2022, '87.995', 'A'],
    ['2022: 87.99 is B', ombudsman2022, '87.99', 'B'],
    ['2022: 78.00 is B', ombudsman2022, '78', 'B'],
    ['2022: 77.99 is C', ombudsman2022, '77.99', 'C'],
    ['2022: 57.00 is C', ombudsman2022, '57', 'C'],
    ['2022: 56.99 is D', ombudsman2022, '56.99', 'D'],
    ['2022: 37.00 is D (provisional edge)', ombudsman2022, '37', 'D'],
    ['2022: 36.99 is E (provisional edge)', ombudsman2022, '36.99', 'E'],
    ['2022: 0 is E', ombudsman2022, '0', 'E'],
    ['2025: 88.00 is the top level (2022 edges carried over)', ombudsman2025, '88', 'A'],
    ['2025: 87.99 is the second level', ombudsman2025, '87.99', 'B'],
    ['2025: 57.00 / 56.99 split C and D', ombudsman2025, '56.99', 'D'],
  ])('%s', (_name, ruleset, total, code) => {
    expect(bandOf(ruleset, total).code).toBe(code);
  });
});

describe('published results (docs/domain.md 2.1–2.2) land in their published zone or category', () => {
  it.each<[string, ComplianceRuleset, string, { code?: string; zone: ComplianceZone }]>([
    ['Banjarmasin 2023 88.02 → A', ombudsman2022, '88.02', { code: 'A', zone: 'hijau' }],
    ['Tanjabtim 87.43 → B', ombudsman2022, '87.43', { code: 'B', zone: 'hijau' }],
    ['Tanjabbar 79.80 → B', ombudsman2022, '79.80', { code: 'B', zone: 'hijau' }],
    ['Pagaralam 76.74 → C', ombudsman2022, '76.74', { code: 'C', zone: 'kuning' }],
    ['Baubau 58.03 → C', ombudsman2022, '58.03', { code: 'C', zone: 'kuning' }],
    ['Banjarmasin 2024 95.45 → A, zona hijau', ombudsman2022, '95.45', { code: 'A', zone: 'hijau' }],
    ['Kota Jambi 89.59 → A', ombudsman2022, '89.59', { code: 'A', zone: 'hijau' }],
    ['Muara Enim 88.51 → A', ombudsman2022, '88.51', { code: 'A', zone: 'hijau' }],
    ['Lahat 80.58 → B', ombudsman2022, '80.58', { code: 'B', zone: 'hijau' }],
    ['Merangin 73.88 → C', ombudsman2022, '73.88', { code: 'C', zone: 'kuning' }],
    ['Banjarmasin 2022 69.63 → kuning', ombudsman2022, '69.63', { code: 'C', zone: 'kuning' }],
    ['Kendari 58.99 → C', ombudsman2022, '58.99', { code: 'C', zone: 'kuning' }],
    ['Padang 2024 93.67 → A', ombudsman2022, '93.67', { code: 'A', zone: 'hijau' }],
    ['Padang 2023 82.64 → B', ombudsman2022, '82.64', { code: 'B', zone: 'hijau' }],
    // zona merah 2022: only the zone is published; D or E depends on the unknown D/E edge
    ['Sibolga 2022 51.15 → zona merah', ombudsman2022, '51.15', { zone: 'merah' }],
    ['Tanjung Balai 2022 50.20 → zona merah', ombudsman2022, '50.20', { zone: 'merah' }],
    ['Binjai 2022 45.16 → zona merah', ombudsman2022, '45.16', { zone: 'merah' }],
    ['Papua Barat 2022 40.04 → zona merah', ombudsman2022, '40.04', { zone: 'merah' }],
    ['Papua 2022 32.45 → zona merah', ombudsman2022, '32.45', { zone: 'merah' }],
    ['Banjarmasin 2021 83.98 → zona hijau', ombudsman2021, '83.98', { code: 'hijau', zone: 'hijau' }],
  ])('%s', (_name, ruleset, total, expected) => {
    const band = bandOf(ruleset, total);
    expect(expected.code === undefined ? { zone: band.zone } : band).toEqual(expected);
  });

  it('51.15 is merah only under the 2022 opinion: the 2021 zones would put it in kuning (51.00–80.99)', () => {
    expect(bandOf(ombudsman2022, '51.15').zone).toBe('merah');
    expect(bandOf(ombudsman2021, '51.15').zone).toBe('kuning');
  });
});

/*
 * One unit, worked by hand.
 *   proses: product 1 fulfils 13 of 14 components, product 2 12 of 14 → (13 + 12) / 28 × 100 = 625/7 ≈ 89.2857
 *   input: 10 items 0..3 summing to 24 → 24 / 30 × 100 = 80
 *   output: IKM 82.5
 *   pengaduan: 40 received, 36 answered and 30 resolved within deadline → (½ × 36/40 + ½ × 30/40) × 100 = 82.5
 *   public trust 60; maladministration: no finding, one Ombudsman action unresolved → found
 * 2021: the components only → 89.2857 → 89.29 hijau
 * 2022: (2185 × 80 + 3237 × 625/7 + 2424 × 82.5 + 2154 × 82.5) / 10000
 *     = 17.48 + 28.9017857… + 19.998 + 17.7705 = 147263/1750 ≈ 84.1503 → 84.15 B (hijau)
 * 2025: 0.7 × 147263/1750 + 0.3 × 60 = 58.9052 + 18 = 76.9052 → 76.91 C (kuning), "Dengan Maladministrasi"
 */
const UNIT: ComplianceInput = {
  serviceProducts: [
    { productId: 'ktp-el', fulfilledComponents: without('evaluasi-kinerja') },
    { productId: 'akta-kelahiran', fulfilledComponents: without('evaluasi-kinerja', 'jaminan-keamanan') },
  ],
  observedItems: inputItems(3, 3, 2, 3, 2, 2, 3, 2, 2, 2),
  complaints: { received: 40, respondedWithinDeadline: 36, resolvedWithinDeadline: 30 },
  skm: { ikm: 82.5 },
  publicTrust: { score: 60 },
  maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 1 },
};

describe('gradeCompliance', () => {
  it('grades the worked unit under ombudsman-2022 exactly, each dimension with its score and contribution', () => {
    const grade = gradeCompliance(ombudsman2022, UNIT);
    expect(equals(grade.total.exact, fraction(147_263, 1750))).toBe(true);
    expect(grade.total.hundredths).toBe(8415);
    expect(grade.dimensions.map((dimension) => [dimension.code, dimension.score?.hundredths, dimension.contribution.exact])).toEqual([
      ['input', 8000, fraction(437, 25)],
      ['proses', 8929, fraction(3237, 112)],
      ['output', 8250, fraction(9999, 500)],
      ['pengaduan', 8250, fraction(35_541, 2000)],
    ]);
    expect(grade.band).toEqual({ code: 'B', label: 'Kualitas Tinggi', zone: 'hijau', provisional: true });
    expect(grade.label).toBe('Kualitas Tinggi');
    expect(grade.complete).toBe(true);
    expect(grade.missing).toEqual([]);
    expect(grade.ceiling).toEqual({ total: grade.total, band: grade.band });
    expect(grade.ignoredInputs).toEqual(['publicTrust', 'maladministration']);
  });

  it('re-grades the same unit under 2021, 2022 and 2025 as a what-if: hijau, B hijau, C kuning with maladministration', () => {
    const grades = [ombudsman2021, ombudsman2022, ombudsman2025].map((ruleset) => gradeCompliance(ruleset, UNIT));
    expect(grades.map((grade) => [grade.ruleset.id, grade.total.hundredths, grade.band.code, grade.band.zone, grade.label, grade.complete])).toEqual([
      ['ombudsman-2021', 8929, 'hijau', 'hijau', 'Kepatuhan Tinggi', true],
      ['ombudsman-2022', 8415, 'B', 'hijau', 'Kualitas Tinggi', true],
      ['ombudsman-2025', 7691, 'C', 'kuning', 'Kualitas Sedang Dengan Maladministrasi', true],
    ]);
    expect(equals(grades[0].total.exact, fraction(625, 7))).toBe(true);
    expect(equals(grades[2].total.exact, fraction(192_263, 2500))).toBe(true);
    expect(grades[0].ignoredInputs).toEqual(['observedItems', 'complaints', 'skm', 'publicTrust', 'maladministration']);
    expect(grades[2].maladministration).toEqual({ found: true, label: 'Dengan Maladministrasi' });
  });

  it('gives the 2025 top label "Kualitas Tertinggi Tanpa Maladministrasi" to a unit fulfilling everything with nothing against it', () => {
    const grade = gradeCompliance(ombudsman2025, {
      serviceProducts: [{ productId: 'izin-usaha', fulfilledComponents: ALL_COMPONENTS }],
      observedItems: inputItems(3, 3, 3),
      complaints: { received: 5, respondedWithinDeadline: 5, resolvedWithinDeadline: 5 },
      skm: { ikm: 100 },
      publicTrust: { score: 100 },
      maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 0 },
    });
    expect([grade.total.hundredths, grade.band.code, grade.label]).toEqual([10_000, 'A', 'Kualitas Tertinggi Tanpa Maladministrasi']);
  });

  /*
   * Every dimension exactly 88: 25 products × 14 components with 308 fulfilled (8 miss one, 17 miss two),
   * 25 input items summing to 66 (66/75), IKM 88, 22 of 25 complaints on time. Lowering one input item by
   * one point takes input to 65/75 = 86.67 and the total to 88 − 21.85% × 4/3 = 87.7087 → B.
   */
  const exactly88 = (inputTotal: number): ComplianceInput => ({
    serviceProducts: Array.from({ length: 25 }, (_, p) => ({
      productId: `p${p}`,
      fulfilledComponents: p < 17 ? without('evaluasi-kinerja', 'biaya') : without('evaluasi-kinerja'),
    })),
    observedItems: inputItems(...Array.from({ length: 25 }, (_, i) => (i < inputTotal - 50 ? 3 : 2))),
    complaints: { received: 25, respondedWithinDeadline: 22, resolvedWithinDeadline: 22 },
    skm: { ikm: 88 },
    publicTrust: null,
    maladministration: null,
  });

  it.each([
    ['a unit scoring exactly 88.00 in every dimension is A', 66, 8800, 'A'],
    ['one input point less takes it to 87.71, B', 65, 8771, 'B'],
  ])('%s', (_name, inputTotal, hundredths, code) => {
    const grade = gradeCompliance(ombudsman2022, exactly88(inputTotal));
    expect([grade.total.hundredths, grade.band.code]).toEqual([hundredths, code]);
  });

  it('reports a dimension without data instead of reading it as 0: incomplete, the total a floor, the ceiling had it scored 100', () => {
    const grade = gradeCompliance(ombudsman2022, { ...UNIT, skm: null });
    const output = grade.dimensions.find((dimension) => dimension.code === 'output');
    expect(output).toEqual(expect.objectContaining({ score: null, missing: 'no-skm-result' }));
    expect(grade.complete).toBe(false);
    expect(grade.missing).toEqual([{ part: 'output', reason: 'no-skm-result' }]);
    // floor 84.1503 − 19.998 = 64.1523 (C); ceiling + 24.24 = 88.3923 (A): the category stays open until the SKM arrives
    expect([grade.total.hundredths, grade.band.code, grade.ceiling.total.hundredths, grade.ceiling.band.code]).toEqual([6415, 'C', 8839, 'A']);
  });

  it('decides the band of an incomplete grade when no missing data could move it', () => {
    const grade = gradeCompliance(ombudsman2022, {
      ...EMPTY,
      serviceProducts: [{ productId: 'sktm', fulfilledComponents: [] }],
      observedItems: inputItems(0, 0),
      skm: { ikm: 25 },
    });
    // floor 24.24% × 25 = 6.06, ceiling + 21.54 = 27.60: E either way
    expect([grade.complete, grade.total.hundredths, grade.band.code, grade.ceiling.total.hundredths, grade.ceiling.band.code]).toEqual([
      false,
      606,
      'E',
      2760,
      'E',
    ]);
    expect(grade.missing).toEqual([{ part: 'pengaduan', reason: 'no-complaint-figures' }]);
  });

  it.each<[string, ComplianceRuleset, ComplianceInput, { part: string; reason: string }[]]>([
    ['no data at all under 2021', ombudsman2021, EMPTY, [{ part: 'kepatuhan-standar', reason: 'no-service-products' }]],
    [
      'no data at all under 2025',
      ombudsman2025,
      EMPTY,
      [
        { part: 'input', reason: 'no-observed-items' },
        { part: 'proses', reason: 'no-service-products' },
        { part: 'output', reason: 'no-skm-result' },
        { part: 'pengaduan', reason: 'no-complaint-figures' },
        { part: 'kepercayaan-masyarakat', reason: 'no-public-trust-figure' },
        { part: 'maladministration', reason: 'no-maladministration-record' },
      ],
    ],
    [
      'no complaint received: no data, not full marks',
      ombudsman2022,
      { ...UNIT, complaints: { received: 0, respondedWithinDeadline: 0, resolvedWithinDeadline: 0 } },
      [{ part: 'pengaduan', reason: 'no-complaints-received' }],
    ],
    [
      'observation items of another dimension only',
      ombudsman2022,
      { ...UNIT, observedItems: [{ dimension: 'proses', itemCode: 'p1', score: 3 }] },
      [{ part: 'input', reason: 'no-observed-items' }],
    ],
    [
      'no maladministration record under 2025',
      ombudsman2025,
      { ...UNIT, maladministration: null },
      [{ part: 'maladministration', reason: 'no-maladministration-record' }],
    ],
  ])('lists what is missing: %s', (_name, ruleset, input, missing) => {
    const grade = gradeCompliance(ruleset, input);
    expect(grade.missing).toEqual(missing);
    expect(grade.complete).toBe(false);
  });

  it('labels a 2025 grade without a maladministration record by its level alone', () => {
    const grade = gradeCompliance(ombudsman2025, { ...UNIT, maladministration: null });
    expect([grade.label, grade.maladministration]).toEqual(['Kualitas Sedang', null]);
  });

  it('counts a component once per product and reports codes the ruleset does not list', () => {
    const grade = gradeCompliance(ombudsman2021, {
      ...EMPTY,
      serviceProducts: [{ productId: 'kk', fulfilledComponents: ['persyaratan', 'persyaratan', 'maklumat-pelayanan', 'biaya'] }],
    });
    // 2 of 14 = 14.2857… → 14.29
    expect([grade.total.hundredths, grade.unknownComponentCodes]).toEqual([1429, ['maklumat-pelayanan']]);
  });

  it('reads an item scale that does not start at 0 from its minimum: on 1..4, items 1 and 4 are (0 + 3) / 6 = 50', () => {
    const oneToFour: ComplianceRuleset = JSON.parse(JSON.stringify(ombudsman2022)) as ComplianceRuleset;
    const measure = oneToFour.groups[0].dimensions[0].measure;
    if (measure.kind === 'observed-items') measure.scale = { min: 1, max: 4 };
    const input = gradeCompliance(oneToFour, { ...UNIT, observedItems: inputItems(1, 4) }).dimensions[0];
    expect([input.code, input.score?.hundredths]).toEqual(['input', 5000]);
  });

  it('names the provisional parts a grade used: the mapping, the 14th component, the rounding, the bands it fell in', () => {
    expect(gradeCompliance(ombudsman2021, UNIT).provisionalParts).toEqual([
      'groups[0].dimensions[0].ruleSource',
      'groups[0].dimensions[0].measure.components[13]',
      'rounding',
    ]);
    const open = gradeCompliance(ombudsman2022, { ...UNIT, skm: null });
    expect(open.provisionalParts.filter((part) => part.startsWith('bands'))).toEqual(['bands[2]', 'bands[0]']);
    expect(open.provisional).toBe(true);
  });

  it.each<[string, ComplianceRuleset, ComplianceInput]>([
    ['an input item scored 4 on the 0..3 scale', ombudsman2022, { ...UNIT, observedItems: inputItems(3, 4) }],
    ['a fractional item score', ombudsman2021, { ...UNIT, observedItems: inputItems(2.5) }],
    ['an item scored twice', ombudsman2022, { ...UNIT, observedItems: [...inputItems(3), ...inputItems(2)] }],
    ['a service product listed twice', ombudsman2021, { ...UNIT, serviceProducts: [UNIT.serviceProducts[0], UNIT.serviceProducts[0]] }],
    ['a service product without id', ombudsman2021, { ...UNIT, serviceProducts: [{ productId: ' ', fulfilledComponents: [] }] }],
    ['more complaints resolved than received', ombudsman2022, { ...UNIT, complaints: { received: 3, respondedWithinDeadline: 3, resolvedWithinDeadline: 4 } }],
    ['a negative complaint count', ombudsman2022, { ...UNIT, complaints: { received: -1, respondedWithinDeadline: 0, resolvedWithinDeadline: 0 } }],
    ['an IKM below 25', ombudsman2022, { ...UNIT, skm: { ikm: 20 } }],
    ['a public-trust figure above 100', ombudsman2025, { ...UNIT, publicTrust: { score: 100.5 } }],
    ['a negative maladministration count', ombudsman2025, { ...UNIT, maladministration: { substantiatedFindings: -1, unresolvedOmbudsmanActions: 0 } }],
  ])('refuses %s with COMPLIANCE.INVALID_INPUT', (_name, ruleset, input) => {
    expect(refusal(() => gradeCompliance(ruleset, input))).toBe('COMPLIANCE.INVALID_INPUT');
  });

  it('refuses a total no band holds (a ruleset not validated) with COMPLIANCE.NO_BAND', () => {
    const holed = { ...ombudsman2021, bands: ombudsman2021.bands.slice(1) };
    expect(refusal(() => gradeCompliance(holed, UNIT))).toBe('COMPLIANCE.NO_BAND');
  });
});
