import { ApiError } from '../api/problem';

const FRIENDLY: Record<string, string> = {
  'AUTH.FORBIDDEN': 'Anda tidak berwenang melakukan tindakan ini.',
  'AUTH.MISSING_TOKEN': 'Silakan masuk terlebih dahulu.',
  NETWORK: 'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.',
  'REQUEST.NOT_FOUND': 'Kode pelacakan tidak ditemukan. Periksa kembali kode pada tanda terima.',
  'SURVEY.NOT_FOUND': 'Survei tidak ditemukan. Pindai ulang kode QR di kantor layanan.',
  'PORTAL.UPSTREAM_UNAVAILABLE': 'Layanan sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.',
};

/**
 * An API error as the user reads it: a sentence, the service's own detail and code, and the
 * correlation id to quote to the help desk. Field errors are shown by the fields themselves.
 */
export function ProblemMessage({ error, title = 'Permintaan tidak berhasil' }: { error: unknown; title?: string }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div role="alert" className="problem">
        <strong>{title}</strong>
        <p>{error instanceof Error ? error.message : String(error)}</p>
      </div>
    );
  }
  const { code, detail, correlationId, errors } = error.problem;
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      <p>{FRIENDLY[code] ?? detail}</p>
      {errors && errors.length > 0 && <p>Periksa isian yang ditandai.</p>}
      <p className="muted small">
        Kode: {code}
        {correlationId && <> · rujukan {correlationId}</>}
      </p>
    </div>
  );
}
