import { DEFAULT_DEV_SIGNING_SECRET, DEV_USERS, type DevUserName, issueDevToken, type Principal } from '@lib/platform';

/**
 * The Authorization header of a real dev token for a seeded user, signed with the secret startService
 * gives the services. `as` moves the user to another tenant or unit (each spec file works in tenants
 * and units of its own, so specs sharing the broker never see each other's events); role and
 * subject stay the seeded user's.
 */
export async function bearer(
  user: DevUserName,
  as: Partial<Pick<Principal, 'tenantId' | 'unitId' | 'assignedUnitIds'>> = {},
): Promise<{ Authorization: string }> {
  const token = await issueDevToken({ ...DEV_USERS[user], ...as }, DEFAULT_DEV_SIGNING_SECRET, new Date());
  return { Authorization: `Bearer ${token}` };
}
