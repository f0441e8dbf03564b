import { DomainError } from '@lib/event-sourcing/domain';
import { complianceRuleset, latestComplianceRuleset, shippedComplianceRulesets } from './compliance-registry';
import { ombudsman2021 } from './ombudsman-2021';
import { ombudsman2022 } from './ombudsman-2022';
import { ombudsman2025 } from './ombudsman-2025';

const refusal = (lookup: () => unknown): { code: string; details: unknown } => {
  try {
    lookup();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the compliance ruleset registry', () => {
  it.each([
    ['ombudsman-2021', 1, ombudsman2021],
    ['ombudsman-2022', 1, ombudsman2022],
    ['ombudsman-2025', 1, ombudsman2025],
  ])('finds %s v%i, the version an assessment pinned', (id, version, expected) => {
    expect(complianceRuleset({ id, version })).toBe(expected);
  });

  it.each([
    ['an unknown id', { id: 'ombudsman-2019', version: 1 }],
    ['a PEKPPP id', { id: 'pekppp-2023', version: 1 }],
    ['an unknown version of a known id', { id: 'ombudsman-2022', version: 2 }],
  ])('refuses %s with COMPLIANCE.RULESET_NOT_FOUND instead of a nearby ruleset', (_name, ref) => {
    expect(refusal(() => complianceRuleset(ref))).toEqual({ code: 'COMPLIANCE.RULESET_NOT_FOUND', details: { rulesetId: ref.id, version: ref.version } });
  });

  it('finds the latest version of an id among the given rulesets, refusing an unknown id', () => {
    const v2 = { ...ombudsman2022, version: 2 };
    expect(latestComplianceRuleset('ombudsman-2022', [...shippedComplianceRulesets, v2])).toBe(v2);
    expect(latestComplianceRuleset('ombudsman-2021')).toBe(ombudsman2021);
    expect(refusal(() => latestComplianceRuleset('ombudsman-2030')).code).toBe('COMPLIANCE.RULESET_NOT_FOUND');
  });

  it('ships one ruleset per id and version', () => {
    const refs = shippedComplianceRulesets.map((ruleset) => `${ruleset.id}@${ruleset.version}`);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
