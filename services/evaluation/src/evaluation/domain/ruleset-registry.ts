import type { EvaluationEvent } from '@lib/contracts';
import { type Decider, type EventsOf, assertNever } from '@lib/event-sourcing/domain';
import { F03_ITEMS } from '@lib/kernel';
import { DomainError } from './error-codes';
import { type Ruleset, validateRuleset } from './ruleset/ruleset';

// One stream per tenant × ruleset id (`ruleset-<tenantId>/<id>`): publishing a version is an event, so
// history keeps every version an evaluation may have been scored under. A tenant's versions are its
// own; the shipped national versions live in code and count as published for every tenant.

export interface RulesetRegistry {
  rulesetId: string | null;
  /** 0 before the first version. */
  latestVersion: number;
}

export type RulesetRegistryCommand = {
  type: 'PublishRuleset';
  ruleset: Ruleset;
  /** Why this version exists, e.g. "bobot aspek II–VI dikonfirmasi dari Pedoman 5/2023". */
  reason: string;
  now: string;
};

export const RULESET_REGISTRY_EVENT_TYPES = ['rulesetPublished'] as const;
export type RulesetRegistryEvent = EventsOf<EvaluationEvent, typeof RULESET_REGISTRY_EVENT_TYPES>;

export const initialRulesetRegistry = (): RulesetRegistry => ({ rulesetId: null, latestVersion: 0 });

/**
 * Where a tenant's stream of `rulesetId` starts: every tenant has the versions shipped under that id,
 * so its own first version goes above the highest of them, whatever another tenant published.
 */
export function initialTenantRulesetRegistry(rulesetId: string, shipped: readonly Ruleset[]): RulesetRegistry {
  const versions = shipped.filter((ruleset) => ruleset.id === rulesetId).map((ruleset) => ruleset.version);
  return versions.length === 0 ? initialRulesetRegistry() : { rulesetId, latestVersion: Math.max(...versions) };
}

export function decideRuleset(command: RulesetRegistryCommand, state: RulesetRegistry): RulesetRegistryEvent[] {
  switch (command.type) {
    case 'PublishRuleset': {
      const { ruleset } = command;
      const violations = validateRuleset(ruleset);
      if (violations.length > 0) {
        throw new DomainError('RULESET.INVALID', `ruleset ${ruleset.id} v${ruleset.version} breaks ${violations.length} rule(s)`, { violations });
      }
      if (state.rulesetId !== null && state.rulesetId !== ruleset.id) {
        throw new DomainError('RULESET.ID_MISMATCH', `this stream holds ${state.rulesetId}, not ${ruleset.id}`);
      }
      if (ruleset.version <= state.latestVersion) {
        throw new DomainError(
          'RULESET.VERSION_NOT_INCREASING',
          `${ruleset.id} is at version ${state.latestVersion}; a new version must be above it, got ${ruleset.version}`,
        );
      }
      if (command.reason.trim() === '') throw new DomainError('RULESET.REASON_REQUIRED', 'say why this ruleset version exists');
      return [
        {
          $case: 'rulesetPublished',
          value: { rulesetId: ruleset.id, version: ruleset.version, documentJson: JSON.stringify(ruleset), reason: command.reason, publishedAt: command.now },
        },
      ];
    }
    default:
      return assertNever(command.type);
  }
}

export function evolveRuleset(state: RulesetRegistry, event: RulesetRegistryEvent): RulesetRegistry {
  switch (event.$case) {
    case 'rulesetPublished':
      return { rulesetId: event.value.rulesetId, latestVersion: Math.max(state.latestVersion, event.value.version) };
    default:
      return assertNever(event.$case);
  }
}

export const rulesetRegistryDecider: Decider<RulesetRegistryCommand, RulesetRegistryEvent, RulesetRegistry> = {
  eventTypes: RULESET_REGISTRY_EVENT_TYPES,
  initialState: initialRulesetRegistry,
  decide: decideRuleset,
  evolve: evolveRuleset,
};

/**
 * The ruleset stored in a RulesetPublished event (it was validated when published). A document
 * published before rulesets stated their F-03 aggregation and item codes scored F-03 the only way the
 * platform then did, as the mean of all answers, on the items of the form: it reads as saying so.
 */
export function rulesetFromDocument(documentJson: string): Ruleset {
  let ruleset: Ruleset;
  try {
    ruleset = JSON.parse(documentJson) as Ruleset;
  } catch (error) {
    throw new DomainError('RULESET.UNREADABLE', `the ruleset document is not JSON: ${(error as Error).message}`);
  }
  const merge = ruleset.userScoreMerge;
  if (!merge) return ruleset;
  const formCode = (item: number): string => F03_ITEMS.find((candidate) => candidate.item === item)?.code ?? '';
  return {
    ...ruleset,
    userScoreMerge: {
      ...merge,
      items: merge.items.map((item) => ({ ...item, code: item.code ?? formCode(item.item) })),
      f03Aggregation: merge.f03Aggregation ?? {
        rule: 'mean-of-all-answers',
        provisional: true,
        source: 'published before rulesets stated their F-03 aggregation: the platform then scored F-03 as the mean of all answers',
      },
    },
  };
}
