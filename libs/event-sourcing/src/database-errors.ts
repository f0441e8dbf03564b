/**
 * SQLSTATEs of a server that is restarting, failing over, out of connections, or that chose this
 * transaction as the loser of a conflict: 08 connection exceptions, 57P01-57P05 admin or crash
 * shutdown and "cannot connect now", 53300 too many connections, 40001 serialization failure,
 * 40P01 deadlock. None of them says anything about the work.
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0.|53300|40001|40P01)$/;

/** Socket errors of a server that is down, restarting or unreachable for a while. */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * node-postgres and pg-pool report a lost or unobtainable connection with a plain Error and these
 * messages (pg 8 lib/client.js, pg-pool index.js); a pool that was ended belongs here too, because
 * work still running then is being shut down, and must be done again later, not blamed.
 */
const TRANSIENT_PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /connection timeout/i,
  /Client has encountered a connection error/,
  /is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
];

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether a database error (or an error it wraps, through `cause` or an AggregateError) says "try
 * again later" (the server restarts, the connection dropped, the pool is exhausted) rather than "this
 * work is wrong": a reader or consumer then waits and retries instead of blaming the work.
 * `alsoTransient` lets a caller add its own kinds (a broker's retriable errors) to the same walk.
 */
export function isTransientDatabaseError(error: unknown, alsoTransient: (error: object) => boolean = () => false, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause, errors } = error as ErrorFields;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && TRANSIENT_PG_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (alsoTransient(error)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isTransientDatabaseError(inner, alsoTransient, depth + 1))) return true;
  return isTransientDatabaseError(cause, alsoTransient, depth + 1);
}
