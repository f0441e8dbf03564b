import { eventStoreMigrations } from '@lib/event-sourcing';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import pino from 'pino';
import { prepareDatabase } from './bootstrap';

describe('preparing a service database at boot', () => {
  let db: TestDatabase;
  const logger = pino({ level: 'silent' });

  beforeEach(async () => {
    db = await createTestDatabase([]);
  });
  afterEach(() => db.drop());

  /** A transaction id the server has not given yet: what a logical restore leaves in the log. */
  const aheadOfTheServer = async (): Promise<string> =>
    (await db.pool.query<{ id: string }>(`SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text AS id`)).rows[0].id;

  it('starts on a database whose stored transaction ids are all behind the server', async () => {
    await prepareDatabase(db.url, eventStoreMigrations, logger);
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ('request-1', 1, gen_random_uuid(), 'RequestRejected', '{}', '{}')`,
    );
    await db.pool.query(`INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ('relay:request.events.v1', pg_current_xact_id(), 1)`);
    await expect(prepareDatabase(db.url, eventStoreMigrations, logger)).resolves.toBeUndefined();
  });

  it.each([
    [
      'an event',
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata, transaction_id) VALUES ('request-1', 1, gen_random_uuid(), 'RequestRejected', '{}', '{}', $1::xid8)`,
    ],
    ['a checkpoint', `INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ('projection:requests_v1', $1::xid8, 1)`],
  ])(
    'refuses to start when %s carries a transaction id the server has not reached (a logical dump restored, a blue/green switchover)',
    async (_what, insert) => {
      await prepareDatabase(db.url, eventStoreMigrations, logger);
      const ahead = await aheadOfTheServer();
      await db.pool.query(insert, [ahead]);
      await expect(prepareDatabase(db.url, eventStoreMigrations, logger)).rejects.toThrow(
        new RegExp(`hold ids up to ${ahead}: the database was restored from a logical dump or moved by logical replication`),
      );
    },
  );
});
