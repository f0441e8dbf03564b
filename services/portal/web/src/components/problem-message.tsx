import { ApiError, messageOf } from '../api/problem';

/**
 * An API error as the user reads it: the Indonesian message the service sent for its code (the
 * service's error catalogue, so a new code needs no portal release), and the code and correlation
 * id to quote to the help desk. Field errors are shown by the fields themselves.
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
  const { code, correlationId, errors } = error.problem;
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      <p>{messageOf(error.problem)}</p>
      {errors && errors.length > 0 && <p>Periksa isian yang ditandai.</p>}
      <p className="muted small">
        Kode: {code}
        {correlationId && <> · rujukan {correlationId}</>}
      </p>
    </div>
  );
}
