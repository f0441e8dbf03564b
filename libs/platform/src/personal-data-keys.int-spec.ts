import { randomBytes, randomUUID } from 'node:crypto';
import { eventStoreMigrations, ERASED_MARKER, PersonalDataKeys } from '@lib/event-sourcing';
import { applicationDatabaseUrl, createTestDatabase, type TestDatabase } from '@lib/testing';
import { Pool } from 'pg';
import { ApplicationRole1732900000000 } from './migrations/1732900000000-application-role';
import { PersonalDataKeys1733500000000 } from './migrations/1733500000000-personal-data-keys';

describe('per-subject data keys on PostgreSQL', () => {
  let db: TestDatabase;
  let application: Pool;
  let keys: PersonalDataKeys;
  const keyEncryptionKey = randomBytes(32);

  beforeAll(async () => {
    db = await createTestDatabase([...eventStoreMigrations, ApplicationRole1732900000000, PersonalDataKeys1733500000000]);
    application = new Pool({ connectionString: applicationDatabaseUrl(db.url), max: 2 });
    keys = new PersonalDataKeys(application, keyEncryptionKey);
  });
  afterAll(async () => {
    await application?.end();
    await db?.drop();
  });

  it('seals a field that only its own subject key opens, and stores only the wrapped key', async () => {
    const subject = randomUUID();
    const sealer = await keys.sealerFor(subject);
    const field = sealer!.seal('Nama saya Andi, NIK 6371010101010001');

    expect(field.subject).toBe(subject);
    expect(Buffer.from(field.sealed, 'base64').toString('utf8')).not.toContain('Andi');
    expect((await keys.openerFor([subject]))(field)).toBe('Nama saya Andi, NIK 6371010101010001');
    const { rows } = await db.pool.query(`SELECT wrapped_key, erased_at FROM personal_data_keys WHERE subject_id = $1`, [subject]);
    expect(rows).toEqual([{ wrapped_key: expect.any(String), erased_at: null }]);
    // the same key again on a second sealer: the first key stays
    expect((await keys.openerFor([subject]))((await keys.sealerFor(subject))!.seal('lagi'))).toBe('lagi');
    expect((await keys.openerFor([subject]))(field)).toBe('Nama saya Andi, NIK 6371010101010001');
  });

  it('refuses a field moved to another subject', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const field = (await keys.sealerFor(a))!.seal('rahasia');
    await keys.sealerFor(b);
    const open = await keys.openerFor([b]);
    expect(() => open({ ...field, subject: b })).toThrow(/authenticate/);
  });

  it('opens fields of an erased key as [dihapus] and seals nothing more for the subject', async () => {
    const subject = randomUUID();
    const field = (await keys.sealerFor(subject))!.seal('alamat rumah saya');

    expect(await keys.erase(subject)).toBe(true);
    expect(await keys.erase(subject)).toBe(false);

    expect((await keys.openerFor([subject]))(field)).toBe(ERASED_MARKER);
    expect(await keys.sealerFor(subject)).toBeUndefined();
    expect(await keys.isErased(subject)).toBe(true);
  });

  it('records the erasure of a subject that never had a key', async () => {
    const subject = randomUUID();
    expect(await keys.erase(subject)).toBe(false);
    expect(await keys.sealerFor(subject)).toBeUndefined();
  });

  it('lets the application role erase keys but never delete the record of it', async () => {
    const subject = randomUUID();
    await keys.sealerFor(subject);
    await expect(application.query(`DELETE FROM personal_data_keys WHERE subject_id = $1`, [subject])).rejects.toMatchObject({ code: '42501' });
    await expect(application.query(`TRUNCATE personal_data_keys`)).rejects.toMatchObject({ code: '42501' });
  });
});
