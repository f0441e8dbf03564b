import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore, START } from '@lib/event-sourcing';
import { BackgroundWorkers } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { UnitsProjection } from '../src/evaluation/projections/units.projection';
import { evaluationDatabase } from '../src/migrations';

describe("the tenant's units registry", () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  let admin: { Authorization: string };
  let auditor: { Authorization: string };
  let otherAdmin: { Authorization: string };
  let national: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const register = (as: { Authorization: string }, body: object) => http().post('/units').set(as).send(body);
  const unitsTable = async () => (await db.pool.query(`SELECT * FROM units_v1 ORDER BY tenant_id, registered_order`)).rows;

  beforeAll(async () => {
    [admin, auditor, otherAdmin, national] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('auditor-inspektorat', { tenantId }),
      bearer('admin-banjar', { tenantId: `other-${tenantId}` }),
      bearer('national-auditor'),
    ]);
    db = await createTestDatabase([], 'pantau_eval_units');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-eval-units-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('registers units under their parents, idempotently, and lists them to readers of the tenant only', async () => {
    await register(admin, { unitId: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'skpd' }).expect(201);
    await register(admin, { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd' }).expect(201);
    await register(admin, { unitId: 'puskesmas-teluk-dalam', name: 'Puskesmas Teluk Dalam', kind: 'puskesmas', parentUnitId: 'dinkes' }).expect(201);
    await register(admin, { unitId: 'kecamatan-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' }).expect(201);
    await register(admin, { unitId: 'kelurahan-alalak', name: 'Kelurahan Alalak Utara', kind: 'kelurahan', parentUnitId: 'kecamatan-utara' }).expect(201);
    const again = await register(admin, { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd' }).expect(201);
    expect(again.body).toMatchObject({ appended: 0 });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`units-${tenantId}`]);
    expect(rows[0].n).toBe(5);

    const expected = [
      { unitId: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'skpd', parentUnitId: null, childUnitIds: [] },
      { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd', parentUnitId: null, childUnitIds: ['puskesmas-teluk-dalam'] },
      { unitId: 'puskesmas-teluk-dalam', name: 'Puskesmas Teluk Dalam', kind: 'puskesmas', parentUnitId: 'dinkes', childUnitIds: [] },
      { unitId: 'kecamatan-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan', parentUnitId: null, childUnitIds: ['kelurahan-alalak'] },
      { unitId: 'kelurahan-alalak', name: 'Kelurahan Alalak Utara', kind: 'kelurahan', parentUnitId: 'kecamatan-utara', childUnitIds: [] },
    ];
    await eventually(async () => {
      const { body } = await http().get('/units').set(auditor).expect(200);
      expect(body).toEqual(expected);
    });
    expect((await http().get(`/units?tenantId=${tenantId}`).set(national).expect(200)).body).toEqual(expected);
    const other = await http().get('/units').set(otherAdmin).expect(200);
    expect(other.body).toEqual([]);
  });

  it('names the field of a bad kind, and refuses an unknown parent and a changed registration with their codes', async () => {
    const badKind = await register(admin, { unitId: 'kantor-x', name: 'Kantor X', kind: 'kantor' }).expect(400);
    expect(badKind.body.errors).toEqual([expect.objectContaining({ field: 'kind', rule: 'isIn' })]);
    const orphan = await register(admin, { unitId: 'uptd-1', name: 'UPTD Laboratorium', kind: 'uptd', parentUnitId: 'dinas-lain' }).expect(409);
    expect(orphan.body.code).toBe('UNIT.PARENT_NOT_REGISTERED');
    await register(admin, { unitId: 'bapenda', name: 'Badan Pendapatan Daerah', kind: 'skpd' }).expect(201);
    const changed = await register(admin, { unitId: 'bapenda', name: 'Badan Keuangan Daerah', kind: 'skpd' }).expect(409);
    expect(changed.body.code).toBe('UNIT.ALREADY_REGISTERED');
  });

  it('lets only the Bagian Organisasi admin register', async () => {
    const refused = await register(auditor, { unitId: 'x', name: 'X', kind: 'skpd' }).expect(403);
    expect(refused.body.code).toBe('AUTH.FORBIDDEN');
  });

  it("shows a registered unit's name in the cycle read, and still assigns an unregistered unit as lokus", async () => {
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP unit',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    const cycleId = opened.body.cycleId;
    for (const unitId of ['disdukcapil', 'kantor-belum-terdaftar']) {
      await http()
        .put(`/cycles/${cycleId}/units/${unitId}`)
        .set(admin)
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
        .expect(200);
    }
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body.units).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ unitId: 'disdukcapil', unitName: 'Dinas Kependudukan dan Pencatatan Sipil' }),
          expect.objectContaining({ unitId: 'kantor-belum-terdaftar', unitName: null }),
        ]),
      );
    });
  });

  it('rebuilds the units table identically, and applies the same events twice to the same rows', async () => {
    await eventually(async () =>
      expect((await http().get('/units').set(admin).expect(200)).body.map((unit: { unitId: string }) => unit.unitId)).toContain('bapenda'),
    );
    const before = await unitsTable();
    expect(before).toHaveLength(6);
    const projector = app.get(BackgroundWorkers).projectors.find((candidate) => candidate.name === 'projection:units');
    await projector!.rebuild();
    expect(await unitsTable()).toEqual(before);

    const events = await app.get<EventStore<EvaluationEvent>>(EventStore).readAll(START, 10_000);
    const client = await db.pool.connect();
    try {
      await app.get(UnitsProjection).apply(events, client);
    } finally {
      client.release();
    }
    expect(await unitsTable()).toEqual(before);
  });
});
