import { DomainError as AnyDomainError, type DomainErrorOf } from '@lib/event-sourcing/domain';

/**
 * Every code the request context raises (requests, complaints, service standards, working-day
 * calendars), with what a person reads: Indonesian, the portal's language. The problem+json answer
 * carries it as `title`; the English `detail` stays for developers and logs.
 */
export const REQUEST_ERRORS = {
  'REQUEST.ALREADY_COMPLETED': 'Permohonan ini sudah selesai.',
  'REQUEST.ALREADY_REJECTED': 'Permohonan ini sudah ditolak.',
  'REQUEST.ALREADY_RETURNED': 'Permohonan ini sedang dikembalikan kepada pemohon untuk melengkapi persyaratan.',
  'REQUEST.ALREADY_SUBMITTED': 'Permohonan ini sudah tercatat.',
  'REQUEST.AWAITING_REQUIREMENTS': 'Permohonan ini masih menunggu pemohon melengkapi persyaratan.',
  'REQUEST.MISSING_REQUIREMENTS': 'Masih ada persyaratan yang belum lengkap.',
  'REQUEST.NOTHING_MISSING': 'Sebutkan persyaratan yang belum lengkap sebelum mengembalikan permohonan.',
  'REQUEST.NOT_FOUND': 'Permohonan tidak ditemukan. Periksa kembali kode pelacakan atau nomor permohonan.',
  'REQUEST.NOT_IN_PROCESS': 'Permohonan ini tidak sedang diproses.',
  'REQUEST.NOT_RETURNED': 'Permohonan ini tidak sedang dikembalikan kepada pemohon.',
  'REQUEST.NOT_SUBMITTED': 'Permohonan ini belum tercatat.',
  'REQUEST.REASON_REQUIRED': 'Alasan penolakan untuk pemohon wajib diisi.',
  'REQUEST.STANDARD_MISMATCH': 'Standar pelayanan tidak sesuai dengan layanan yang dimohon.',
  'REQUEST.TIME_BEFORE_LAST_EVENT': 'Waktu tindakan tidak boleh lebih awal dari tindakan terakhir pada permohonan ini.',
  'REQUEST.TRACKING_CODE_REQUIRED': 'Permohonan wajib memiliki kode pelacakan.',
  'REQUEST.UNIT_HOURLY_LIMIT':
    'Unit layanan ini sudah mencapai batas pengajuan daring per jam. Silakan coba lagi setelah waktu tunggu yang ditunjukkan, atau datang langsung ke unit layanan.',
  'REQUEST.UNKNOWN_REQUIREMENT': 'Ada persyaratan yang tidak tercantum dalam standar pelayanan.',

  'COMPLAINT.ALREADY_POSTPONED': 'Pengaduan ini sudah ditunda.',
  'COMPLAINT.ALREADY_RECEIVED': 'Pengaduan ini sudah tercatat.',
  'COMPLAINT.ALREADY_RESOLVED': 'Pengaduan ini sudah selesai ditangani. Pelapor dapat membukanya kembali bila belum puas.',
  'COMPLAINT.ALREADY_VERIFIED': 'Pengaduan ini sudah diverifikasi.',
  'COMPLAINT.CLOSED': 'Pengaduan ini sudah ditutup.',
  'COMPLAINT.CONTACT_CLOSED': 'Pengaduan ini sudah ditutup; kontak pelapor tidak lagi dibuka.',
  'COMPLAINT.ERASURE_REASON_REQUIRED': 'Alasan penghapusan data pribadi wajib diisi.',
  'COMPLAINT.LAPOR_REFERENCE_REQUIRED': 'Nomor referensi SP4N-LAPOR! wajib diisi untuk pengaduan dari SP4N-LAPOR!.',
  'COMPLAINT.LAPOR_REFERENCE_UNEXPECTED': 'Nomor referensi SP4N-LAPOR! hanya diisi untuk pengaduan dari SP4N-LAPOR!.',
  'COMPLAINT.NOTE_REQUIRED': 'Keterangan untuk pelapor wajib diisi untuk hasil verifikasi ini.',
  'COMPLAINT.NOT_ASSIGNED': 'Pengaduan ini belum diteruskan ke unit layanan.',
  'COMPLAINT.NOT_FOUND': 'Pengaduan tidak ditemukan.',
  'COMPLAINT.NOT_RECEIVED': 'Pengaduan ini belum tercatat.',
  'COMPLAINT.NOT_REPORTER': 'Hanya pelapor yang dapat membuka kembali pengaduan ini.',
  'COMPLAINT.NOT_RESOLVED': 'Pengaduan ini belum selesai ditangani.',
  'COMPLAINT.NOT_RESPONDED': 'Pengaduan ini belum mendapat tanggapan.',
  'COMPLAINT.NOT_VERIFIED': 'Pengaduan harus diverifikasi sebelum diteruskan ke unit layanan.',
  'COMPLAINT.PERSONAL_DATA_ERASED': 'Data pribadi pengaduan ini sudah dihapus; teks baru tidak dapat dicatat untuknya.',
  'COMPLAINT.REPORTER_GONE': 'Identitas pelapor pengaduan ini tidak lagi disimpan.',
  'COMPLAINT.REASON_REQUIRED': 'Alasan membuka kembali pengaduan wajib diisi.',
  'COMPLAINT.REPORTER_REF_NOT_OPAQUE': 'Rujukan pelapor tampak berisi data pribadi. Gunakan kode rujukan dari sistem identitas.',
  'COMPLAINT.REPORTER_REF_REQUIRED': 'Kode rujukan pelapor wajib diisi.',
  'COMPLAINT.RESPONSE_REQUIRED': 'Isi tanggapan wajib diisi.',
  'COMPLAINT.RULESET_MISMATCH': 'Pengaduan ini diterima dengan aturan penanganan yang berbeda.',
  'COMPLAINT.SUBJECT_REQUIRED': 'Pokok pengaduan wajib diisi.',
  'COMPLAINT.TIME_BEFORE_LAST_EVENT': 'Waktu tindakan tidak boleh lebih awal dari tindakan terakhir pada pengaduan ini.',
  'COMPLAINT.UNIT_REQUIRED': 'Unit layanan yang diadukan wajib diisi.',
  'COMPLAINT.UNKNOWN_ENUM': 'Pilihan yang dikirim tidak dikenal.',

  'STANDARD.ALREADY_PUBLISHED': 'Standar pelayanan ini sudah diterbitkan. Ajukan revisi untuk mengubahnya.',
  'STANDARD.DUPLICATE_COMPONENT': 'Ada komponen standar pelayanan yang tercantum lebih dari sekali.',
  'STANDARD.EFFECTIVE_BEFORE_CURRENT': 'Tanggal berlaku revisi tidak boleh lebih awal dari revisi yang berlaku sekarang.',
  'STANDARD.IDS_REQUIRED': 'Kode layanan dan kode unit wajib diisi.',
  'STANDARD.INVALID_COMPLETION_TIME': 'Waktu penyelesaian harus berupa jumlah hari kerja (bilangan bulat, 0 atau lebih).',
  'STANDARD.INVALID_COST': 'Biaya harus berupa rupiah utuh (0 atau lebih).',
  'STANDARD.INVALID_REQUIREMENTS': 'Setiap persyaratan wajib diisi dan tidak boleh sama.',
  'STANDARD.NAME_REQUIRED': 'Nama layanan wajib diisi.',
  'STANDARD.NOT_FOUND': 'Standar pelayanan tidak ditemukan.',
  'STANDARD.NOT_PUBLISHED': 'Layanan ini belum memiliki standar pelayanan yang diterbitkan.',
  'STANDARD.NO_CHANGE': 'Revisi ini tidak mengubah apa pun.',
  'STANDARD.PRODUCT_REQUIRED': 'Produk layanan wajib diisi.',
  'STANDARD.REVISION_REASON_REQUIRED': 'Alasan revisi wajib diisi.',
  'STANDARD.SERVICE_MISMATCH': 'Kode layanan tidak sesuai dengan standar pelayanan yang diubah.',
  'STANDARD.UNIT_MISMATCH': 'Layanan ini dimiliki unit lain.',
  'STANDARD.UNKNOWN_CHANNEL': 'Ada media publikasi yang tidak dikenal.',
  'STANDARD.UNKNOWN_COMPONENT': 'Komponen standar pelayanan tidak dikenal; nomornya 1 sampai 14.',

  'CALENDAR.INSTANTS_REVERSED': 'Waktu akhir tidak boleh lebih awal dari waktu mulai.',
  'CALENDAR.INVALID': 'Kalender hari libur belum memenuhi ketentuan. Periksa kembali isiannya.',
  'CALENDAR.INVALID_DATE': 'Tanggal tidak valid. Gunakan format YYYY-MM-DD.',
  'CALENDAR.INVALID_DAY_COUNT': 'Jumlah hari harus berupa bilangan bulat, 0 atau lebih.',
  'CALENDAR.INVALID_INSTANT': 'Waktu tidak valid. Gunakan format tanggal dan jam ISO 8601, misalnya 2026-01-31T08:00:00+08:00.',
  'CALENDAR.INVALID_UTC_OFFSET': 'Zona waktu tidak valid. Pilih WIB (UTC+7), WITA (UTC+8), atau WIT (UTC+9).',
  'CALENDAR.INVALID_YEAR': 'Tahun harus antara 1583 dan 9999.',
  'CALENDAR.LOCAL_HOLIDAY_EXISTS': 'Tanggal ini sudah tercatat sebagai hari libur daerah. Hapus terlebih dahulu bila ingin menggantinya.',
  'CALENDAR.NAME_REQUIRED': 'Nama hari libur daerah wajib diisi.',
  'CALENDAR.REVISION_TAKEN': 'Nomor revisi kalender ini sudah dipakai dengan isi yang berbeda. Terbitkan perubahan sebagai revisi baru.',
  'CALENDAR.TENANT_REQUIRED': 'Pemerintah daerah pemilik kalender wajib disebutkan.',
  'CALENDAR.UNKNOWN_HOLIDAY_KIND': 'Jenis hari libur tidak dikenal.',
  'CALENDAR.YEAR_NOT_COVERED': 'Kalender hari libur untuk tahun tersebut belum tersedia.',
  'CALENDAR_YEAR.NOT_FOUND': 'Kalender hari kerja untuk tahun tersebut tidak ditemukan.',
  'LOCAL_HOLIDAY.NOT_FOUND': 'Tidak ada hari libur daerah pada tanggal tersebut.',

  'UNIT.NOT_FOUND': 'Unit layanan tidak ditemukan.',
} satisfies Record<`${string}.${string}`, string>;

export type RequestErrorCode = keyof typeof REQUEST_ERRORS;

/** DomainError that takes only this context's codes: a mistyped code does not compile. */
export const DomainError: DomainErrorOf<RequestErrorCode> = AnyDomainError;
