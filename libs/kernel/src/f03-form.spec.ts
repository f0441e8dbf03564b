import { F03_ASPECTS, F03_ITEMS, F03_SCALE, f03AspectName } from './f03-form';

describe('the F-03 form', () => {
  it('numbers its 14 items 1..14', () => {
    expect(F03_ITEMS.map((item) => item.item)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });

  // pekppp-2023-instrument.md §8: number and code apart, since the codes skip 13 (item 13 is 14.d.T, item 14 is 15.e.K)
  it.each<[number, string, string, string]>([
    [1, '1.a.K1', 'I', 'Persyaratan yang diperlukan untuk memperoleh layanan mudah dipenuhi.'],
    [2, '2.a.K1', 'I', 'Prosedur yang dilalui untuk memperoleh layanan mudah.'],
    [3, '3.a.K1', 'I', 'Tarif yang diinformasikan sesuai dengan yang dibayarkan.'],
    [4, '4.a.K1', 'I', 'Lama waktu pelayanan yang diinformasikan sesuai dengan waktu penyelesaian.'],
    [
      5,
      '5.b.Ak',
      'II',
      'Waktu pelayanan (jam kerja layanan tanpa jeda waktu istirahat, layanan informasi, konsultasi dan pengaduan, customer service) sesuai dengan yang ditetapkan.',
    ],
    [6, '6.b.Ak', 'II', 'Petugas layanan responsif dalam memberikan pelayanan.'],
    [7, '7.b.Ak', 'II', 'Sikap petugas mencerminkan pelayanan yang berkualitas.'],
    [8, '8.c.As', 'III', 'Tempat parkir yang disediakan memadai.'],
    [9, '9.c.K', 'III', 'Sarana ruang tunggu layanan nyaman.'],
    [10, '10.c.As', 'III', 'Sarana toilet khusus pengguna layanan bersih dan memadai.'],
    [
      11,
      '11.c.As',
      'III',
      'Ketersediaan sarana prasarana penunjang lainnya yang memadai (contoh: ruang laktasi/nursery, arena bermain anak, kantin/fotocopy/toko ATK, wifi, prioritas lansia, dst).',
    ],
    [12, '12.d.T', 'IV', 'Akses informasi layanan secara daring mudah (website, aplikasi, media sosial dan sejenisnya).'],
    [13, '14.d.T', 'IV', 'Kemudahan akses informasi di lokasi layanan (tatap muka).'],
    [14, '15.e.K', 'V', 'Tersedia konsultasi dan pengaduan layanan yang memadai dan mudah diakses.'],
  ])('item %i carries code %s in group %s and the statement the respondent rates', (item, code, aspect, statement) => {
    expect(F03_ITEMS.find((candidate) => candidate.item === item)).toMatchObject({ item, code, aspect, statement });
  });

  it('scores every item 0..5, the form\'s "derajat penilaian"', () => {
    expect(F03_SCALE).toEqual({ min: 0, max: 5 });
  });

  it.each<[string, string, number]>([
    ['Kebijakan Pelayanan', 'I', 4],
    ['Profesionalisme SDM', 'II', 3],
    ['Sarana Prasarana', 'III', 4],
    ['Sistem Informasi Pelayanan Publik', 'IV', 2],
    ['Konsultasi dan Pengaduan', 'V', 1],
  ])('groups the items of aspect %s (%s)', (name, aspect, size) => {
    expect(F03_ASPECTS.find((candidate) => candidate.aspect === aspect)?.name).toBe(name);
    expect(F03_ITEMS.filter((item) => item.aspect === aspect)).toHaveLength(size);
  });

  it.each<[string, string, string]>([
    ['a known aspect', 'III', 'Sarana Prasarana'],
    ['an unknown aspect', 'VI', 'VI'],
  ])('names %s', (_name, aspect, expected) => {
    expect(f03AspectName(aspect)).toBe(expected);
  });
});
