import { tablePrivilegesOfCurrentRole } from '@lib/platform';
import { applicationDatabaseUrl, createTestDatabase, type TestDatabase } from '@lib/testing';
import { Pool } from 'pg';
import { surveyDatabase } from '../src/migrations';

/**
 * The decision for every table of the survey database: what the application role may do on it. A
 * table a migration adds without a decision here fails this spec, as does a grant beyond it.
 */
const EXPECTED = {
  events: ['SELECT', 'INSERT'],
  idempotency_keys: ['SELECT', 'INSERT'],
  inbox: ['SELECT', 'INSERT'],
  checkpoints: ['SELECT', 'INSERT', 'UPDATE'],
  quarantined_events: ['SELECT', 'INSERT', 'DELETE'],
  migrations: ['SELECT'],
  skm_surveys_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  skm_unsur_totals_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  f03_collections_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  completed_requests_v1: ['SELECT', 'INSERT'],
  f03_proof_codes_v1: ['SELECT', 'INSERT'],
  survey_used_proofs_v1: ['SELECT', 'INSERT'],
  survey_submissions_v1: ['SELECT', 'INSERT', 'DELETE'],
  pekppp_cycles_v1: ['SELECT', 'INSERT'],
  pekppp_unit_lokus_v1: ['SELECT', 'INSERT'],
  personal_data_keys: ['SELECT', 'INSERT', 'UPDATE'],
};

describe('the survey database’s application role', () => {
  let db: TestDatabase;
  let application: Pool;

  beforeAll(async () => {
    db = await createTestDatabase(surveyDatabase.migrations, 'pantau_srv_priv');
    application = new Pool({ connectionString: applicationDatabaseUrl(db.url), max: 1 });
  });
  afterAll(async () => {
    await application.end();
    await db.drop();
  });

  it('holds exactly the privileges decided for each table, and none on a table without a decision', async () => {
    expect(await tablePrivilegesOfCurrentRole(application)).toEqual(EXPECTED);
  });

  it('is checked at boot against the same decision', () => {
    expect(surveyDatabase.tablePrivileges).toEqual(EXPECTED);
  });

  it('may not create objects, and may use only the sequences of the tables it appends to', async () => {
    const { rows } = await application.query<{ create: boolean; sequences: string[] }>(
      `SELECT has_schema_privilege('public', 'CREATE') AS create,
              ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind = 'S' AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE') END ORDER BY 1) AS sequences`,
    );
    expect(rows[0]).toEqual({ create: false, sequences: ['events_global_position_seq', 'survey_submissions_v1_id_seq'] });
  });
});
