import { AuthenticationError } from './authentication-error';
import { principalFromClaims, principalToActor } from './principal';

const base = { sub: 'u-1', pantau_tenant: 'kota-banjarmasin' };

describe('principalFromClaims', () => {
  it.each<[string, Record<string, unknown>, object]>([
    [
      'an admin needs only subject, role and tenant',
      { ...base, pantau_role: 'admin', name: 'Rahmah' },
      { subject: 'u-1', role: 'admin', tenantId: 'kota-banjarmasin', name: 'Rahmah' },
    ],
    ['an skpd-operator carries its unit', { ...base, pantau_role: 'skpd-operator', pantau_unit: 'dinkes' }, { role: 'skpd-operator', unitId: 'dinkes' }],
    [
      'an evaluator carries its assigned units, deduplicated',
      { ...base, pantau_role: 'evaluator', pantau_units: ['dinkes', 'dinkes', 'disdukcapil'] },
      { assignedUnitIds: ['dinkes', 'disdukcapil'] },
    ],
    ['an evaluator may have no assignments yet', { ...base, pantau_role: 'evaluator', pantau_units: [] }, { assignedUnitIds: [] }],
    ['pantau_units is ignored for roles that are not evaluators', { ...base, pantau_role: 'auditor', pantau_units: ['dinkes'] }, { role: 'auditor' }],
  ])('%s', (_name, claims, expected) => {
    const principal = principalFromClaims(claims);
    expect(principal).toMatchObject(expected);
    if (claims.pantau_role !== 'evaluator') expect(principal.assignedUnitIds).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown role', { ...base, pantau_role: 'superuser' }],
    ["the citizens' role, which no token carries", { ...base, pantau_role: 'public' }],
    ['no role', { ...base }],
    ['no tenant', { sub: 'u-1', pantau_role: 'admin' }],
    ['no subject', { pantau_tenant: 'kota-banjarmasin', pantau_role: 'admin' }],
    ['a tenant with unsafe characters', { ...base, pantau_tenant: 'kota/../x', pantau_role: 'admin' }],
    ['an skpd-operator without a unit', { ...base, pantau_role: 'skpd-operator' }],
    ['an evaluator without a unit list', { ...base, pantau_role: 'evaluator' }],
    ['an evaluator with a non-string unit', { ...base, pantau_role: 'evaluator', pantau_units: [42] }],
  ])('refuses %s with AUTH.INVALID_TOKEN', (_name, claims) => {
    expect(() => principalFromClaims(claims)).toThrow(AuthenticationError);
    expect(() => principalFromClaims(claims)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_TOKEN' }));
  });
});

describe('principalToActor', () => {
  it('records the subject and role as the actor of CommandMeta', () => {
    expect(principalToActor({ subject: 'u-1', role: 'evaluator', tenantId: 't', assignedUnitIds: ['a'] })).toEqual({ id: 'u-1', role: 'evaluator' });
  });
});
