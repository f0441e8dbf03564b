import type { IncomingHttpHeaders } from 'node:http';
import { type FieldProblem, InputProblemException } from './problem-details.filter';

/** Who calls a staff endpoint, as the caller headers state it. */
export interface CallerHeaders {
  tenantId: string;
  id: string;
  role: string;
}

const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const HEADERS = [
  ['X-Tenant-Id', 'tenantId'],
  ['X-Actor-Id', 'id'],
  ['X-Actor-Role', 'role'],
] as const;

/**
 * Reads the caller from the X-Tenant-Id, X-Actor-Id and X-Actor-Role headers, refusing with one 400
 * that names every missing or malformed header. The single place every service reads them, until
 * verified tokens replace them (TODO(#7)).
 */
export function callerFromHeaders(headers: IncomingHttpHeaders, roles?: readonly string[]): CallerHeaders {
  const caller: Partial<CallerHeaders> = {};
  const problems: FieldProblem[] = [];
  for (const [header, key] of HEADERS) {
    const raw = headers[header.toLowerCase()];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!value) problems.push({ field: header, rule: 'required', message: `header ${header} is required` });
    else if (!SAFE_ID.test(value)) problems.push({ field: header, rule: 'matches', message: `header ${header} must be 1-128 characters of [A-Za-z0-9._:@-]` });
    else caller[key] = value;
  }
  if (caller.role && roles && !roles.includes(caller.role)) {
    problems.push({ field: 'X-Actor-Role', rule: 'isIn', message: `header X-Actor-Role must be one of ${roles.join(', ')}` });
  }
  if (problems.length > 0) {
    throw new InputProblemException(problems, problems.some((p) => p.rule === 'required') ? 'ACTOR.HEADER_MISSING' : 'ACTOR.HEADER_INVALID');
  }
  return caller as CallerHeaders;
}
