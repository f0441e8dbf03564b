import { complianceGradeRecord, gradeChanged, gradeSourceEventIds } from './compliance-grade-record';
import type { ComplianceInput, ObservedItem } from './grade-compliance';
import { gradeCompliance } from './grade-compliance';
import { ombudsman2022 } from './ombudsman-2022';
import { ombudsman2025 } from './ombudsman-2025';
import { STANDAR_PELAYANAN_COMPONENTS } from './standar-pelayanan';

const ALL = STANDAR_PELAYANAN_COMPONENTS.map((component) => component.code);
const items = (...scores: number[]): ObservedItem[] => scores.map((score, i) => ({ dimension: 'input', itemCode: `i${i}`, score }));
const UNIT: ComplianceInput = {
  serviceProducts: [{ productId: 'ktp', fulfilledComponents: ALL.slice(0, 13) }],
  observedItems: items(3, 2),
  complaints: { received: 4, respondedWithinDeadline: 3, resolvedWithinDeadline: 2 },
  skm: { ikm: 82.5 },
  publicTrust: { score: 60 },
  maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 0 },
};
const SOURCES = {
  input: ['obs-1'],
  proses: ['std-1'],
  output: ['skm-1'],
  pengaduan: ['c-1', 'c-2'],
  'kepercayaan-masyarakat': ['obs-1'],
  maladministration: ['obs-2'],
};
const recordOf = (input: ComplianceInput, sources: Record<string, string[]> = SOURCES) => complianceGradeRecord(gradeCompliance(ombudsman2025, input), sources);

describe('the compliance grade record', () => {
  it('keeps the banded total, each dimension with its score, contribution, rule source and events, and the finding with its events', () => {
    const record = complianceGradeRecord(gradeCompliance(ombudsman2022, UNIT), SOURCES);
    // input 5/6 = 83.33; proses 13/14 = 92.86; output 82.5; pengaduan (3/4 + 2/4)/2 = 62.5
    expect(record.dimensions.map((d) => [d.code, d.score, d.contribution, d.missing, d.ruleSource.origin, d.sourceEventIds])).toEqual([
      ['input', 83.33, 18.2083, null, 'pantau', ['obs-1']],
      ['proses', 92.86, 30.0579, null, 'pantau', ['std-1']],
      ['output', 82.5, 19.998, null, 'pantau', ['skm-1']],
      ['pengaduan', 62.5, 13.4625, null, 'pantau', ['c-1', 'c-2']],
    ]);
    expect([record.total, record.band.code, record.label, record.complete, record.maladministration]).toEqual([81.73, 'B', 'Kualitas Tinggi', true, null]);
    expect(recordOf(UNIT).maladministration).toEqual({ found: false, label: 'Tanpa Maladministrasi', sourceEventIds: ['obs-2'] });
    expect(gradeSourceEventIds(recordOf(UNIT))).toEqual(['c-1', 'c-2', 'obs-1', 'obs-2', 'skm-1', 'std-1']);
  });

  it('survives JSON: what is stored reads back equal', () => {
    const record = recordOf({ ...UNIT, skm: null });
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it.each<[string, ComplianceInput, Record<string, string[]>, boolean]>([
    ['unchanged: the same input and events', UNIT, SOURCES, false],
    ['unchanged: new events behind the same figures', UNIT, { ...SOURCES, pengaduan: ['c-1', 'c-2', 'c-3'] }, false],
    [
      'changed: a complaint resolved in time moves a dimension and the total',
      { ...UNIT, complaints: { received: 4, respondedWithinDeadline: 3, resolvedWithinDeadline: 3 } },
      SOURCES,
      true,
    ],
    ['changed: an SKM result missing makes the grade incomplete', { ...UNIT, skm: null }, SOURCES, true],
    [
      'changed: an unresolved Ombudsman action changes the finding and the label',
      { ...UNIT, maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 1 } },
      SOURCES,
      true,
    ],
  ])('%s', (_name, input, sources, changed) => {
    expect(gradeChanged(recordOf(UNIT), recordOf(input, sources))).toBe(changed);
  });

  it('a first grade is a change', () => {
    expect(gradeChanged(null, recordOf(UNIT))).toBe(true);
  });
});
