import type { EvidenceFileProblem } from './evidence-file';
import type { RulesetRule } from './ruleset/ruleset';
import type { F01Rule } from './f01/f01-answers';

/** The rule a text field breaks when it holds nothing but spaces. */
export const NOT_BLANK = 'notBlank';

type OwnFieldRule =
  | Exclude<RulesetRule, 'required'>
  | EvidenceFileProblem['rule']
  | typeof NOT_BLANK
  | 'known-compliance-ruleset'
  | 'known-compliance-ruleset-version'
  | 'known-cycle'
  | 'not-with-copied-instrument'
  | F01Rule;

/**
 * Indonesian messages for the rules a ruleset document, an evidence upload and a pinned compliance ruleset are checked against
 * (`errors[].rule`), beyond the platform's; every ruleset rule has one.
 */
export const EVALUATION_FIELD_RULES: Record<OwnFieldRule, (field: string) => string> = {
  'id-is-kebab-case': (field) => `Kolom ${field} harus berupa huruf kecil, angka, dan tanda hubung, misalnya "pekppp-2023".`,
  'version-is-positive-integer': (field) => `Kolom ${field} harus berupa bilangan bulat 1 atau lebih.`,
  'scale-is-0-to-5': (field) => `Kolom ${field} harus berupa skala 0 sampai 5.`,
  'weight-is-basis-points': (field) => `Bobot pada kolom ${field} harus berupa bilangan bulat basis poin sampai 10000.`,
  'weights-sum-to-100-percent': (field) => `Jumlah bobot pada kolom ${field} harus tepat 100%.`,
  'aspect-has-indicators': (field) => `Kolom ${field} harus berisi paling sedikit satu indikator.`,
  'unique-aspect-code': (field) => `Kode aspek pada kolom ${field} sudah dipakai aspek lain.`,
  'unique-indicator-code': (field) => `Kode indikator pada kolom ${field} sudah dipakai indikator lain.`,
  'unique-indicator-no': (field) => `Nomor indikator pada kolom ${field} sudah dipakai indikator lain.`,
  'indicator-code-matches-no-and-aspect': (field) => `Kode indikator pada kolom ${field} harus diawali nomor dan kode aspeknya.`,
  'six-descriptors': (field) => `Kolom ${field} harus berisi enam uraian, untuk nilai 0 sampai 5.`,
  'provisional-needs-source': (field) => `Kolom ${field} wajib menyebutkan sumber nilai sementara.`,
  'known-evaluator-combination': (field) => `Nilai kolom ${field} bukan cara penggabungan penilaian evaluator yang dikenal.`,
  'band-min-not-above-max': (field) => `Batas bawah kategori pada kolom ${field} tidak boleh melebihi batas atasnya.`,
  'unique-category': (field) => `Kategori pada kolom ${field} sudah dipakai.`,
  'bands-cover-0-to-5': (field) => `Kategori pada kolom ${field} harus mencakup seluruh nilai 0,00 sampai 5,00.`,
  'bands-no-gap': (field) => `Kategori pada kolom ${field} tidak boleh berjarak; setiap nilai harus masuk satu kategori.`,
  'bands-no-overlap': (field) => `Kategori pada kolom ${field} tidak boleh saling tumpang tindih.`,
  'quota-is-positive-integer': (field) => `Kolom ${field} harus berupa bilangan bulat 1 atau lebih.`,
  'quota-min-not-above-max': (field) => `Kuota minimum pada kolom ${field} tidak boleh melebihi kuota maksimum.`,
  'f03-items-numbered-1-to-n': (field) => `Butir F-03 pada kolom ${field} harus bernomor urut mulai dari 1.`,
  'known-f03-aggregation': (field) => `Nilai kolom ${field} bukan cara perhitungan nilai F-03 yang dikenal.`,
  'f01-form-consistent': (field) =>
    `Pertanyaan F-01 pada kolom ${field} tidak konsisten: periksa kode pertanyaan, jenis jawaban, pilihan, syarat tampil, dan aturan levelnya.`,
  'known-question': (field) => `Pertanyaan pada kolom ${field} tidak ada dalam F-01 indikator ini.`,
  'unique-question': (field) => `Pertanyaan pada kolom ${field} dijawab lebih dari sekali.`,
  'answer-type': (field) => `Jawaban pada kolom ${field} tidak sesuai dengan jenis pertanyaannya (ya/tidak, pilihan, pilih banyak, angka, atau teks).`,
  'known-option': (field) => `Pilihan pada kolom ${field} tidak termasuk pilihan jawaban pertanyaan ini.`,
  'number-range': (field) => `Angka pada kolom ${field} di luar rentang yang diizinkan pertanyaan ini.`,
  'text-not-blank': (field) => `Jawaban teks pada kolom ${field} wajib diisi dan tidak boleh terlalu panjang.`,
  'shown-by-skip-logic': (field) => `Pertanyaan pada kolom ${field} dilewati menurut jawaban sebelumnya; jangan dijawab.`,
  'evidence-attached': (field) => `Bukti dukung pada kolom ${field} belum dilampirkan pada indikator ini.`,
  'evidence-required': (field) => `Pertanyaan ${field} memerlukan paling sedikit satu bukti dukung.`,
  [NOT_BLANK]: (field) => `Kolom ${field} wajib diisi; spasi saja tidak cukup.`,
  'known-compliance-ruleset': (field) =>
    `Pedoman penilaian kepatuhan Ombudsman pada kolom ${field} tidak dikenal; gunakan misalnya "ombudsman-2025", "ombudsman-2022" atau "ombudsman-2021".`,
  'known-compliance-ruleset-version': (field) => `Versi pedoman penilaian kepatuhan Ombudsman pada kolom ${field} tidak tersedia.`,
  'known-cycle': (field) => `Siklus evaluasi pada kolom ${field} tidak ditemukan.`,
  'not-with-copied-instrument': (field) => `Kolom ${field} tidak diisi bila copyInstrumentFrom diisi: instrumen diambil dari siklus sumber.`,
  notEmpty: (field) => `Berkas pada kolom ${field} kosong.`,
  maxSize: (field) => `Ukuran berkas pada kolom ${field} melebihi batas.`,
  mediaType: (field) => `Jenis berkas pada kolom ${field} tidak diizinkan.`,
  content: (field) => `Isi berkas pada kolom ${field} tidak sesuai dengan jenisnya.`,
  pdfStructure: (field) => `Isi berkas pada kolom ${field} bukan PDF yang utuh: penanda akhir %%EOF tidak ditemukan.`,
  pdfPolyglot: (field) => `Isi berkas pada kolom ${field} memuat kode HTML atau skrip di samping isi PDF-nya.`,
  officeStructure: (field) => `Isi berkas pada kolom ${field} bukan dokumen Office (DOCX, XLSX, PPTX) yang utuh dan bebas makro.`,
  officeForbiddenEntry: (field) =>
    `Isi berkas pada kolom ${field} memuat program, skrip, makro, objek OLE, atau arsip lain. Simpan ulang tanpa sisipan tersebut, atau unggah sebagai PDF.`,
  officeExpansion: (field) => `Isi berkas pada kolom ${field} terlalu banyak bagiannya atau membengkak tidak wajar saat dibuka.`,
};
