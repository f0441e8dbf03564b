import { CodecError } from '@lib/contracts';
import { DomainError } from '@lib/event-sourcing/domain';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { DatabaseError } from 'pg';
import { isTransient } from './transient-errors';

const sqlState = (code: string, message = 'server says no'): DatabaseError => Object.assign(new DatabaseError(message, 0, 'error'), { code });
const socketError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });

describe('isTransient', () => {
  it.each<[string, unknown]>([
    ['admin shutdown (57P01, a restart)', sqlState('57P01')],
    ['crash shutdown (57P02)', sqlState('57P02')],
    ['cannot connect now (57P03, still starting)', sqlState('57P03')],
    ['connection failure (08006)', sqlState('08006')],
    ['too many connections (53300)', sqlState('53300')],
    ['serialization failure (40001)', sqlState('40001')],
    ['deadlock (40P01)', sqlState('40P01')],
    ['connection refused', socketError('ECONNREFUSED')],
    ['connection reset', socketError('ECONNRESET')],
    ['node-postgres: connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pg-pool: no connection within connectionTimeoutMillis', new Error('timeout exceeded when trying to connect')],
    ['pg-pool: connect timed out', new Error('Connection terminated due to connection timeout')],
    ['node-postgres: client broken by an earlier error', new Error('Client has encountered a connection error and is not queryable')],
    ['a refused connection to every address of a host', new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')])],
    ['a wrapped outage', new Error('could not record the score', { cause: sqlState('57P01') })],
    ['kafkajs: broker connection lost', new KafkaJSConnectionError('Connection error: ECONNREFUSED')],
    ['kafkajs: retriable protocol error', new KafkaJSProtocolError({ message: 'leader not available', retriable: true } as unknown as Error)],
    [
      'kafkajs: gave up retrying a retriable error',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout'), { retryCount: 5, retryTime: 100 }),
    ],
  ])('waits for %s', (_case, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['unique violation (23505)', sqlState('23505')],
    ['check violation (23514)', sqlState('23514')],
    ['undefined column (42703)', sqlState('42703')],
    ['a domain refusal', new DomainError('REQUEST.ALREADY_CLOSED', 'closed')],
    ['undecodable bytes', new CodecError('invalid wire type')],
    ['a bug in the handler', new TypeError("Cannot read properties of undefined (reading 'unitId')")],
    ['kafkajs: non-retriable error', new KafkaJSNonRetriableError('Invalid topic')],
    ['not an error at all', 'boom'],
    ['undefined', undefined],
  ])('does not wait for %s', (_case, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
