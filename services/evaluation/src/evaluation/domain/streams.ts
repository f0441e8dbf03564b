/*
 * Every stream of this service is a tenant's own: a cycle id may be chosen by the client, unit ids are
 * the Pemda's own (two tenants both have a "disdukcapil"), and a ruleset version a tenant publishes is
 * for that tenant only (the shipped national ones live in code). No id may contain "/", so the parts
 * of a stream id cannot run into each other.
 */
export const cycleStream = (tenantId: string, cycleId: string): string => `cycle-${tenantId}/${cycleId}`;
export const assessmentStream = (tenantId: string, cycleId: string, unitId: string): string => `assessment-${tenantId}/${cycleId}/${unitId}`;
export const rulesetStream = (tenantId: string, rulesetId: string): string => `ruleset-${tenantId}/${rulesetId}`;
export const proposalsStream = (tenantId: string, cycleId: string, unitId: string): string => `proposals-${tenantId}/${cycleId}/${unitId}`;
export const complianceStream = (tenantId: string, cycleId: string, unitId: string): string => `compliance-${tenantId}/${cycleId}/${unitId}`;
