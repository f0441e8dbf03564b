import { tablePrivilegesOfCurrentRole } from '@lib/platform';
import { applicationDatabaseUrl, createTestDatabase, type TestDatabase } from '@lib/testing';
import { Pool } from 'pg';
import { evaluationDatabase } from '../src/migrations';

/**
 * The decision for every table of the evaluation database: what the application role may do on it. A
 * table a migration adds without a decision here fails this spec, as does a grant beyond it.
 */
const EXPECTED = {
  events: ['SELECT', 'INSERT'],
  idempotency_keys: ['SELECT', 'INSERT'],
  inbox: ['SELECT', 'INSERT'],
  checkpoints: ['SELECT', 'INSERT', 'UPDATE'],
  quarantined_events: ['SELECT', 'INSERT', 'DELETE'],
  migrations: ['SELECT'],
  units_v1: ['SELECT', 'INSERT', 'TRUNCATE'],
  rulesets_v1: ['SELECT', 'INSERT', 'TRUNCATE'],
  cycles_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  unit_assessments_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  unit_results_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  operational_facts_v1: ['SELECT', 'INSERT', 'UPDATE'],
  tenant_time_zones_v1: ['SELECT', 'INSERT', 'UPDATE'],
  evidence_files_v1: ['SELECT', 'INSERT'],
  evidence_file_uploads_v1: ['SELECT', 'INSERT'],
  evidence_upload_chunks_v1: ['SELECT', 'INSERT', 'DELETE'],
  proposal_standards_v1: ['SELECT', 'INSERT', 'UPDATE'],
  proposal_requests_v1: ['SELECT', 'INSERT', 'UPDATE'],
  proposal_complaints_v1: ['SELECT', 'INSERT', 'UPDATE'],
  proposal_skm_periods_v1: ['SELECT', 'INSERT', 'UPDATE'],
  indicator_proposals_v1: ['SELECT', 'INSERT', 'UPDATE'],
  compliance_grades_v1: ['SELECT', 'INSERT', 'UPDATE'],
  findings_dirty_units: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  f01_histories_v1: ['SELECT', 'INSERT', 'UPDATE', 'TRUNCATE'],
  f01_evidence_hashes_v1: ['SELECT', 'INSERT', 'DELETE', 'TRUNCATE'],
  f01_answer_prints_v1: ['SELECT', 'INSERT', 'DELETE', 'TRUNCATE'],
};

describe('the evaluation database’s application role', () => {
  let db: TestDatabase;
  let application: Pool;

  beforeAll(async () => {
    db = await createTestDatabase(evaluationDatabase.migrations, 'pantau_eval_priv');
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
    expect(evaluationDatabase.tablePrivileges).toEqual(EXPECTED);
  });

  it('may not create objects, and may use only the sequences of the tables it appends to', async () => {
    const { rows } = await application.query<{ create: boolean; sequences: string[] }>(
      `SELECT has_schema_privilege('public', 'CREATE') AS create,
              ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind = 'S' AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE') END ORDER BY 1) AS sequences`,
    );
    expect(rows[0]).toEqual({ create: false, sequences: ['events_global_position_seq'] });
  });
});
