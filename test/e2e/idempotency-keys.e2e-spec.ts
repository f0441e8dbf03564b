import { randomUUID } from 'node:crypto';
import { eventually } from '@lib/testing';
import { bearer } from '../support/auth';
import { type PlatformUnderTest, type ServiceName, startPlatform } from '../support/platform-under-test';

/*
 * One rule for Idempotency-Key in the three services: a key is the caller's own (another actor's use
 * of the same key is another key), a retry answers the first answer with `duplicate: true` and the
 * Idempotent-Replayed header, and the same key on another command (another stream) is refused with
 * 409 IDEMPOTENCY.KEY_REUSED instead of answering the other command's result and doing nothing.
 */
const RUN = randomUUID().slice(0, 8);
const TENANT = `kota-banjarmasin-${RUN}`;

type Headers = Record<string, string>;

describe('Idempotency-Key: the same rule in every service', () => {
  let platform: PlatformUnderTest;
  let admin: Headers;
  let disdukcapil: Headers;
  let dinkes: Headers;

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId: TENANT });
    disdukcapil = await bearer('operator-disdukcapil', { tenantId: TENANT });
    dinkes = await bearer('operator-dinkes', { tenantId: TENANT });
    platform = await startPlatform(`idem-${RUN}`);
  });

  afterAll(() => platform.stop());

  async function call(service: ServiceName, method: string, path: string, headers: Headers, body?: unknown) {
    const response = await fetch(`${platform.urls[service]}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed'),
      body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
  }

  const withKey = (headers: Headers, key: string): Headers => ({ ...headers, 'Idempotency-Key': key });

  async function openCycle(cycleId?: string, key?: string) {
    const headers = key ? withKey(admin, key) : admin;
    return call('evaluation', 'POST', '/cycles', headers, {
      ...(cycleId ? { cycleId } : {}),
      name: 'PEKPPP uji kunci',
      rulesetId: 'pekppp-2023',
      rulesetVersion: 1,
      windowStart: '2020-01-01',
      windowEnd: '2099-12-31',
      selfAssessmentDue: '2099-12-30',
    });
  }

  it('evaluation: a retried cycle opening answers the first cycle, and the key on another cycle is refused with 409', async () => {
    const key = `open-${randomUUID()}`;
    const first = await openCycle(undefined, key);
    expect(first.status).toBe(201);
    const retried = await openCycle(undefined, key);
    expect(retried).toMatchObject({ status: 201, replayed: 'true', body: { cycleId: first.body.cycleId, duplicate: true, appended: 0 } });

    const reused = await openCycle(randomUUID(), key);
    expect(reused).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
  });

  it('survey: the key of one SKM period reused on another period is refused with 409, and a retry replays', async () => {
    const key = `skm-${randomUUID()}`;
    const q1 = await call('survey', 'POST', '/units/disdukcapil/skm-surveys/quarter/2026-01-01', withKey(disdukcapil, key), { periodEnd: '2026-03-31' });
    expect(q1.status).toBeLessThan(300);
    const retried = await call('survey', 'POST', '/units/disdukcapil/skm-surveys/quarter/2026-01-01', withKey(disdukcapil, key), { periodEnd: '2026-03-31' });
    expect(retried).toMatchObject({ replayed: 'true', body: { duplicate: true } });
    const q2 = await call('survey', 'POST', '/units/disdukcapil/skm-surveys/quarter/2026-04-01', withKey(disdukcapil, key), { periodEnd: '2026-06-30' });
    expect(q2).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
  });

  it("request: another unit's operator with the same key gets its own request, never the first one's", async () => {
    for (const [serviceId, unitId] of [
      [`ktp-${RUN}`, 'disdukcapil'],
      [`imunisasi-${RUN}`, 'dinkes'],
    ]) {
      const published = await call('request', 'POST', '/service-standards', admin, {
        serviceId,
        unitId,
        name: `Layanan ${serviceId}`,
        components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: ['website'] })),
        completionWorkingDays: 3,
        costRupiah: 0,
        requirements: ['ktp-el'],
        product: 'Dokumen',
        effectiveAt: '2026-01-01T00:00:00+07:00',
      });
      expect(published.status).toBe(201);
    }
    const key = `submit-${randomUUID()}`;
    const submit = (headers: Headers, serviceId: string) =>
      call('request', 'POST', '/requests', withKey(headers, key), { serviceId, suppliedRequirements: ['ktp-el'] });
    // the standards reach the read table the submission checks a moment after they are published
    const first = await eventually(async () => {
      const answer = await submit(disdukcapil, `ktp-${RUN}`);
      expect(answer.status).toBe(201);
      return answer;
    });
    const second = await eventually(async () => {
      const answer = await submit(dinkes, `imunisasi-${RUN}`);
      expect(answer.status).toBe(201);
      return answer;
    });
    expect(second.body).toMatchObject({ unitId: 'dinkes', duplicate: false });
    expect(second.body.requestId).not.toEqual(first.body.requestId);
    expect(second.body.trackingCode).not.toEqual(first.body.trackingCode);
    const retried = await submit(disdukcapil, `ktp-${RUN}`);
    expect(retried).toMatchObject({ status: 201, replayed: 'true', body: { requestId: first.body.requestId, duplicate: true } });
  });

  it("survey: a citizen's F-03 key must be a random UUID, and never becomes the response id", async () => {
    // F-03 opens only for a unit lokus of a cycle the evaluation service announced to the survey service
    const cycleId = randomUUID();
    expect((await openCycle(cycleId)).status).toBe(201);
    const lokus = { evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' };
    expect((await call('evaluation', 'PUT', `/cycles/${cycleId}/units/disdukcapil`, admin, lokus)).status).toBe(200);
    await eventually(
      async () => {
        const opened = await call('survey', 'POST', `/f03-collections/${cycleId}/disdukcapil`, admin, {});
        expect(opened.status).toBe(201);
      },
      { timeoutMs: 30_000 },
    );
    const form = `/public/tenants/${TENANT}/f03/${cycleId}/disdukcapil/responses`;
    const items = Array.from({ length: 14 }, (_, i) => ({ item: i + 1, score: 4 }));
    const guessable = await call('survey', 'POST', form, { 'Idempotency-Key': 'response-1' }, { items });
    expect(guessable).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'Idempotency-Key' })] } });

    const key = randomUUID();
    const answered = await call('survey', 'POST', form, { 'Idempotency-Key': key }, { items });
    expect(answered.status).toBeLessThan(300);
    const retried = await call('survey', 'POST', form, { 'Idempotency-Key': key }, { items });
    expect(retried).toMatchObject({ replayed: 'true', body: { duplicate: true } });
    const { rows } = await platform.databases.survey.pool.query<{ payload: { responseId: string } }>(
      `SELECT payload FROM events WHERE event_type = 'F03ResponseRecorded'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.responseId).not.toContain(key);
  });
});
