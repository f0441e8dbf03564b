import { DomainError as AnyDomainError, type DomainErrorOf } from '@lib/event-sourcing/domain';

/**
 * Every code the evaluation context raises (PEKPPP cycles, self-assessment and verification,
 * scoring, rulesets, the unit registry), with what a person reads: Indonesian, the portal's
 * language. The problem+json answer carries it as `title`; the English `detail` stays for
 * developers and logs.
 */
export const EVALUATION_ERRORS = {
  'CYCLE.ALREADY_OPENED': 'Siklus evaluasi ini sudah dibuka.',
  'CYCLE.CLOSED': 'Siklus evaluasi ini sudah ditutup.',
  'CYCLE.DUE_OUTSIDE_WINDOW': 'Batas waktu penilaian mandiri harus berada dalam masa siklus evaluasi.',
  'CYCLE.DUPLICATE_EVALUATOR': 'Ada evaluator yang tercantum lebih dari sekali untuk unit ini.',
  'CYCLE.DUPLICATE_RESULT': 'Ada unit yang memiliki lebih dari satu hasil.',
  'CYCLE.INVALID_DATE': 'Tanggal tidak valid. Gunakan format YYYY-MM-DD.',
  'CYCLE.INVALID_USER_SCORE': 'Nilai pengguna layanan harus antara 0 dan 5, dengan jumlah responden 0 atau lebih.',
  'CYCLE.INVALID_WINDOW': 'Tanggal mulai siklus tidak boleh setelah tanggal selesainya.',
  'CYCLE.KODE_LOCKED': 'Kode unit lokus tidak dapat diubah lagi karena F-01 unit ini sudah dikirim dan dinilai dengan kode tersebut.',
  'CYCLE.LEAD_NOT_AN_EVALUATOR': 'Ketua tim harus termasuk evaluator unit ini.',
  'CYCLE.NAME_REQUIRED': 'Nama siklus evaluasi wajib diisi.',
  'CYCLE.NOT_FOUND': 'Siklus evaluasi tidak ditemukan.',
  'CYCLE.NOT_OPENED': 'Siklus evaluasi ini belum dibuka.',
  'CYCLE.NOT_PUBLISHED': 'Hasil siklus ini belum diterbitkan; ubah nilainya, bukan mengoreksi hasil.',
  'CYCLE.NOT_STARTED': 'Siklus evaluasi ini belum dimulai.',
  'CYCLE.NO_KODE_B_RULESET': 'Pedoman penilaian siklus ini tidak memiliki Kode B (layanan daring); unit lokus hanya dapat ditetapkan Kode A.',
  'CYCLE.NO_EVALUATORS': 'Tetapkan paling sedikit satu evaluator untuk unit ini.',
  'CYCLE.NO_UNITS': 'Siklus evaluasi ini belum memiliki unit lokus.',
  'CYCLE.REASON_REQUIRED': 'Alasan koreksi hasil yang sudah diterbitkan wajib diisi.',
  'CYCLE.RESULTS_FROZEN': 'Hasil siklus evaluasi ini sudah diterbitkan dan tidak dapat diubah lagi.',
  'CYCLE.RESULTS_INCOMPLETE': 'Masih ada unit lokus yang belum memiliki hasil.',
  'CYCLE.RULESET_MISMATCH': 'Pedoman penilaian tidak sesuai dengan pedoman yang ditetapkan untuk siklus ini.',
  'CYCLE.UNIT_NOT_IN_SCOPE': 'Unit ini bukan unit lokus siklus evaluasi ini.',
  'CYCLE.UNIT_REQUIRED': 'Unit wajib diisi.',
  'CYCLE.USER_SCORE_ALREADY_RECORDED': 'Nilai F-03 unit ini pada siklus ini sudah tercatat; pengumpulan F-03 yang sudah ditutup tidak dapat dibuka kembali.',

  'ASSESSMENT.ALREADY_RETURNED': 'Penilaian mandiri ini sudah dikembalikan kepada unit.',
  'ASSESSMENT.ALREADY_SUBMITTED': 'Penilaian mandiri sudah dikirim dan sedang menunggu verifikasi.',
  'ASSESSMENT.ALREADY_VERIFIED': 'Penilaian mandiri ini sudah diverifikasi.',
  'ASSESSMENT.AWAITING_RESUBMISSION': 'Penilaian mandiri sedang dikembalikan kepada unit dan belum dikirim ulang.',
  'ASSESSMENT.DEADLINE_PASSED': 'Batas waktu penilaian mandiri sudah lewat.',
  'ASSESSMENT.DUPLICATE_ANSWER': 'Ada indikator yang dijawab lebih dari sekali.',
  'ASSESSMENT.DUPLICATE_EVIDENCE': 'Kode bukti dukung ini sudah dipakai.',
  'ASSESSMENT.EMPTY_EVIDENCE': 'Berkas bukti dukung kosong.',
  'ASSESSMENT.EVALUATOR_NOT_ASSIGNED': 'Anda bukan evaluator yang ditugaskan untuk unit ini.',
  'ASSESSMENT.EVIDENCE_FILE_NOT_UPLOADED': 'Berkas bukti dukung belum diunggah. Unggah berkasnya terlebih dahulu.',
  'ASSESSMENT.EVIDENCE_HASH_MISMATCH': 'Berkas bukti dukung tidak sama dengan berkas yang diunggah.',
  'ASSESSMENT.EVIDENCE_TOO_LARGE': 'Ukuran berkas bukti dukung melebihi batas.',
  'ASSESSMENT.EVIDENCE_TYPE_NOT_ALLOWED': 'Jenis berkas bukti dukung tidak diizinkan.',
  'ASSESSMENT.FINDINGS_REQUIRED': 'Temuan kunjungan verifikasi wajib diisi.',
  'ASSESSMENT.INCOMPLETE': 'Masih ada indikator yang belum dijawab.',
  'ASSESSMENT.INVALID_DATE': 'Tanggal tidak valid. Gunakan format YYYY-MM-DD.',
  'ASSESSMENT.INVALID_EVIDENCE': 'Kode, nama, dan berkas bukti dukung wajib diisi.',
  'ASSESSMENT.INVALID_EVIDENCE_HASH': 'Sidik berkas (SHA-256) harus berupa 64 karakter heksadesimal.',
  'ASSESSMENT.INVALID_LINK': 'Tautan bukti dukung harus diawali https://.',
  'ASSESSMENT.INVALID_SCORE': 'Nilai indikator harus berupa bilangan bulat 0 sampai 5.',
  'ASSESSMENT.NOTES_REQUIRED': 'Catatan wajib diisi untuk setiap indikator yang dikembalikan.',
  'ASSESSMENT.NOTE_REQUIRED': 'Catatan penilaian evaluator (F-02) wajib diisi.',
  'ASSESSMENT.NOT_FOUND': 'Penilaian mandiri unit ini pada siklus ini tidak ditemukan.',
  'ASSESSMENT.NOT_RETURNED': 'Hanya penilaian mandiri yang dikembalikan yang dapat dikirim ulang.',
  'ASSESSMENT.NOT_SUBMITTED': 'Penilaian mandiri belum dikirim.',
  'ASSESSMENT.NO_ANSWERS': 'Isi paling sedikit satu jawaban sebelum menyimpan.',
  'ASSESSMENT.RETURNED': 'Penilaian mandiri ini dikembalikan; kirim ulang setelah diperbaiki.',
  'ASSESSMENT.UNIT_NOT_IN_SCOPE': 'Unit ini bukan unit lokus siklus evaluasi ini.',
  'ASSESSMENT.UNKNOWN_EVIDENCE': 'Bukti dukung yang dirujuk belum dilampirkan pada indikator ini.',
  'ASSESSMENT.UNKNOWN_INDICATOR': 'Indikator tidak dikenal dalam pedoman penilaian siklus ini.',
  'ASSESSMENT.VISIT_IN_FUTURE': 'Tanggal kunjungan verifikasi tidak boleh di masa depan.',
  'ASSESSMENT.VISIT_WITHOUT_EVALUATOR': 'Sebutkan evaluator yang hadir dalam kunjungan verifikasi.',
  'ASSESSMENT.VISIT_RECORDER_ABSENT': 'Evaluator hanya dapat mencatat kunjungan verifikasi yang diikutinya sendiri.',

  'COMPLIANCE.EMPTY_OBSERVATION': 'Isi paling sedikit satu butir pengamatan, angka kepercayaan masyarakat, atau catatan maladministrasi.',
  'COMPLIANCE.EVALUATOR_NOT_ASSIGNED': 'Anda bukan evaluator yang ditugaskan untuk unit ini.',
  'COMPLIANCE.GRADE_NOT_FOUND': 'Nilai kepatuhan unit ini pada siklus ini belum tersedia: unit belum menjadi lokus siklus yang masih berjalan.',
  'COMPLIANCE.INVALID_INPUT': 'Data penilaian kepatuhan tidak valid: ada nilai di luar skala atau data ganda.',
  'COMPLIANCE.NO_BAND': 'Nilai kepatuhan ini tidak masuk zona atau kategori opini mana pun dalam pedoman.',
  'COMPLIANCE.RULESET_NOT_FOUND': 'Pedoman penilaian kepatuhan Ombudsman dengan kode dan versi ini tidak ditemukan.',

  'EVIDENCE.FILE_COUNT_EXCEEDED':
    'Jumlah berkas bukti dukung unit ini pada siklus ini sudah mencapai batas. Lampirkan berkas yang sudah diunggah, atau gabungkan beberapa berkas menjadi satu.',
  'EVIDENCE.FILE_REFUSED': 'Berkas bukti dukung tidak dapat diterima. Periksa aturan yang tidak dipenuhi pada kolom berkas.',
  'EVIDENCE.NOT_FOUND': 'Berkas bukti dukung tidak ditemukan.',
  'EVIDENCE.STORAGE_QUOTA_EXCEEDED':
    'Ruang penyimpanan berkas bukti dukung unit ini pada siklus ini sudah penuh. Perkecil ukuran berkas (misalnya pindai ulang dengan resolusi lebih rendah).',
  'SCORE.NOT_FOUND': 'Nilai unit ini pada siklus ini belum tersedia.',
  'SCORING.INVALID_F03_RESPONSE': 'Ada jawaban F-03 yang tidak lengkap atau di luar skala 0 sampai 5.',
  'SCORING.INVALID_SCORE': 'Nilai harus berupa bilangan bulat 0 sampai 5.',
  'SCORING.INVALID_USER_SCORE': 'Nilai pengguna layanan harus antara 0 dan 5, dengan jumlah responden 0 atau lebih.',
  'SCORING.NO_BAND': 'Nilai ini tidak masuk kategori mana pun dalam pedoman penilaian.',

  'PROPOSAL.CHANGED': 'Usulan nilai indikator ini sudah berubah sejak Anda melihatnya. Muat ulang, periksa usulan terbaru, lalu konfirmasi kembali.',
  'PROPOSAL.NOT_FOUND': 'Belum ada usulan nilai dari peristiwa untuk indikator ini; beri nilai F-02 seperti biasa.',
  'PROPOSAL.OVERRIDE_NOTE_REQUIRED': 'Catatan wajib diisi saat mengganti nilai usulan: jelaskan dasar nilai yang Anda berikan.',
  'PROPOSAL.INVALID_FIGURES': 'Angka yang dihitung dari peristiwa tidak konsisten (misalnya jumlah yang selesai melebihi jumlah yang masuk).',
  'PROPOSAL.INVALID_EVENT_DATE': 'Tanggal pada peristiwa ini tidak valid, sehingga peristiwa tidak dapat dihitung pada periode mana pun.',
  'PROPOSAL.UNMAPPABLE_EVENT': 'Peristiwa ini tidak dapat dipetakan ke unit: kode unitnya kosong atau tidak valid.',

  'RULESET.ID_MISMATCH': 'Kode pedoman penilaian tidak sesuai dengan pedoman yang diubah.',
  'RULESET.INVALID': 'Pedoman penilaian belum memenuhi ketentuan. Periksa kembali isiannya.',
  'RULESET.NOT_FOUND': 'Pedoman penilaian tidak ditemukan.',
  'RULESET.REASON_REQUIRED': 'Alasan penerbitan versi pedoman penilaian ini wajib diisi.',
  'RULESET.UNREADABLE': 'Dokumen pedoman penilaian bukan JSON yang valid.',
  'RULESET.VERSION_NOT_INCREASING': 'Nomor versi pedoman penilaian harus lebih besar dari versi terakhir.',

  'UNIT.ALREADY_REGISTERED': 'Unit ini sudah terdaftar.',
  'UNIT.INVALID_ID': 'Kode unit harus 1 sampai 128 karakter berupa huruf, angka, atau . _ : @ -.',
  'UNIT.NAME_REQUIRED': 'Nama resmi unit wajib diisi.',
  'UNIT.OWN_PARENT': 'Unit tidak dapat menjadi induk dirinya sendiri.',
  'UNIT.PARENT_NOT_REGISTERED': 'Unit induk belum terdaftar. Daftarkan unit induk terlebih dahulu.',
  'UNIT.UNKNOWN_KIND': 'Jenis unit tidak dikenal.',
} satisfies Record<`${string}.${string}`, string>;

export type EvaluationErrorCode = keyof typeof EVALUATION_ERRORS;

/** DomainError that takes only this context's codes: a mistyped code does not compile. */
export const DomainError: DomainErrorOf<EvaluationErrorCode> = AnyDomainError;
