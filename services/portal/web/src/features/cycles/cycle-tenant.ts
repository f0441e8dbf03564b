import { useSearchParams } from 'react-router-dom';
import { useSignedIn } from '../../auth/session';

/** The search parameter of the cycle pages that names the Pemda a national auditor reads. */
const TENANT_PARAM = 'pemda';

/**
 * The tenant whose cycle the page shows, when the reader must name it: a national auditor has no
 * tenant of its own and a cycle id is only unique within one. Undefined for everyone else, whom the
 * services answer from their own tenant.
 */
export function useCycleTenant(): string | undefined {
  const { claims } = useSignedIn();
  const [searchParams] = useSearchParams();
  if (claims.role !== 'national-auditor') return undefined;
  return searchParams.get(TENANT_PARAM) || undefined;
}

/** A portal path that keeps naming the tenant (see useCycleTenant); the path itself when there is none. */
export function withCycleTenant(path: string, tenantId: string | undefined): string {
  return tenantId ? `${path}?${new URLSearchParams({ [TENANT_PARAM]: tenantId }).toString()}` : path;
}
