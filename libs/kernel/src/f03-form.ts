/**
 * PEKPPP F-03 A (LURING) "Lembar Penilaian PEKPPP – Formulir Penilaian dari Masyarakat": 14 items a
 * service user scores 0..5, grouped I–V (4/3/4/2/1). Transcribed from the official form page (Scribd
 * 699683044, items 1–11) and two independent app transcriptions (brayenid data/f03.json, swamsid
 * MasterF03Seeder), which agree word for word: docs pekppp-2023-instrument.md §8.
 * The survey context collects the form; the evaluation context scores it under its rulesets.
 */

export type F03Aspect = 'I' | 'II' | 'III' | 'IV' | 'V';

export interface F03AspectDefinition {
  aspect: F03Aspect;
  name: string;
}

export interface F03ItemDefinition {
  /** 1..14: the item's place on the form. */
  item: number;
  /**
   * The code the form prints, `<no>.<aspect letter>.<principle>`. Not derived from `item`: the codes
   * skip 13, so item 13 is 14.d.T and item 14 is 15.e.K.
   */
  code: string;
  aspect: F03Aspect;
  /** Short label for reports and tables. */
  name: string;
  /** The statement ("isu") the respondent rates, as the form prints it. */
  statement: string;
}

/** Group titles as the F-03 form prints them (group V's title is cut off in one source and inferred from its code). */
export const F03_ASPECTS: readonly F03AspectDefinition[] = [
  { aspect: 'I', name: 'Kebijakan Pelayanan' },
  { aspect: 'II', name: 'Profesionalisme SDM' },
  { aspect: 'III', name: 'Sarana Prasarana' },
  { aspect: 'IV', name: 'Sistem Informasi Pelayanan Publik' },
  { aspect: 'V', name: 'Konsultasi dan Pengaduan' },
];

export const F03_ITEMS: readonly F03ItemDefinition[] = [
  { item: 1, code: '1.a.K1', aspect: 'I', name: 'Persyaratan', statement: 'Persyaratan yang diperlukan untuk memperoleh layanan mudah dipenuhi.' },
  { item: 2, code: '2.a.K1', aspect: 'I', name: 'Prosedur', statement: 'Prosedur yang dilalui untuk memperoleh layanan mudah.' },
  { item: 3, code: '3.a.K1', aspect: 'I', name: 'Tarif', statement: 'Tarif yang diinformasikan sesuai dengan yang dibayarkan.' },
  {
    item: 4,
    code: '4.a.K1',
    aspect: 'I',
    name: 'Waktu penyelesaian',
    statement: 'Lama waktu pelayanan yang diinformasikan sesuai dengan waktu penyelesaian.',
  },
  {
    item: 5,
    code: '5.b.Ak',
    aspect: 'II',
    name: 'Waktu layanan',
    statement:
      'Waktu pelayanan (jam kerja layanan tanpa jeda waktu istirahat, layanan informasi, konsultasi dan pengaduan, customer service) sesuai dengan yang ditetapkan.',
  },
  { item: 6, code: '6.b.Ak', aspect: 'II', name: 'Responsif', statement: 'Petugas layanan responsif dalam memberikan pelayanan.' },
  { item: 7, code: '7.b.Ak', aspect: 'II', name: 'Sikap petugas', statement: 'Sikap petugas mencerminkan pelayanan yang berkualitas.' },
  { item: 8, code: '8.c.As', aspect: 'III', name: 'Tempat parkir', statement: 'Tempat parkir yang disediakan memadai.' },
  { item: 9, code: '9.c.K', aspect: 'III', name: 'Ruang tunggu', statement: 'Sarana ruang tunggu layanan nyaman.' },
  { item: 10, code: '10.c.As', aspect: 'III', name: 'Toilet', statement: 'Sarana toilet khusus pengguna layanan bersih dan memadai.' },
  {
    item: 11,
    code: '11.c.As',
    aspect: 'III',
    name: 'Sarana penunjang',
    statement:
      'Ketersediaan sarana prasarana penunjang lainnya yang memadai (contoh: ruang laktasi/nursery, arena bermain anak, kantin/fotocopy/toko ATK, wifi, prioritas lansia, dst).',
  },
  {
    item: 12,
    code: '12.d.T',
    aspect: 'IV',
    name: 'Akses informasi daring',
    statement: 'Akses informasi layanan secara daring mudah (website, aplikasi, media sosial dan sejenisnya).',
  },
  { item: 13, code: '14.d.T', aspect: 'IV', name: 'Akses informasi di lokasi', statement: 'Kemudahan akses informasi di lokasi layanan (tatap muka).' },
  {
    item: 14,
    code: '15.e.K',
    aspect: 'V',
    name: 'Konsultasi dan pengaduan',
    statement: 'Tersedia konsultasi dan pengaduan layanan yang memadai dan mudah diakses.',
  },
];

/** "derajat penilaian" 0..5, printed ⓪①②③④⑤ with no text per level [C]. */
export const F03_SCALE = { min: 0, max: 5 } as const;

/** The aspect's name, or the aspect itself for one the form does not know. */
export const f03AspectName = (aspect: string): string => F03_ASPECTS.find((candidate) => candidate.aspect === aspect)?.name ?? aspect;
