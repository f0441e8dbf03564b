/**
 * The one place that says who may do what, and where. Pure data plus `authorize()`; the HTTP guard
 * only resolves the target and asks. No Nest imports, so this file is tested as a table.
 */

export const ROLES = ['admin', 'evaluator', 'skpd-operator', 'auditor', 'national-auditor', 'public'] as const;
export type Role = (typeof ROLES)[number];
/** The roles a token may carry: `public` is the citizens' actor, which the platform assigns and no identity provider does. */
export const TOKEN_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'public');

/** Roles that may never change anything, whatever the matrix says (checked twice on purpose). */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor', 'national-auditor'];

export const ACTIONS = {
  'standard:write': 'write',
  'standard:read': 'read',
  'request:write': 'write',
  'request:read': 'read',
  'complaint:write': 'write',
  'complaint:read': 'read',
  'survey:admin': 'write',
  'survey:read': 'read',
  'cycle:admin': 'write',
  'cycle:read': 'read',
  'assessment:write-own': 'write',
  'assessment:score': 'write',
  'assessment:enter-scores': 'write',
  'assessment:verify': 'write',
  'results:read': 'read',
  'results:publish': 'write',
  'ruleset:publish': 'write',
  'ruleset:read': 'read',
  'audit:read': 'read',
  'public:respond': 'write',
  'calendar:admin': 'write',
  'personal-data:erase': 'write',
} as const satisfies Record<string, 'read' | 'write'>;
export type Action = keyof typeof ACTIONS;
export const ALL_ACTIONS = Object.keys(ACTIONS) as Action[];

/**
 * Where a grant reaches:
 * - `own-unit`: the principal's unit, in its tenant;
 * - `assigned-units`: the principal's assigned units, in its tenant;
 * - `tenant`: every unit of the principal's tenant, and the tenant itself;
 * - `all-tenants`: every unit of every tenant.
 */
export type Scope = 'own-unit' | 'assigned-units' | 'tenant' | 'all-tenants';

/** role → action → scope; an absent entry is a denial. */
export const PERMISSIONS: Readonly<Record<Role, Partial<Record<Action, Scope>>>> = {
  // Bagian Organisasi: runs the evaluation of its whole tenant.
  admin: {
    'standard:write': 'tenant',
    'standard:read': 'tenant',
    'request:read': 'tenant',
    'complaint:write': 'tenant',
    'complaint:read': 'tenant',
    'survey:admin': 'tenant',
    'survey:read': 'tenant',
    'cycle:admin': 'tenant',
    'cycle:read': 'tenant',
    'assessment:verify': 'tenant',
    // Types in an assigned evaluator's F-02 sheet, as that evaluator's marks (never marks of its own).
    'assessment:enter-scores': 'tenant',
    'results:read': 'tenant',
    'results:publish': 'tenant',
    'ruleset:publish': 'tenant',
    'ruleset:read': 'tenant',
    'audit:read': 'tenant',
    'calendar:admin': 'tenant',
    // The controller's (Pemda's) erasure of a data subject's personal data (UU PDP 27/2022).
    'personal-data:erase': 'tenant',
  },
  // Evaluators see the cycle and the rulesets of their tenant, and the units assigned to them.
  evaluator: {
    'standard:read': 'assigned-units',
    'request:read': 'assigned-units',
    'complaint:read': 'assigned-units',
    'survey:read': 'assigned-units',
    'cycle:read': 'tenant',
    'ruleset:read': 'tenant',
    'assessment:score': 'assigned-units',
    'assessment:enter-scores': 'assigned-units',
    'assessment:verify': 'assigned-units',
    'results:read': 'assigned-units',
  },
  'skpd-operator': {
    'standard:write': 'own-unit',
    'standard:read': 'own-unit',
    'request:write': 'own-unit',
    'request:read': 'own-unit',
    'complaint:write': 'own-unit',
    'complaint:read': 'own-unit',
    'survey:admin': 'own-unit',
    'survey:read': 'own-unit',
    'cycle:read': 'tenant',
    'ruleset:read': 'tenant',
    'assessment:write-own': 'own-unit',
    'results:read': 'own-unit',
  },
  // Inspektorat: reads everything of its tenant, changes nothing.
  auditor: {
    'standard:read': 'tenant',
    'request:read': 'tenant',
    'complaint:read': 'tenant',
    'survey:read': 'tenant',
    'cycle:read': 'tenant',
    'ruleset:read': 'tenant',
    'results:read': 'tenant',
    'audit:read': 'tenant',
  },
  // KemenPAN-RB: reads across tenants, changes nothing.
  'national-auditor': {
    'standard:read': 'all-tenants',
    'request:read': 'all-tenants',
    'complaint:read': 'all-tenants',
    'survey:read': 'all-tenants',
    'cycle:read': 'all-tenants',
    'ruleset:read': 'all-tenants',
    'results:read': 'all-tenants',
    'audit:read': 'all-tenants',
  },
  public: {
    'public:respond': 'tenant',
  },
};

/** The parts of a principal that authorization looks at. */
export interface Subject {
  role: Role;
  tenantId: string;
  unitId?: string;
  assignedUnitIds?: readonly string[];
}

/** What the action touches. `unitId` absent means the tenant as a whole (a cycle, a ruleset, a list). */
export interface Target {
  tenantId: string;
  unitId?: string;
}

export type DenialReason = 'ROLE_NOT_PERMITTED' | 'READ_ONLY_ROLE' | 'OTHER_TENANT' | 'UNIT_REQUIRED' | 'UNIT_OUT_OF_SCOPE';
export type Decision = { allowed: true } | { allowed: false; reason: DenialReason; detail: string };

const deny = (reason: DenialReason, detail: string): Decision => ({ allowed: false, reason, detail });

/**
 * Whether the role of `subject` may perform `action` anywhere at all. Checked before a stored
 * resource is looked up, so a role without the grant learns nothing about which resources exist.
 */
export function permits(subject: Pick<Subject, 'role'>, action: Action): Decision {
  if (PERMISSIONS[subject.role]?.[action] === undefined) return deny('ROLE_NOT_PERMITTED', `role ${subject.role} may not ${action}`);
  if (ACTIONS[action] === 'write' && READ_ONLY_ROLES.includes(subject.role)) return deny('READ_ONLY_ROLE', `role ${subject.role} is read-only`);
  return { allowed: true };
}

/**
 * Whether `subject` may perform `action` on `target`. A unit-scoped grant (own or assigned units)
 * never covers a tenant-wide target: list endpoints must name the unit they list.
 */
export function authorize(subject: Subject, action: Action, target: Target): Decision {
  const granted = permits(subject, action);
  if (!granted.allowed) return granted;
  const scope = PERMISSIONS[subject.role][action];
  if (scope === 'all-tenants') return { allowed: true };
  if (target.tenantId !== subject.tenantId) return deny('OTHER_TENANT', `role ${subject.role} may ${action} only in its own tenant`);
  if (scope === 'tenant') return { allowed: true };
  if (target.unitId === undefined) return deny('UNIT_REQUIRED', `role ${subject.role} may ${action} only for a named unit`);
  const units = scope === 'own-unit' ? (subject.unitId === undefined ? [] : [subject.unitId]) : (subject.assignedUnitIds ?? []);
  return units.includes(target.unitId) ? { allowed: true } : deny('UNIT_OUT_OF_SCOPE', `unit ${target.unitId} is outside the ${scope} of role ${subject.role}`);
}
