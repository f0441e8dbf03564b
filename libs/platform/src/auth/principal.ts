import { QUALIFIED_ID, QUALIFIED_ID_RULE } from '@lib/kernel';
import { AuthenticationError } from './authentication-error';
import { type Role, TOKEN_ROLES, type Subject } from './permissions';

/** The verified caller of one request. */
export interface Principal extends Subject {
  /** `sub`: stable id of the user at the identity provider; recorded as the actor id of every event. */
  subject: string;
  name?: string;
  role: Role;
  tenantId: string;
  /** The unit of an skpd-operator (required for that role). */
  unitId?: string;
  /** The units an evaluator is assigned to (required for that role, may be empty). */
  assignedUnitIds?: readonly string[];
}

/** The Pantau claims of an access token; a Keycloak deployment maps user attributes onto these names. */
export const CLAIMS = {
  role: 'pantau_role',
  tenant: 'pantau_tenant',
  unit: 'pantau_unit',
  units: 'pantau_units',
} as const;

const invalid = (message: string): AuthenticationError => new AuthenticationError('AUTH.INVALID_TOKEN', message);

function id(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || !QUALIFIED_ID.test(value)) throw invalid(`claim ${name} must be an id of ${QUALIFIED_ID_RULE}`);
  return value;
}

/**
 * Maps the claims of a verified token to a Principal, refusing (401) an unknown role, a missing
 * tenant, an skpd-operator without a unit and an evaluator without a unit list.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = id(claims, 'sub');
  const role = claims[CLAIMS.role];
  if (typeof role !== 'string' || !(TOKEN_ROLES as readonly string[]).includes(role)) {
    throw invalid(`claim ${CLAIMS.role} must be one of ${TOKEN_ROLES.join(', ')}`);
  }
  const principal: Principal = { subject, role: role as Role, tenantId: id(claims, CLAIMS.tenant) };
  if (typeof claims.name === 'string' && claims.name.trim() !== '') principal.name = claims.name.slice(0, 200);
  if (principal.role === 'skpd-operator') principal.unitId = id(claims, CLAIMS.unit);
  else if (claims[CLAIMS.unit] !== undefined) principal.unitId = id(claims, CLAIMS.unit);
  if (principal.role === 'evaluator') {
    const units = claims[CLAIMS.units];
    if (!Array.isArray(units) || units.some((unit) => typeof unit !== 'string' || !QUALIFIED_ID.test(unit))) {
      throw invalid(`claim ${CLAIMS.units} must be a list of unit ids for an evaluator`);
    }
    principal.assignedUnitIds = [...new Set(units as string[])];
  }
  return principal;
}

/** The actor of CommandMeta: who is recorded in every event's metadata. */
export function principalToActor(principal: Principal): { id: string; role: string } {
  return { id: principal.subject, role: principal.role };
}
