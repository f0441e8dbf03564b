import { DomainError } from '../error-codes';
import type { ComplianceRuleset, ComplianceRulesetRef } from './compliance-ruleset';
import { ombudsman2021 } from './ombudsman-2021';
import { ombudsman2022 } from './ombudsman-2022';
import { ombudsman2025 } from './ombudsman-2025';

/** Compliance rulesets shipped with the platform, national like the PEKPPP ones: every tenant may pin them. */
export const shippedComplianceRulesets: readonly ComplianceRuleset[] = [ombudsman2025, ombudsman2022, ombudsman2021];

/** The compliance ruleset a cycle pins, in its latest version, when its opening names none: the Opini Ombudsman of 2025. */
export const DEFAULT_COMPLIANCE_RULESET_ID = 'ombudsman-2025';

/** What a cycle opened before compliance grading existed pins: its CycleOpened carries no compliance ruleset. */
export const COMPLIANCE_RULESET_OF_UNPINNED_CYCLES: ComplianceRulesetRef = { id: DEFAULT_COMPLIANCE_RULESET_ID, version: 1 };

/** The ruleset an assessment pinned; an unknown id or version is refused, never replaced by a nearby one. */
export function complianceRuleset(ref: ComplianceRulesetRef, rulesets: readonly ComplianceRuleset[] = shippedComplianceRulesets): ComplianceRuleset {
  const found = rulesets.find((ruleset) => ruleset.id === ref.id && ruleset.version === ref.version);
  if (found) return found;
  const versions = rulesets.filter((ruleset) => ruleset.id === ref.id).map((ruleset) => ruleset.version);
  throw new DomainError(
    'COMPLIANCE.RULESET_NOT_FOUND',
    versions.length === 0
      ? `no compliance ruleset ${ref.id}; known: ${[...new Set(rulesets.map((ruleset) => ruleset.id))].join(', ')}`
      : `compliance ruleset ${ref.id} has no version ${ref.version}; known versions: ${versions.sort((a, b) => a - b).join(', ')}`,
    { rulesetId: ref.id, version: ref.version },
  );
}

/** The highest version of `id`, for a new assessment to pin. */
export function latestComplianceRuleset(id: string, rulesets: readonly ComplianceRuleset[] = shippedComplianceRulesets): ComplianceRuleset {
  const candidates = rulesets.filter((ruleset) => ruleset.id === id);
  if (candidates.length === 0) {
    throw new DomainError('COMPLIANCE.RULESET_NOT_FOUND', `no compliance ruleset ${id}`, { rulesetId: id });
  }
  return candidates.reduce((latest, candidate) => (candidate.version > latest.version ? candidate : latest));
}
