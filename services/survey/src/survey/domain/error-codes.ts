import { DomainError as AnyDomainError, type DomainErrorOf } from '@lib/event-sourcing/domain';

/**
 * Every code the survey context raises (SKM surveys, the PEKPPP F-03 user assessment and the cycles it
 * follows), with what a person reads: Indonesian, the portal's language. The problem+json answer
 * carries it as `title`; the English `detail` stays for developers and logs.
 */
export const SURVEY_ERRORS = {
  'SURVEY.ALREADY_OPENED': 'Survei untuk unit dan periode ini sudah dibuka.',
  'SURVEY.CLOSED': 'Survei ini sudah ditutup dan tidak lagi menerima tanggapan.',
  'SURVEY.DUPLICATE_FOLLOW_UP': 'Rencana tindak lanjut dengan kode ini sudah ada dengan isi yang berbeda.',
  'SURVEY.DUPLICATE_REQUEST_RESPONSE': 'Permohonan ini sudah dinilai dalam survei ini.',
  'SURVEY.DUPLICATE_RESPONDENT': 'Anda sudah mengisi survei ini dari perangkat ini. Setiap responden cukup mengisi satu kali. Terima kasih!',
  'SURVEY.DUPLICATE_SUBMISSION': 'Jawaban yang sama baru saja dikirim dari perangkat ini.',
  'SURVEY.FOLLOW_UP_EVIDENCE_REQUIRED': 'Bukti penyelesaian tindak lanjut wajib diisi, berupa uraian atau tautan.',
  'SURVEY.FOLLOW_UP_NOT_FOUND': 'Rencana tindak lanjut tidak ditemukan.',
  'SURVEY.INVALID_ANSWERS': 'Jawaban survei belum lengkap atau di luar skala.',
  'SURVEY.INVALID_DATE': 'Tanggal tidak valid. Gunakan format YYYY-MM-DD.',
  'SURVEY.INVALID_FOLLOW_UP': 'Kode dan uraian tindak lanjut wajib diisi.',
  'SURVEY.INVALID_PERIOD': 'Periode survei tidak valid. Periksa jenis periode serta tanggal mulai dan selesainya.',
  'SURVEY.INVALID_POPULATION': 'Jumlah populasi harus berupa bilangan bulat dari 1 sampai 100.000.000.',
  'SURVEY.INVALID_POPULATION_SOURCE': 'Sumber data populasi wajib diisi, paling banyak 200 karakter, misalnya "Data pemohon SIAK 2026 triwulan I".',
  'SURVEY.INVALID_SURVEY': 'Kode survei, unit, dan pemerintah daerah wajib diisi.',
  'SURVEY.INVALID_UNSUR_SET': 'Susunan unsur survei belum memenuhi ketentuan. Periksa kembali unsur tambahan dan bobotnya.',
  'SURVEY.NOT_CLOSED': 'Survei masih dibuka. Tutup periode survei terlebih dahulu.',
  'SURVEY.NOT_FOUND': 'Survei tidak ditemukan. Periksa kembali tautan atau pindai ulang kode QR.',
  'SURVEY.NOT_OPENED': 'Survei ini belum dibuka.',
  'SURVEY.POPULATION_FIXED': 'Periode survei sudah ditutup: populasi yang dipakai sudah tercatat dalam hasil dan tidak dapat diubah lagi.',
  'SURVEY.PUBLICATION_MEDIA_REQUIRED': 'Sebutkan paling sedikit satu media publikasi hasil survei.',
  'SURVEY.REQUEST_NOT_COMPLETED': 'Kode pelacakan tidak cocok dengan permohonan yang selesai di unit ini pada periode survei.',
  'SURVEY.UNKNOWN_RULESET': 'Pedoman survei yang dipilih tidak dikenal.',
  'SURVEY.UNKNOWN_UNSUR': 'Unsur tersebut tidak termasuk dalam survei ini.',

  'CYCLE.NOT_FOUND': 'Siklus PEKPPP ini belum dikenal layanan survei. Pastikan siklus sudah dibuka pada menu evaluasi, lalu coba lagi beberapa saat kemudian.',
  'F03.ALREADY_OPENED': 'Pengumpulan F-03 untuk unit ini pada siklus ini sudah dibuka.',
  'F03.CLOSED': 'Pengumpulan F-03 untuk unit ini sudah ditutup dan tidak lagi menerima penilaian. Terima kasih.',
  'F03.DUPLICATE_RESPONDENT': 'Anda sudah mengisi penilaian F-03 unit ini dari perangkat ini. Setiap responden cukup mengisi satu kali. Terima kasih!',
  'F03.DUPLICATE_SUBMISSION': 'Jawaban yang sama baru saja dikirim dari perangkat ini.',
  'F03.INVALID_COLLECTION': 'Siklus, unit, dan pemerintah daerah wajib diisi.',
  'F03.INVALID_ITEMS': 'Jawaban penilaian F-03 belum lengkap atau tidak valid.',
  'F03.INVALID_QUOTA': 'Kuota responden harus berupa bilangan bulat; minimum paling sedikit 1 dan tidak melebihi maksimum.',
  'F03.NOT_A_LOKUS': 'Unit ini bukan unit lokus pada siklus PEKPPP ini. Tetapkan unit sebagai lokus pada menu evaluasi, lalu coba lagi beberapa saat kemudian.',
  'F03.NOT_FOUND': 'Pengumpulan F-03 untuk unit ini pada siklus ini tidak ditemukan. Periksa kembali tautan formulirnya.',
  'F03.NOT_IN_RULESET': 'Pedoman penilaian yang dipakai siklus ini tidak memuat penilaian oleh pengguna layanan (F-03).',
  'F03.NOT_OPENED': 'Pengumpulan F-03 untuk unit ini pada siklus ini belum dibuka.',
  'F03.PROOF_INVALID':
    'Kode bukti layanan tidak dikenal. Masukkan nomor lacak permohonan yang sudah selesai di unit ini atau kode sekali pakai dari petugas, atau kosongkan kolom ini.',
  'F03.PROOF_USED': 'Kode bukti layanan ini sudah dipakai untuk mengisi penilaian. Setiap kode hanya berlaku satu kali.',
  'F03.QUOTA_FULL': 'Kuota responden F-03 untuk unit ini sudah terpenuhi. Terima kasih atas partisipasi Anda.',
} satisfies Record<`${string}.${string}`, string>;

export type SurveyErrorCode = keyof typeof SURVEY_ERRORS;

/** DomainError that takes only this context's codes: a mistyped code does not compile. */
export const DomainError: DomainErrorOf<SurveyErrorCode> = AnyDomainError;
