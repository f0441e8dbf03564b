import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { applicationDatabaseUrl, createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import { Client } from 'pg';
import request from 'supertest';
import { BackgroundWorkers, Clock } from '@lib/platform';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { RequestConfig } from '../src/config';
import { requestDatabase } from '../src/migrations';
import { SlaBreachScanner } from '../src/request/commands/sla-breach-scan.task';

describe('request service over HTTP, PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const serviceId = `ktp-el-${randomUUID().slice(0, 8)}`;
  let officer: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  const standard = {
    serviceId,
    unitId,
    name: 'Penerbitan KTP-el',
    components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: i < 6 ? ['website'] : [] })),
    completionWorkingDays: 3,
    costRupiah: 0,
    requirements: ['kartu-keluarga', 'surat-pengantar'],
    product: 'KTP-el',
    effectiveAt: '2026-01-01T00:00:00+07:00',
  };

  const ACTOR_COLUMNS = `metadata->>'actorId' AS actor_id, metadata->>'actorRole' AS actor_role`;
  const PUBLIC_ACTOR_ROW = { actor_id: 'public', actor_role: 'public' };
  const eventCount = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM events`)).rows[0].n as number;

  // The relay publishes to this run's own topic (KAFKA_TOPIC_PREFIX), which the test reads from the beginning.
  const topicPrefix = `req-int-${randomUUID().slice(0, 8)}.`;

  beforeAll(async () => {
    officer = await bearer('operator-disdukcapil', { tenantId, unitId });
    db = await createTestDatabase([], 'pantau_req');
    app = await startService(
      { name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: topicPrefix, KAFKA_TOPIC_PREFIX: topicPrefix },
    );
    // Due dates depend on the working-day calendar of the day: a fixed Monday keeps them inside the
    // calendar's years whatever the real date is.
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date('2026-11-23T02:00:00.000Z'));
    const published = await http().post('/service-standards').set(officer).send(standard).expect(201);
    expect(published.body).toMatchObject({ serviceId, revision: 1, completeness: { complete: true } });
    await eventually(() => http().get(`/service-standards/${serviceId}`).set(officer).expect(200), { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  async function submit(headers: Record<string, string> = {}) {
    const response = await http()
      .post('/requests')
      .set({ ...officer, ...headers })
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga', 'surat-pengantar'] })
      .expect(201);
    return response.body as { requestId: string; trackingCode: string; status: string; dueDate: string };
  }

  it('submits, processes and completes a request, publishing each event with its envelope to Kafka', async () => {
    const correlationId = randomUUID();
    const submitted = await submit({ 'X-Correlation-Id': correlationId });
    expect(submitted).toMatchObject({ status: 'submitted', unitId, trackingCode: expect.stringMatching(/^PTN-[0-9A-Z]{12}$/) });
    expect(submitted.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await http().post(`/requests/${submitted.requestId}/start-processing`).set(officer).expect(200);
    const completed = await http().post(`/requests/${submitted.requestId}/complete`).set(officer).expect(200);
    expect(completed.body).toMatchObject({ requestId: submitted.requestId, status: 'completed', version: 3 });

    const status = await eventually(async () => {
      const response = await http().get(`/public/requests/${submitted.trackingCode}`).expect(200);
      expect(response.body.status).toBe('completed');
      return response.body;
    });
    expect(status).toMatchObject({ serviceId, metStandard: true, paused: false, overdue: false });
    expect(status).not.toHaveProperty('requestId');

    const streamId = `request-${submitted.requestId}`;
    const messages = (
      await readTopic(testKafka(), `${topicPrefix}${topics.request}`, (read) => read.filter((m) => m.headers['stream-id'] === streamId).length >= 3)
    ).filter((m) => m.headers['stream-id'] === streamId);
    expect(messages.map((m) => m.headers['event-type'])).toEqual(['RequestSubmitted', 'RequestProcessingStarted', 'RequestCompleted']);
    expect(messages.map((m) => m.key)).toEqual([streamId, streamId, streamId]);
    expect(messages[0].headers).toMatchObject({
      'tenant-id': tenantId,
      'unit-id': unitId,
      'correlation-id': correlationId,
      'actor-id': 'dev-operator-disdukcapil',
      'actor-role': 'skpd-operator',
    });
    expect(requestCodec.decode(messages[2].value)).toMatchObject({ $case: 'requestCompleted', value: { requestId: submitted.requestId, metStandard: true } });

    const figures = await eventually(async () => {
      const response = await http().get(`/figures?unitId=${unitId}`).set(officer).expect(200);
      expect(response.body.items[0].requests.completed).toBe(1);
      return response.body;
    });
    expect(figures).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(figures.items[0].requests).toMatchObject({ slaCompliancePercent: 100, open: 0, overdue: 0 });
  });

  it('tells a citizen the status of a request from a tracking code sent in the body, never in the URL', async () => {
    const { trackingCode } = await submit();
    const status = await eventually(async () => (await http().post('/public/requests/lookup').send({ trackingCode }).expect(200)).body);
    expect(status).toMatchObject({ trackingCode, serviceId, status: 'submitted' });
    expect(status).not.toHaveProperty('requestId');
    const unknown = await http().post('/public/requests/lookup').send({ trackingCode: 'PTN-000000000000' }).expect(404);
    expect(unknown.body.code).toBe('REQUEST.NOT_FOUND');
    const malformed = await http().post('/public/requests/lookup').send({ trackingCode: 'ptn 1' }).expect(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['trackingCode']);
  });

  it('answers an illegal transition with 409 and the domain code', async () => {
    const { requestId } = await submit();
    const response = await http().post(`/requests/${requestId}/complete`).set(officer).expect(409);
    expect(response.body).toMatchObject({
      code: 'REQUEST.NOT_IN_PROCESS',
      status: 409,
      title: 'Permohonan ini tidak sedang diproses.',
      correlationId: expect.any(String),
    });
    await http().post(`/requests/${randomUUID()}/complete`).set(officer).expect(404);
  });

  it.each([
    ['a submission without a service', '/requests', { suppliedRequirements: [] }, 'serviceId'],
    ['a submission with an unknown property', '/requests', { serviceId, suppliedRequirements: [], priority: 1 }, 'priority'],
    ['a standard with a negative completion time', '/service-standards', { ...standard, completionWorkingDays: -1 }, 'completionWorkingDays'],
    [
      'a standard with an unknown channel',
      '/service-standards',
      { ...standard, components: [{ number: 1, content: 'x', publishedOn: ['fax'] }] },
      'components[0].publishedOn',
    ],
    [
      'a complaint with a malformed reporter e-mail',
      '/complaints',
      { unitId, channel: 'web', category: 'grievance', subject: 's', description: 'd', reporter: { name: 'Budi', email: 'not-an-email' } },
      'reporter.email',
    ],
    [
      'a complaint on an unknown channel',
      '/complaints',
      { unitId, channel: 'fax', category: 'grievance', subject: 's', description: 'd', reporter: { name: 'B' } },
      'channel',
    ],
  ])('refuses %s with a 400 naming the field', async (_name, path, body, field) => {
    const response = await http().post(path).set(officer).send(body).expect(400);
    expect(response.body.code).toBe('INPUT.INVALID');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a command without a token with 401 and the caller headers of old with 401 too', async () => {
    const response = await http().post('/requests').send({ serviceId, suppliedRequirements: [] }).expect(401);
    expect(response.body).toMatchObject({ code: 'AUTH.MISSING_TOKEN', status: 401 });
    const headers = { 'X-Tenant-Id': tenantId, 'X-Actor-Id': 'officer-1', 'X-Actor-Role': 'admin' };
    await http().post('/requests').set(headers).send({ serviceId, suppliedRequirements: [] }).expect(401);
  });

  it('answers a repeated Idempotency-Key with the first answer and appends nothing', async () => {
    const key = `submit-${randomUUID()}`;
    const first = await http()
      .post('/requests')
      .set({ ...officer, 'Idempotency-Key': key })
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga'] })
      .expect(201);
    const before = await eventCount();
    const second = await http()
      .post('/requests')
      .set({ ...officer, 'Idempotency-Key': key })
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga'] })
      .expect(201);
    expect(second.body).toEqual({ ...first.body, appended: 0, duplicate: true });
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before);

    const rejectKey = `reject-${randomUUID()}`;
    const rejected = await http()
      .post(`/requests/${first.body.requestId}/reject`)
      .set({ ...officer, 'Idempotency-Key': rejectKey })
      .send({ reason: 'incomplete' })
      .expect(200);
    const again = await http()
      .post(`/requests/${first.body.requestId}/reject`)
      .set({ ...officer, 'Idempotency-Key': rejectKey })
      .send({ reason: 'incomplete' })
      .expect(200);
    expect(again.body).toEqual({ ...rejected.body, appended: 0, duplicate: true });
    expect(await eventCount()).toBe(before + 1);
  });

  it('runs a LAPOR! complaint to resolution keeping the reporter out of the event log', async () => {
    const received = await http()
      .post('/complaints')
      .set(officer)
      .send({
        unitId,
        channel: 'lapor',
        laporReference: 'LAPOR-123',
        category: 'grievance',
        subject: 'Antrian',
        description: 'Lama',
        reporter: { name: 'Siti Aminah', email: 'siti@example.id' },
      })
      .expect(201);
    const { complaintId, reporterRef } = received.body;
    expect(received.body).toMatchObject({ status: 'received', reporterRef: expect.any(String) });
    await http().post(`/complaints/${complaintId}/verify`).set(officer).send({ outcome: 'verified', note: '' }).expect(200);
    await http().post(`/complaints/${complaintId}/respond`).set(officer).send({ response: 'x' }).expect(409);
    await http().post(`/complaints/${complaintId}/assign`).set(officer).send({ unitId }).expect(200);
    await http().post(`/complaints/${complaintId}/respond`).set(officer).send({ response: 'Loket ditambah' }).expect(200);
    const resolved = await http().post(`/complaints/${complaintId}/resolve`).set(officer).expect(200);
    expect(resolved.body.status).toBe('resolved');
    await http().post(`/public/complaints/${complaintId}/reopen`).send({ reporterRef: randomUUID(), reason: 'belum' }).expect(409);

    const stored = await db.pool.query(`SELECT name, email FROM complaint_reporters WHERE reporter_ref = $1`, [reporterRef]);
    expect(stored.rows).toEqual([{ name: 'Siti Aminah', email: 'siti@example.id' }]);
    const leaked = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE payload::text ILIKE '%siti%' OR metadata::text ILIKE '%siti%'`);
    expect(leaked.rows[0].n).toBe(0);

    const figures = await eventually(async () => {
      const response = await http().get(`/figures?unitId=${unitId}`).set(officer).expect(200);
      expect(response.body.items[0].complaints.resolved).toBe(1);
      return response.body.items[0].complaints;
    });
    expect(figures).toMatchObject({ receivedViaLapor: 1, resolvedViaLapor: 1, laporResolvedPercent: 100, resolvedWithinDeadlinePercent: 100 });
  });

  it('flags a request past its due date once, however often the scanner runs', async () => {
    const requestId = randomUUID();
    const store = app.get<EventStore<RequestEvent>>(EventStore);
    const late: RequestEvent = {
      $case: 'requestSubmitted',
      value: {
        requestId,
        serviceId,
        unitId,
        trackingCode: `LATE-${requestId.slice(0, 8).toUpperCase()}`,
        standardRevision: 1,
        completionWorkingDays: 3,
        dueDate: '2026-01-08',
        submittedAt: '2026-01-05T02:00:00.000Z',
        requirements: [],
        calendarId: 'id-2025-2026',
        dueDateProvisional: false,
      },
    };
    await store.append(`request-${requestId}`, 0, [late], {
      correlationId: randomUUID(),
      tenantId,
      unitId,
      actor: { id: 'test', role: 'system' },
      occurredAt: late.value.submittedAt,
    });
    await eventually(async () => expect((await db.pool.query(`SELECT 1 FROM requests_v1 WHERE request_id = $1`, [requestId])).rowCount).toBe(1));

    const scanner = app.get(SlaBreachScanner);
    await scanner.scanOnce();
    await scanner.scanOnce(); // the projection may still show it unflagged; the decider makes the repeat a no-op
    const breaches = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND event_type = 'RequestSlaBreached'`, [
      `request-${requestId}`,
    ]);
    expect(breaches.rows[0].n).toBe(1);
    await eventually(async () => {
      const response = await http().get(`/public/requests/${late.value.trackingCode}`).expect(200);
      expect(response.body).toMatchObject({ status: 'submitted', overdue: true });
    });
  });

  it('flags a complaint past its status and resolution deadlines once each', async () => {
    const complaintId = randomUUID();
    const store = app.get<EventStore<RequestEvent>>(EventStore);
    const received: RequestEvent = {
      $case: 'complaintReceived',
      value: {
        complaintId,
        unitId,
        channel: 'COMPLAINT_CHANNEL_WEB' as never,
        category: 'COMPLAINT_CATEGORY_GRIEVANCE' as never,
        laporReference: '',
        subject: 'Lama',
        description: '',
        receivedAt: '2026-01-05T02:00:00.000Z',
        statusDueDate: '2026-01-08',
        resolutionDueDate: '2026-01-12',
        ruleset: 'complaints-2018@1',
        provisional: true,
        reporterRef: randomUUID(),
        calendarId: 'id-2025-2026',
        deadlinesProvisional: false,
      },
    };
    await store.append(`complaint-${complaintId}`, 0, [received], {
      correlationId: randomUUID(),
      tenantId,
      unitId,
      actor: { id: 'test', role: 'system' },
      occurredAt: '2026-01-05T02:00:00.000Z',
    });
    await eventually(async () => expect((await db.pool.query(`SELECT 1 FROM complaints_v1 WHERE complaint_id = $1`, [complaintId])).rowCount).toBe(1));

    const scanner = app.get(SlaBreachScanner);
    await scanner.scanOnce();
    await scanner.scanOnce();
    const { rows } = await db.pool.query(
      `SELECT payload->>'kind' AS kind FROM events WHERE stream_id = $1 AND event_type = 'ComplaintDeadlineBreached' ORDER BY stream_version`,
      [`complaint-${complaintId}`],
    );
    expect(rows.map((r) => r.kind)).toEqual(['COMPLAINT_DEADLINE_KIND_STATUS', 'COMPLAINT_DEADLINE_KIND_RESOLUTION']);
    // Once the projection shows both flags, the scanner no longer picks the complaint up.
    await eventually(async () =>
      expect((await db.pool.query(`SELECT deadline_breaches FROM complaints_v1 WHERE complaint_id = $1`, [complaintId])).rows[0].deadline_breaches).toBe(2),
    );
    const before = await eventCount();
    expect(await scanner.scanOnce()).toEqual({ requests: 0, complaints: 0 });
    expect(await eventCount()).toBe(before);
  });

  it('answers a repeated complaint submission once and keeps one reporter row', async () => {
    const key = `complaint-${randomUUID()}`;
    const body = { unitId, channel: 'web', category: 'information-request', subject: 'Jam buka', description: '', reporter: { name: 'Andi Wijaya' } };
    const first = await http()
      .post('/complaints')
      .set({ ...officer, 'Idempotency-Key': key })
      .send(body)
      .expect(201);
    const second = await http()
      .post('/complaints')
      .set({ ...officer, 'Idempotency-Key': key })
      .send(body)
      .expect(201);
    expect(second.body).toEqual({ ...first.body, appended: 0, duplicate: true });
    const reporters = await db.pool.query(`SELECT count(*)::int AS n FROM complaint_reporters WHERE name = 'Andi Wijaya'`);
    expect(reporters.rows[0].n).toBe(1);
    const reused = await http()
      .post(`/complaints/${first.body.complaintId}/verify`)
      .set({ ...officer, 'Idempotency-Key': key })
      .send({ outcome: 'verified', note: '' });
    expect(reused.status).toBe(200); // same key on the same stream returns the first answer
    const elsewhere = await http()
      .post('/requests')
      .set({ ...officer, 'Idempotency-Key': key })
      .send({ serviceId, suppliedRequirements: [] })
      .expect(409);
    expect(elsewhere.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it("hides another tenant's requests and standards", async () => {
    const { requestId } = await submit();
    const stranger = await bearer('operator-disdukcapil', { tenantId: `other-${randomUUID().slice(0, 8)}`, unitId });
    const response = await http().post(`/requests/${requestId}/start-processing`).set(stranger).expect(404);
    expect(response.body.code).toBe('REQUEST.NOT_FOUND');
    await http().get(`/service-standards/${serviceId}`).set(stranger).expect(404);
    await http().post('/requests').set(stranger).send({ serviceId, suppliedRequirements: [] }).expect(409);
  });

  it('lets every tenant publish a standard under a service id another tenant uses, without learning of it', async () => {
    const stranger = await bearer('operator-disdukcapil', { tenantId: `other-${randomUUID().slice(0, 8)}`, unitId });
    const own = await http()
      .post('/service-standards')
      .set(stranger)
      .send({ ...standard, name: 'Layanan tenant lain' })
      .expect(201);
    expect(own.body).toMatchObject({ serviceId, unitId, revision: 1 });
    await eventually(async () => {
      const theirs = await http().get(`/service-standards/${serviceId}`).set(stranger).expect(200);
      expect(theirs.body.name).toBe('Layanan tenant lain');
    });
    const ours = await http().get(`/service-standards/${serviceId}`).set(officer).expect(200);
    expect(ours.body.name).toBe(standard.name);
  });

  it('rebuilds every projection to the same rows (replay is idempotent)', async () => {
    const workers = app.get(BackgroundWorkers);
    const snapshot = async () =>
      Promise.all(
        ['service_standards_v1 ORDER BY service_id', 'requests_v1 ORDER BY request_id', 'complaints_v1 ORDER BY complaint_id'].map(
          async (table) => (await db.pool.query(`SELECT * FROM ${table}`)).rows,
        ),
      );
    await Promise.all(workers.projectors.map((projector) => projector.catchUp()));
    const before = await snapshot();
    for (const projector of workers.projectors) await projector.rebuild();
    expect(await snapshot()).toEqual(before);
  });

  it('documents the endpoints in OpenAPI', async () => {
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/requests', '/public/requests/{trackingCode}', '/service-standards', '/public/complaints/{complaintId}/reopen', '/figures']),
    );
    expect(docs.body.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
    expect(docs.body.paths['/requests'].post.security).toEqual([{ bearer: [] }]);
    expect(docs.body.paths['/public/requests/{trackingCode}'].get.security).toBeUndefined();
  });

  it('pauses a returned request and resumes it on resubmission', async () => {
    const response = await http()
      .post('/requests')
      .set(officer)
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga'] })
      .expect(201);
    const { requestId, trackingCode } = response.body;
    const refused = await http().post(`/requests/${requestId}/start-processing`).set(officer).expect(409);
    expect(refused.body.code).toBe('REQUEST.MISSING_REQUIREMENTS');
    const returned = await http()
      .post(`/requests/${requestId}/return`)
      .set(officer)
      .send({ missingRequirements: ['surat-pengantar'], note: 'lengkapi' })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', missingRequirements: ['surat-pengantar'] });
    await eventually(async () =>
      expect((await http().get(`/public/requests/${trackingCode}`).expect(200)).body).toMatchObject({ status: 'returned', paused: true }),
    );
    const resubmitted = await http()
      .post(`/requests/${requestId}/resubmit`)
      .set(officer)
      .send({ suppliedRequirements: ['surat-pengantar'] })
      .expect(200);
    expect(resubmitted.body.status).toBe('submitted');
    await http().post(`/requests/${requestId}/start-processing`).set(officer).expect(200);
    await eventually(async () =>
      expect((await http().get(`/public/requests/${trackingCode}`).expect(200)).body).toMatchObject({ status: 'in-process', paused: false }),
    );
    const listed = await http().get(`/requests?unitId=${unitId}&status=in-process&limit=1`).set(officer).expect(200);
    expect(listed.body).toMatchObject({ limit: 1, offset: 0, items: [{ requestId, status: 'in-process' }] });
  });

  it('revises a standard; later submissions follow the new completion time', async () => {
    const revised = await http()
      .put(`/service-standards/${serviceId}`)
      .set(officer)
      .send({ ...standard, serviceId: undefined, completionWorkingDays: 5, reason: 'tambah verifikasi', effectiveAt: '2026-02-01T00:00:00+07:00' })
      .expect(200);
    expect(revised.body).toMatchObject({ serviceId, revision: 2 });
    const noChange = await http()
      .put(`/service-standards/${serviceId}`)
      .set(officer)
      .send({ ...standard, serviceId: undefined, completionWorkingDays: 5, reason: 'lagi', effectiveAt: '2026-02-01T00:00:00+07:00' })
      .expect(409);
    expect(noChange.body.code).toBe('STANDARD.NO_CHANGE');
    await eventually(async () =>
      expect((await http().get(`/service-standards/${serviceId}`).set(officer).expect(200)).body).toMatchObject({ revision: 2, completionWorkingDays: 5 }),
    );
    const { requestId } = await submit();
    const { rows } = await db.pool.query(`SELECT payload FROM events WHERE stream_id = $1`, [`request-${requestId}`]);
    expect(rows[0].payload).toMatchObject({ standardRevision: 2, completionWorkingDays: 5 });
  });

  it('lists complaints for staff without reporter identity', async () => {
    const received = await http()
      .post('/complaints')
      .set(officer)
      .send({
        unitId,
        channel: 'in-person',
        category: 'grievance',
        subject: 'Antrian',
        description: '',
        reporter: { name: 'Rina', phone: '+62 812 0000 1111' },
      })
      .expect(201);
    const one = await eventually(async () => (await http().get(`/complaints/${received.body.complaintId}`).set(officer).expect(200)).body);
    expect(one).toMatchObject({ status: 'received', channel: 'COMPLAINT_CHANNEL_IN_PERSON', statusDueDate: received.body.statusDueDate });
    expect(JSON.stringify(one)).not.toMatch(/Rina|0000/);
    const page = await http().get(`/complaints?unitId=${unitId}&status=received&limit=10`).set(officer).expect(200);
    expect(page.body.items.map((c: { complaintId: string }) => c.complaintId)).toContain(received.body.complaintId);
  });
  it('records the verified actor of every staff command in the metadata of its events', async () => {
    const { requestId } = await submit();
    await http().post(`/requests/${requestId}/start-processing`).set(officer).expect(200);
    const { rows } = await db.pool.query(`SELECT ${ACTOR_COLUMNS}, metadata->>'tenantId' AS tenant FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
      `request-${requestId}`,
    ]);
    expect(rows).toEqual([
      { actor_id: 'dev-operator-disdukcapil', actor_role: 'skpd-operator', tenant: tenantId },
      { actor_id: 'dev-operator-disdukcapil', actor_role: 'skpd-operator', tenant: tenantId },
    ]);
  });

  it("refuses another unit's request with 403, and an operator the list of the whole tenant", async () => {
    const { requestId } = await submit();
    const neighbour = await bearer('operator-dinkes', { tenantId, unitId: `dinkes-${randomUUID().slice(0, 8)}` });
    const refused = await http().post(`/requests/${requestId}/complete`).set(neighbour).expect(403);
    expect(refused.body).toMatchObject({ code: 'AUTH.FORBIDDEN', detail: expect.stringContaining('UNIT_OUT_OF_SCOPE') });
    const unnamed = await http().get('/requests').set(officer).expect(403);
    expect(unnamed.body.detail).toContain('UNIT_REQUIRED');
    const admin = await bearer('admin-orpeg', { tenantId });
    await eventually(async () =>
      expect((await http().get('/requests').set(admin).expect(200)).body.items.map((r: { requestId: string }) => r.requestId)).toContain(requestId),
    );
  });

  describe('citizens, without a token', () => {
    it('submit a request online to the unit of the service and follow it by tracking code, as the public actor', async () => {
      const submitted = await http()
        .post(`/public/tenants/${tenantId}/units/${unitId}/requests`)
        .set('Idempotency-Key', randomUUID())
        .send({ serviceId, suppliedRequirements: ['kartu-keluarga', 'surat-pengantar'] })
        .expect(201);
      expect(submitted.body).toEqual({
        trackingCode: expect.stringMatching(/^PTN-/),
        status: 'submitted',
        dueDate: expect.any(String),
        missingRequirements: [],
      });
      const tracked = await eventually(async () => (await http().get(`/public/requests/${submitted.body.trackingCode}`).expect(200)).body);
      expect(tracked).toMatchObject({ serviceId, status: 'submitted' });
      const { rows } = await db.pool.query(`SELECT ${ACTOR_COLUMNS} FROM events WHERE payload->>'trackingCode' = $1`, [submitted.body.trackingCode]);
      expect(rows).toEqual([PUBLIC_ACTOR_ROW]);
    });

    it('cannot submit to a unit that does not offer the service, nor with a guessable Idempotency-Key', async () => {
      const wrongUnit = await http().post(`/public/tenants/${tenantId}/units/dinkes/requests`).send({ serviceId, suppliedRequirements: [] }).expect(409);
      expect(wrongUnit.body.code).toBe('STANDARD.NOT_PUBLISHED');
      const guessable = await http()
        .post(`/public/tenants/${tenantId}/units/${unitId}/requests`)
        .set('Idempotency-Key', 'attempt-0001')
        .send({ serviceId, suppliedRequirements: [] })
        .expect(400);
      expect(guessable.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });

    it('file a complaint, keep their identity out of the events, and reopen it with their reporterRef once resolved', async () => {
      const filed = await http()
        .post(`/public/tenants/${tenantId}/complaints`)
        .send({
          unitId,
          category: 'grievance',
          subject: 'Loket tutup',
          description: 'Loket tutup jam 11',
          reporter: { name: 'Bambang Sutejo', phone: '+62 811 5000 111' },
        })
        .expect(201);
      const { complaintId, reporterRef } = filed.body;
      expect(filed.body).toMatchObject({ status: 'received', reporterRef: expect.any(String) });
      const admin = await bearer('admin-orpeg', { tenantId });
      await http().post(`/complaints/${complaintId}/verify`).set(admin).send({ outcome: 'verified', note: '' }).expect(200);
      await http().post(`/complaints/${complaintId}/assign`).set(admin).send({ unitId }).expect(200);
      await http().post(`/complaints/${complaintId}/respond`).set(officer).send({ response: 'Jam layanan diperpanjang' }).expect(200);
      await http().post(`/complaints/${complaintId}/resolve`).set(officer).expect(200);
      const reopened = await http().post(`/public/complaints/${complaintId}/reopen`).send({ reporterRef, reason: 'Masih tutup jam 11' }).expect(200);
      expect(reopened.body.status).not.toBe('resolved');

      const { rows } = await db.pool.query(`SELECT event_type, ${ACTOR_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
        `complaint-${complaintId}`,
      ]);
      expect(rows[0]).toEqual({ event_type: 'ComplaintReceived', ...PUBLIC_ACTOR_ROW });
      expect(rows.at(-1)).toMatchObject(PUBLIC_ACTOR_ROW);
      // the whole number: its digits alone turn up by chance in random hex ids and trace contexts
      const leaked = await db.pool.query(
        `SELECT count(*)::int AS n FROM events WHERE payload::text ILIKE '%bambang%' OR (payload::text || metadata::text) LIKE '%811 5000 111%'`,
      );
      expect(leaked.rows[0].n).toBe(0);
    });

    it('get 404 for a complaint to a unit the tenant does not have, and for reopening an unknown complaint', async () => {
      const unknownUnit = await http()
        .post(`/public/tenants/${tenantId}/complaints`)
        .send({ unitId: 'dinas-tidak-ada', category: 'grievance', subject: 's', description: 'd', reporter: { name: 'A' } })
        .expect(404);
      expect(unknownUnit.body.code).toBe('UNIT.NOT_FOUND');
      const unknown = await http().post(`/public/complaints/${randomUUID()}/reopen`).send({ reporterRef: randomUUID(), reason: 'x' }).expect(404);
      expect(unknown.body.code).toBe('COMPLAINT.NOT_FOUND');
    });
  });

  it('connects as an application role that can append events but never change or remove one', async () => {
    const application = new Client({ connectionString: applicationDatabaseUrl(db.url) });
    await application.connect();
    try {
      const { rows } = await application.query(`SELECT current_user AS role, count(*)::int AS n FROM events GROUP BY 1`);
      expect(rows[0]).toMatchObject({ role: 'pantau_app', n: expect.any(Number) });
      const refusals: (string | undefined)[] = [];
      for (const sql of [
        `UPDATE events SET payload = '{}' WHERE global_position = (SELECT min(global_position) FROM events)`,
        `DELETE FROM events WHERE global_position = (SELECT min(global_position) FROM events)`,
        `TRUNCATE events`,
        `ALTER TABLE events DISABLE TRIGGER events_no_update_delete`,
      ]) {
        refusals.push(
          await application.query(sql).then(
            () => 'allowed',
            (error: { code?: string }) => error.code,
          ),
        );
      }
      // 42501 insufficient_privilege: refused by the grants, before the append-only trigger is reached.
      expect(refusals).toEqual(['42501', '42501', '42501', '42501']);
    } finally {
      await application.end();
    }
  });
});
