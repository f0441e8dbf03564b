import { ACTIONS, ALL_ACTIONS, type Action, authorize, PERMISSIONS, permits, READ_ONLY_ROLES, type Role, ROLES, type Subject } from './permissions';

const KOTA = 'kota-banjarmasin';
const BANJAR = 'kabupaten-banjar';

/** One principal per role; "own unit" below is its unit, or its first assigned unit. */
const SUBJECTS: Record<Role, Subject & { ownUnit: string }> = {
  admin: { role: 'admin', tenantId: KOTA, unitId: 'bagian-organisasi', ownUnit: 'bagian-organisasi' },
  evaluator: { role: 'evaluator', tenantId: KOTA, assignedUnitIds: ['disdukcapil', 'dinkes'], ownUnit: 'disdukcapil' },
  'skpd-operator': { role: 'skpd-operator', tenantId: KOTA, unitId: 'disdukcapil', ownUnit: 'disdukcapil' },
  auditor: { role: 'auditor', tenantId: KOTA, unitId: 'inspektorat', ownUnit: 'inspektorat' },
  'national-auditor': { role: 'national-auditor', tenantId: 'kemenpanrb', ownUnit: 'disdukcapil' },
  public: { role: 'public', tenantId: KOTA, ownUnit: 'disdukcapil' },
};

/**
 * The expected matrix, written out by hand. Columns, each Y (allowed) or N (denied):
 *   own tenant:   own unit, other unit, no unit (tenant-wide)   |   other tenant: same three
 */
const EXPECTED: [Role, Action, string][] = [
  ['admin', 'standard:write', 'YYY NNN'],
  ['admin', 'standard:read', 'YYY NNN'],
  ['admin', 'request:write', 'NNN NNN'],
  ['admin', 'request:read', 'YYY NNN'],
  ['admin', 'complaint:write', 'YYY NNN'],
  ['admin', 'complaint:read', 'YYY NNN'],
  ['admin', 'survey:admin', 'YYY NNN'],
  ['admin', 'survey:read', 'YYY NNN'],
  ['admin', 'cycle:admin', 'YYY NNN'],
  ['admin', 'cycle:read', 'YYY NNN'],
  ['admin', 'assessment:write-own', 'NNN NNN'],
  ['admin', 'assessment:score', 'NNN NNN'],
  ['admin', 'assessment:enter-scores', 'YYY NNN'],
  ['admin', 'assessment:verify', 'YYY NNN'],
  ['admin', 'results:read', 'YYY NNN'],
  ['admin', 'results:publish', 'YYY NNN'],
  ['admin', 'ruleset:publish', 'YYY NNN'],
  ['admin', 'ruleset:read', 'YYY NNN'],
  ['admin', 'audit:read', 'YYY NNN'],
  ['admin', 'public:respond', 'NNN NNN'],
  ['admin', 'personal-data:erase', 'YYY NNN'],
  ['admin', 'calendar:admin', 'YYY NNN'],

  ['evaluator', 'standard:write', 'NNN NNN'],
  ['evaluator', 'standard:read', 'YNN NNN'],
  ['evaluator', 'request:write', 'NNN NNN'],
  ['evaluator', 'request:read', 'YNN NNN'],
  ['evaluator', 'complaint:write', 'NNN NNN'],
  ['evaluator', 'complaint:read', 'YNN NNN'],
  ['evaluator', 'survey:admin', 'NNN NNN'],
  ['evaluator', 'survey:read', 'YNN NNN'],
  ['evaluator', 'cycle:admin', 'NNN NNN'],
  ['evaluator', 'cycle:read', 'YYY NNN'],
  ['evaluator', 'assessment:write-own', 'NNN NNN'],
  ['evaluator', 'assessment:score', 'YNN NNN'],
  ['evaluator', 'assessment:enter-scores', 'YNN NNN'],
  ['evaluator', 'assessment:verify', 'YNN NNN'],
  ['evaluator', 'results:read', 'YNN NNN'],
  ['evaluator', 'results:publish', 'NNN NNN'],
  ['evaluator', 'ruleset:publish', 'NNN NNN'],
  ['evaluator', 'ruleset:read', 'YYY NNN'],
  ['evaluator', 'audit:read', 'NNN NNN'],
  ['evaluator', 'public:respond', 'NNN NNN'],
  ['evaluator', 'personal-data:erase', 'NNN NNN'],
  ['evaluator', 'calendar:admin', 'NNN NNN'],

  ['skpd-operator', 'standard:write', 'YNN NNN'],
  ['skpd-operator', 'standard:read', 'YNN NNN'],
  ['skpd-operator', 'request:write', 'YNN NNN'],
  ['skpd-operator', 'request:read', 'YNN NNN'],
  ['skpd-operator', 'complaint:write', 'YNN NNN'],
  ['skpd-operator', 'complaint:read', 'YNN NNN'],
  ['skpd-operator', 'survey:admin', 'YNN NNN'],
  ['skpd-operator', 'survey:read', 'YNN NNN'],
  ['skpd-operator', 'cycle:admin', 'NNN NNN'],
  ['skpd-operator', 'cycle:read', 'YYY NNN'],
  ['skpd-operator', 'assessment:write-own', 'YNN NNN'],
  ['skpd-operator', 'assessment:score', 'NNN NNN'],
  ['skpd-operator', 'assessment:enter-scores', 'NNN NNN'],
  ['skpd-operator', 'assessment:verify', 'NNN NNN'],
  ['skpd-operator', 'results:read', 'YNN NNN'],
  ['skpd-operator', 'results:publish', 'NNN NNN'],
  ['skpd-operator', 'ruleset:publish', 'NNN NNN'],
  ['skpd-operator', 'ruleset:read', 'YYY NNN'],
  ['skpd-operator', 'audit:read', 'NNN NNN'],
  ['skpd-operator', 'public:respond', 'NNN NNN'],
  ['skpd-operator', 'personal-data:erase', 'NNN NNN'],
  ['skpd-operator', 'calendar:admin', 'NNN NNN'],

  ['auditor', 'standard:write', 'NNN NNN'],
  ['auditor', 'standard:read', 'YYY NNN'],
  ['auditor', 'request:write', 'NNN NNN'],
  ['auditor', 'request:read', 'YYY NNN'],
  ['auditor', 'complaint:write', 'NNN NNN'],
  ['auditor', 'complaint:read', 'YYY NNN'],
  ['auditor', 'survey:admin', 'NNN NNN'],
  ['auditor', 'survey:read', 'YYY NNN'],
  ['auditor', 'cycle:admin', 'NNN NNN'],
  ['auditor', 'cycle:read', 'YYY NNN'],
  ['auditor', 'assessment:write-own', 'NNN NNN'],
  ['auditor', 'assessment:score', 'NNN NNN'],
  ['auditor', 'assessment:enter-scores', 'NNN NNN'],
  ['auditor', 'assessment:verify', 'NNN NNN'],
  ['auditor', 'results:read', 'YYY NNN'],
  ['auditor', 'results:publish', 'NNN NNN'],
  ['auditor', 'ruleset:publish', 'NNN NNN'],
  ['auditor', 'ruleset:read', 'YYY NNN'],
  ['auditor', 'audit:read', 'YYY NNN'],
  ['auditor', 'public:respond', 'NNN NNN'],
  ['auditor', 'personal-data:erase', 'NNN NNN'],
  ['auditor', 'calendar:admin', 'NNN NNN'],

  ['national-auditor', 'standard:write', 'NNN NNN'],
  ['national-auditor', 'standard:read', 'YYY YYY'],
  ['national-auditor', 'request:write', 'NNN NNN'],
  ['national-auditor', 'request:read', 'YYY YYY'],
  ['national-auditor', 'complaint:write', 'NNN NNN'],
  ['national-auditor', 'complaint:read', 'YYY YYY'],
  ['national-auditor', 'survey:admin', 'NNN NNN'],
  ['national-auditor', 'survey:read', 'YYY YYY'],
  ['national-auditor', 'cycle:admin', 'NNN NNN'],
  ['national-auditor', 'cycle:read', 'YYY YYY'],
  ['national-auditor', 'assessment:write-own', 'NNN NNN'],
  ['national-auditor', 'assessment:score', 'NNN NNN'],
  ['national-auditor', 'assessment:enter-scores', 'NNN NNN'],
  ['national-auditor', 'assessment:verify', 'NNN NNN'],
  ['national-auditor', 'results:read', 'YYY YYY'],
  ['national-auditor', 'results:publish', 'NNN NNN'],
  ['national-auditor', 'ruleset:publish', 'NNN NNN'],
  ['national-auditor', 'ruleset:read', 'YYY YYY'],
  ['national-auditor', 'audit:read', 'YYY YYY'],
  ['national-auditor', 'public:respond', 'NNN NNN'],
  ['national-auditor', 'personal-data:erase', 'NNN NNN'],
  ['national-auditor', 'calendar:admin', 'NNN NNN'],

  ['public', 'standard:write', 'NNN NNN'],
  ['public', 'standard:read', 'NNN NNN'],
  ['public', 'request:write', 'NNN NNN'],
  ['public', 'request:read', 'NNN NNN'],
  ['public', 'complaint:write', 'NNN NNN'],
  ['public', 'complaint:read', 'NNN NNN'],
  ['public', 'survey:admin', 'NNN NNN'],
  ['public', 'survey:read', 'NNN NNN'],
  ['public', 'cycle:admin', 'NNN NNN'],
  ['public', 'cycle:read', 'NNN NNN'],
  ['public', 'assessment:write-own', 'NNN NNN'],
  ['public', 'assessment:score', 'NNN NNN'],
  ['public', 'assessment:enter-scores', 'NNN NNN'],
  ['public', 'assessment:verify', 'NNN NNN'],
  ['public', 'results:read', 'NNN NNN'],
  ['public', 'results:publish', 'NNN NNN'],
  ['public', 'ruleset:publish', 'NNN NNN'],
  ['public', 'ruleset:read', 'NNN NNN'],
  ['public', 'audit:read', 'NNN NNN'],
  ['public', 'public:respond', 'YYY NNN'],
  ['public', 'personal-data:erase', 'NNN NNN'],
  ['public', 'calendar:admin', 'NNN NNN'],
];

describe('authorize: the permission matrix', () => {
  it('the expected table covers every role × every action exactly once', () => {
    const keys = EXPECTED.map(([role, action]) => `${role} ${action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(ROLES.flatMap((role) => ALL_ACTIONS.map((action) => `${role} ${action}`)).sort());
  });

  it.each(EXPECTED)('%s / %s → %s', (role, action, expected) => {
    const subject = SUBJECTS[role];
    const ownTenant = subject.tenantId;
    const otherTenant = ownTenant === BANJAR ? KOTA : BANJAR;
    const cells = [
      { tenantId: ownTenant, unitId: subject.ownUnit },
      { tenantId: ownTenant, unitId: 'dinas-perhubungan' },
      { tenantId: ownTenant },
      { tenantId: otherTenant, unitId: subject.ownUnit },
      { tenantId: otherTenant, unitId: 'dinas-perhubungan' },
      { tenantId: otherTenant },
    ].map((target) => (authorize(subject, action, target).allowed ? 'Y' : 'N'));
    expect(`${cells.slice(0, 3).join('')} ${cells.slice(3).join('')}`).toBe(expected);
  });
});

describe('authorize: scoping details', () => {
  it('grants no write action to a read-only role', () => {
    for (const role of READ_ONLY_ROLES) {
      const writes = Object.keys(PERMISSIONS[role]).filter((action) => ACTIONS[action as Action] === 'write');
      expect(writes).toEqual([]);
    }
  });

  it.each<[string, Role, Action, boolean]>([
    ['an operator may write its requests somewhere', 'skpd-operator', 'request:write', true],
    ['an admin may not score', 'admin', 'assessment:score', false],
    ["an admin may enter an evaluator's F-02 sheet", 'admin', 'assessment:enter-scores', true],
    ['a national auditor may read requests anywhere', 'national-auditor', 'request:read', true],
  ])('permits: %s', (_name, role, action, allowed) => {
    expect(permits({ role }, action).allowed).toBe(allowed);
  });

  it('permits nothing to write for a read-only role, naming the reason', () => {
    expect(permits({ role: 'auditor' }, 'complaint:write')).toMatchObject({ allowed: false, reason: 'ROLE_NOT_PERMITTED' });
  });

  it('refuses an auditor publishing results as not permitted', () => {
    expect(authorize(SUBJECTS.auditor, 'results:publish', { tenantId: KOTA })).toMatchObject({ allowed: false, reason: 'ROLE_NOT_PERMITTED' });
  });

  it('lets an evaluator score every assigned unit and no other', () => {
    expect(authorize(SUBJECTS.evaluator, 'assessment:score', { tenantId: KOTA, unitId: 'dinkes' })).toEqual({ allowed: true });
    expect(authorize(SUBJECTS.evaluator, 'assessment:score', { tenantId: KOTA, unitId: 'kecamatan-banjarmasin-utara' })).toMatchObject({
      allowed: false,
      reason: 'UNIT_OUT_OF_SCOPE',
    });
  });

  it('refuses an evaluator with no assignments any unit', () => {
    const subject: Subject = { role: 'evaluator', tenantId: KOTA, assignedUnitIds: [] };
    expect(authorize(subject, 'assessment:score', { tenantId: KOTA, unitId: 'disdukcapil' })).toMatchObject({ allowed: false });
  });

  it('refuses an skpd-operator whose token names no unit', () => {
    const subject: Subject = { role: 'skpd-operator', tenantId: KOTA };
    expect(authorize(subject, 'assessment:write-own', { tenantId: KOTA, unitId: 'disdukcapil' })).toMatchObject({
      allowed: false,
      reason: 'UNIT_OUT_OF_SCOPE',
    });
  });

  it('refuses a unit-scoped role a tenant-wide target with UNIT_REQUIRED', () => {
    expect(authorize(SUBJECTS['skpd-operator'], 'request:read', { tenantId: KOTA })).toMatchObject({ allowed: false, reason: 'UNIT_REQUIRED' });
  });

  it('refuses the same unit id in another tenant with OTHER_TENANT', () => {
    expect(authorize(SUBJECTS['skpd-operator'], 'request:write', { tenantId: BANJAR, unitId: 'disdukcapil' })).toMatchObject({
      allowed: false,
      reason: 'OTHER_TENANT',
    });
  });
});
