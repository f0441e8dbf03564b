import 'reflect-metadata';
import { Body, Controller, Get, type INestApplication, Param, Post, Put } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import request from 'supertest';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET } from './auth.config';
import { DomainError } from '@lib/event-sourcing';
import { admit, authProviders, TargetLocator } from './auth.guard';
import { AuthenticationError } from './authentication-error';
import { DEV_USERS, issueDevToken } from './dev-issuer';
import type { Target } from './permissions';
import { type Principal, principalToActor } from './principal';
import { type Actor, AuthorizedTarget, CurrentActor, CurrentPrincipal, PublicEndpoint, RequirePermission } from './require-permission.decorator';

const operator = DEV_USERS['operator-disdukcapil'];
const fakeVerifier = (principal: Principal = operator) => ({
  verify: jest.fn(async (token: string) => {
    if (token !== 'good') throw new AuthenticationError('AUTH.INVALID_TOKEN', 'the token is not valid');
    return principal;
  }),
});
const bearer = { authorization: 'Bearer good' };
const writeOwn = { kind: 'permission', action: 'assessment:write-own', unitParam: 'unitId' } as const;

describe('admit (the guard without Nest)', () => {
  it('closes a route with no policy before looking at the token', async () => {
    const verifier = fakeVerifier();
    await expect(admit(undefined, { headers: bearer }, verifier)).rejects.toMatchObject({ status: 403, response: { code: 'AUTH.NO_POLICY' } });
    expect(verifier.verify).not.toHaveBeenCalled();
  });

  it('lets anyone through a public route without verifying', async () => {
    await expect(admit({ kind: 'public' }, { headers: {} }, fakeVerifier())).resolves.toEqual({ kind: 'public' });
  });

  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a Basic scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('refuses %s with 401 AUTH.MISSING_TOKEN', async (_name, headers) => {
    await expect(admit(writeOwn, { headers, params: { unitId: 'disdukcapil' } }, fakeVerifier())).rejects.toMatchObject({
      status: 401,
      response: { code: 'AUTH.MISSING_TOKEN' },
    });
  });

  it('refuses an invalid token with 401 AUTH.INVALID_TOKEN', async () => {
    await expect(admit(writeOwn, { headers: { authorization: 'Bearer bad' }, params: { unitId: 'disdukcapil' } }, fakeVerifier())).rejects.toMatchObject({
      status: 401,
      response: { code: 'AUTH.INVALID_TOKEN' },
    });
  });

  it('lets a provider outage through as a server error, not a 401', async () => {
    const verifier = { verify: jest.fn().mockRejectedValue(new Error('JWKS fetch failed')) };
    await expect(admit(writeOwn, { headers: bearer, params: { unitId: 'disdukcapil' } }, verifier)).rejects.toThrow('JWKS fetch failed');
  });

  it.each<[string, { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }, Target]>([
    ['from the route param', { params: { unitId: 'disdukcapil' } }, { tenantId: 'kota-banjarmasin', unitId: 'disdukcapil' }],
    ['from the body field', { body: { unitId: 'disdukcapil' } }, { tenantId: 'kota-banjarmasin', unitId: 'disdukcapil' }],
    ['from the query', { query: { unitId: 'disdukcapil' } }, { tenantId: 'kota-banjarmasin', unitId: 'disdukcapil' }],
    [
      'when path and body agree',
      { params: { unitId: 'disdukcapil' }, body: { unitId: 'disdukcapil' } },
      { tenantId: 'kota-banjarmasin', unitId: 'disdukcapil' },
    ],
  ])('resolves the unit %s and the tenant from the principal', async (_name, parts, target) => {
    await expect(admit(writeOwn, { headers: bearer, ...parts }, fakeVerifier())).resolves.toEqual({ kind: 'authorized', principal: operator, target });
  });

  it('refuses another unit with 403 AUTH.FORBIDDEN naming the reason', async () => {
    await expect(admit(writeOwn, { headers: bearer, params: { unitId: 'dinkes' } }, fakeVerifier())).rejects.toMatchObject({
      status: 403,
      response: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('UNIT_OUT_OF_SCOPE') },
    });
  });

  it('refuses a body unit that contradicts the path unit', async () => {
    await expect(admit(writeOwn, { headers: bearer, params: { unitId: 'disdukcapil' }, body: { unitId: 'dinkes' } }, fakeVerifier())).rejects.toMatchObject({
      status: 400,
      response: { code: 'AUTH.TARGET_AMBIGUOUS' },
    });
  });

  it('refuses a unit given as a list', async () => {
    await expect(admit(writeOwn, { headers: bearer, query: { unitId: ['disdukcapil', 'dinkes'] } }, fakeVerifier())).rejects.toMatchObject({
      status: 400,
      response: { code: 'AUTH.TARGET_INVALID' },
    });
  });

  it('takes the tenant from a declared param, so only a national auditor reaches another tenant', async () => {
    const policy = { kind: 'permission', action: 'results:read', tenantParam: 'tenantId' } as const;
    const params = { tenantId: 'kabupaten-banjar' };
    await expect(admit(policy, { headers: bearer, params }, fakeVerifier(DEV_USERS['national-auditor']))).resolves.toMatchObject({
      target: { tenantId: 'kabupaten-banjar' },
    });
    await expect(admit(policy, { headers: bearer, params }, fakeVerifier(DEV_USERS['auditor-inspektorat']))).rejects.toMatchObject({ status: 403 });
  });
});

const KOTA = 'kota-banjarmasin';
/** Stored resources of the tests: complaints owned by a unit, cycles owned by a tenant only. */
const STORED: Record<string, Target> = {
  'complaint/c-disdukcapil': { tenantId: KOTA, unitId: 'disdukcapil' },
  'complaint/c-dinkes': { tenantId: KOTA, unitId: 'dinkes' },
  'complaint/c-banjar': { tenantId: 'kabupaten-banjar', unitId: 'disdukcapil' },
  'cycle/cy-kota': { tenantId: KOTA },
  'cycle/cy-banjar': { tenantId: 'kabupaten-banjar' },
};
const fakeLocator = () => ({ locate: jest.fn(async (kind: string, id: string, _tenantId: string) => STORED[`${kind}/${id}`]) });
const COMPLAINT = { kind: 'complaint', idParam: 'complaintId', notFoundCode: 'COMPLAINT.NOT_FOUND' };
const CYCLE = { kind: 'cycle', idParam: 'cycleId', notFoundCode: 'CYCLE.NOT_FOUND' };

describe('admit with a stored resource as the target', () => {
  const readComplaint = { kind: 'permission', action: 'complaint:read', resource: COMPLAINT } as const;
  const assignComplaint = { kind: 'permission', action: 'complaint:write', resource: COMPLAINT, unitParam: 'unitId' } as const;
  const scoreInCycle = { kind: 'permission', action: 'assessment:score', resource: CYCLE, unitParam: 'unitId' } as const;
  const readCycle = { kind: 'permission', action: 'cycle:read', resource: CYCLE } as const;
  const as = (principal: Principal) => fakeVerifier(principal);

  it("authorizes the resource's own tenant and unit", async () => {
    await expect(admit(readComplaint, { headers: bearer, params: { complaintId: 'c-disdukcapil' } }, as(operator), fakeLocator())).resolves.toEqual({
      kind: 'authorized',
      principal: operator,
      target: { tenantId: KOTA, unitId: 'disdukcapil' },
    });
  });

  it('refuses a resource of another unit of the tenant with 403 AUTH.FORBIDDEN', async () => {
    await expect(admit(readComplaint, { headers: bearer, params: { complaintId: 'c-dinkes' } }, as(operator), fakeLocator())).rejects.toMatchObject({
      status: 403,
      response: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('UNIT_OUT_OF_SCOPE') },
    });
  });

  it.each<[string, string, Principal]>([
    ['of another tenant, even to its admin', 'c-banjar', DEV_USERS['admin-orpeg']],
    ['that does not exist', 'c-unknown', DEV_USERS['admin-orpeg']],
  ])('answers a resource %s as not found, with its own code', async (_name, complaintId, principal) => {
    const refusal = admit(readComplaint, { headers: bearer, params: { complaintId } }, as(principal), fakeLocator());
    await expect(refusal).rejects.toBeInstanceOf(DomainError);
    await expect(refusal).rejects.toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
  });

  it('answers a tenant named beside the resource that is not its own as not found', async () => {
    const request = { headers: bearer, params: { complaintId: 'c-disdukcapil' }, query: { tenantId: 'kabupaten-banjar' } };
    await expect(admit(readComplaint, request, as(DEV_USERS['national-auditor']), fakeLocator())).rejects.toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
  });

  it("lets the national auditor read another tenant's resource, in that tenant", async () => {
    await expect(
      admit(readComplaint, { headers: bearer, params: { complaintId: 'c-banjar' } }, as(DEV_USERS['national-auditor']), fakeLocator()),
    ).resolves.toMatchObject({
      target: { tenantId: 'kabupaten-banjar', unitId: 'disdukcapil' },
    });
  });

  it('refuses a role without the action with 403 before looking the resource up, so it learns nothing', async () => {
    const locator = fakeLocator();
    await expect(admit(assignComplaint, { headers: bearer, params: { complaintId: 'c-banjar' } }, as(DEV_USERS['evaluator-2']), locator)).rejects.toMatchObject(
      {
        status: 403,
        response: { message: expect.stringContaining('ROLE_NOT_PERMITTED') },
      },
    );
    expect(locator.locate).not.toHaveBeenCalled();
  });

  it("needs both the resource's unit and a named unit in scope", async () => {
    await expect(
      admit(assignComplaint, { headers: bearer, params: { complaintId: 'c-disdukcapil' }, body: { unitId: 'dinkes' } }, as(operator), fakeLocator()),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      admit(
        assignComplaint,
        { headers: bearer, params: { complaintId: 'c-disdukcapil' }, body: { unitId: 'dinkes' } },
        as(DEV_USERS['admin-orpeg']),
        fakeLocator(),
      ),
    ).resolves.toMatchObject({ target: { tenantId: KOTA, unitId: 'dinkes' } });
  });

  it('takes the tenant of a tenant-owned resource and the unit from the path', async () => {
    const evaluator = DEV_USERS['evaluator-1'];
    await expect(
      admit(scoreInCycle, { headers: bearer, params: { cycleId: 'cy-kota', unitId: 'dinkes' } }, as(evaluator), fakeLocator()),
    ).resolves.toMatchObject({
      target: { tenantId: KOTA, unitId: 'dinkes' },
    });
    await expect(
      admit(scoreInCycle, { headers: bearer, params: { cycleId: 'cy-kota', unitId: 'kecamatan-banjarmasin-utara' } }, as(evaluator), fakeLocator()),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      admit(scoreInCycle, { headers: bearer, params: { cycleId: 'cy-banjar', unitId: 'disdukcapil' } }, as(evaluator), fakeLocator()),
    ).rejects.toMatchObject({
      code: 'CYCLE.NOT_FOUND',
    });
  });

  it.each<[string, Principal, string, Record<string, string>, string]>([
    ["the caller's own tenant when the request names none", DEV_USERS['admin-orpeg'], 'cy-kota', {}, KOTA],
    ['the tenant the national auditor names', DEV_USERS['national-auditor'], 'cy-banjar', { tenantId: 'kabupaten-banjar' }, 'kabupaten-banjar'],
  ])('looks a resource up in %s, where an id a client may choose is unique', async (_name, principal, cycleId, query, tenantId) => {
    const locator = fakeLocator();
    await expect(admit(readCycle, { headers: bearer, params: { cycleId }, query }, as(principal), locator)).resolves.toMatchObject({ target: { tenantId } });
    expect(locator.locate).toHaveBeenCalledWith('cycle', cycleId, tenantId);
  });

  it('names a missing resource id like a validation error', async () => {
    await expect(admit(readComplaint, { headers: bearer, body: {} }, as(operator), fakeLocator())).rejects.toMatchObject({
      status: 400,
      code: 'INPUT.INVALID',
      problems: [{ field: 'complaintId', rule: 'required', message: 'complaintId is required' }],
    });
  });

  it('fails loudly when a route names a resource and the service has no locator', async () => {
    await expect(admit(readComplaint, { headers: bearer, params: { complaintId: 'c-disdukcapil' } }, as(operator))).rejects.toThrow(/TargetLocator/);
  });
});

describe('admit with the tenant named in the request', () => {
  const listRequests = { kind: 'permission', action: 'request:read' } as const;

  it("reads the tenantId param by default: another tenant is refused to a tenant's own roles", async () => {
    await expect(
      admit(listRequests, { headers: bearer, query: { tenantId: 'kabupaten-banjar' } }, fakeVerifier(DEV_USERS['admin-orpeg'])),
    ).rejects.toMatchObject({
      status: 403,
      response: { message: expect.stringContaining('OTHER_TENANT') },
    });
    await expect(admit(listRequests, { headers: bearer, query: { tenantId: KOTA } }, fakeVerifier(DEV_USERS['admin-orpeg']))).resolves.toMatchObject({
      target: { tenantId: KOTA },
    });
  });

  it('lets the national auditor read a named tenant, and refuses it any write there', async () => {
    await expect(
      admit(listRequests, { headers: bearer, query: { tenantId: 'kabupaten-banjar' } }, fakeVerifier(DEV_USERS['national-auditor'])),
    ).resolves.toMatchObject({
      target: { tenantId: 'kabupaten-banjar' },
    });
    const write = { kind: 'permission', action: 'complaint:write', unitParam: 'unitId' } as const;
    await expect(
      admit(write, { headers: bearer, query: { tenantId: 'kabupaten-banjar' }, body: { unitId: 'disdukcapil' } }, fakeVerifier(DEV_USERS['national-auditor'])),
    ).rejects.toMatchObject({ status: 403, response: { code: 'AUTH.FORBIDDEN' } });
  });
});

@Controller('cycles/:cycleId/units/:unitId/assessment')
@RequirePermission('results:read', { unitParam: 'unitId' })
class AssessmentTestController {
  @Put('draft')
  @RequirePermission('assessment:write-own', { unitParam: 'unitId' })
  saveDraft(@CurrentPrincipal() principal: Principal, @AuthorizedTarget() target: Target, @Param('unitId') unitId: string) {
    return { actor: principalToActor(principal), target, unitId };
  }

  @Get()
  read(@CurrentPrincipal() principal: Principal) {
    return { role: principal.role };
  }
}

@Controller('complaints')
class ComplaintTestController {
  @Get(':complaintId')
  @RequirePermission('complaint:read', { resource: COMPLAINT })
  read(@CurrentActor() actor: Actor) {
    return actor;
  }
}

@Controller('open')
class UndeclaredTestController {
  @Get('public')
  @PublicEndpoint()
  open() {
    return { ok: true };
  }

  @Post('forgotten')
  forgotten(@Body() body: unknown) {
    return body;
  }
}

describe('AuthGuard in a Nest app (dev tokens, problem+json errors)', () => {
  let app: INestApplication;
  const now = new Date();
  const token = (name: keyof typeof DEV_USERS) => issueDevToken(DEV_USERS[name], DEFAULT_DEV_SIGNING_SECRET, now);

  beforeAll(async () => {
    const config = Object.assign(new AuthConfig(), { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET });
    const moduleRef = await Test.createTestingModule({
      controllers: [AssessmentTestController, ComplaintTestController, UndeclaredTestController],
      providers: [
        ...authProviders(config),
        { provide: TargetLocator, useValue: fakeLocator() },
        { provide: APP_FILTER, useValue: new ProblemDetailsFilter(pino({ level: 'silent' })) },
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });
  afterAll(() => app.close());

  it('lets the operator save its own unit draft and records it as the actor', async () => {
    const response = await request(app.getHttpServer())
      .put('/cycles/c1/units/disdukcapil/assessment/draft')
      .set('Authorization', `Bearer ${await token('operator-disdukcapil')}`)
      .expect(200);
    expect(response.body).toEqual({
      actor: { id: 'dev-operator-disdukcapil', role: 'skpd-operator' },
      target: { tenantId: 'kota-banjarmasin', unitId: 'disdukcapil' },
      unitId: 'disdukcapil',
    });
  });

  it("refuses the operator another unit's draft with 403 problem+json", async () => {
    const response = await request(app.getHttpServer())
      .put('/cycles/c1/units/dinkes/assessment/draft')
      .set('Authorization', `Bearer ${await token('operator-disdukcapil')}`)
      .expect(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
  });

  it('refuses an auditor the write and allows the class-level read', async () => {
    const auditor = await token('auditor-inspektorat');
    await request(app.getHttpServer()).put('/cycles/c1/units/dinkes/assessment/draft').set('Authorization', `Bearer ${auditor}`).expect(403);
    await request(app.getHttpServer()).get('/cycles/c1/units/dinkes/assessment').set('Authorization', `Bearer ${auditor}`).expect(200, { role: 'auditor' });
  });

  it('answers 401 AUTH.MISSING_TOKEN and AUTH.INVALID_TOKEN', async () => {
    const missing = await request(app.getHttpServer()).get('/cycles/c1/units/dinkes/assessment').expect(401);
    expect(missing.body.code).toBe('AUTH.MISSING_TOKEN');
    const invalid = await request(app.getHttpServer()).get('/cycles/c1/units/dinkes/assessment').set('Authorization', 'Bearer abc.def.ghi').expect(401);
    expect(invalid.body.code).toBe('AUTH.INVALID_TOKEN');
  });

  it("gives the handler the actor in the resource's tenant, and hides another tenant's resource behind a 404", async () => {
    const read = await request(app.getHttpServer())
      .get('/complaints/c-banjar')
      .set('Authorization', `Bearer ${await token('national-auditor')}`)
      .expect(200);
    expect(read.body).toEqual({ tenantId: 'kabupaten-banjar', id: 'dev-national-auditor', role: 'national-auditor' });
    const hidden = await request(app.getHttpServer())
      .get('/complaints/c-banjar')
      .set('Authorization', `Bearer ${await token('admin-orpeg')}`)
      .expect(404);
    expect(hidden.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(hidden.body).toMatchObject({ code: 'COMPLAINT.NOT_FOUND', status: 404 });
    expect(JSON.stringify(hidden.body)).not.toMatch(/kabupaten-banjar|at .*\.ts/);
  });

  it('serves a public route without a token and closes an undeclared one even with a token', async () => {
    await request(app.getHttpServer()).get('/open/public').expect(200, { ok: true });
    const response = await request(app.getHttpServer())
      .post('/open/forgotten')
      .set('Authorization', `Bearer ${await token('admin-orpeg')}`)
      .send({})
      .expect(403);
    expect(response.body.code).toBe('AUTH.NO_POLICY');
  });
});
