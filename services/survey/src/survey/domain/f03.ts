import type { SurveyEvent } from '@lib/contracts';
import { assertNever, type Decider, type EventsOf } from '@lib/event-sourcing/domain';
import { F03_ASPECTS, F03_ITEMS, F03_SCALE, type F03Aspect, fraction, toNumber, toRoundedNumber, ZERO, type Fraction } from '@lib/kernel';
import { DomainError } from './error-codes';
import { emptyIdSet, idSetAdd, idSetHas, type IdSet } from './id-set';
import type { DuplicateCheck } from './survey';

/**
 * PEKPPP F-03 user assessment: one stream per tenant × cycle × unit lokus (see `f03StreamId`). Opened
 * only for a unit lokus of a cycle the evaluation context opened, with the F-03 quota of the ruleset
 * that cycle pinned; it records responses up to the maximum quota, one per respondent, and closing
 * emits the score the evaluation context merges (F03Closed).
 */

export interface F03ItemScore {
  item: number;
  score: number;
}

export type F03Collection =
  | { status: 'none' }
  | {
      status: 'open' | 'closed';
      cycleId: string;
      unitId: string;
      tenantId: string;
      minimumQuota: number;
      maximumQuota: number;
      ruleset: string;
      provisional: boolean;
      /** Respondents with a proof they were served: only they count toward the quota and the score. */
      respondents: number;
      /** Responses without a proof, recorded apart so a burst of them shows. */
      unverifiedRespondents: number;
      itemScoreTotal: number;
      /** Sum of the scores per item number, for the per-item and per-aspect report. */
      itemTotals: Readonly<Record<number, number>>;
      responseIds: IdSet;
      /** Keyed hashes of the form tokens that sent a response: one response per token. */
      respondentKeys: IdSet;
    };

/**
 * What the survey context learnt of a PEKPPP cycle from the evaluation context's events (CycleOpened,
 * UnitLokusAssigned), as it stands for one unit.
 */
export interface SeenCycle {
  /** The ruleset the cycle pinned, e.g. "pekppp-2023@1". */
  ruleset: string;
  /** That ruleset's F-03 respondent quota; null when it has no user assessment. */
  f03Quota: { minimum: number; maximum: number; provisional: boolean } | null;
  /** Whether the unit was assigned as a lokus of the cycle. */
  unitIsLokus: boolean;
}

export type F03Command =
  | {
      type: 'OpenF03Collection';
      cycleId: string;
      unitId: string;
      tenantId: string;
      /** The cycle as the evaluation context's events showed it; null when none showed it. */
      cycle: SeenCycle | null;
      now: string;
    }
  | {
      type: 'RecordF03Response';
      responseId: string;
      items: readonly F03ItemScore[];
      /** How the handler verified the respondent was served ("none": no proof given). Never the proof itself. */
      proof: F03ProofKind;
      /** Anonymous duplicate detection, computed by the handler as for SKM responses; see `DuplicateCheck`. */
      duplicateCheck?: DuplicateCheck;
      now: string;
    }
  | { type: 'CloseF03'; now: string };

/** What a respondent proved: a completed request of the unit, a one-time code of the collection, or nothing. */
export type F03ProofKind = 'completed-request' | 'one-time-code' | 'none';

/**
 * Whether a recorded response counts toward the quota and the score. Responses recorded before
 * respondent proofs existed carry no proof kind; they counted then, and a closed collection's report
 * must still match the F03Closed it sent, so they still count.
 */
export const f03ResponseCounts = (recorded: { verified: boolean; proofKind: string }): boolean => recorded.verified || recorded.proofKind === '';

/**
 * Stream of one unit lokus' F-03 in one cycle of one tenant, e.g. `f03-kota-banjarmasin/pekppp-2026/disdukcapil`.
 * A tenant names its cycles and units itself, so another tenant may use the same ids; no id may
 * contain "/", so the parts cannot run into each other.
 */
export const f03StreamId = (tenantId: string, cycleId: string, unitId: string): string => `f03-${tenantId}/${cycleId}/${unitId}`;

/** Every problem with one F-03 response; empty when each of the 14 items is scored once, 0..5. */
export function f03ItemProblems(items: readonly F03ItemScore[]): string[] {
  const known = new Set(F03_ITEMS.map((i) => i.item));
  const seen = new Set<number>();
  const problems: string[] = [];
  for (const { item, score } of items) {
    if (!known.has(item)) problems.push(`item ${item} is not on the F-03 form`);
    else if (seen.has(item)) problems.push(`item ${item} is scored twice`);
    else if (!Number.isInteger(score) || score < F03_SCALE.min || score > F03_SCALE.max) {
      problems.push(`item ${item} must be an integer ${F03_SCALE.min}..${F03_SCALE.max}, got ${score}`);
    }
    seen.add(item);
  }
  const missing = F03_ITEMS.filter((i) => !seen.has(i.item)).map((i) => i.item);
  if (missing.length > 0) problems.push(`missing items ${missing.join(', ')}`);
  return problems;
}

/**
 * F-03 score = mean of every item score of every respondent (0..5), exact: the `mean-of-all-answers`
 * aggregation the pekppp-2023 ruleset states (provisional: the official formula is not sourced). Every
 * respondent scores every item, so this is also the mean of the respondents' means. Zero respondents score 0.
 */
export function f03Score(itemScoreTotal: number, respondents: number): Fraction {
  return respondents === 0 ? ZERO : fraction(itemScoreTotal, F03_ITEMS.length * respondents);
}

/** The score as a report shows it, rounded half-up to 2 decimals like the IPP band limits (4.51). */
export const f03ScoreForDisplay = (itemScoreTotal: number, respondents: number): number => toRoundedNumber(f03Score(itemScoreTotal, respondents), 2);

export interface F03Report {
  cycleId: string;
  unitId: string;
  status: 'open' | 'closed';
  /** Respondents with a proof; the score and the quota count only these. */
  respondents: number;
  /** Responses without a proof, shown apart and never counted. */
  unverifiedRespondents: number;
  quota: { minimum: number; maximum: number; met: boolean; provisional: boolean };
  /** The F-03 score (0..5, 2 decimals) so far, or the final one once closed. */
  score: number;
  aspects: { aspect: F03Aspect; name: string; mean: number }[];
  items: { item: number; aspect: F03Aspect; name: string; mean: number }[];
  /** The lowest-scoring items: what respondents ask the unit to fix first. Empty without respondents. */
  weakestItems: number[];
  ruleset: string;
}

/** What the unit and Bagian Organisasi see of a collection: score, quota, means per item and aspect. */
export function f03Report(collection: Exclude<F03Collection, { status: 'none' }>): F03Report {
  const { respondents, itemTotals } = collection;
  const mean = (total: number, answers: number): number => (answers === 0 ? 0 : toRoundedNumber(fraction(total, answers), 2));
  const items = F03_ITEMS.map(({ item, aspect, name }) => ({ item, aspect, name, mean: mean(itemTotals[item] ?? 0, respondents) }));
  const aspects = F03_ASPECTS.map(({ aspect, name }) => {
    const inAspect = F03_ITEMS.filter((i) => i.aspect === aspect);
    const total = inAspect.reduce((acc, i) => acc + (itemTotals[i.item] ?? 0), 0);
    return { aspect, name, mean: mean(total, inAspect.length * respondents) };
  });
  const lowest = Math.min(...items.map((i) => i.mean));
  return {
    cycleId: collection.cycleId,
    unitId: collection.unitId,
    status: collection.status,
    respondents,
    unverifiedRespondents: collection.unverifiedRespondents,
    quota: {
      minimum: collection.minimumQuota,
      maximum: collection.maximumQuota,
      met: respondents >= collection.minimumQuota,
      provisional: collection.provisional,
    },
    score: f03ScoreForDisplay(collection.itemScoreTotal, respondents),
    aspects,
    items,
    weakestItems: respondents === 0 ? [] : items.filter((i) => i.mean === lowest).map((i) => i.item),
    ruleset: collection.ruleset,
  };
}

function requireOpened(state: F03Collection): Exclude<F03Collection, { status: 'none' }> {
  if (state.status === 'none') throw new DomainError('F03.NOT_OPENED', 'F-03 collection has not been opened for this unit and cycle');
  return state;
}

const isBlank = (value: string): boolean => value.trim() === '';

export const F03_EVENT_TYPES = ['f03CollectionOpened', 'f03ResponseRecorded', 'f03Closed'] as const;
export type F03Event = EventsOf<SurveyEvent, typeof F03_EVENT_TYPES>;

export const f03Decider: Decider<F03Command, F03Event, F03Collection> = {
  eventTypes: F03_EVENT_TYPES,
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'OpenF03Collection': {
        if (state.status !== 'none')
          throw new DomainError('F03.ALREADY_OPENED', `F-03 collection of ${state.unitId} in cycle ${state.cycleId} is already open`);
        if (isBlank(command.cycleId) || isBlank(command.unitId) || isBlank(command.tenantId)) {
          throw new DomainError('F03.INVALID_COLLECTION', 'cycle, unit and tenant are required');
        }
        const { cycle } = command;
        if (!cycle) throw new DomainError('CYCLE.NOT_FOUND', `no PEKPPP cycle ${command.cycleId} was opened for this tenant`);
        if (!cycle.unitIsLokus) throw new DomainError('F03.NOT_A_LOKUS', `${command.unitId} is not a unit lokus of cycle ${command.cycleId}`);
        if (!cycle.f03Quota) throw new DomainError('F03.NOT_IN_RULESET', `ruleset ${cycle.ruleset} of cycle ${command.cycleId} has no F-03 user assessment`);
        const { minimum, maximum, provisional } = cycle.f03Quota;
        if (!Number.isInteger(minimum) || !Number.isInteger(maximum) || minimum < 1 || minimum > maximum) {
          throw new DomainError('F03.INVALID_QUOTA', `quotas must be integers with 1 <= minimum <= maximum, got ${minimum}..${maximum}`);
        }
        return [
          {
            $case: 'f03CollectionOpened',
            value: {
              cycleId: command.cycleId,
              unitId: command.unitId,
              tenantId: command.tenantId,
              minimumQuota: minimum,
              maximumQuota: maximum,
              ruleset: cycle.ruleset,
              provisional,
              openedAt: command.now,
            },
          },
        ];
      }

      case 'RecordF03Response': {
        const collection = requireOpened(state);
        if (idSetHas(collection.responseIds, command.responseId)) return []; // a retried submission records nothing
        if (collection.status === 'closed') throw new DomainError('F03.CLOSED', `F-03 collection of ${collection.unitId} is closed`);
        const verified = command.proof !== 'none';
        // only proven respondents fill the quota: unproven ones could otherwise lock genuine ones out
        if (verified && collection.respondents >= collection.maximumQuota) {
          throw new DomainError('F03.QUOTA_FULL', `F-03 of ${collection.unitId} already has the maximum of ${collection.maximumQuota} respondents`, {
            maximumQuota: collection.maximumQuota,
          });
        }
        if (isBlank(command.responseId)) throw new DomainError('F03.INVALID_ITEMS', 'response id is required');
        const problems = f03ItemProblems(command.items);
        if (problems.length > 0) throw new DomainError('F03.INVALID_ITEMS', problems.join('; '), { problems });
        const duplicate = command.duplicateCheck;
        if (duplicate?.kind === 'respondent' && idSetHas(collection.respondentKeys, duplicate.respondentKey)) {
          throw new DomainError('F03.DUPLICATE_RESPONDENT', `this form has already sent a response to the F-03 collection of ${collection.unitId}`);
        }
        return [
          {
            $case: 'f03ResponseRecorded',
            value: {
              cycleId: collection.cycleId,
              unitId: collection.unitId,
              responseId: command.responseId,
              items: [...command.items].sort((a, b) => a.item - b.item).map(({ item, score }) => ({ item, score })),
              recordedAt: command.now,
              verified,
              proofKind: command.proof,
              respondentKey: duplicate?.kind === 'respondent' ? duplicate.respondentKey : '',
            },
          },
        ];
      }

      case 'CloseF03': {
        const collection = requireOpened(state);
        if (collection.status === 'closed') return []; // closing twice changes nothing
        const { respondents, itemScoreTotal } = collection;
        return [
          {
            $case: 'f03Closed',
            value: {
              cycleId: collection.cycleId,
              unitId: collection.unitId,
              respondents,
              // Not rounded: the evaluation context merges it (0.25 × F-03) before its own 2-decimal
              // rounding, and rounding twice could move a unit across a band; the exact parts follow.
              score: toNumber(f03Score(itemScoreTotal, respondents)),
              quotaMet: respondents >= collection.minimumQuota,
              minimumQuota: collection.minimumQuota,
              closedAt: command.now,
              ruleset: collection.ruleset,
              provisional: collection.provisional,
              itemScoreTotal,
              itemAnswerCount: F03_ITEMS.length * respondents,
              unverifiedRespondents: collection.unverifiedRespondents,
            },
          },
        ];
      }

      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.$case) {
      case 'f03CollectionOpened': {
        const opened = event.value;
        return {
          status: 'open',
          cycleId: opened.cycleId,
          unitId: opened.unitId,
          tenantId: opened.tenantId,
          minimumQuota: opened.minimumQuota,
          maximumQuota: opened.maximumQuota,
          ruleset: opened.ruleset,
          provisional: opened.provisional,
          respondents: 0,
          unverifiedRespondents: 0,
          itemScoreTotal: 0,
          itemTotals: {},
          responseIds: emptyIdSet(),
          respondentKeys: emptyIdSet(),
        };
      }
      case 'f03ResponseRecorded': {
        if (state.status === 'none') return state;
        const responseIds = idSetAdd(state.responseIds, event.value.responseId);
        const { respondentKey } = event.value;
        const respondentKeys = respondentKey === '' ? state.respondentKeys : idSetAdd(state.respondentKeys, respondentKey);
        if (!f03ResponseCounts(event.value)) return { ...state, unverifiedRespondents: state.unverifiedRespondents + 1, responseIds, respondentKeys };
        const itemTotals = { ...state.itemTotals };
        for (const { item, score } of event.value.items) itemTotals[item] = (itemTotals[item] ?? 0) + score;
        return {
          ...state,
          respondents: state.respondents + 1,
          itemScoreTotal: state.itemScoreTotal + event.value.items.reduce((acc, i) => acc + i.score, 0),
          itemTotals,
          responseIds,
          respondentKeys,
        };
      }
      case 'f03Closed':
        return state.status === 'none' ? state : { ...state, status: 'closed' };
      default:
        return assertNever(event);
    }
  },
};
