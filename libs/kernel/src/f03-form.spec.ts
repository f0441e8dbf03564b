import { F03_ASPECTS, F03_ITEMS, f03AspectName } from './f03-form';

describe('the F-03 form', () => {
  it('numbers its 14 items 1..14', () => {
    expect(F03_ITEMS.map((item) => item.item)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });

  it.each<[string, string, number]>([
    ['Kebijakan Pelayanan', 'I', 4],
    ['Profesionalisme SDM', 'II', 3],
    ['Sarana dan Prasarana', 'III', 4],
    ['Sistem Informasi Pelayanan Publik', 'IV', 2],
    ['Konsultasi dan Pengaduan', 'V', 1],
  ])('groups the items of aspect %s (%s)', (name, aspect, size) => {
    expect(F03_ASPECTS.find((candidate) => candidate.aspect === aspect)?.name).toBe(name);
    expect(F03_ITEMS.filter((item) => item.aspect === aspect)).toHaveLength(size);
  });

  it.each<[string, string, string]>([
    ['a known aspect', 'III', 'Sarana dan Prasarana'],
    ['an unknown aspect', 'VI', 'VI'],
  ])('names %s', (_name, aspect, expected) => {
    expect(f03AspectName(aspect)).toBe(expected);
  });
});
