import { complaints2018 } from '../domain';

// Every tenant receives complaints under the national deadlines: there is no way yet for a tenant to
// publish its own complaint ruleset (README, "Working-day calendars"). A complaint records the
// `id@version` it was received under, and the decider refuses a change under another one.
export const complaintRuleset = () => complaints2018;

export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;
