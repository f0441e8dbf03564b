import {
  type Assessment,
  type ClaimRuleSource,
  type F01AnswerType,
  type F01Question,
  type QuestionAnswer,
  type Ruleset,
  claimsSomething,
  scoredIndicators,
  shownQuestions,
} from '../domain';

/** One F-01 question with the unit's answer and the bukti dukung it rests on, as the evaluator reads it. */
export interface F01QuestionView {
  questionId: string;
  text: string;
  type: F01AnswerType;
  /** For `single` and `multi`; empty otherwise. */
  options: { id: string; label: string }[];
  required: boolean;
  /** False when the skip logic hides the question given the other answers. */
  shown: boolean;
  /** Shaped as the draft takes it: true/false, an option id, a list of option ids, a number or a text; null when unanswered. */
  value: boolean | number | string | string[] | null;
  evidence: { evidenceId: string; kind: string; name: string }[];
  /** The bukti dukung the question asks for. */
  evidenceRequested: string[];
  /** The answer claims something its question requires bukti dukung for, and none is given. */
  evidenceMissing: boolean;
}

/** An indicator's F-01 answers and the level they claim under the ruleset's (Pantau's) rule. */
export interface F01IndicatorView {
  indicatorCode: string;
  /** Null when the unit has not answered the indicator. */
  claimedLevel: number | null;
  rule: string;
  ruleSource: ClaimRuleSource;
  ruleExplanation: string;
  questions: F01QuestionView[];
}

function valueOf(question: F01Question, answer: QuestionAnswer | undefined): F01QuestionView['value'] {
  if (!answer) return null;
  switch (question.type) {
    case 'yesNo':
      return answer.yes;
    case 'single':
      return answer.optionIds[0] ?? null;
    case 'multi':
      return answer.optionIds;
    case 'number':
      return answer.number;
    case 'text':
      return answer.text;
    default:
      return null;
  }
}

/** Per indicator of a ruleset that asks F-01 questions: questions, answers, evidence and claimed level; empty for one that does not. */
export function f01View(ruleset: Ruleset, state: Assessment): F01IndicatorView[] {
  return scoredIndicators(ruleset).flatMap((indicator): F01IndicatorView[] => {
    const form = indicator.f01;
    if (!form) return [];
    const answer = state.answers[indicator.code];
    const answers = answer?.questionAnswers ?? [];
    const byId = new Map(answers.map((recorded) => [recorded.questionId, recorded]));
    const shown = new Set(shownQuestions(form, answers).map((question) => question.id));
    const attached = state.evidence[indicator.code] ?? [];
    return [
      {
        indicatorCode: indicator.code,
        claimedLevel: answer ? answer.score : null,
        rule: form.claim.name,
        ruleSource: form.claim.ruleSource,
        ruleExplanation: form.claim.explanation,
        questions: form.questions.map((question) => {
          const recorded = byId.get(question.id);
          const evidenceIds = recorded?.evidenceIds ?? [];
          return {
            questionId: question.id,
            text: question.text,
            type: question.type,
            options: (question.options ?? []).map(({ id, label }) => ({ id, label })),
            required: question.required,
            shown: shown.has(question.id),
            value: valueOf(question, recorded),
            evidence: attached.filter((item) => evidenceIds.includes(item.evidenceId)).map(({ evidenceId, kind, name }) => ({ evidenceId, kind, name })),
            evidenceRequested: [...(question.evidence?.names ?? [])],
            evidenceMissing:
              recorded !== undefined &&
              shown.has(question.id) &&
              !!question.evidence?.requiredWhenClaimed &&
              claimsSomething(question, recorded) &&
              evidenceIds.length === 0,
          };
        }),
      },
    ];
  });
}
