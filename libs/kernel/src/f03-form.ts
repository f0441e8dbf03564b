/**
 * PEKPPP F-03 "Lembar Penilaian PEKPPP – Formulir Penilaian dari Masyarakat": 14 items scored 0..5,
 * grouped by aspect I–V (docs/domain.md 1.2 and 1.5 [C]: Scribd 699683044; brayenid data/f03.json).
 * The survey context collects the form; the evaluation context scores it under its rulesets.
 */

export type F03Aspect = 'I' | 'II' | 'III' | 'IV' | 'V';

export interface F03AspectDefinition {
  aspect: F03Aspect;
  name: string;
}

export interface F03ItemDefinition {
  /** 1..14. */
  item: number;
  aspect: F03Aspect;
  name: string;
}

export const F03_ASPECTS: readonly F03AspectDefinition[] = [
  { aspect: 'I', name: 'Kebijakan Pelayanan' },
  { aspect: 'II', name: 'Profesionalisme SDM' },
  { aspect: 'III', name: 'Sarana dan Prasarana' },
  { aspect: 'IV', name: 'Sistem Informasi Pelayanan Publik' },
  { aspect: 'V', name: 'Konsultasi dan Pengaduan' },
];

export const F03_ITEMS: readonly F03ItemDefinition[] = [
  { item: 1, aspect: 'I', name: 'Persyaratan' },
  { item: 2, aspect: 'I', name: 'Prosedur' },
  { item: 3, aspect: 'I', name: 'Tarif' },
  { item: 4, aspect: 'I', name: 'Waktu penyelesaian' },
  { item: 5, aspect: 'II', name: 'Waktu layanan' },
  { item: 6, aspect: 'II', name: 'Responsif' },
  { item: 7, aspect: 'II', name: 'Sikap petugas' },
  { item: 8, aspect: 'III', name: 'Tempat parkir' },
  { item: 9, aspect: 'III', name: 'Ruang tunggu' },
  { item: 10, aspect: 'III', name: 'Toilet' },
  { item: 11, aspect: 'III', name: 'Sarana penunjang' },
  { item: 12, aspect: 'IV', name: 'Akses informasi daring' },
  { item: 13, aspect: 'IV', name: 'Akses informasi di lokasi' },
  { item: 14, aspect: 'V', name: 'Konsultasi dan pengaduan' },
];

/** "derajat penilaian" 0..5 [C]. */
export const F03_SCALE = { min: 0, max: 5 } as const;

/** The aspect's name, or the aspect itself for one the form does not know. */
export const f03AspectName = (aspect: string): string => F03_ASPECTS.find((candidate) => candidate.aspect === aspect)?.name ?? aspect;
