import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };

/*
 * Entry at scale: a unit's 30 F-02 scores in one call, a Pemda's units registered in one call, its
 * unit lokus assigned in one call; each one command on one stream, all or nothing.
 */
describe('bulk entry: F-02 scores, units and unit lokus in one call each', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const oneByOne = `dpmptsp-${randomUUID().slice(0, 8)}`;
  const atOnce = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);
  // the same F-02 sheet for both units: every level 0..5 used, each score with its own note
  const sheet = codes.map((indicatorCode, i) => ({ indicatorCode, score: (i * 7) % 6, note: `sesuai deskriptor ${(i * 7) % 6} (${indicatorCode})` }));
  let admin: Headers;
  let lead: Headers;
  let second: Headers;
  let db: TestDatabase;
  let app: INestApplication;
  let cycleId: string;
  const http = () => request(app.getHttpServer());
  const assessment = (unitId: string, path = '') => `/cycles/${cycleId}/units/${unitId}/assessment${path}`;
  const eventsOf = async (streamId: string) =>
    (await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [streamId])).rows[0].n as number;
  // consumers refuse an event whose envelope names another unit than its payload
  const envelopeUnits = async (streamId: string) =>
    (await db.pool.query(`SELECT metadata->>'unitId' AS envelope, payload->>'unitId' AS payload FROM events WHERE stream_id = $1`, [streamId])).rows;

  beforeAll(async () => {
    [admin, lead, second] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [oneByOne, atOnce] }),
      bearer('evaluator-2', { tenantId, assignedUnitIds: [oneByOne, atOnce, 'dinkes'] }),
    ]);
    db = await createTestDatabase([], 'pantau_eval_bulk');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-eval-bulk-${randomUUID().slice(0, 8)}.` },
    );
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP massal',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    cycleId = opened.body.cycleId;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /units/batch', () => {
    const units = [
      { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd' },
      { unitId: 'puskesmas-teluk-dalam', name: 'Puskesmas Teluk Dalam', kind: 'puskesmas', parentUnitId: 'dinkes' },
      { unitId: 'kecamatan-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' },
      { unitId: 'kelurahan-alalak', name: 'Kelurahan Alalak Utara', kind: 'kelurahan', parentUnitId: 'kecamatan-utara' },
    ];
    const batch = (body: object, as: Headers = admin) => http().post('/units/batch').set(as).send(body);

    it('registers the units in one command, parents before children, and a repeat appends nothing', async () => {
      const first = await batch({ units }).expect(201);
      expect(first.body).toMatchObject({ streamId: `units-${tenantId}`, appended: 4 });
      const again = await batch({ units: [...units, { unitId: 'bapenda', name: 'Badan Pendapatan Daerah', kind: 'skpd' }] }).expect(201);
      expect(again.body).toMatchObject({ appended: 1 });
      expect(await eventsOf(`units-${tenantId}`)).toBe(5);
      for (const { envelope, payload } of await envelopeUnits(`units-${tenantId}`)) expect(envelope).toBe(payload);
      await eventually(async () => {
        const { body } = await http().get('/units').set(admin).expect(200);
        expect(body.map((unit: { unitId: string }) => unit.unitId)).toEqual([...units.map((unit) => unit.unitId), 'bapenda']);
        expect(body[0]).toMatchObject({ unitId: 'dinkes', childUnitIds: ['puskesmas-teluk-dalam'] });
      });
    });

    it('registers 500 units in one call', async () => {
      const many = Array.from({ length: 500 }, (_, i) => ({
        unitId: `kelurahan-${i}`,
        name: `Kelurahan ${i}`,
        kind: 'kelurahan',
        parentUnitId: 'kecamatan-utara',
      }));
      const { body } = await batch({ units: many }).expect(201);
      expect(body.appended).toBe(500);
    });

    it('refuses bad input naming units[i].field in Indonesian, and registers nothing', async () => {
      const before = await eventsOf(`units-${tenantId}`);
      const bad = await batch({
        units: [
          { unitId: 'dinsos', name: 'Dinas Sosial', kind: 'skpd' },
          { unitId: 'uptd-lab', name: 'UPTD Laboratorium', kind: 'kantor' },
          { unitId: 'dinas sosial', name: '', kind: 'skpd' },
        ],
      }).expect(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'units[1].kind', rule: 'isIn', message: expect.stringContaining('Kolom units[1].kind harus salah satu dari') },
          expect.objectContaining({ field: 'units[2].unitId', rule: 'matches' }),
          { field: 'units[2].name', rule: 'minLength', message: 'Kolom units[2].name paling sedikit 1 karakter.' },
        ]),
      );
      const twice = await batch({ units: [units[0], { unitId: 'dinsos', name: 'Dinas Sosial', kind: 'skpd' }, units[0]] }).expect(400);
      expect(twice.body.errors).toEqual([{ field: 'units[2].unitId', rule: 'unique', message: 'Kolom units[2].unitId tercantum lebih dari sekali.' }]);
      const tooMany = await batch({ units: Array.from({ length: 501 }, (_, i) => ({ unitId: `u-${i}`, name: `U ${i}`, kind: 'uptd' })) }).expect(400);
      expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'units', rule: 'arrayMaxSize' })]);
      const empty = await batch({ units: [] }).expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'units', rule: 'arrayMinSize' })]);
      expect(await eventsOf(`units-${tenantId}`)).toBe(before);
    });

    it('refuses the whole list when one unit breaks a rule, naming the unit', async () => {
      const before = await eventsOf(`units-${tenantId}`);
      const orphan = await batch({
        units: [
          { unitId: 'dinsos', name: 'Dinas Sosial', kind: 'skpd' },
          { unitId: 'uptd-lab', name: 'UPTD Laboratorium', kind: 'uptd', parentUnitId: 'dinas-lain' },
        ],
      }).expect(409);
      expect(orphan.body).toMatchObject({ code: 'UNIT.PARENT_NOT_REGISTERED', details: { field: 'units[1]', index: 1, parentUnitId: 'dinas-lain' } });
      expect(await eventsOf(`units-${tenantId}`)).toBe(before);
    });

    it('lets only the admin register', async () => {
      await batch({ units }, lead).expect(403);
    });
  });

  describe('PUT /cycles/{cycleId}/units', () => {
    const assign = (body: object, as: Headers = admin) => http().put(`/cycles/${cycleId}/units`).set(as).send(body);
    const lokus = [
      { unitId: oneByOne, evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-1' },
      { unitId: atOnce, evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-1' },
    ];

    it('refuses bad input naming units[i].field, and a lead outside the evaluators naming the unit; assigns nothing', async () => {
      const bad = await assign({ units: [lokus[0], { unitId: 'dinkes', evaluatorIds: [], leadEvaluatorId: 'dev evaluator' }] }).expect(400);
      expect(bad.body.errors).toHaveLength(2);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'units[1].evaluatorIds', rule: 'arrayMinSize', message: 'Kolom units[1].evaluatorIds paling sedikit berisi 1 butir.' },
          expect.objectContaining({ field: 'units[1].leadEvaluatorId', rule: 'matches' }),
        ]),
      );
      const twice = await assign({ units: [lokus[0], lokus[0]] }).expect(400);
      expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'units[1].unitId', rule: 'unique' })]);
      const lead = await assign({ units: [lokus[0], { unitId: 'dinkes', evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-2' }] }).expect(409);
      expect(lead.body).toMatchObject({ code: 'CYCLE.LEAD_NOT_AN_EVALUATOR', details: { field: 'units[1]', index: 1 } });
      const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
      expect(body.units).toEqual([]);
    });

    it('assigns the unit lokus in one command on the cycle stream, and a repeat appends nothing', async () => {
      const first = await assign({ units: [...lokus, { unitId: 'dinkes', evaluatorIds: ['dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-2' }] }).expect(
        200,
      );
      expect(first.body).toMatchObject({ streamId: `cycle-${tenantId}/${cycleId}`, appended: 3 });
      const again = await assign({ units: lokus }).expect(200);
      expect(again.body).toMatchObject({ appended: 0 });
      const assigned = (await envelopeUnits(first.body.streamId)).filter(({ payload }) => payload !== null);
      expect(assigned.map(({ envelope }) => envelope)).toEqual([oneByOne, atOnce, 'dinkes']);
      await eventually(async () => {
        const { body } = await http().get(`/cycles/${cycleId}`).set(admin).expect(200);
        expect(body.units.map((unit: { unitId: string }) => unit.unitId).sort()).toEqual([oneByOne, atOnce, 'dinkes'].sort());
        expect(body.units).toContainEqual(expect.objectContaining({ unitId: 'dinkes', unitName: 'Dinas Kesehatan', leadEvaluatorId: 'dev-evaluator-2' }));
      });
    });

    it('lets only the admin assign', async () => {
      await assign({ units: lokus }, lead).expect(403);
    });
  });

  describe('PUT …/assessment/scores', () => {
    const scores = (unitId: string, body: object, as: Headers = lead) => http().put(assessment(unitId, '/scores')).set(as).send(body);
    const scoreOf = async (unitId: string) => (await http().get(`/cycles/${cycleId}/units/${unitId}/score`).set(admin).expect(200)).body;

    beforeAll(async () => {
      for (const unitId of [oneByOne, atOnce]) {
        const operator = await bearer('operator-disdukcapil', { tenantId, unitId });
        await http()
          .put(assessment(unitId, '/draft'))
          .set(operator)
          .send({ answers: codes.map((indicatorCode) => ({ indicatorCode, score: 4, justification: 'sudah tersedia' })) })
          .expect(200);
        await http().post(assessment(unitId, '/submit')).set(operator).expect(200);
      }
    });

    it('30 scores in one call append 30 indicatorScored and give the same IPP as 30 single calls', async () => {
      for (const { indicatorCode, score, note } of sheet) {
        await http()
          .put(assessment(oneByOne, `/scores/${indicatorCode}`))
          .set(lead)
          .send({ score, note })
          .expect(200);
      }
      const { body } = await scores(atOnce, { scores: sheet }).expect(200);
      expect(body).toMatchObject({ streamId: `assessment-${tenantId}/${cycleId}/${atOnce}`, appended: 30 });
      const [single, bulk] = await eventually(async () => {
        const both = [await scoreOf(oneByOne), await scoreOf(atOnce)];
        both.forEach((score) => expect(score.complete).toBe(true));
        return both;
      });
      expect(bulk.indicators).toHaveLength(30);
      expect({ ipp: bulk.ipp, aspects: bulk.aspects, indicators: bulk.indicators, category: bulk.category }).toEqual({
        ipp: single.ipp,
        aspects: single.aspects,
        indicators: single.indicators,
        category: single.category,
      });
    });

    it('appends only the changed scores: none for the same sheet, one for one change', async () => {
      expect((await scores(atOnce, { scores: sheet }).expect(200)).body).toMatchObject({ appended: 0 });
      const changed = sheet.map((mark, i) => (i === 4 ? { ...mark, score: (mark.score + 1) % 6, note: 'dikoreksi setelah visitasi' } : mark));
      expect((await scores(atOnce, { scores: changed }).expect(200)).body).toMatchObject({ appended: 1 });
    });

    it("lets the admin enter an assigned evaluator's sheet, recorded as that evaluator's marks by the admin", async () => {
      const { body } = await scores(atOnce, { evaluatorId: 'dev-evaluator-2', scores: sheet.slice(0, 3) }, admin).expect(200);
      expect(body.appended).toBe(3);
      const { rows } = await db.pool.query(
        `SELECT payload, metadata FROM events WHERE stream_id = $1 AND event_type = 'IndicatorScored' ORDER BY global_position DESC LIMIT 3`,
        [body.streamId],
      );
      expect(rows.map((row) => row.payload.evaluatorId)).toEqual(['dev-evaluator-2', 'dev-evaluator-2', 'dev-evaluator-2']);
      expect(rows.every((row) => row.metadata.actorRole === 'admin')).toBe(true);
      await eventually(async () => {
        const { body: read } = await http().get(assessment(atOnce)).set(admin).expect(200);
        expect(JSON.stringify(read)).toContain('dev-evaluator-2');
      });
      const notAssigned = await scores(atOnce, { evaluatorId: 'dev-evaluator-9', scores: sheet.slice(0, 1) }, admin).expect(409);
      expect(notAssigned.body.code).toBe('ASSESSMENT.EVALUATOR_NOT_ASSIGNED');
    });

    it("refuses an evaluator entering another evaluator's scores", async () => {
      const { body } = await scores(atOnce, { evaluatorId: 'dev-evaluator-1', scores: sheet.slice(0, 1) }, second).expect(409);
      expect(body.code).toBe('ASSESSMENT.SCORES_OF_ANOTHER_EVALUATOR');
    });

    it('refuses bad input naming scores[i].field in Indonesian, all or nothing', async () => {
      const streamId = `assessment-${tenantId}/${cycleId}/${atOnce}`;
      const before = await eventsOf(streamId);
      const bad = await scores(atOnce, {
        scores: [sheet[0], sheet[1], sheet[2], { ...sheet[3], score: 6 }, { ...sheet[4], note: '   ' }],
      }).expect(400);
      expect(bad.body.errors).toEqual([
        { field: 'scores[3].score', rule: 'max', message: 'Kolom scores[3].score paling besar 5.' },
        { field: 'scores[4].note', rule: 'notBlank', message: 'Kolom scores[4].note wajib diisi; spasi saja tidak cukup.' },
      ]);
      const twice = await scores(atOnce, { scores: [sheet[0], sheet[1], { ...sheet[0], score: 1 }] }).expect(400);
      expect(twice.body.errors).toEqual([
        { field: 'scores[2].indicatorCode', rule: 'unique', message: 'Kolom scores[2].indicatorCode tercantum lebih dari sekali.' },
      ]);
      const unknown = await scores(atOnce, { scores: [sheet[0], { ...sheet[1], indicatorCode: '99.z.Xx' }] }).expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'scores[1].indicatorCode', rule: 'known', message: 'Nilai kolom scores[1].indicatorCode tidak dikenal.' }]);
      const tooMany = await scores(atOnce, { scores: [...sheet, { indicatorCode: 'info.antrian', score: 3, note: 'x' }] }).expect(400);
      expect(tooMany.body.errors).toEqual([{ field: 'scores', rule: 'arrayMaxSize', message: 'Kolom scores paling banyak berisi 30 butir.' }]);
      const empty = await scores(atOnce, { scores: [] }).expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'scores', rule: 'arrayMinSize' })]);
      expect(await eventsOf(streamId)).toBe(before);
    });

    it('refuses scores for a unit not yet submitted with a 409 and its code', async () => {
      const { body } = await scores('dinkes', { scores: sheet.slice(0, 2) }, second).expect(409);
      expect(body.code).toBe('ASSESSMENT.NOT_SUBMITTED');
    });
  });
});
