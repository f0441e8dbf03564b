import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { runMigrations } from '@lib/platform';
import { EvidenceFileUploads1732850000000 } from '../src/migrations/1732850000000-evidence-file-uploads';
import { evaluationMigrations } from '../src/migrations';

describe('the evidence-file-uploads migration on a database with files stored before it', () => {
  let db: TestDatabase;
  const sha256 = 'c'.repeat(64);

  beforeAll(async () => {
    db = await createTestDatabase(evaluationMigrations.slice(0, evaluationMigrations.indexOf(EvidenceFileUploads1732850000000)), 'pantau_evidence_mig');
    await db.pool.query(
      `INSERT INTO evidence_files_v1 (tenant_id, sha256, media_type, size_bytes, content, first_name, first_unit_id, first_cycle_id, uploaded_by, uploaded_at)
       VALUES ('kota', $1, 'application/pdf', 5, '\\x255044462d'::bytea, 'sk lama.pdf', 'disdukcapil', 'cycle-2025', 'dev-operator', '2025-03-01T00:00:00Z')`,
      [sha256],
    );
    await runMigrations(db.url, evaluationMigrations);
  });

  afterAll(() => db?.drop());

  it('binds every stored file to the unit and cycle that first uploaded it, under the name it was uploaded with', async () => {
    const { rows } = await db.pool.query('SELECT tenant_id, cycle_id, unit_id, sha256, name, size_bytes, uploaded_by FROM evidence_file_uploads_v1');
    expect(rows).toEqual([
      { tenant_id: 'kota', cycle_id: 'cycle-2025', unit_id: 'disdukcapil', sha256, name: 'sk lama.pdf', size_bytes: 5, uploaded_by: 'dev-operator' },
    ]);
  });

  it('keeps the bindings insert-only, like the files', async () => {
    await expect(db.pool.query(`UPDATE evidence_file_uploads_v1 SET unit_id = 'dinkes'`)).rejects.toThrow(/insert-only/);
    await expect(db.pool.query('DELETE FROM evidence_file_uploads_v1')).rejects.toThrow(/insert-only/);
  });
});
