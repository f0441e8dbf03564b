import type { UnsurSetRule } from './ruleset/skm-ruleset';

/**
 * Indonesian messages for the rules a survey's unsur set and a response are checked against
 * (`errors[].rule`), beyond the platform's; every unsur-set rule has one.
 */
export const SURVEY_FIELD_RULES: Record<Exclude<UnsurSetRule, 'required'> | 'unsur' | 'complete', (field: string) => string> = {
  'code-format': (field) => `Format kode pada kolom ${field} tidak sesuai.`,
  'code-unique': (field) => `Kode pada kolom ${field} sudah dipakai unsur lain.`,
  'code-reserved': (field) => `Kode pada kolom ${field} sudah dipakai unsur yang ditetapkan peraturan.`,
  'extra-unsur-not-allowed': () => 'Pedoman survei ini tidak mengizinkan unsur tambahan.',
  'too-many-extra-unsur': () => 'Jumlah unsur tambahan melebihi batas pedoman survei.',
  'weight-format': (field) => `Bobot pada kolom ${field} harus berupa pecahan seperti "1/9" atau desimal seperti "0.125".`,
  'weight-positive': (field) => `Bobot pada kolom ${field} harus lebih besar dari 0.`,
  'weight-precision': (field) => `Bobot pada kolom ${field} terlalu rinci; tuliskan sebagai pecahan seperti "1/12".`,
  'weight-for-unknown-unsur': (field) => `Kolom ${field} memberi bobot pada unsur yang tidak ada.`,
  'weights-all-or-none': (field) => `Bobot pada kolom ${field} wajib diisi karena unsur lain sudah diberi bobot.`,
  'weights-sum-to-one': () => 'Jumlah seluruh bobot unsur harus tepat 1.',
  unsur: (field) => `Kolom ${field} bukan unsur survei ini.`,
  complete: (field) => `Kolom ${field} belum lengkap: setiap unsur wajib dijawab.`,
};
