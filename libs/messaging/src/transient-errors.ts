import { isTransientDatabaseError } from '@lib/event-sourcing';

/** kafkajs marks errors a retry cures `retriable`; KafkaJSNumberOfRetriesExceeded wraps one (found through its cause). */
const isRetriableKafkaError = (error: object): boolean => {
  const { name, retriable } = error as { name?: unknown; retriable?: unknown };
  return typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true;
};

/**
 * Whether `error` (or an error it wraps) means that the database or the broker is unavailable for
 * now rather than that the message is wrong: retrying the same message later will work.
 */
export const isTransient = (error: unknown): boolean => isTransientDatabaseError(error, isRetriableKafkaError);
