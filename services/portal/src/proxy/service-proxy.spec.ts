import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { eventually } from '@lib/testing';
import request from 'supertest';
import { portalSettings, silentLogger } from '../../test/portal-fixtures';
import { PORTAL_ERRORS } from '../http/error-codes';
import { createPortalApp } from '../portal-app';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bytes: number;
  sha256: string;
}

/** A stand-in for a service: records what arrives and answers with `respond`. */
class StubService {
  readonly received: Received[] = [];
  /** Bytes of the request in flight so far, to see a body arrive before the caller has finished sending it. */
  bytesSoFar = 0;
  respond: (request: IncomingMessage, response: ServerResponse, received: Received) => void = (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  private readonly server: Server = createServer((incoming, response) => {
    const hash = createHash('sha256');
    this.bytesSoFar = 0;
    incoming.on('data', (chunk: Buffer) => {
      this.bytesSoFar += chunk.length;
      hash.update(chunk);
    });
    incoming.on('end', () => {
      const received = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        bytes: this.bytesSoFar,
        sha256: hash.digest('hex'),
      };
      this.received.push(received);
      this.respond(incoming, response, received);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function multipart(boundary: string, file: Buffer): Buffer[] {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sk-standar-pelayanan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return [head, file, tail];
}

describe('the BFF proxy to the services', () => {
  const evaluation = new StubService();
  const survey = new StubService();
  let app: INestApplication;
  let portalUrl: string;

  beforeAll(async () => {
    const [evaluationUrl, surveyUrl] = await Promise.all([evaluation.start(), survey.start()]);
    app = await createPortalApp(
      portalSettings({
        EVALUATION_SERVICE_URL: evaluationUrl,
        SURVEY_SERVICE_URL: surveyUrl,
        REQUEST_SERVICE_URL: 'http://127.0.0.1:9',
        UPSTREAM_TIMEOUT_MS: 300,
      }),
      silentLogger,
    );
    await app.listen(0, '127.0.0.1');
    portalUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await Promise.all([evaluation.stop(), survey.stop()]);
  });

  it('forwards the token, idempotency key, correlation id and content type, appends the caller to X-Forwarded-For, and keeps cookies', async () => {
    const response = await request(portalUrl)
      .put('/api/evaluation/cycles/c-1/units/disdukcapil/assessment/draft?x=1')
      .set('Authorization', 'Bearer token-abc')
      .set('Idempotency-Key', 'key-123')
      .set('X-Correlation-Id', 'corr-777')
      .set('X-Forwarded-For', '203.0.113.9')
      .set('User-Agent', 'Mozilla/5.0 (kiosk)')
      .set('Cookie', 'session=secret')
      .set('X-Internal', 'nope')
      .send({ answers: [] })
      .expect(200);

    expect(response.body).toEqual({ ok: true });
    const [received] = evaluation.received.slice(-1);
    expect(received.method).toBe('PUT');
    expect(received.url).toBe('/cycles/c-1/units/disdukcapil/assessment/draft?x=1');
    expect(received.headers).toMatchObject({
      authorization: 'Bearer token-abc',
      'idempotency-key': 'key-123',
      'x-correlation-id': 'corr-777',
      'content-type': 'application/json',
      'user-agent': 'Mozilla/5.0 (kiosk)',
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
    });
    expect(received.headers.cookie).toBeUndefined();
    expect(received.headers['x-internal']).toBeUndefined();
    expect(received.bytes).toBe(Buffer.byteLength('{"answers":[]}'));
  });

  it('keeps a path that looks like another host on the service (no open proxy)', async () => {
    await request(portalUrl).get('/api/survey//127.0.0.1:9/steal?x=1').expect(200);
    expect(survey.received.slice(-1)[0].url).toBe('//127.0.0.1:9/steal?x=1');
  });

  it.each([
    ['metrics', '/api/evaluation/metrics'],
    ['health', '/api/evaluation/health'],
    ['readiness', '/api/survey/health/ready'],
    ['the OpenAPI JSON', '/api/evaluation/docs-json'],
    ['the OpenAPI page', '/api/survey/docs'],
    ['metrics by a dot-dot path', '/api/evaluation/cycles/../metrics'],
    ['metrics by an encoded dot-dot path', '/api/evaluation/cycles/%2e%2e/metrics'],
    ['metrics with a trailing slash and a query', '/api/evaluation/Metrics/?x=1'],
    ['metrics spelled with escapes', '/api/evaluation/%6detrics'],
  ])("does not forward the services' internal %s", async (_name, path) => {
    const before = evaluation.received.length + survey.received.length;
    const response = await request(portalUrl).get(path).expect(404);
    expect(response.body.code).toBe('HTTP.NOT_FOUND');
    expect(evaluation.received.length + survey.received.length).toBe(before);
  });

  it('forwards a path with a malformed escape to the service, which answers it', async () => {
    await request(portalUrl).get('/api/survey/public/skm-surveys/%E0%A4%A').expect(200);
    expect(survey.received.slice(-1)[0].url).toBe('/public/skm-surveys/%E0%A4%A');
  });

  it('gives the service a correlation id when the caller sent none, the same one the caller gets back', async () => {
    const response = await request(portalUrl).get('/api/survey/public/skm-surveys/abc').expect(200);
    const [received] = survey.received.slice(-1);
    expect(received.headers['x-correlation-id']).toBe(response.headers['x-correlation-id']);
    expect(received.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('streams a multipart evidence upload: the service sees the first bytes before the caller has sent the rest', async () => {
    const file = randomBytes(3 * 1024 * 1024);
    const boundary = 'pantau-boundary-4f2a';
    const [head, body, tail] = multipart(boundary, file);
    const expected = createHash('sha256').update(head).update(body).update(tail).digest('hex');
    evaluation.respond = (_request, response, received) =>
      response
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ storageKey: `sha256:${received.sha256}`, sizeBytes: received.bytes }));

    evaluation.bytesSoFar = 0;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = httpRequest(`${portalUrl}/api/evaluation/cycles/c-1/units/disdukcapil/evidence-files`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: 'Bearer token-abc' },
      });
      upload.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      upload.on('error', reject);
      upload.write(Buffer.concat([head, body.subarray(0, 1024 * 1024)]));
      // Only once the service has bytes of the first megabyte does the caller send the other two.
      eventually(() => expect(evaluation.bytesSoFar).toBeGreaterThan(0), { timeoutMs: 5000 })
        .then(() => upload.end(Buffer.concat([body.subarray(1024 * 1024), tail])))
        .catch(reject);
    });

    const { status, body: text } = await answer;
    expect(status).toBe(201);
    expect(JSON.parse(text)).toEqual({ storageKey: `sha256:${expected}`, sizeBytes: head.length + file.length + tail.length });
    const [received] = evaluation.received.slice(-1);
    expect(received.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
    expect(received.headers['transfer-encoding']).toBe('chunked');
  });

  it('passes a binary answer (the QR PNG) through byte for byte with its headers', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]);
    survey.respond = (_request, response) => response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' }).end(png);
    const response = await request(portalUrl).get('/api/survey/public/skm-surveys/abc/qr.png').buffer(true).expect(200).expect('Content-Type', 'image/png');
    expect(Buffer.compare(response.body as Buffer, png)).toBe(0);
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('passes a service’s problem+json error through unchanged', async () => {
    const problem = { status: 409, code: 'SURVEY.DUPLICATE_RESPONDENT', detail: 'already answered', correlationId: 'c' };
    survey.respond = (_request, response) => response.writeHead(409, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
    const response = await request(portalUrl).post('/api/survey/public/skm-surveys/abc/responses').send({}).expect(409);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toEqual(problem);
  });

  it('answers 502 when the service is down and 504 when it does not answer in time, as problems', async () => {
    const down = await request(portalUrl).get('/api/request/public/requests/ABC123').expect(502);
    expect(down.body).toMatchObject({ code: 'PORTAL.UPSTREAM_UNAVAILABLE', status: 502, title: PORTAL_ERRORS['PORTAL.UPSTREAM_UNAVAILABLE'] });

    survey.respond = () => undefined; // never answers
    const slow = await request(portalUrl).get('/api/survey/public/skm-surveys/abc').expect(504);
    expect(slow.body).toMatchObject({ code: 'PORTAL.UPSTREAM_TIMEOUT', status: 504, title: PORTAL_ERRORS['PORTAL.UPSTREAM_TIMEOUT'] });
    expect(slow.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
