/**
 * The codes the platform raises for every service (sign-in, access, input, idempotency, concurrent
 * writes, unexpected failures) and the `HTTP.<STATUS>` codes of Nest's own HTTP errors, each with
 * what a person reads. Indonesian, the language of the portal's users.
 */
export const PLATFORM_ERRORS = {
  'AUTH.MISSING_TOKEN': 'Silakan masuk terlebih dahulu.',
  'AUTH.INVALID_TOKEN': 'Sesi Anda tidak berlaku atau sudah berakhir. Silakan masuk kembali.',
  'AUTH.FORBIDDEN': 'Anda tidak berwenang melakukan tindakan ini.',
  'AUTH.NO_POLICY': 'Alamat ini ditutup karena belum memiliki aturan akses.',
  'AUTH.TARGET_INVALID': 'Unit atau data yang dituju tidak valid.',
  'AUTH.TARGET_AMBIGUOUS': 'Unit atau data yang dituju berbeda antara alamat dan isian. Periksa kembali permintaan Anda.',
  'INPUT.INVALID': 'Data yang dikirim belum sesuai. Periksa kembali kolom yang ditandai.',
  'INPUT.MALFORMED_JSON': 'Format data yang dikirim tidak dapat dibaca.',
  'INPUT.TOO_LARGE': 'Ukuran data yang dikirim melebihi batas.',
  'IDEMPOTENCY.KEY_REUSED': 'Kunci permintaan (Idempotency-Key) ini sudah dipakai untuk permintaan lain. Muat ulang halaman, lalu coba lagi.',
  'STREAM.NOT_FOUND': 'Data yang diminta tidak ditemukan.',
  'STREAM.CONCURRENT_UPDATE': 'Data ini baru saja diubah oleh pengguna lain. Muat ulang halaman, lalu coba lagi.',
  'RATE_LIMIT.UNAVAILABLE': 'Pengajuan belum dapat diterima karena batas jumlah pengajuan sedang tidak dapat diperiksa. Silakan coba lagi beberapa saat lagi.',
  INTERNAL: 'Terjadi kesalahan pada sistem. Silakan coba lagi nanti; jika berulang, hubungi admin dengan menyebutkan kode rujukan.',
  'HTTP.BAD_REQUEST': 'Permintaan tidak valid.',
  'HTTP.UNAUTHORIZED': 'Silakan masuk terlebih dahulu.',
  'HTTP.FORBIDDEN': 'Anda tidak berwenang mengakses alamat ini.',
  'HTTP.NOT_FOUND': 'Alamat yang Anda tuju tidak ditemukan.',
  'HTTP.METHOD_NOT_ALLOWED': 'Alamat ini tidak menerima permintaan jenis tersebut.',
  'HTTP.NOT_ACCEPTABLE': 'Format jawaban yang diminta tidak tersedia.',
  'HTTP.CONFLICT': 'Permintaan tidak dapat diproses karena bertentangan dengan keadaan data saat ini.',
  'HTTP.PAYLOAD_TOO_LARGE': 'Ukuran data yang dikirim melebihi batas.',
  'HTTP.UNSUPPORTED_MEDIA_TYPE': 'Jenis data yang dikirim tidak didukung.',
  'HTTP.UNPROCESSABLE_ENTITY': 'Data yang dikirim tidak dapat diproses.',
  'HTTP.TOO_MANY_REQUESTS': 'Terlalu banyak permintaan dari alamat Anda. Silakan tunggu sebentar, lalu coba lagi.',
  'HTTP.INTERNAL_SERVER_ERROR': 'Terjadi kesalahan pada sistem. Silakan coba lagi nanti.',
  'HTTP.BAD_GATEWAY': 'Layanan sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.',
  'HTTP.SERVICE_UNAVAILABLE': 'Layanan sedang tidak tersedia. Silakan coba lagi beberapa saat lagi.',
  'HTTP.GATEWAY_TIMEOUT': 'Layanan terlalu lama menjawab. Silakan coba lagi.',
} satisfies Record<string, string>;

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS;
