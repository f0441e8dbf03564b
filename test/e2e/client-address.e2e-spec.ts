import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import { createPortalApp } from '../../services/portal/src/portal-app';
import { portalSettings, silentLogger } from '../../services/portal/test/portal-fixtures';
import { AppModule } from '../../services/request/src/app.module';
import { RequestConfig } from '../../services/request/src/config';
import { requestDatabase } from '../../services/request/src/migrations';
import { startService } from '../support/service-app';

const RATE_LIMIT = 5;
const TRACKING = '/public/requests/PTN-0000000000';

/**
 * GET `url` from a chosen loopback address (127.0.0.2, 127.0.0.3 …: every 127/8 address is this
 * machine), so one test can be several clients, the portal included, which connects from 127.0.0.1.
 */
function statusFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(url, { localAddress, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    call.on('error', reject);
    call.end();
  });
}

const randomAddress = () => `198.51.100.${Math.floor(Math.random() * 254) + 1}`;

describe('the client address behind the portal: proxies trusted by address', () => {
  let db: TestDatabase;
  let service: INestApplication;
  let portal: INestApplication;
  let serviceUrl: string;
  let portalUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase([], 'pantau_client_address');
    service = await startService(
      { name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `client-address-${randomUUID().slice(0, 8)}.`,
        PUBLIC_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        // the portal, which connects from 127.0.0.1, and 127.0.0.9, a proxy carrying IPv6 clients; the
        // test's other clients use other loopback addresses
        TRUST_PROXY: '127.0.0.1,127.0.0.9',
      },
    );
    await service.listen(0, '127.0.0.1');
    serviceUrl = await service.getUrl();
    portal = await createPortalApp(
      portalSettings({ REQUEST_SERVICE_URL: serviceUrl, SURVEY_SERVICE_URL: 'http://127.0.0.1:9', EVALUATION_SERVICE_URL: 'http://127.0.0.1:9' }),
      silentLogger,
    );
    await portal.listen(0, '127.0.0.1');
    portalUrl = await portal.getUrl();
  });

  afterAll(async () => {
    await portal?.close();
    await service?.close();
    await db?.drop();
  });

  it('keeps the identity of a client that connects directly and sends X-Forwarded-For of its own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      statuses.push(await statusFrom('127.0.0.2', `${serviceUrl}${TRACKING}`, { 'X-Forwarded-For': randomAddress() }));
    }
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(404), 429]);
  });

  it("limits each citizen behind the portal by the citizen's own address", async () => {
    const viaPortal = `${portalUrl}/api/request${TRACKING}`;
    const first: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) first.push(await statusFrom('127.0.0.3', viaPortal));
    expect(first).toEqual([...Array(RATE_LIMIT).fill(404), 429]);
    // another citizen, through the same portal, has a budget of its own
    expect(await statusFrom('127.0.0.4', viaPortal)).toBe(404);
  });

  it('counts the addresses of one IPv6 /64 as one client, and an IPv4-mapped address as its IPv4 address', async () => {
    const from = (client: string) => statusFrom('127.0.0.9', `${serviceUrl}${TRACKING}`, { 'X-Forwarded-For': client });
    const statuses: number[] = [];
    for (let i = 1; i <= RATE_LIMIT + 1; i++) statuses.push(await from(`2001:db8:7:1::${i.toString(16)}`));
    expect(statuses).toEqual([...Array(RATE_LIMIT).fill(404), 429]);
    expect(await from('2001:db8:7:2::1')).toBe(404);

    for (let i = 0; i < RATE_LIMIT; i++) await from('192.0.2.77');
    expect(await from('::ffff:192.0.2.77')).toBe(429);
  });
});
