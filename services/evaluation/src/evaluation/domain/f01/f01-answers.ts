import { answersById, holds } from './claimed-level';
import type { F01Form, F01Question, F01Value, QuestionAnswer } from './f01-form';

/** One question answer as the unit sends it. */
export interface QuestionAnswerInput {
  questionId: string;
  value: F01Value;
  /** Evidence attached to the indicator this answer rests on; default none. */
  evidenceIds?: readonly string[];
}

export type F01Rule =
  | 'known-question'
  | 'unique-question'
  | 'answer-type'
  | 'known-option'
  | 'number-range'
  | 'text-not-blank'
  | 'shown-by-skip-logic'
  | 'evidence-attached'
  | 'evidence-required';

/** A broken F-01 rule at a field of the request (e.g. `answers[3].questions[1].value`), naming the question. */
export interface F01Problem {
  field: string;
  rule: F01Rule;
  questionId: string;
  message: string;
}

export const TEXT_ANSWER_MAX = 4000;

const typeWords: Record<F01Question['type'], string> = {
  yesNo: 'true (Ya) or false (Tidak)',
  single: 'one option id',
  multi: 'a list of option ids',
  number: 'a number',
  text: 'a text',
};

const emptyAnswer = (questionId: string, evidenceIds: readonly string[]): QuestionAnswer => ({
  questionId,
  yes: false,
  optionIds: [],
  number: 0,
  text: '',
  evidenceIds: [...evidenceIds],
});

/** The recorded answer, or the rule the value breaks. */
function parseValue(question: F01Question, value: F01Value, evidenceIds: readonly string[]): QuestionAnswer | { rule: F01Rule; message: string } {
  const answer = emptyAnswer(question.id, evidenceIds);
  const wrongType = { rule: 'answer-type' as const, message: `${question.id} asks for ${typeWords[question.type]}, got ${JSON.stringify(value)}` };
  const optionIds = new Set((question.options ?? []).map((option) => option.id));
  switch (question.type) {
    case 'yesNo':
      return typeof value === 'boolean' ? { ...answer, yes: value } : wrongType;
    case 'single':
      if (typeof value !== 'string') return wrongType;
      if (!optionIds.has(value)) return { rule: 'known-option', message: `${question.id} has no option "${value}"; options: ${[...optionIds].join(', ')}` };
      return { ...answer, optionIds: [value] };
    case 'multi': {
      if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) return wrongType;
      const unknown = value.filter((id) => !optionIds.has(id));
      if (unknown.length > 0)
        return { rule: 'known-option', message: `${question.id} has no option ${unknown.join(', ')}; options: ${[...optionIds].join(', ')}` };
      if (new Set(value).size !== value.length) return { rule: 'known-option', message: `${question.id}: an option is ticked twice` };
      return { ...answer, optionIds: [...value] };
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      const min = question.min ?? 0;
      if (value < min || (question.max !== undefined && value > question.max)) {
        return { rule: 'number-range', message: `${question.id} takes a number ${min}..${question.max ?? '∞'}, got ${value}` };
      }
      return { ...answer, number: value };
    }
    case 'text':
      if (typeof value !== 'string') return wrongType;
      if (value.trim() === '' || value.length > TEXT_ANSWER_MAX) {
        return { rule: 'text-not-blank', message: `${question.id} takes a text of 1..${TEXT_ANSWER_MAX} characters` };
      }
      return { ...answer, text: value };
    default:
      return wrongType;
  }
}

/**
 * Reads an indicator's question answers against its form: each names a question of the form once,
 * holds a value of the question's type (an option of its list), rests on evidence attached to the
 * indicator, and answers a question the skip logic shows given the other answers. `field`: where the
 * answers are in the request, e.g. `answers[3].questions`.
 */
export function readQuestionAnswers(
  form: F01Form,
  inputs: readonly QuestionAnswerInput[],
  attachedEvidenceIds: readonly string[],
  field: string,
): { answers: QuestionAnswer[]; problems: F01Problem[] } {
  const problems: F01Problem[] = [];
  const answers: QuestionAnswer[] = [];
  const fieldOf = new Map<string, string>();
  inputs.forEach((input, q) => {
    const at = `${field}[${q}]`;
    const problem = (suffix: string, rule: F01Rule, message: string): void => {
      problems.push({ field: `${at}.${suffix}`, rule, questionId: input.questionId, message });
    };
    const question = form.questions.find((candidate) => candidate.id === input.questionId);
    if (!question) return problem('questionId', 'known-question', `${input.questionId} is not a question of this indicator's F-01`);
    if (fieldOf.has(question.id)) return problem('questionId', 'unique-question', `${question.id} is answered twice`);
    fieldOf.set(question.id, at);
    const unknownEvidence = (input.evidenceIds ?? []).filter((id) => !attachedEvidenceIds.includes(id));
    if (unknownEvidence.length > 0)
      problem('evidenceIds', 'evidence-attached', `${question.id}: evidence ${unknownEvidence.join(', ')} is not attached to the indicator`);
    const parsed = parseValue(question, input.value, input.evidenceIds ?? []);
    if ('rule' in parsed) return problem('value', parsed.rule, parsed.message);
    answers.push(parsed);
  });
  const byId = answersById(answers);
  for (const answer of answers) {
    const question = form.questions.find((candidate) => candidate.id === answer.questionId);
    if (question?.showIf && !holds(question.showIf, byId)) {
      problems.push({
        field: `${fieldOf.get(answer.questionId)}.value`,
        rule: 'shown-by-skip-logic',
        questionId: answer.questionId,
        message: `${answer.questionId} is skipped by the answer to ${question.showIf.question}; leave it out`,
      });
    }
  }
  return { answers: problems.length === 0 ? answers : [], problems };
}

/** Whether the answer claims something the bukti dukung should back. */
export function claimsSomething(question: F01Question, answer: QuestionAnswer): boolean {
  switch (question.type) {
    case 'yesNo':
      return answer.yes;
    case 'single':
    case 'multi':
      return answer.optionIds.some((id) => !question.options?.find((option) => option.id === id)?.claimsNothing);
    case 'number':
      return answer.number > 0;
    case 'text':
      return answer.text.trim() !== '';
    default:
      return false;
  }
}

/** Questions shown by the skip logic given the answers. */
export const shownQuestions = (form: F01Form, answers: readonly QuestionAnswer[]): F01Question[] => {
  const byId = answersById(answers);
  return form.questions.filter((question) => !question.showIf || holds(question.showIf, byId));
};

/**
 * What an indicator's answers lack before submit: required questions shown and unanswered, and
 * answers claiming something without the bukti dukung their question requires.
 */
export function submitGaps(form: F01Form, answers: readonly QuestionAnswer[]): { unanswered: string[]; evidence: F01Problem[] } {
  const byId = answersById(answers);
  const shown = shownQuestions(form, answers);
  const unanswered = shown.filter((question) => question.required && !byId.has(question.id)).map((question) => question.id);
  const evidence = shown.flatMap((question): F01Problem[] => {
    const answer = byId.get(question.id);
    if (!answer || !question.evidence?.requiredWhenClaimed || !claimsSomething(question, answer) || answer.evidenceIds.length > 0) return [];
    return [
      {
        field: `questions[${question.id}].evidenceIds`,
        rule: 'evidence-required',
        questionId: question.id,
        message: `${question.id} needs at least one bukti dukung (${question.evidence.names.join('; ')})`,
      },
    ];
  });
  return { unanswered, evidence };
}
