import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { shippedRulesets } from '../src/evaluation/domain';
import { evaluationDatabase } from '../src/migrations';

type Headers = { Authorization: string };

const newestShipped = (id: string) => Math.max(...shippedRulesets.filter((ruleset) => ruleset.id === id).map((ruleset) => ruleset.version));
const OWN_PEKPPP = newestShipped('pekppp-2023') + 1;
const OWN_KODE_B = newestShipped('pekppp-2023-kode-b') + 1;
const WINDOW_2026 = { windowStart: '2026-01-01', windowEnd: '2099-12-31', selfAssessmentDue: '2099-12-30' };
const WINDOW_2027 = { windowStart: '2027-01-01', windowEnd: '2099-12-31', selfAssessmentDue: '2099-12-30' };

describe("copying a cycle's instrument to the next period on PostgreSQL and Kafka", () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Headers;
  let otherAdmin: Headers;
  const previous = randomUUID();
  const http = () => request(app.getHttpServer());
  const cycleOf = async (cycleId: string) => (await http().get(`/cycles/${cycleId}`).set(admin).expect(200)).body;

  /** The tenant's own revision of a ruleset: the document as read, one level text reworded, under a new version. */
  async function publishRevision(rulesetId: string, fromVersion: number, version: number, levelText: string): Promise<void> {
    const { body: document } = await http().get(`/rulesets/${rulesetId}/versions/${fromVersion}`).set(admin).expect(200);
    const [first, ...rest] = document.aspects;
    const [indicator, ...others] = first.indicators;
    const reworded = { ...indicator, descriptors: [...indicator.descriptors.slice(0, 5), levelText] };
    const ruleset = { ...document, version, aspects: [{ ...first, indicators: [reworded, ...others] }, ...rest] };
    await http().post('/rulesets').set(admin).send({ reason: 'uraian level versi Pemda', ruleset }).expect(201);
    await eventually(async () => {
      const { body } = await http().get(`/rulesets/${rulesetId}/versions/${version}`).set(admin).expect(200);
      expect(body.aspects[0].indicators[0].descriptors[5]).toBe(levelText);
    });
  }

  beforeAll(async () => {
    [admin, otherAdmin] = await Promise.all([bearer('admin-orpeg', { tenantId }), bearer('admin-banjar', { tenantId: `other-${tenantId}` })]);
    db = await createTestDatabase([], 'pantau_eval_copy');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, database: evaluationDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `int-copy-${randomUUID().slice(0, 8)}.` },
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("opens the previous period's cycle on the tenant's own revision of the level texts", async () => {
    await publishRevision('pekppp-2023', newestShipped('pekppp-2023'), OWN_PEKPPP, 'Inovasi standar pelayanan direplikasi unit lain (versi Pemda)');
    await http()
      .post('/cycles')
      .set(admin)
      .send({
        cycleId: previous,
        name: 'PEKPPP 2026',
        rulesetId: 'pekppp-2023',
        rulesetVersion: OWN_PEKPPP,
        complianceRulesetId: 'ombudsman-2022',
        ...WINDOW_2026,
      })
      .expect(201);
    await eventually(async () =>
      expect(await cycleOf(previous)).toMatchObject({
        ruleset: { id: 'pekppp-2023', version: OWN_PEKPPP },
        kodeBRuleset: { id: 'pekppp-2023-kode-b', version: newestShipped('pekppp-2023-kode-b') },
        complianceRuleset: { id: 'ombudsman-2022', version: 1 },
      }),
    );
  });

  it('opens the next period with exactly the rulesets the previous cycle pinned, not the revisions published since', async () => {
    await publishRevision('pekppp-2023', OWN_PEKPPP, OWN_PEKPPP + 1, 'Uraian level 5 revisi 2027');
    await publishRevision('pekppp-2023-kode-b', newestShipped('pekppp-2023-kode-b'), OWN_KODE_B, 'Uraian Kode B revisi 2027');
    const { body } = await http()
      .post('/cycles')
      .set(admin)
      .send({ name: 'PEKPPP 2027', copyInstrumentFrom: previous, ...WINDOW_2027 })
      .expect(201);
    await eventually(async () =>
      expect(await cycleOf(body.cycleId)).toMatchObject({
        name: 'PEKPPP 2027',
        windowStart: '2027-01-01',
        ruleset: { id: 'pekppp-2023', version: OWN_PEKPPP },
        kodeBRuleset: { id: 'pekppp-2023-kode-b', version: newestShipped('pekppp-2023-kode-b') },
        complianceRuleset: { id: 'ombudsman-2022', version: 1 },
      }),
    );
    // the source cycle keeps what it pinned
    expect(await cycleOf(previous)).toMatchObject({ name: 'PEKPPP 2026', ruleset: { id: 'pekppp-2023', version: OWN_PEKPPP } });
    // while a cycle opened by naming the same revision takes the newest Kode B ruleset
    const { body: named } = await http()
      .post('/cycles')
      .set(admin)
      .send({ name: 'PEKPPP 2027 (tanpa salin)', rulesetId: 'pekppp-2023', rulesetVersion: OWN_PEKPPP, ...WINDOW_2027 })
      .expect(201);
    await eventually(async () => expect(await cycleOf(named.cycleId)).toMatchObject({ kodeBRuleset: { id: 'pekppp-2023-kode-b', version: OWN_KODE_B } }));
  });

  it('refuses a ruleset named beside a copied instrument, naming each field', async () => {
    const { body } = await http()
      .post('/cycles')
      .set(admin)
      .send({ name: 'PEKPPP 2027', copyInstrumentFrom: previous, rulesetId: 'pekppp-2023', complianceRulesetVersion: 1, ...WINDOW_2027 })
      .expect(400);
    expect(body.errors).toEqual([
      {
        field: 'rulesetId',
        rule: 'not-with-copied-instrument',
        message: 'Kolom rulesetId tidak diisi bila copyInstrumentFrom diisi: instrumen diambil dari siklus sumber.',
      },
      {
        field: 'complianceRulesetVersion',
        rule: 'not-with-copied-instrument',
        message: 'Kolom complianceRulesetVersion tidak diisi bila copyInstrumentFrom diisi: instrumen diambil dari siklus sumber.',
      },
    ]);
  });

  it("refuses to copy from a cycle the tenant does not have, another tenant's included, with a 400 naming the field", async () => {
    for (const [as, source] of [
      [admin, randomUUID()],
      [otherAdmin, previous],
    ] as const) {
      const { body } = await http()
        .post('/cycles')
        .set(as)
        .send({ name: 'PEKPPP 2027', copyInstrumentFrom: source, ...WINDOW_2027 })
        .expect(400);
      expect(body).toMatchObject({
        code: 'CYCLE.NOT_FOUND',
        errors: [{ field: 'copyInstrumentFrom', rule: 'known-cycle', message: 'Siklus evaluasi pada kolom copyInstrumentFrom tidak ditemukan.' }],
      });
    }
  });

  it('still needs a ruleset when nothing is copied', async () => {
    const { body } = await http()
      .post('/cycles')
      .set(admin)
      .send({ name: 'PEKPPP 2027', ...WINDOW_2027 })
      .expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'rulesetId' })]);
  });
});
