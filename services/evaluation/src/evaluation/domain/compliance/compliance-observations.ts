import type { EvaluationEvent, evaluationPb } from '@lib/contracts';
import { type Decider, type EventsOf, assertNever } from '@lib/event-sourcing/domain';
import { DomainError, type EvaluationErrorCode } from '../error-codes';
import { shippedComplianceRulesets } from './compliance-registry';
import { type ComplianceDimensionCode, type ComplianceRuleset, complianceDimensions, DIMENSION_SCORE_MAX } from './compliance-ruleset';

// One stream per cycle × unit lokus of a tenant (`compliance-<tenantId>/<cycleId>/<unitId>`): what no
// source event says about the unit's Ombudsman compliance, recorded by an evaluator or Bagian
// Organisasi (scored observation items, the public-trust figure, the maladministration record), and
// the grades evaluation computed (ComplianceGraded, appended by the recompute, not by a command).

export const COMPLIANCE_EVENT_TYPES = ['complianceObservationRecorded', 'complianceGraded'] as const;
export type ComplianceEvent = EventsOf<EvaluationEvent, typeof COMPLIANCE_EVENT_TYPES>;

export interface ObservedItemRecord {
  dimension: ComplianceDimensionCode;
  itemCode: string;
  score: number;
  note: string;
}

export interface PublicTrustRecord {
  /** 0..100. */
  score: number;
  /** Where the figure comes from. */
  source: string;
}

export interface MaladministrationObservationRecord {
  substantiatedFindings: number;
  unresolvedOmbudsmanActions: number;
  note: string;
}

/**
 * What has been observed so far, each part as last recorded. `T` is what each part carries besides:
 * nothing for the decider, the id of the event that recorded it for grading (the events behind a dimension).
 */
export interface ComplianceObservations<T extends object = object> {
  /** By `<dimension>/<itemCode>`. */
  items: Record<string, ObservedItemRecord & T>;
  publicTrust: (PublicTrustRecord & T) | null;
  maladministration: (MaladministrationObservationRecord & T) | null;
}

/** Facts of the cycle the observation rules depend on, built by the handler from the cycle stream. */
export interface ComplianceObservationContext {
  /** Null when the unit is not a unit lokus of the cycle. */
  lokus: { evaluatorIds: readonly string[] } | null;
  resultsFrozen: boolean;
}

export type ComplianceObservationCommand = {
  type: 'RecordComplianceObservation';
  cycleId: string;
  unitId: string;
  items: readonly ObservedItemRecord[];
  publicTrust: PublicTrustRecord | null;
  maladministration: MaladministrationObservationRecord | null;
  by: { userId: string; role: 'evaluator' | 'admin' };
  context: ComplianceObservationContext;
  /** Instant, ISO-8601. */
  now: string;
};

const ITEM_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The dimensions an evaluator scores item by item, with their item scale, as the shipped compliance
 * rulesets define them: an observation may be recorded for any of them, whichever ruleset the cycle
 * pins, so that a what-if under another ruleset has it.
 */
export function observedItemScales(
  rulesets: readonly ComplianceRuleset[] = shippedComplianceRulesets,
): Map<ComplianceDimensionCode, { min: number; max: number }> {
  const scales = new Map<ComplianceDimensionCode, { min: number; max: number }>();
  for (const ruleset of rulesets) {
    for (const { code, measure } of complianceDimensions(ruleset)) {
      if (measure.kind === 'observed-items' && !scales.has(code)) scales.set(code, measure.scale);
    }
  }
  return scales;
}

export const OBSERVED_ITEM_DIMENSIONS: readonly ComplianceDimensionCode[] = [...observedItemScales().keys()];

export const itemKey = (item: { dimension: string; itemCode: string }): string => `${item.dimension}/${item.itemCode}`;

export const initialComplianceObservations = (): ComplianceObservations => ({ items: {}, publicTrust: null, maladministration: null });

function fail(code: EvaluationErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 0;

/** Rule: every part is on its scale, every item named once, a figure says where it comes from. */
function assertObservation(command: ComplianceObservationCommand): void {
  const scales = observedItemScales();
  const seen = new Set<string>();
  command.items.forEach((item, i) => {
    const scale = scales.get(item.dimension);
    if (!scale) {
      fail('COMPLIANCE.INVALID_INPUT', `items[${i}]: ${item.dimension} is not scored from observation items; known: ${[...scales.keys()].join(', ')}`, {
        field: `items[${i}].dimension`,
      });
    }
    if (!ITEM_CODE.test(item.itemCode)) fail('COMPLIANCE.INVALID_INPUT', `items[${i}]: itemCode must be kebab-case`, { field: `items[${i}].itemCode` });
    if (seen.has(itemKey(item))) fail('COMPLIANCE.INVALID_INPUT', `item ${itemKey(item)} is listed twice`, { field: `items[${i}].itemCode` });
    seen.add(itemKey(item));
    if (!Number.isInteger(item.score) || item.score < scale.min || item.score > scale.max) {
      fail('COMPLIANCE.INVALID_INPUT', `item ${itemKey(item)}: score must be an integer ${scale.min}..${scale.max}, got ${item.score}`, {
        field: `items[${i}].score`,
      });
    }
  });
  const { publicTrust, maladministration } = command;
  if (publicTrust) {
    if (!(Number.isFinite(publicTrust.score) && publicTrust.score >= 0 && publicTrust.score <= DIMENSION_SCORE_MAX)) {
      fail('COMPLIANCE.INVALID_INPUT', `publicTrust.score must be 0..${DIMENSION_SCORE_MAX}, got ${publicTrust.score}`, { field: 'publicTrust.score' });
    }
    if (publicTrust.source.trim() === '')
      fail('COMPLIANCE.INVALID_INPUT', 'publicTrust.source must say where the figure comes from', { field: 'publicTrust.source' });
  }
  if (maladministration) {
    for (const figure of ['substantiatedFindings', 'unresolvedOmbudsmanActions'] as const) {
      if (!isCount(maladministration[figure]))
        fail('COMPLIANCE.INVALID_INPUT', `maladministration.${figure} must be a count`, { field: `maladministration.${figure}` });
    }
  }
}

const sameItem = (a: ObservedItemRecord | undefined, b: ObservedItemRecord): boolean => a !== undefined && a.score === b.score && a.note === b.note;
const samePublicTrust = (a: PublicTrustRecord | null, b: PublicTrustRecord): boolean => a !== null && a.score === b.score && a.source === b.source;
const sameMaladministration = (a: MaladministrationObservationRecord | null, b: MaladministrationObservationRecord): boolean =>
  a !== null && a.substantiatedFindings === b.substantiatedFindings && a.unresolvedOmbudsmanActions === b.unresolvedOmbudsmanActions && a.note === b.note;

export function decideComplianceObservation(command: ComplianceObservationCommand, state: ComplianceObservations): ComplianceEvent[] {
  switch (command.type) {
    case 'RecordComplianceObservation': {
      const { context, by } = command;
      if (context.resultsFrozen) fail('CYCLE.RESULTS_FROZEN', `results of cycle ${command.cycleId} are published and frozen`);
      if (!context.lokus) fail('CYCLE.UNIT_NOT_IN_SCOPE', `unit ${command.unitId} is not a unit lokus of cycle ${command.cycleId}`);
      if (by.role === 'evaluator' && !context.lokus.evaluatorIds.includes(by.userId)) {
        fail('COMPLIANCE.EVALUATOR_NOT_ASSIGNED', `${by.userId} is not an evaluator of unit ${command.unitId}`);
      }
      if (command.items.length === 0 && !command.publicTrust && !command.maladministration) {
        fail('COMPLIANCE.EMPTY_OBSERVATION', 'record at least one item, the public-trust figure or the maladministration record');
      }
      assertObservation(command);
      // Only what differs from what is recorded: the same observation again records nothing.
      const items = command.items.filter((item) => !sameItem(state.items[itemKey(item)], item));
      const publicTrust = command.publicTrust && !samePublicTrust(state.publicTrust, command.publicTrust) ? command.publicTrust : undefined;
      const maladministration =
        command.maladministration && !sameMaladministration(state.maladministration, command.maladministration) ? command.maladministration : undefined;
      if (items.length === 0 && !publicTrust && !maladministration) return [];
      return [
        {
          $case: 'complianceObservationRecorded',
          value: {
            cycleId: command.cycleId,
            unitId: command.unitId,
            items: items.map(({ dimension, itemCode, score, note }) => ({ dimension, itemCode, score, note })),
            publicTrust: publicTrust && { score: publicTrust.score, source: publicTrust.source },
            maladministration: maladministration && { ...maladministration },
            recordedBy: by.userId,
            recordedAt: command.now,
          },
        },
      ];
    }
    default:
      return assertNever(command.type);
  }
}

const isObservedDimension = (dimension: string): dimension is ComplianceDimensionCode => (OBSERVED_ITEM_DIMENSIONS as readonly string[]).includes(dimension);

/** Folds one recorded observation into what was observed, each recorded part carrying `extra`. */
export function withObservation<T extends object>(
  state: ComplianceObservations<T>,
  recorded: evaluationPb.ComplianceObservationRecorded,
  extra: T,
): ComplianceObservations<T> {
  const items = { ...state.items };
  for (const { dimension, itemCode, score, note } of recorded.items) {
    // a dimension no shipped ruleset scores from items any more is not read; the decider never records one
    if (isObservedDimension(dimension)) items[itemKey({ dimension, itemCode })] = { dimension, itemCode, score, note, ...extra };
  }
  const { publicTrust, maladministration } = recorded;
  return {
    items,
    publicTrust: publicTrust ? { score: publicTrust.score, source: publicTrust.source, ...extra } : state.publicTrust,
    maladministration: maladministration
      ? {
          substantiatedFindings: maladministration.substantiatedFindings,
          unresolvedOmbudsmanActions: maladministration.unresolvedOmbudsmanActions,
          note: maladministration.note,
          ...extra,
        }
      : state.maladministration,
  };
}

export function evolveComplianceObservations(state: ComplianceObservations, event: ComplianceEvent): ComplianceObservations {
  switch (event.$case) {
    case 'complianceObservationRecorded':
      return withObservation(state, event.value, {});
    case 'complianceGraded':
      return state;
    default:
      return assertNever(event);
  }
}

/** What was observed, each part with the id of the event that recorded it: the events behind the dimensions it feeds. */
export function observationsWithEvents(stream: readonly { eventId: string; event: ComplianceEvent }[]): ComplianceObservations<{ eventId: string }> {
  return stream.reduce<ComplianceObservations<{ eventId: string }>>(
    (state, { eventId, event }) => (event.$case === 'complianceObservationRecorded' ? withObservation(state, event.value, { eventId }) : state),
    { items: {}, publicTrust: null, maladministration: null },
  );
}

export const complianceObservationDecider: Decider<ComplianceObservationCommand, ComplianceEvent, ComplianceObservations> = {
  eventTypes: COMPLIANCE_EVENT_TYPES,
  initialState: initialComplianceObservations,
  decide: decideComplianceObservation,
  evolve: evolveComplianceObservations,
};
