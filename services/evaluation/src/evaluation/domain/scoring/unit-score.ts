import { type Assessment, scoringInputOf } from '../assessment';
import { exactUserScore, type UnitLokus } from '../cycle';
import type { Ruleset } from '../ruleset/ruleset';
import { type ScoreResult, scoreUnit } from './scoring-rules';

// A unit's score from its assessment stream and its lokus on the cycle stream: what the live score,
// the published results and a what-if under another ruleset all compute.

/** Scores a unit's assessment under `ruleset` (the pinned one, or another for a what-if), with the cycle's F-03 user score for it. */
export function scoreAssessment(ruleset: Ruleset, assessment: Assessment, lokus: UnitLokus | null): ScoreResult {
  const input = scoringInputOf(assessment, lokus?.leadEvaluatorId ?? '');
  const recorded = lokus?.userScore;
  const userScore = recorded
    ? { kind: 'summary' as const, score: recorded.score, exact: exactUserScore(recorded), respondents: recorded.respondents }
    : undefined;
  return scoreUnit(ruleset, { ...input, userScore });
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
