// SQLSTATE classes and codes that say the server or the connection is unavailable for now, not that
// the statement is wrong: connection exceptions (08), operator intervention (57P01 admin shutdown,
// 57P02 crash shutdown, 57P03 cannot connect now), too many connections (53300), and the conflicts a
// retry resolves (40001 serialization failure, 40P01 deadlock).
const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
// What node-postgres and the socket report when the connection itself went away.
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const TRANSIENT_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * Whether a database error says "try again later" (the server restarts, the connection dropped, the
 * pool is exhausted) rather than "this work is wrong": a reader then waits and retries instead of
 * blaming the work.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_CODES.has(code) || TRANSIENT_SOCKET_CODES.has(code))) return true;
  return TRANSIENT_MESSAGES.test(error.message);
}
