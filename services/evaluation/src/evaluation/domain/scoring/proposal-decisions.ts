import { type Fraction, toNumber } from '@lib/kernel';
import type { Assessment } from '../assessment';
import type { UnitLokus } from '../cycle';
import { type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { scoreAssessment } from './unit-score';

// A proposal is what the events suggest for an indicator; only an evaluator's mark (a confirmation,
// an override with its note, or an F-02 score typed in) is a score. These rules say where each
// proposed indicator stands, and which are still only proposed and so missing from the IPP.

/** `proposed`: no final evaluator score yet; otherwise how the decisive marks came about. */
export type ProposalStatus = 'proposed' | 'confirmed' | 'overridden' | 'scored';

export interface DecisionMark {
  evaluatorId: string;
  kind: 'confirmed' | 'overridden' | 'scored';
  /** 0..5. */
  score: number;
  note: string;
  /** When the proposal was confirmed or overridden; null for a score typed in on F-02. */
  decidedAt: string | null;
  /** Counted in the final score under the ruleset's combination (only the lead's under `lead-evaluator`). */
  decisive: boolean;
}

export interface IndicatorDecision {
  status: ProposalStatus;
  /** The final evaluator score the IPP uses (fractional under `mean`); null while only proposed. */
  score: number | null;
  /** Every evaluator's latest mark on the indicator. */
  marks: DecisionMark[];
}

/**
 * Rule: a proposed indicator is `confirmed` when every decisive mark confirms its proposal,
 * `overridden` when any decisive mark overrides it, `scored` when the final score otherwise includes a
 * score typed in on F-02, and `proposed` while it has no final evaluator score.
 */
export function indicatorDecisions(
  ruleset: Ruleset,
  assessment: Assessment,
  lokus: UnitLokus | null,
  proposedCodes: readonly string[],
): Map<string, IndicatorDecision> {
  const finalScores = scoreAssessment(ruleset, assessment, lokus).indicatorScores.evaluator;
  const isDecisive = (evaluatorId: string): boolean => ruleset.evaluatorCombination === 'mean' || evaluatorId === lokus?.leadEvaluatorId;
  return new Map(
    proposedCodes.map((code) => {
      const marks: DecisionMark[] = Object.entries(assessment.scores[code] ?? {}).map(([evaluatorId, mark]) => ({
        evaluatorId,
        kind: mark.decision?.kind ?? 'scored',
        score: mark.score,
        note: mark.note,
        decidedAt: mark.decision?.decidedAt ?? null,
        decisive: isDecisive(evaluatorId),
      }));
      const final = finalScores.get(code);
      return [code, { status: statusOf(final, marks), score: final === undefined ? null : toNumber(final), marks }];
    }),
  );
}

function statusOf(final: Fraction | undefined, marks: readonly DecisionMark[]): ProposalStatus {
  if (final === undefined) return 'proposed';
  const decisive = marks.filter((mark) => mark.decisive);
  if (decisive.some((mark) => mark.kind === 'overridden')) return 'overridden';
  return decisive.every((mark) => mark.kind === 'confirmed') ? 'confirmed' : 'scored';
}

/**
 * Rule: the indicators events propose a level for that have no final evaluator score under the
 * ruleset's combination, in the ruleset's order. Their proposals never enter the IPP: scoring reads
 * evaluator marks only, so each counts as missing until an evaluator decides on it.
 */
export function proposedOnlyIndicatorCodes(ruleset: Ruleset, proposedCodes: Iterable<string>, finalScores: ReadonlyMap<string, unknown>): string[] {
  const proposed = new Set(proposedCodes);
  return scoredIndicators(ruleset)
    .map((indicator) => indicator.code)
    .filter((code) => proposed.has(code) && !finalScores.has(code));
}
