import { SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { CLAIMS, type Principal } from './principal';

/** How long a dev token lives: one working day. */
export const DEV_TOKEN_TTL_SECONDS = 8 * 60 * 60;

const KOTA = 'kota-banjarmasin';

/**
 * The seeded users of the demo city (Kota Banjarmasin), one more tenant (Kabupaten Banjar) to show
 * isolation, and the national auditor. For local runs and tests only: dev mode is refused in production.
 */
export const DEV_USERS = {
  'admin-orpeg': { subject: 'dev-admin-orpeg', name: 'Rahmah (Bagian Organisasi)', role: 'admin', tenantId: KOTA, unitId: 'bagian-organisasi' },
  'evaluator-1': {
    subject: 'dev-evaluator-1',
    name: 'Fajar (Tim Evaluator)',
    role: 'evaluator',
    tenantId: KOTA,
    assignedUnitIds: ['disdukcapil', 'dinkes'],
  },
  'evaluator-2': {
    subject: 'dev-evaluator-2',
    name: 'Siti (Tim Evaluator)',
    role: 'evaluator',
    tenantId: KOTA,
    assignedUnitIds: ['kecamatan-banjarmasin-utara'],
  },
  'operator-disdukcapil': { subject: 'dev-operator-disdukcapil', name: 'Operator Disdukcapil', role: 'skpd-operator', tenantId: KOTA, unitId: 'disdukcapil' },
  'operator-dinkes': { subject: 'dev-operator-dinkes', name: 'Operator Dinkes', role: 'skpd-operator', tenantId: KOTA, unitId: 'dinkes' },
  'operator-kecamatan-utara': {
    subject: 'dev-operator-kecamatan-utara',
    name: 'Operator Kecamatan Banjarmasin Utara',
    role: 'skpd-operator',
    tenantId: KOTA,
    unitId: 'kecamatan-banjarmasin-utara',
  },
  'auditor-inspektorat': { subject: 'dev-auditor-inspektorat', name: 'Auditor Inspektorat', role: 'auditor', tenantId: KOTA, unitId: 'inspektorat' },
  'national-auditor': { subject: 'dev-national-auditor', name: 'Auditor KemenPAN-RB', role: 'national-auditor', tenantId: 'kemenpanrb' },
  'admin-banjar': {
    subject: 'dev-admin-banjar',
    name: 'Bagian Organisasi Kabupaten Banjar',
    role: 'admin',
    tenantId: 'kabupaten-banjar',
    unitId: 'bagian-organisasi',
  },
} as const satisfies Record<string, Principal>;

export type DevUserName = keyof typeof DEV_USERS;

export interface DevTokenOptions {
  issuer?: string;
  audience?: string;
  ttlSeconds?: number;
}

/** An HS256 access token for `user`, issued at `now`, with the same claims an OIDC provider would send. */
export function issueDevToken(user: Principal, secret: string, now: Date, options: DevTokenOptions = {}): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = { name: user.name, [CLAIMS.role]: user.role, [CLAIMS.tenant]: user.tenantId };
  if (user.unitId !== undefined) claims[CLAIMS.unit] = user.unitId;
  if (user.assignedUnitIds !== undefined) claims[CLAIMS.units] = [...user.assignedUnitIds];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.subject)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? DEV_TOKEN_TTL_SECONDS))
    .sign(new TextEncoder().encode(secret));
}
