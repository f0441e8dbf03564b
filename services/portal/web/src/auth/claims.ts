/** The roles of the token's `pantau_role` claim (libs/platform/src/auth/permissions.ts). */
export type Role = 'admin' | 'evaluator' | 'skpd-operator' | 'auditor' | 'national-auditor';
const ROLES: readonly Role[] = ['admin', 'evaluator', 'skpd-operator', 'auditor', 'national-auditor'];

/** Who is signed in, as the token says. The services verify the token; the app only reads it to shape the screens. */
export interface Claims {
  subject: string;
  name: string;
  role: Role;
  tenantId: string;
  unitId: string | null;
  assignedUnitIds: string[];
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Bagian Organisasi',
  evaluator: 'Evaluator',
  'skpd-operator': 'Operator SKPD',
  auditor: 'Auditor (Inspektorat)',
  'national-auditor': 'Auditor Nasional (KemenPAN-RB)',
};

/** Roles that read and never change anything; their screens render no write buttons. */
export const isReadOnly = (role: Role): boolean => role === 'auditor' || role === 'national-auditor';

function decodeSegment(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The Pantau claims of a JWT, or null when it is not one the app can use (unknown role, no tenant, no expiry). */
export function readClaims(token: string): Claims | null {
  const [, payload] = token.split('.');
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    claims = decodeSegment(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  const role = claims.pantau_role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (typeof claims.sub !== 'string' || typeof claims.pantau_tenant !== 'string' || typeof claims.exp !== 'number') return null;
  const units = claims.pantau_units;
  return {
    subject: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    role: role as Role,
    tenantId: claims.pantau_tenant,
    unitId: typeof claims.pantau_unit === 'string' ? claims.pantau_unit : null,
    assignedUnitIds: Array.isArray(units) ? units.filter((unit): unit is string => typeof unit === 'string') : [],
    expiresAt: claims.exp * 1000,
  };
}
