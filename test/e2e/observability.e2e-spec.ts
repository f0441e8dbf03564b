import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopic, topics } from '@lib/contracts';
import { Clock } from '@lib/platform';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import { AppModule as EvaluationAppModule } from '../../services/evaluation/src/app.module';
import { EvaluationConfig } from '../../services/evaluation/src/config';
import { evaluationDatabase } from '../../services/evaluation/src/migrations';
import { AppModule as RequestAppModule } from '../../services/request/src/app.module';
import { RequestConfig } from '../../services/request/src/config';
import { requestDatabase } from '../../services/request/src/migrations';
import { bearer } from '../support/auth';
import { startService } from '../support/service-app';
import { startTestTracing, type TestTracing } from '../support/tracing';

/** The value of one series of a Prometheus text exposition, or undefined when it is not there. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && wanted.every((pair) => (match[2] ?? '').split(',').includes(pair))) return Number(match[3]);
  }
  return undefined;
}

describe('tracing and metrics of request service → Kafka → evaluation service', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const serviceId = `ktp-el-${randomUUID().slice(0, 8)}`;
  // Topics of this file's own, so the poison message below reaches no other spec's consumers.
  const prefix = `obs-${randomUUID().slice(0, 8)}.`;
  const requestTopic = `${prefix}${topics.request}`;
  let requestDb: TestDatabase;
  let evaluationDb: TestDatabase;
  let requestApp: INestApplication;
  let evaluationApp: INestApplication;
  let officer: { Authorization: string };
  let tracing: TestTracing;

  const metricsOf = async (app: INestApplication): Promise<string> => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type'].split('; ').sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
    return response.text;
  };
  const operationalFacts = async () =>
    request(evaluationApp.getHttpServer())
      .get(`/tenants/${tenantId}/units/${unitId}/operational-facts?year=2026`)
      .set(await bearer('auditor-inspektorat', { tenantId }))
      .expect(200);

  beforeAll(async () => {
    // Before the services boot, as main.ts imports its tracing first.
    tracing = startTestTracing('pantau-e2e');
    officer = await bearer('operator-disdukcapil', { tenantId, unitId });
    [requestDb, evaluationDb] = await Promise.all([createTestDatabase([], 'pantau_e2e_obs_request'), createTestDatabase([], 'pantau_e2e_obs_evaluation')]);
    const kafka = { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: prefix, KAFKA_TOPIC_PREFIX: prefix };
    requestApp = await startService(
      { name: 'request', configClass: RequestConfig, appModule: RequestAppModule, database: requestDatabase },
      { ...kafka, DATABASE_URL: requestDb.url },
    );
    evaluationApp = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: EvaluationAppModule, database: evaluationDatabase },
      { ...kafka, DATABASE_URL: evaluationDb.url },
    );
    // Due dates count working days on the shipped calendars: a fixed Monday keeps them inside their years.
    jest.spyOn(requestApp.get(Clock), 'now').mockImplementation(() => new Date('2026-11-23T02:00:00.000Z'));
    await request(requestApp.getHttpServer())
      .post('/service-standards')
      .set(officer)
      .send({
        serviceId,
        unitId,
        name: 'Penerbitan KTP-el',
        components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: ['website'] })),
        completionWorkingDays: 3,
        costRupiah: 0,
        requirements: ['kartu-keluarga'],
        product: 'KTP-el',
        effectiveAt: '2026-01-01T00:00:00+07:00',
      })
      .expect(201);
    await eventually(() => request(requestApp.getHttpServer()).get(`/service-standards/${serviceId}`).set(officer).expect(200), { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await Promise.all([requestApp?.close(), evaluationApp?.close()]);
    await Promise.all([requestDb?.drop(), evaluationDb?.drop()]);
    await tracing?.stop();
  });

  const submitRequest = () =>
    request(requestApp.getHttpServer())
      .post('/requests')
      .set(officer)
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga'] })
      .expect(201);

  it('follows one trace from an HTTP command of the request service through the relay and Kafka into the evaluation consumer', async () => {
    const { requestId } = (await submitRequest()).body as { requestId: string };
    const { rows } = await requestDb.pool.query<{ event_id: string; traceparent: string }>(
      `SELECT event_id, metadata->>'traceparent' AS traceparent FROM events WHERE stream_id = $1`,
      [`request-${requestId}`],
    );
    expect(rows).toHaveLength(1);
    const [, traceId, appendingSpanId] = rows[0].traceparent.split('-');
    const eventId = rows[0].event_id;
    const inTrace = () => tracing.spans().filter((span) => span.spanContext().traceId === traceId);

    const command = inTrace().find((span) => span.kind === SpanKind.SERVER);
    expect(command?.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/requests', 'http.response.status_code': 201 });
    expect(inTrace().some((span) => span.name.includes('event-store-append'))).toBe(true);

    const consumed = await eventually(
      () => {
        // Two of evaluation's consumers read the request topic; the operational facts one writes what is checked below.
        const span = inTrace().find(
          (candidate) =>
            candidate.kind === SpanKind.CONSUMER &&
            candidate.attributes['messaging.message.id'] === eventId &&
            candidate.attributes['messaging.consumer.group.name'] === `${prefix}evaluation.request-facts`,
        );
        expect(span).toBeDefined();
        return span as ReadableSpan;
      },
      { timeoutMs: 30_000 },
    );
    const published = inTrace().find((span) => span.kind === SpanKind.PRODUCER && span.attributes['messaging.message.id'] === eventId);
    expect(published?.attributes['messaging.destination.name']).toBe(requestTopic);
    expect(published?.parentSpanContext?.spanId).toBe(appendingSpanId);
    expect(consumed.parentSpanContext?.spanId).toBe(published?.spanContext().spanId);
    expect(consumed.attributes).toMatchObject({
      'messaging.consumer.group.name': `${prefix}evaluation.request-facts`,
      'messaging.destination.name': requestTopic,
    });
    // What the consumer wrote to the evaluation database belongs to the same trace.
    expect(
      inTrace().some(
        (span) =>
          span.parentSpanContext?.spanId === consumed.spanContext().spanId && String(span.attributes['db.namespace']).startsWith('pantau_e2e_obs_evaluation'),
      ),
    ).toBe(true);
  });

  it('serves Prometheus metrics per service: process, HTTP durations by route pattern, relay, projection and consumer lag, dead letters', async () => {
    await submitRequest();
    await eventually(async () => expect((await operationalFacts()).body.requests.submitted).toBeGreaterThanOrEqual(1), { timeoutMs: 30_000 });

    const requestMetrics = await eventually(async () => {
      const text = await metricsOf(requestApp);
      expect(sample(text, 'pantau_relay_lag', { topic: requestTopic })).toBe(0);
      expect(sample(text, 'pantau_projection_lag', { projection: 'requests_v1' })).toBe(0);
      return text;
    });
    expect(
      sample(requestMetrics, 'pantau_http_request_duration_seconds_count', { method: 'POST', route: '/requests', status_code: '201' }),
    ).toBeGreaterThanOrEqual(1);
    expect(requestMetrics).not.toMatch(/route="\/requests\/[0-9a-f-]{36}/);
    expect(sample(requestMetrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(requestMetrics, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(requestMetrics, 'pantau_read_gate_held_seconds')).toBeGreaterThanOrEqual(0);

    const evaluationMetrics = await metricsOf(evaluationApp);
    expect(
      sample(evaluationMetrics, 'pantau_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/tenants/:tenantId/units/:unitId/operational-facts',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(evaluationMetrics, 'pantau_consumer_lag', { group: `${prefix}evaluation.request-facts`, topic: requestTopic })).toBe(0);
    expect(sample(evaluationMetrics, 'pantau_dead_letters_total', { group: `${prefix}evaluation.request-facts` })).toBeUndefined();

    // A message without an envelope cannot be handled: it goes to the dead-letter topic, and is counted.
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: requestTopic, messages: [{ key: unitId, value: Buffer.from('not an event') }] });
    await producer.disconnect();
    await readTopic(testKafka(), deadLetterTopic(requestTopic), (read) => read.length >= 1);
    await eventually(async () =>
      expect(sample(await metricsOf(evaluationApp), 'pantau_dead_letters_total', { group: `${prefix}evaluation.request-facts`, topic: requestTopic })).toBe(1),
    );
  });
});
