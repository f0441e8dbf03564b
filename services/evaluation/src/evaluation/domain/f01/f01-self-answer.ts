import type { evaluationPb } from '@lib/contracts';
import { DomainError } from '../error-codes';
import { type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { claimOf } from './claimed-level';
import { type F01Problem, type QuestionAnswerInput, readQuestionAnswers, submitGaps } from './f01-answers';
import type { F01Form } from './f01-form';

/** An indicator's F-01 answer: a typed self score (rulesets without questions), or question answers (with). */
export interface F01AnswerInput {
  indicatorCode: string;
  score?: number;
  justification?: string;
  evidenceIds?: readonly string[];
  questions?: readonly QuestionAnswerInput[];
}

/** Problems of a draft answer that does not fit the pinned ruleset's kind of F-01, at `answers[index]`. */
export function formMismatch(form: F01Form | undefined, answer: F01AnswerInput, index: number): F01Problem[] {
  const at = `answers[${index}]`;
  if (!form && answer.questions !== undefined) {
    return [
      {
        field: `${at}.questions`,
        rule: 'known-question',
        questionId: '',
        message: `${answer.indicatorCode} has no F-01 questions in this cycle's ruleset; give a score 0..5`,
      },
    ];
  }
  if (!form) {
    return [
      ...(answer.score === undefined
        ? [{ field: `${at}.score`, rule: 'answer-type' as const, questionId: '', message: `${answer.indicatorCode} needs a score 0..5` }]
        : []),
      ...(answer.justification === undefined
        ? [
            {
              field: `${at}.justification`,
              rule: 'answer-type' as const,
              questionId: '',
              message: `the score of ${answer.indicatorCode} needs its justification`,
            },
          ]
        : []),
    ];
  }
  if (answer.questions === undefined) {
    return [{ field: `${at}.questions`, rule: 'answer-type', questionId: '', message: `${answer.indicatorCode} is answered by its F-01 questions` }];
  }
  if (answer.evidenceIds !== undefined) {
    return [
      {
        field: `${at}.evidenceIds`,
        rule: 'answer-type',
        questionId: '',
        message: `the evidence of ${answer.indicatorCode} goes with each question (questions[].evidenceIds)`,
      },
    ];
  }
  if (answer.score !== undefined) {
    return [
      {
        field: `${at}.score`,
        rule: 'answer-type',
        questionId: '',
        message: `the claimed level of ${answer.indicatorCode} is derived from its question answers; leave score out`,
      },
    ];
  }
  return [];
}

/** Throws the problems as one bad-input error (the HTTP layer answers 400 with each field). */
export function refuseProblems(code: 'ASSESSMENT.INVALID_ANSWER' | 'ASSESSMENT.EVIDENCE_REQUIRED', problems: readonly F01Problem[]): void {
  if (problems.length === 0) return;
  throw new DomainError(code, problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), { problems });
}

/**
 * The SelfAnswer of question answers: the answers as read against the form, the claimed level its
 * rule derives from them as `score`, and every question's evidence as the indicator's.
 */
export function selfAnswerFromQuestions(form: F01Form, answer: F01AnswerInput, attachedEvidenceIds: readonly string[], index: number): evaluationPb.SelfAnswer {
  const { answers, problems } = readQuestionAnswers(form, answer.questions ?? [], attachedEvidenceIds, `answers[${index}].questions`);
  refuseProblems('ASSESSMENT.INVALID_ANSWER', problems);
  const claim = claimOf(form, answers);
  return {
    indicatorCode: answer.indicatorCode,
    score: claim.level,
    justification: answer.justification ?? '',
    evidenceIds: [...new Set(answers.flatMap((recorded) => recorded.evidenceIds))],
    questionAnswers: answers,
    claimedLevelRule: claim.rule,
    claimedLevelRuleSource: claim.ruleSource,
  };
}

/** What the recorded answers lack before submit, over every indicator the ruleset asks questions for. */
export function questionGaps(
  ruleset: Ruleset,
  answers: Readonly<Record<string, evaluationPb.SelfAnswer>>,
): { indicatorCodes: string[]; questionIds: string[]; evidence: F01Problem[] } {
  const gaps = { indicatorCodes: [] as string[], questionIds: [] as string[], evidence: [] as F01Problem[] };
  for (const indicator of scoredIndicators(ruleset)) {
    const answer = answers[indicator.code];
    if (!indicator.f01 || !answer) continue;
    const { unanswered, evidence } = submitGaps(indicator.f01, answer.questionAnswers ?? []);
    if (unanswered.length > 0) gaps.indicatorCodes.push(indicator.code);
    gaps.questionIds.push(...unanswered);
    gaps.evidence.push(...evidence);
  }
  return gaps;
}
