import 'reflect-metadata';
import { Body, Controller, Get, type INestApplication, Param, Post, Put } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import request from 'supertest';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET } from './auth.config';
import { admit, authProviders } from './auth.guard';
import { AuthenticationError } from './authentication-error';
import { DEV_USERS, issueDevToken } from './dev-issuer';
import type { Target } from './permissions';
import { type Principal, principalToActor } from './principal';
import { AuthorizedTarget, CurrentPrincipal, PublicEndpoint, RequirePermission } from './require-permission.decorator';

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
    ['when path and body agree', { params: { unitId: 'disdukcapil' }, body: { unitId: 'disdukcapil' } }, { tenantId: 'kota-banjarmasin', unitId: 'disdukcapil' }],
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
      controllers: [AssessmentTestController, UndeclaredTestController],
      providers: [...authProviders(config), { provide: APP_FILTER, useValue: new ProblemDetailsFilter(pino({ level: 'silent' })) }],
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
