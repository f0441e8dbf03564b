import { type Assessment, scoringInputOf } from '../assessment';
import { exactUserScore, type UnitLokus } from '../cycle';
import { type NonSubmissionOutcome, type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { type ScoreResult, scoreUnit } from './scoring-rules';

// A unit's score from its assessment stream and its lokus on the cycle stream: what the live score,
// the published results and a what-if under another ruleset all compute.

/**
 * Scores a unit's assessment under `ruleset` (the pinned one, or another for a what-if), with the cycle's
 * F-03 user score for it, and for a unit the admin applied the non-submission outcome to, that outcome.
 */
export function scoreAssessment(ruleset: Ruleset, assessment: Assessment, lokus: UnitLokus | null): ScoreResult {
  const outcome = lokus?.nonSubmission?.kind === 'ruleset-outcome' ? lokus.nonSubmission.outcome : undefined;
  const scored = lokus && outcome ? withNonSubmissionOutcome(ruleset, assessment, lokus, outcome) : assessment;
  const input = scoringInputOf(scored, lokus?.leadEvaluatorId ?? '');
  const recorded = lokus?.userScore;
  const userScore = recorded
    ? { kind: 'summary' as const, score: recorded.score, exact: exactUserScore(recorded), respondents: recorded.respondents }
    : undefined;
  const result = scoreUnit(ruleset, { ...input, userScore });
  if (!outcome?.provisional) return result;
  return { ...result, provisional: true, provisionalParts: [...result.provisionalParts, 'nonSubmissionOutcome'] };
}

/**
 * Rule: the non-submission outcome gives every scored indicator without an evaluator's mark the outcome's
 * score, final under the ruleset's combination (as a correction is), noted with its label. Evaluators cannot
 * score a unit without an F-01, so a mark there is a correction of the published result, which stays.
 */
function withNonSubmissionOutcome(ruleset: Ruleset, assessment: Assessment, lokus: UnitLokus, outcome: NonSubmissionOutcome): Assessment {
  const unmarked = scoredIndicators(ruleset).filter((indicator) => Object.keys(assessment.scores[indicator.code] ?? {}).length === 0);
  const scores = unmarked.map((indicator) => ({ indicatorCode: indicator.code, score: outcome.indicatorScore }));
  return correctedAssessment(ruleset, assessment, lokus, scores, outcome.label);
}

export interface CorrectedScore {
  indicatorCode: string;
  /** 0..5. */
  score: number;
}

/**
 * Rule: a correction of a published result replaces the evaluators' scores of each corrected indicator
 * by one score, noted with the correction's reason, that is final under the ruleset's combination: the
 * lead evaluator's under `lead-evaluator`, the only score under `mean`. Other indicators keep theirs.
 */
export function correctedAssessment(
  ruleset: Ruleset,
  assessment: Assessment,
  lokus: UnitLokus,
  corrections: readonly CorrectedScore[],
  reason: string,
): Assessment {
  const scores = { ...assessment.scores };
  for (const { indicatorCode, score } of corrections) {
    const mark = { score, note: reason };
    scores[indicatorCode] = ruleset.evaluatorCombination === 'mean' ? { correction: mark } : { [lokus.leadEvaluatorId]: mark };
  }
  return { ...assessment, scores };
}
