import { eventStoreMigrations } from '@lib/event-sourcing';
import { applicationDatabaseUrl, createTestDatabase, type TestDatabase } from '@lib/testing';
import pino from 'pino';
import { prepareDatabase, type ServiceDatabase } from './bootstrap';
import { type BaseServiceConfig } from './load-config';
import { ApplicationRole1732900000000 } from './migrations/1732900000000-application-role';
import { EVENT_STORE_TABLE_PRIVILEGES } from './database-privileges';
import { LeastPrivilege1733200000000 } from './migrations/1733200000000-least-privilege';

const eventStore: ServiceDatabase = {
  migrations: [...eventStoreMigrations, ApplicationRole1732900000000, LeastPrivilege1733200000000],
  tablePrivileges: EVENT_STORE_TABLE_PRIVILEGES,
};

describe('preparing a service database at boot', () => {
  let db: TestDatabase;
  const logger = pino({ level: 'silent' });
  /** A service's config as loadConfig gives it: the application role's URL, the owner's when it migrates at boot. */
  const configFor = (migrationUrl?: string) => ({ DATABASE_URL: applicationDatabaseUrl(db.url), DATABASE_MIGRATION_URL: migrationUrl }) as BaseServiceConfig;

  beforeEach(async () => {
    db = await createTestDatabase([]);
  });
  afterEach(() => db.drop());

  /** A transaction id the server has not given yet: what a logical restore leaves in the log. */
  const aheadOfTheServer = async (): Promise<string> =>
    (await db.pool.query<{ id: string }>(`SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text AS id`)).rows[0].id;

  it('starts on a database whose stored transaction ids are all behind the server', async () => {
    await prepareDatabase(configFor(db.url), eventStore, logger);
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_id, event_type, payload, metadata) VALUES ('request-1', 1, gen_random_uuid(), 'RequestRejected', '{}', '{}')`,
    );
    await db.pool.query(`INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ('relay:request.events.v1', pg_current_xact_id(), 1)`);
    await expect(prepareDatabase(configFor(db.url), eventStore, logger)).resolves.toBeUndefined();
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
      await prepareDatabase(configFor(db.url), eventStore, logger);
      const ahead = await aheadOfTheServer();
      await db.pool.query(insert, [ahead]);
      await expect(prepareDatabase(configFor(db.url), eventStore, logger)).rejects.toThrow(
        new RegExp(`hold ids up to ${ahead}: the database was restored from a logical dump or moved by logical replication`),
      );
    },
  );

  describe('the schema owner’s connection', () => {
    const before = process.env.DATABASE_MIGRATION_URL;
    afterEach(() => {
      if (before === undefined) delete process.env.DATABASE_MIGRATION_URL;
      else process.env.DATABASE_MIGRATION_URL = before;
    });

    it('migrates, then leaves no migration URL in the config or the environment of the serving process', async () => {
      process.env.DATABASE_MIGRATION_URL = db.url;
      const config = configFor(db.url);
      await prepareDatabase(config, eventStore, logger);
      expect(config).not.toHaveProperty('DATABASE_MIGRATION_URL');
      expect(process.env).not.toHaveProperty('DATABASE_MIGRATION_URL');
      const { rows } = await db.pool.query<{ name: string }>(`SELECT name FROM migrations`);
      expect(rows.map((row) => row.name)).toContain('LeastPrivilege1733200000000');
    });

    it('is not replaced by the application role’s: without it, a database behind the code is refused, not migrated', async () => {
      await expect(prepareDatabase(configFor(), eventStore, logger)).rejects.toThrow(
        /the schema is behind this version \(missing migrations: EventStore1732300000000, .*LeastPrivilege1733200000000\): run the migration step first/,
      );
      const { rows } = await db.pool.query<{ exists: boolean }>(`SELECT to_regclass('events') IS NOT NULL AS exists`);
      expect(rows[0].exists).toBe(false);
    });

    it('starts without it on a database the migration step brought up to date', async () => {
      await prepareDatabase(configFor(db.url), eventStore, logger);
      await expect(prepareDatabase(configFor(), eventStore, logger)).resolves.toBeUndefined();
    });
  });

  describe('the runtime role', () => {
    const throwaway = `pantau_owner_${Math.random().toString(16).slice(2, 10)}`;
    it('refuses to serve as a superuser', async () => {
      await prepareDatabase(configFor(db.url), eventStore, logger);
      await expect(prepareDatabase({ ...configFor(), DATABASE_URL: db.url } as BaseServiceConfig, eventStore, logger)).rejects.toThrow(
        /refusing to serve as role postgres: it is a superuser/,
      );
    });

    it.each([
      ['owns a table', `ALTER TABLE checkpoints OWNER TO ${throwaway}`, `owns table checkpoints`],
      ['may create objects in the schema', `GRANT CREATE ON SCHEMA public TO ${throwaway}`, `has CREATE on schema public`],
      ['may change stored events', `GRANT UPDATE ON events TO ${throwaway}`, `may UPDATE events \\(it needs only SELECT, INSERT\\)`],
      ['may remove inbox rows', `GRANT DELETE, TRUNCATE ON inbox TO ${throwaway}`, `may DELETE inbox, may TRUNCATE inbox`],
      ['may remove checkpoints', `GRANT DELETE ON checkpoints TO ${throwaway}`, `may DELETE checkpoints`],
    ])('refuses to serve as a role that %s', async (_what, grant, refusal) => {
      await prepareDatabase(configFor(db.url), eventStore, logger);
      await db.pool.query(`CREATE ROLE ${throwaway} LOGIN PASSWORD 'throwaway' IN ROLE pantau_app`);
      try {
        await db.pool.query(grant);
        const url = new URL(db.url);
        url.username = throwaway;
        url.password = 'throwaway';
        await expect(prepareDatabase({ ...configFor(), DATABASE_URL: url.toString() } as BaseServiceConfig, eventStore, logger)).rejects.toThrow(
          new RegExp(`refusing to serve as role ${throwaway}: it ${refusal}`),
        );
      } finally {
        await db.pool.query(
          `ALTER TABLE checkpoints OWNER TO postgres; REVOKE ALL ON SCHEMA public FROM ${throwaway}; REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${throwaway}`,
        );
        await db.pool.query(`DROP ROLE ${throwaway}`);
      }
    });
  });
});
