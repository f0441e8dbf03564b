/**
 * SQLSTATEs of a server that is restarting, failing over, out of connections, or that chose this
 * transaction as the loser of a conflict: 08 connection exceptions, 57P01-57P05 admin or crash
 * shutdown and "cannot connect now", 53300 too many connections, 40001 serialization failure,
 * 40P01 deadlock. None of them says anything about the message.
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0.|53300|40001|40P01)$/;

/** Socket errors of a server that is down, restarting or unreachable for a while. */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * node-postgres and pg-pool report a lost or unobtainable connection with a plain Error and these
 * messages (pg 8 lib/client.js, pg-pool index.js); a pool that was ended belongs here too, because
 * a consumer still running then is being shut down, and its message must be redelivered, not dead-lettered.
 */
const TRANSIENT_PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
];

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  retriable?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether `error` (or an error it wraps, through `cause` or an AggregateError) means that the database
 * or the broker is unavailable for now rather than that the message is wrong: retrying the same message
 * later will work. kafkajs marks such errors `retriable`; KafkaJSNumberOfRetriesExceeded wraps one.
 */
export function isTransient(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, name, retriable, cause, errors } = error as ErrorFields;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET_CODES.has(code))) return true;
  if (typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true) return true;
  if (typeof message === 'string' && TRANSIENT_PG_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isTransient(inner, depth + 1))) return true;
  return isTransient(cause, depth + 1);
}
