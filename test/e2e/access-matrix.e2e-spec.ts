import { randomUUID } from 'node:crypto';
import { DEV_USERS, type DevUserName } from '@lib/platform';
import { eventually } from '@lib/testing';
import { bearer } from '../support/auth';
import { type DiscoveredRoute, routesOf } from '../support/routes';
import { type PlatformUnderTest, type ServiceName, startPlatform } from '../support/platform-under-test';

/*
 * The whole permission matrix, walked over HTTP against the three services booted on real
 * PostgreSQL and Kafka: every route (discovered from the apps, so a new route without a row here
 * fails), every dev user plus a caller without a token, on three targets.
 *
 * The dev users keep their role, subject and units; their two tenants get a per-run suffix, so this
 * spec shares the broker with a demo or another spec without mixing data.
 */
const RUN = randomUUID().slice(0, 8);
const KOTA = `kota-banjarmasin-${RUN}`;
const BANJAR = `kabupaten-banjar-${RUN}`;
const RUN_TENANT: Record<string, string> = { 'kota-banjarmasin': KOTA, 'kabupaten-banjar': BANJAR };

type Column = DevUserName | 'anonymous';
const COLUMNS: Column[] = [
  'admin-orpeg',
  'evaluator-1', // assigned disdukcapil and dinkes
  'evaluator-2', // assigned kecamatan-banjarmasin-utara
  'operator-disdukcapil',
  'operator-dinkes',
  'operator-kecamatan-utara',
  'auditor-inspektorat',
  'national-auditor',
  'admin-banjar',
  'anonymous',
];

/** Own unit of the disdukcapil operator, another unit of its tenant, the same unit id in another tenant. */
const TARGETS = [
  { key: 'kota-disdukcapil', tenantId: KOTA, unitId: 'disdukcapil' },
  { key: 'kota-kecamatan', tenantId: KOTA, unitId: 'kecamatan-banjarmasin-utara' },
  { key: 'banjar-disdukcapil', tenantId: BANJAR, unitId: 'disdukcapil' },
] as const;
type TargetKey = (typeof TARGETS)[number]['key'];

/*
 * Written by hand, one row per route. A row has one group per column, in COLUMNS order
 * (admin-orpeg, evaluator-1, evaluator-2, operator-disdukcapil, operator-dinkes,
 * operator-kecamatan-utara, auditor-inspektorat, national-auditor, admin-banjar, anonymous), and one
 * cell per target, in TARGETS order (kota/disdukcapil, kota/kecamatan, banjar/disdukcapil):
 *   Y  allowed: anything but 401/403 (an empty body then meets validation, a 400; a read, whose
 *      request is complete, must pass it) and, on a route whose target is a stored resource,
 *      anything but that resource's not-found answer;
 *   N  refused: 401 without a token, 403 with one;
 *   H  hidden: the stored resource lives in another tenant, so the answer is its not-found one.
 * Routes with a stored resource get it from fixtures made below, one per target.
 */
const PUBLIC = 'YYY YYY YYY YYY YYY YYY YYY YYY YYY YYY';
const EXPECTED: Record<string, string> = {
  'request POST /service-standards': /*                                  */ 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'request PUT /service-standards/:serviceId': /*                        */ 'YYH NNN NNN YNH NNH NYH NNN NNN HHY NNN',
  'request GET /service-standards': /*                                   */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'request GET /service-standards/:serviceId': /*                        */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'request POST /requests': /*                                           */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'request POST /requests/:requestId/return': /*                         */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'request POST /requests/:requestId/resubmit': /*                       */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'request POST /requests/:requestId/start-processing': /*               */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'request POST /requests/:requestId/complete': /*                       */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'request POST /requests/:requestId/reject': /*                         */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'request GET /requests': /*                                            */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'request GET /figures': /*                                             */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'request GET /complaints': /*                                          */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'request GET /complaints/:complaintId': /*                             */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'request POST /complaints': /*                                         */ 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'request POST /complaints/:complaintId/verify': /*                     */ 'YYH NNN NNN YNH NNH NYH NNN NNN HHY NNN',
  'request POST /complaints/:complaintId/assign': /*                     */ 'YYH NNN NNN YNH NNH NYH NNN NNN HHY NNN',
  'request POST /complaints/:complaintId/respond': /*                    */ 'YYH NNN NNN YNH NNH NYH NNN NNN HHY NNN',
  'request POST /complaints/:complaintId/resolve': /*                    */ 'YYH NNN NNN YNH NNH NYH NNN NNN HHY NNN',
  'request POST /complaints/:complaintId/reporter-contact': /*           */ 'YYH NNN NNN YNH NNH NYH NNN NNN HHY NNN',
  'request POST /complaints/:complaintId/personal-data-erasure': /*      */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'request GET /calendars/:year': /*                                     */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'request PUT /calendars/settings': /*                                  */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'request POST /calendars/local-holidays': /*                           */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'request POST /calendars/local-holidays/:date/remove': /*              */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'request PUT /calendars/:year/national': /*                            */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'request GET /public/requests/:trackingCode': PUBLIC,
  'request POST /public/tenants/:tenantId/units/:unitId/requests': PUBLIC,
  'request POST /public/tenants/:tenantId/complaints': PUBLIC,
  'request POST /public/complaints/:complaintId/reopen': PUBLIC,
  'request POST /public/requests/lookup': PUBLIC,
  'request GET /health/live': PUBLIC,
  'request GET /health/ready': PUBLIC,
  'request GET /health': PUBLIC,
  'request GET /metrics': PUBLIC,

  'survey GET /units/:unitId/skm-surveys': /*                            */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'survey POST /units/:unitId/skm-surveys/:periodKind/:periodStart': /*  */ 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'survey POST /units/:unitId/skm-surveys/:periodKind/:periodStart/close': 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'survey PUT /units/:unitId/skm-surveys/:periodKind/:periodStart/population': 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'survey GET /units/:unitId/skm-surveys/:periodKind/:periodStart/result': 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'survey GET /units/:unitId/skm-surveys/:periodKind/:periodStart/submissions': 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'survey POST /units/:unitId/skm-surveys/:periodKind/:periodStart/publication': 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'survey POST /units/:unitId/skm-surveys/:periodKind/:periodStart/follow-ups': 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'survey POST /units/:unitId/skm-surveys/:periodKind/:periodStart/follow-ups/:itemId/completion': 'YYN NNN NNN YNN NNN NYN NNN NNN NNY NNN',
  'survey GET /f03-collections/:cycleId/:unitId': /*                     */ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'survey POST /f03-collections/:cycleId/:unitId': /*                    */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'survey POST /f03-collections/:cycleId/:unitId/close': /*              */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'survey POST /f03-collections/:cycleId/:unitId/proof-codes': /*        */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'survey GET /f03-collections/:cycleId/:unitId/proof-codes': /*         */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'survey GET /f03-collections/:cycleId/:unitId/submissions': /*         */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'survey GET /public/skm-surveys/:publicLinkId': PUBLIC,
  'survey GET /public/skm-surveys/:publicLinkId/qr.svg': PUBLIC,
  'survey GET /public/skm-surveys/:publicLinkId/qr.png': PUBLIC,
  'survey POST /public/skm-surveys/:publicLinkId/responses': PUBLIC,
  'survey GET /public/tenants/:tenantId/f03/:cycleId/:unitId': PUBLIC,
  'survey POST /public/tenants/:tenantId/f03/:cycleId/:unitId/responses': PUBLIC,
  'survey GET /health/live': PUBLIC,
  'survey GET /health/ready': PUBLIC,
  'survey GET /health': PUBLIC,
  'survey GET /metrics': PUBLIC,

  'evaluation GET /rulesets': /*                                         */ 'YYN YYN YYN YYN YYN YYN YYN YYY NNY NNN',
  'evaluation GET /rulesets/:rulesetId/versions/:version': /*            */ 'YYN YYN YYN YYN YYN YYN YYN YYY NNY NNN',
  'evaluation POST /rulesets': /*                                        */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'evaluation POST /cycles': /*                                          */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'evaluation GET /cycles': /*                                           */ 'YYN YYN YYN YYN YYN YYN YYN YYY NNY NNN',
  'evaluation POST /units': /*                                           */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'evaluation POST /units/batch': /*                                     */ 'YYN NNN NNN NNN NNN NNN NNN NNN NNY NNN',
  'evaluation GET /units': /*                                            */ 'YYN YYN YYN YYN YYN YYN YYN YYY NNY NNN',
  'evaluation GET /cycles/:cycleId': /*                                  */ 'YYH YYH YYH YYH YYH YYH YYH YYY HHY NNN',
  'evaluation GET /cycles/:cycleId/scores': /*                           */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation PUT /cycles/:cycleId/units/:unitId': /*                    */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation PUT /cycles/:cycleId/units': /*                            */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/score': /*              */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation POST /cycles/:cycleId/results': /*                         */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/result-corrections': /**/ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation PUT /cycles/:cycleId/phases/:phase': /*                    */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/phase-overrides': /*   */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/non-submission': /*    */ 'YYH NNN NNN NNN NNN NNN NNN NNN HHY NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/assessment': /*         */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/assessment/versions': /**/ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/assessment/versions/:from/diff/:to': 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/proposals': /*          */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/proposals/:indicatorCode/confirmation': 'NNN YNH NYH NNN NNN NNN NNN NNN NNN NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/proposals/:indicatorCode/override': 'NNN YNH NYH NNN NNN NNN NNN NNN NNN NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/compliance': /*         */ 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation PUT /cycles/:cycleId/units/:unitId/compliance/observations': 'YYH YNH NYH NNN NNN NNN NNN NNN HHY NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/timeline': /*          */ 'YYH NNN NNN NNN NNN NNN YYH YYY HHY NNN',
  'evaluation PUT /cycles/:cycleId/units/:unitId/assessment/draft': /*   */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/assessment/evidence': /**/ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/assessment/submit': /* */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/assessment/return': /* */ 'YYH YNH NYH NNN NNN NNN NNN NNN HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/assessment/resubmit': 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/assessment/verify': /* */ 'YYH YNH NYH NNN NNN NNN NNN NNN HHY NNN',
  'evaluation PUT /cycles/:cycleId/units/:unitId/assessment/scores/:indicatorCode': 'NNN YNH NYH NNN NNN NNN NNN NNN NNN NNN',
  'evaluation PUT /cycles/:cycleId/units/:unitId/assessment/scores': /*  */ 'YYH YNH NYH NNN NNN NNN NNN NNN HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/assessment/visits': /* */ 'YYH YNH NYH NNN NNN NNN NNN NNN HHY NNN',
  'evaluation POST /cycles/:cycleId/units/:unitId/evidence-files': /*    */ 'NNN NNN NNN YNH NNH NYH NNN NNN NNN NNN',
  'evaluation GET /cycles/:cycleId/units/:unitId/evidence-files/:sha256': 'YYH YNH NYH YNH NNH NYH YYH YYY HHY NNN',
  'evaluation GET /tenants/:tenantId/units/:unitId/operational-facts': /**/ 'YYN YNN NYN YNN NNN NYN YYN YYY NNY NNN',
  'evaluation GET /health/live': PUBLIC,
  'evaluation GET /health/ready': PUBLIC,
  'evaluation GET /health': PUBLIC,
  'evaluation GET /metrics': PUBLIC,
};

type Headers = Record<string, string>;

interface Fixtures {
  standards: Record<TargetKey, string>;
  requests: Record<TargetKey, string>;
  complaints: Record<TargetKey, string>;
  cycles: Record<TargetKey, string>;
}

const standardBody = (serviceId: string, unitId: string) => ({
  serviceId,
  unitId,
  name: `Layanan uji ${unitId}`,
  components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: ['website'] })),
  completionWorkingDays: 3,
  costRupiah: 0,
  requirements: ['ktp-el'],
  product: 'Dokumen',
  effectiveAt: '2026-01-01T00:00:00+07:00',
});

describe('the permission matrix over HTTP: every route × every dev user × own unit / other unit / other tenant', () => {
  let platform: PlatformUnderTest;
  const tokens = {} as Record<Column, Headers>;
  const fixtures = { standards: {}, requests: {}, complaints: {}, cycles: {} } as Fixtures;

  async function call(
    service: ServiceName,
    method: string,
    path: string,
    headers: Headers,
    body?: unknown,
  ): Promise<{ status: number; body: { code?: string } & Record<string, unknown> }> {
    const response = await fetch(`${platform.urls[service]}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : {} };
  }

  async function created(service: ServiceName, path: string, headers: Headers, body: unknown, method = 'POST'): Promise<Record<string, unknown>> {
    const response = await call(service, method, path, headers, body);
    if (response.status >= 300) throw new Error(`fixture ${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function shown(service: ServiceName, path: string, headers: Headers, ready: (body: Record<string, unknown>) => boolean = () => true): Promise<void> {
    await eventually(async () => {
      const response = await call(service, 'GET', path, headers);
      expect(response.status).toBe(200);
      expect(ready(response.body)).toBe(true);
    });
  }

  beforeAll(async () => {
    const users = COLUMNS.filter((column): column is DevUserName => column !== 'anonymous');
    const issued = await Promise.all(users.map((user) => bearer(user, { tenantId: RUN_TENANT[DEV_USERS[user].tenantId] ?? DEV_USERS[user].tenantId })));
    users.forEach((user, i) => (tokens[user] = issued[i]));
    tokens.anonymous = {};

    platform = await startPlatform(`matrix-${RUN}`);

    // One stored resource per target, made by whoever may make it there.
    const banjarOperator = await bearer('operator-disdukcapil', { tenantId: BANJAR });
    const adminOf = (tenantId: string) => (tenantId === KOTA ? tokens['admin-orpeg'] : tokens['admin-banjar']);
    const operatorOf: Record<TargetKey, Headers> = {
      'kota-disdukcapil': tokens['operator-disdukcapil'],
      'kota-kecamatan': tokens['operator-kecamatan-utara'],
      'banjar-disdukcapil': banjarOperator,
    };
    const cycleOf: Record<string, string> = {};
    for (const tenantId of [KOTA, BANJAR]) {
      const opened = await created('evaluation', '/cycles', adminOf(tenantId), {
        name: 'PEKPPP matriks',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      });
      cycleOf[tenantId] = opened.cycleId as string;
    }
    await Promise.all(
      TARGETS.map(async (target) => {
        const admin = adminOf(target.tenantId);
        const serviceId = `mx-${RUN}-${target.key}`;
        await created('request', '/service-standards', admin, standardBody(serviceId, target.unitId));
        await shown('request', `/service-standards/${serviceId}`, admin);
        const submitted = await created('request', '/requests', operatorOf[target.key], { serviceId, suppliedRequirements: ['ktp-el'] });
        const complaint = await created('request', '/complaints', admin, {
          unitId: target.unitId,
          channel: 'in-person',
          category: 'grievance',
          subject: 'Antrian',
          description: 'Antrian panjang',
          reporter: { name: 'Warga' },
        });
        await shown('request', `/complaints/${complaint.complaintId}`, admin);
        const cycleId = cycleOf[target.tenantId];
        await created(
          'evaluation',
          `/cycles/${cycleId}/units/${target.unitId}`,
          admin,
          { evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' },
          'PUT',
        );
        await shown('evaluation', `/cycles/${cycleId}`, admin, (body) => (body.units as { unitId: string }[]).some((unit) => unit.unitId === target.unitId));
        fixtures.standards[target.key] = serviceId;
        fixtures.requests[target.key] = submitted.requestId as string;
        fixtures.complaints[target.key] = complaint.complaintId as string;
        fixtures.cycles[target.key] = cycleId;
      }),
    );
  });

  afterAll(() => platform.stop());

  const discovered = (): { service: ServiceName; route: DiscoveredRoute; key: string }[] =>
    (Object.keys(platform.apps) as ServiceName[]).flatMap((service) =>
      routesOf(platform.apps[service]).map((route) => ({ service, route, key: `${service} ${route.method} ${route.path}` })),
    );

  it('has a hand-written row for every route the services serve, and no row for a route that is gone', () => {
    const keys = discovered().map(({ key }) => key);
    expect(keys.filter((key) => !(key in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((key) => !keys.includes(key))).toEqual([]);
    expect(
      discovered()
        .filter(({ route }) => route.policy === undefined)
        .map(({ key }) => key),
    ).toEqual([]);
  });

  /** The request that aims `route` at `target`: ids from the fixtures, the unit and tenant where the policy reads them. */
  function aim(route: DiscoveredRoute, target: (typeof TARGETS)[number], column: (typeof COLUMNS)[number]): { path: string; body?: Record<string, unknown> } {
    const params: Record<string, string> = {
      unitId: target.unitId,
      tenantId: target.tenantId,
      serviceId: fixtures.standards[target.key],
      requestId: fixtures.requests[target.key],
      complaintId: fixtures.complaints[target.key],
      cycleId: fixtures.cycles[target.key],
      periodKind: 'quarter',
      periodStart: '2026-01-01',
      itemId: 'item-1',
      indicatorCode: '1.a.Ak',
      phase: 'finalisation',
      publicLinkId: '00000000-0000-4000-8000-000000000000',
      trackingCode: 'PTN-0000000000',
      year: '2026',
      date: '2026-08-17',
      sha256: 'a'.repeat(64),
      rulesetId: 'pekppp-2023',
      version: '1',
      from: '1',
      to: '2',
    };
    const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
      if (params[name] === undefined) throw new Error(`no value for :${name} of ${route.method} ${route.path}`);
      return encodeURIComponent(params[name]);
    });
    const query = new URLSearchParams();
    const body: Record<string, unknown> = {};
    const policy = route.policy;
    if (policy?.kind === 'permission') {
      // A national auditor has no tenant of its own, so it names the one it reads (cycle ids are only unique within a tenant).
      const namesTenant = !policy.resource || column === 'national-auditor';
      if (namesTenant && !route.path.includes(':tenantId')) query.set('tenantId', target.tenantId);
      if (policy.unitParam && !route.path.includes(`:${policy.unitParam}`)) {
        if (route.method === 'GET') query.set(policy.unitParam, target.unitId);
        else body[policy.unitParam] = target.unitId;
      }
      if (policy.resource && !route.path.includes(`:${policy.resource.idParam}`)) body[policy.resource.idParam] = params[policy.resource.idParam];
    }
    const search = query.toString();
    return { path: search ? `${path}?${search}` : path, body: route.method === 'GET' ? undefined : body };
  }

  it('allows, refuses and hides exactly as the table says', async () => {
    // A route without a row fails the test above; here it is left out rather than guessed.
    const checks = discovered()
      .filter(({ key }) => key in EXPECTED)
      .flatMap(({ service, route, key }) =>
        COLUMNS.flatMap((column, c) => TARGETS.map((target, t) => ({ service, route, key, column, target, expected: EXPECTED[key].split(' ')[c][t] }))),
      );
    const failures: string[] = [];
    const notFoundCode = (route: DiscoveredRoute) => (route.policy?.kind === 'permission' ? route.policy.resource?.notFoundCode : undefined);
    const run = async ({ service, route, key, column, target, expected }: (typeof checks)[number]) => {
      const { path, body } = aim(route, target, column);
      const { status, body: answer } = await call(service, route.method, path, tokens[column], body);
      const hidden = notFoundCode(route) !== undefined && answer.code === notFoundCode(route);
      const refused = status === (column === 'anonymous' ? 401 : 403);
      const unusable = status === 401 || status === 403 || (route.method === 'GET' && status === 400);
      const outcome = refused ? 'N' : hidden ? 'H' : unusable ? `?${status}` : 'Y';
      if (outcome !== expected) failures.push(`${key} as ${column} on ${target.key}: expected ${expected}, got ${status} ${answer.code ?? ''}`);
    };
    // A few dozen requests in flight at a time: fast, and gentle on the pools.
    const queue = [...checks];
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        for (let check = queue.shift(); check; check = queue.shift()) await run(check);
      }),
    );
    expect(failures.sort()).toEqual([]);
    expect(checks.length).toBeGreaterThan(50 * COLUMNS.length * TARGETS.length);
  });
});
