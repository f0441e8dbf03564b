import { complaints2018 } from '../domain';

// TODO(#4): the tenant's published ruleset version instead of the national 2018 one.
export const complaintRuleset = () => complaints2018;

export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;
