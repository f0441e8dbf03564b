import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { AppModule as EvaluationAppModule } from '../../services/evaluation/src/app.module';
import { EvaluationConfig } from '../../services/evaluation/src/config';
import { evaluationDatabase } from '../../services/evaluation/src/migrations';
import { AppModule as RequestAppModule } from '../../services/request/src/app.module';
import { RequestConfig } from '../../services/request/src/config';
import { requestDatabase } from '../../services/request/src/migrations';
import { bearer } from '../support/auth';
import { startService } from '../support/service-app';

describe('request service → Kafka → evaluation service', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const groupPrefix = `e2e-${randomUUID().slice(0, 8)}.`;
  let requestDb: TestDatabase;
  let evaluationDb: TestDatabase;
  let requestApp: INestApplication;
  let evaluationApp: INestApplication;

  beforeAll(async () => {
    [requestDb, evaluationDb] = await Promise.all([createTestDatabase([], 'pantau_e2e_request'), createTestDatabase([], 'pantau_e2e_evaluation')]);
    const kafka = { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: groupPrefix };
    requestApp = await startService(
      { name: 'request', configClass: RequestConfig, appModule: RequestAppModule, database: requestDatabase },
      { ...kafka, DATABASE_URL: requestDb.url },
    );
    evaluationApp = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: EvaluationAppModule, database: evaluationDatabase },
      { ...kafka, DATABASE_URL: evaluationDb.url },
    );
  });

  afterAll(async () => {
    await Promise.all([requestApp?.close(), evaluationApp?.close()]);
    await Promise.all([requestDb?.drop(), evaluationDb?.drop()]);
  });

  it('both services report PostgreSQL and Kafka healthy and serve their OpenAPI document', async () => {
    for (const app of [requestApp, evaluationApp]) {
      const health = await request(app.getHttpServer()).get('/health').expect(200);
      expect(health.body.details).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'up' } });
      const docs = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(docs.body.openapi).toMatch(/^3\./);
    }
  });

  it('delivers an event appended in the request service to the evaluation service, decoded, exactly once', async () => {
    const submitted: RequestEvent = {
      $case: 'requestSubmitted',
      value: {
        requestId: randomUUID(),
        serviceId: 'ktp-el',
        unitId,
        trackingCode: 'KTP-0001',
        standardRevision: 1,
        completionWorkingDays: 3,
        dueDate: '2026-11-26',
        submittedAt: '2026-11-23T02:00:00.000Z',
        requirements: [],
        calendarId: 'id-national',
        dueDateProvisional: false,
      },
    };
    const store = requestApp.get<EventStore<RequestEvent>>(EventStore);
    const correlationId = randomUUID();
    await store.append(`request-${submitted.value.requestId}`, 0, [submitted], {
      correlationId,
      tenantId,
      unitId,
      actor: { id: 'citizen-portal', role: 'public' },
      occurredAt: '2026-11-23T02:00:00.000Z',
    });

    const facts = await eventually(
      async () => {
        const response = await request(evaluationApp.getHttpServer())
          .get(`/tenants/${tenantId}/units/${unitId}/operational-facts?year=2026`)
          .set(await bearer('auditor-inspektorat', { tenantId }))
          .expect(200);
        return response.body;
      },
      { timeoutMs: 30_000 },
    );
    expect(facts.requests).toMatchObject({ submitted: 1, completed: 0 });

    // The wire format really is protobuf with the envelope in headers, keyed by stream.
    const streamId = `request-${submitted.value.requestId}`;
    const [onTopic] = (await readTopic(testKafka(), topics.request, (read) => read.some((m) => m.key === streamId))).filter((m) => m.key === streamId);
    expect(requestCodec.decode(onTopic.value)).toEqual(submitted);
    expect(onTopic.headers).toMatchObject({ 'event-type': 'RequestSubmitted', 'tenant-id': tenantId, 'correlation-id': correlationId });

    // A redelivery (the relay may republish after a crash) must not count twice.
    const kafka = testKafka();
    const producer = kafka.producer();
    await producer.connect();
    const [sent] = await producer.send({ topic: topics.request, messages: [{ key: onTopic.key, value: onTopic.value, headers: onTopic.headers }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually(
        async () => {
          const [offsets] = await admin.fetchOffsets({ groupId: `${groupPrefix}evaluation.request-facts`, topics: [topics.request] });
          const committed = offsets.partitions.find((p) => p.partition === sent.partition)?.offset ?? '-1';
          expect(BigInt(committed)).toBeGreaterThan(BigInt(sent.baseOffset ?? '0'));
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await admin.disconnect();
    }
    // one inbox row per consumer of the topic (request facts, proposal figures), never two for one consumer
    const { rows } = await evaluationDb.pool.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'evaluation.request-facts' AND event_id = $1`, [
      onTopic.headers['event-id'],
    ]);
    expect(rows[0].n).toBe(1);
    const again = await request(evaluationApp.getHttpServer())
      .get(`/tenants/${tenantId}/units/${unitId}/operational-facts?year=2026`)
      .set(await bearer('auditor-inspektorat', { tenantId }))
      .expect(200);
    expect(again.body.requests.submitted).toBe(1);
  });
});
