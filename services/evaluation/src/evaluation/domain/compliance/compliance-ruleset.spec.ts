import { add, div, equals, fraction, mul, ONE, sum, type Fraction } from '@lib/kernel';
import {
  complianceDimensions,
  complianceProvisionalParts,
  type ComplianceRuleset,
  type ComplianceRulesetRule,
  validateComplianceRuleset,
} from './compliance-ruleset';
import { shippedComplianceRulesets } from './compliance-registry';
import { ombudsman2021 } from './ombudsman-2021';
import { ombudsman2022 } from './ombudsman-2022';
import { ombudsman2025 } from './ombudsman-2025';
import { STANDAR_PELAYANAN_COMPONENTS } from './standar-pelayanan';

const clone = (ruleset: ComplianceRuleset): ComplianceRuleset => JSON.parse(JSON.stringify(ruleset)) as ComplianceRuleset;
const BP = fraction(10_000);

/** Each dimension's share of the total: group weight × dimension weight. */
const shares = (ruleset: ComplianceRuleset): Fraction[] =>
  ruleset.groups.flatMap((group) => group.dimensions.map((dimension) => div(mul(fraction(group.weightBp), fraction(dimension.weightBp)), mul(BP, BP))));

describe('the shipped compliance rulesets', () => {
  it.each(shippedComplianceRulesets.map((ruleset) => [`${ruleset.id} v${ruleset.version}`, ruleset] as const))('%s breaks no rule', (_name, ruleset) => {
    expect(validateComplianceRuleset(ruleset)).toEqual([]);
  });

  it.each(shippedComplianceRulesets.map((ruleset) => [`${ruleset.id} v${ruleset.version}`, ruleset] as const))(
    "%s: the dimensions' shares of the total sum to exactly 100%",
    (_name, ruleset) => {
      expect(equals(sum(shares(ruleset)), ONE)).toBe(true);
    },
  );

  it('weighs the 2022 dimensions input 21.85%, proses 32.37%, output 24.24%, pengaduan 21.54% (docs/domain.md 2.2)', () => {
    expect(ombudsman2022.groups[0].dimensions.map((dimension) => [dimension.code, dimension.weightBp])).toEqual([
      ['input', 2185],
      ['proses', 3237],
      ['output', 2424],
      ['pengaduan', 2154],
    ]);
    expect(2185 + 3237 + 2424 + 2154).toBe(10_000);
  });

  it('weighs 2025 as the four dimensions 70% + kepercayaan masyarakat 30%, the 2022 sub-weights inside the 70% flagged provisional', () => {
    expect(ombudsman2025.groups.map((group) => [group.code, group.weightBp, group.provisional])).toEqual([
      ['empat-dimensi', 7000, false],
      ['kepercayaan-masyarakat', 3000, false],
    ]);
    expect(ombudsman2025.groups[0].dimensions.map((dimension) => [dimension.code, dimension.weightBp, dimension.provisional])).toEqual([
      ['input', 2185, true],
      ['proses', 3237, true],
      ['output', 2424, true],
      ['pengaduan', 2154, true],
    ]);
    // input's share of the total: 70% × 21.85% = 15.295%
    expect(equals(shares(ombudsman2025)[0], fraction(15_295, 100_000))).toBe(true);
    expect(equals(add(shares(ombudsman2025)[3], shares(ombudsman2025)[4]), fraction(2154 * 7000 + 10_000 * 3000, 10_000 * 10_000))).toBe(true);
  });

  it('states the 2021 zones, 2022 categories and 2025 levels as inclusive edges in hundredths, highest first', () => {
    const edges = (ruleset: ComplianceRuleset): [string, string, string, number, number][] =>
      ruleset.bands.map((band) => [band.code, band.label, band.zone, band.minHundredths, band.maxHundredths]);
    expect(edges(ombudsman2021)).toEqual([
      ['hijau', 'Kepatuhan Tinggi', 'hijau', 8100, 10_000],
      ['kuning', 'Kepatuhan Sedang', 'kuning', 5100, 8099],
      ['merah', 'Kepatuhan Rendah', 'merah', 0, 5099],
    ]);
    const opinion: [string, string, string, number, number][] = [
      ['A', 'Kualitas Tertinggi', 'hijau', 8800, 10_000],
      ['B', 'Kualitas Tinggi', 'hijau', 7800, 8799],
      ['C', 'Kualitas Sedang', 'kuning', 5700, 7799],
      ['D', 'Kualitas Rendah', 'merah', 3700, 5699],
      ['E', 'Kualitas Terendah', 'merah', 0, 3699],
    ];
    expect(edges(ombudsman2022)).toEqual(opinion);
    expect(edges(ombudsman2025)).toEqual(opinion);
  });

  it('flags what docs/domain.md marks [P]/[U]: the 2022 cut-offs, the unknown D/E edge, everything of 2025 not yet read', () => {
    expect(ombudsman2021.bands.every((band) => !band.provisional)).toBe(true);
    expect(ombudsman2022.bands.every((band) => band.provisional)).toBe(true);
    expect(ombudsman2022.bands.filter((band) => band.source.includes('D/E edge unknown')).map((band) => band.code)).toEqual(['D', 'E']);
    expect(complianceProvisionalParts(ombudsman2025)).toEqual([
      'groups[0].dimensions[0].weightBp',
      'groups[0].dimensions[0].ruleSource',
      'groups[0].dimensions[1].weightBp',
      'groups[0].dimensions[1].ruleSource',
      'groups[0].dimensions[1].measure.components[13]',
      'groups[0].dimensions[2].weightBp',
      'groups[0].dimensions[2].ruleSource',
      'groups[0].dimensions[3].weightBp',
      'groups[0].dimensions[3].ruleSource',
      'groups[1].dimensions[0].ruleSource',
      'rounding',
      'bands[0]',
      'bands[1]',
      'bands[2]',
      'bands[3]',
      'bands[4]',
      'maladministrationFinding',
      'maladministrationFinding.ruleSource',
    ]);
  });

  it("marks every dimension rule of 2022 and 2025 as Pantau's mapping, provisional; 2021's as the Ombudsman's method with unknown weights", () => {
    expect(complianceDimensions(ombudsman2021).map((dimension) => dimension.ruleSource.origin)).toEqual(['ombudsman']);
    for (const ruleset of [ombudsman2022, ombudsman2025]) {
      expect(complianceDimensions(ruleset).every((dimension) => dimension.ruleSource.origin === 'pantau' && dimension.ruleSource.provisional)).toBe(true);
    }
  });

  it('lists the 14 Standar Pelayanan components, 6 service delivery then 8 manufacturing, only the 14th provisional', () => {
    expect(STANDAR_PELAYANAN_COMPONENTS.map((component) => component.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(STANDAR_PELAYANAN_COMPONENTS.filter((component) => component.group === 'service-delivery')).toHaveLength(6);
    expect(STANDAR_PELAYANAN_COMPONENTS.filter((component) => component.provisional).map((component) => component.code)).toEqual(['evaluasi-kinerja']);
  });
});

describe('validateComplianceRuleset', () => {
  it.each<[string, (ruleset: ComplianceRuleset) => void, string, ComplianceRulesetRule]>([
    ['dimension weights not summing to 100%', (r) => void (r.groups[0].dimensions[0].weightBp = 2184), 'groups[0].dimensions', 'weights-sum-to-100-percent'],
    ['group weights not summing to 100%', (r) => void (r.groups[1].weightBp = 2900), 'groups', 'weights-sum-to-100-percent'],
    ['a fractional weight', (r) => void (r.groups[0].dimensions[0].weightBp = 2185.5), 'groups[0].dimensions[0].weightBp', 'weight-is-basis-points'],
    ['a gap between C and D', (r) => void (r.bands[3].maxHundredths = 5698), 'bands[2].minHundredths', 'bands-no-gap'],
    ['B reaching into A', (r) => void (r.bands[1].maxHundredths = 8800), 'bands[0].minHundredths', 'bands-no-overlap'],
    ['A stopping short of 100.00', (r) => void (r.bands[0].maxHundredths = 9999), 'bands[0].maxHundredths', 'bands-cover-0-to-100'],
    ['E not starting at 0.00', (r) => void (r.bands[4].minHundredths = 1), 'bands[4].minHundredths', 'bands-cover-0-to-100'],
    ['a band upside down', (r) => void (r.bands[4].minHundredths = 3700), 'bands[4].minHundredths', 'band-min-not-above-max'],
    ['a provisional edge without a source', (r) => void (r.bands[3].source = ' '), 'bands[3].source', 'provisional-needs-source'],
    ['a dimension twice', (r) => void (r.groups[0].dimensions[1].code = 'input'), 'groups[0].dimensions[1].code', 'unique-dimension-code'],
    [
      'an item scale with max not above min',
      (r) => {
        const measure = r.groups[0].dimensions[0].measure;
        if (measure.kind === 'observed-items') measure.scale = { min: 3, max: 3 };
      },
      'groups[0].dimensions[0].measure.scale',
      'item-scale-is-integer-range',
    ],
    [
      'complaint figure weights not summing to 100%',
      (r) => {
        const measure = r.groups[0].dimensions[3].measure;
        if (measure.kind === 'complaint-handling') measure.terms = [{ figure: 'resolvedWithinDeadline', weightBp: 5000 }];
      },
      'groups[0].dimensions[3].measure.terms',
      'weights-sum-to-100-percent',
    ],
    ['an id that is not kebab-case', (r) => void (r.id = 'Ombudsman 2025'), 'id', 'id-is-kebab-case'],
    ['version 0', (r) => void (r.version = 0), 'version', 'version-is-positive-integer'],
  ])('refuses %s', (_name, mutate, path, rule) => {
    const ruleset = clone(ombudsman2025);
    mutate(ruleset);
    expect(validateComplianceRuleset(ruleset)).toEqual([expect.objectContaining({ path, rule })]);
  });

  it('accepts a new version that moves the unknown D/E edge: the edge is data', () => {
    const confirmed = clone(ombudsman2022);
    confirmed.version = 2;
    confirmed.bands[3].minHundredths = 4000;
    confirmed.bands[4].maxHundredths = 3999;
    expect(validateComplianceRuleset(confirmed)).toEqual([]);
  });
});
