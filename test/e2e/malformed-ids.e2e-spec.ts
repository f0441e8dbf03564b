import { randomUUID } from 'node:crypto';
import { DEV_USERS, type DevUserName } from '@lib/platform';
import { bearer } from '../support/auth';
import { routesOf } from '../support/routes';
import { type PlatformUnderTest, type ServiceName, startPlatform } from '../support/platform-under-test';

/*
 * Every id a route takes from its path, replaced in turn by a malformed one (a NUL byte, a control
 * character, an over-long id), as every role that may call the route: the answer is a 400 that names
 * the parameter, before any guard or handler reads the database with it (PostgreSQL refuses NUL in
 * text, which used to surface as a 500). The same holds for text a citizen sends in a body, and for
 * query numbers beyond any page.
 */
const RUN = randomUUID().slice(0, 8);
const TENANT = `kota-banjarmasin-${RUN}`;
const CALLERS: DevUserName[] = ['admin-orpeg', 'evaluator-1', 'operator-disdukcapil', 'national-auditor'];

const VALID: Record<string, string> = {
  unitId: 'disdukcapil',
  tenantId: TENANT,
  serviceId: 'ktp-el',
  requestId: randomUUID(),
  complaintId: randomUUID(),
  cycleId: 'pekppp-2026',
  periodKind: 'quarter',
  periodStart: '2026-01-01',
  itemId: 'item-1',
  indicatorCode: '1.a.Ak',
  publicLinkId: '00000000-0000-4000-8000-000000000000',
  trackingCode: 'PTN-0000000000',
  year: '2026',
  date: '2026-08-17',
  sha256: 'a'.repeat(64),
  rulesetId: 'pekppp-2023',
  version: '1',
};

const MALFORMED: Record<string, string> = {
  'a NUL byte': 'x\u0000y',
  'a line break': 'x\ny',
  'an id of 300 characters': 'x'.repeat(300),
};

describe('malformed ids in the path are refused with a 400 naming the parameter, never a 500', () => {
  let platform: PlatformUnderTest;
  const tokens = {} as Record<DevUserName, Record<string, string>>;

  beforeAll(async () => {
    await Promise.all(
      CALLERS.map(async (user) => (tokens[user] = await bearer(user, { tenantId: DEV_USERS[user].tenantId === 'kemenpanrb' ? 'kemenpanrb' : TENANT }))),
    );
    platform = await startPlatform(`malformed-${RUN}`);
  });

  afterAll(() => platform.stop());

  async function call(service: ServiceName, method: string, path: string, headers: Record<string, string>) {
    const response = await fetch(`${platform.urls[service]}${path}`, {
      method,
      headers: { ...headers, ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }) },
      body: method === 'GET' ? undefined : '{}',
    });
    const text = await response.text();
    return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : {}) as { errors?: { field: string; rule: string }[] } };
  }

  it.each(Object.entries(MALFORMED))('with %s in each path parameter', async (_, malformed) => {
    const cases = (Object.keys(platform.apps) as ServiceName[]).flatMap((service) =>
      routesOf(platform.apps[service]).flatMap((route) =>
        [...route.path.matchAll(/:(\w+)/g)].map(([, param]) => ({
          service,
          route,
          param,
          path: route.path.replace(/:(\w+)/g, (__, name: string) => encodeURIComponent(name === param ? malformed : VALID[name])),
        })),
      ),
    );
    expect(cases.length).toBeGreaterThan(40);
    const answers: string[] = [];
    for (const { service, route, param, path } of cases) {
      const statuses = new Set<number>();
      let named = false;
      for (const user of CALLERS) {
        const { status, body } = await call(service, route.method, path, tokens[user]);
        statuses.add(status);
        named ||= status === 400 && (body.errors ?? []).some((error) => error.field === param);
      }
      const { status: anonymous, body } = await call(service, route.method, path, {});
      statuses.add(anonymous);
      named ||= anonymous === 400 && (body.errors ?? []).some((error) => error.field === param);
      if ([...statuses].some((status) => status >= 500) || !named)
        answers.push(`${service} ${route.method} ${route.path} :${param} → ${[...statuses].join(',')}`);
    }
    expect(answers).toEqual([]);
  });

  it.each([
    ['a tenant named with a NUL byte', 'evaluation', 'GET', '/cycles/pekppp-2026?tenantId=x%00y', 'tenantId'],
    ['a unit named with a NUL byte', 'request', 'GET', '/requests?unitId=x%00y', 'unitId'],
    ['an offset beyond any page', 'request', 'GET', `/requests?tenantId=${TENANT}&unitId=disdukcapil&offset=1e300`, 'offset'],
  ] as const)('refuses %s in the query with a 400', async (_, service, method, path, field) => {
    const { status, body } = await call(service, method, path, tokens['national-auditor']);
    expect(status).toBe(400);
    expect(body.errors?.map((error) => error.field)).toContain(field);
  });

  const complaint = (subject: string, name: string) => ({
    unitId: 'disdukcapil',
    category: 'grievance',
    subject,
    description: 'Antrean tidak bergerak sejak pagi.',
    reporter: { name },
  });

  it.each([
    ['a NUL byte in a complaint subject', 'request', `/public/tenants/${TENANT}/complaints`, complaint('x\u0000y', 'Siti'), 'subject'],
    ['a NUL byte in the reporter name', 'request', `/public/tenants/${TENANT}/complaints`, complaint('Antrean lama', 'Si\u0000ti'), 'reporter.name'],
    ['a lone surrogate in a complaint subject', 'request', `/public/tenants/${TENANT}/complaints`, complaint('x\ud800y', 'Siti'), 'subject'],
    ['a NUL byte in a reopen reason', 'request', `/public/complaints/${randomUUID()}/reopen`, { reporterRef: randomUUID(), reason: 'x\u0000' }, 'reason'],
    ['a NUL byte in an SKM suggestion', 'survey', `/public/skm-surveys/${VALID.publicLinkId}/responses`, { answers: [], suggestion: 'x\u0000' }, 'suggestion'],
  ] as const)("refuses %s in a citizen's text with a 400 naming the field", async (_, service, path, payload, field) => {
    const response = await fetch(`${platform.urls[service]}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(payload),
    });
    const body = (await response.json()) as { errors?: { field: string; rule: string; message: string }[] };
    expect(response.status).toBe(400);
    expect(body.errors).toContainEqual(expect.objectContaining({ field, rule: 'noControlCharacters', message: expect.stringContaining(field) }));
  });
});
