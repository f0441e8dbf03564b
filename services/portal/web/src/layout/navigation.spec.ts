import { readClaims } from '../auth/claims';
import { fakeToken } from '../test-support';
import { homeFor, navigationFor } from './navigation';

describe('role-aware navigation from the token claims', () => {
  it.each([
    ['admin', ['/siklus']],
    ['skpd-operator', ['/unit', '/skm', '/layanan']],
    ['evaluator', ['/penugasan']],
    ['auditor', ['/siklus']],
    ['national-auditor', ['/siklus']],
  ] as const)('%s sees %j', (role, paths) => {
    expect(navigationFor({ role }).map((item) => item.to)).toEqual(paths);
    expect(homeFor({ role })).toBe(paths[0]);
  });

  it('reads the Pantau claims of a token', () => {
    const claims = readClaims(
      fakeToken({
        sub: 'dev-evaluator-1',
        name: 'Fajar',
        pantau_role: 'evaluator',
        pantau_tenant: 'kota-banjarmasin',
        pantau_units: ['disdukcapil', 'dinkes'],
      }),
    );
    expect(claims).toMatchObject({
      subject: 'dev-evaluator-1',
      name: 'Fajar',
      role: 'evaluator',
      tenantId: 'kota-banjarmasin',
      unitId: null,
      assignedUnitIds: ['disdukcapil', 'dinkes'],
    });
  });

  it.each([
    ['an unknown role', { sub: 'x', pantau_role: 'root', pantau_tenant: 't' }],
    ['no tenant', { sub: 'x', pantau_role: 'admin' }],
  ])('refuses a token with %s', (_name, claims) => {
    expect(readClaims(fakeToken(claims))).toBeNull();
  });

  it('refuses something that is not a JWT', () => {
    expect(readClaims('not-a-token')).toBeNull();
  });
});
