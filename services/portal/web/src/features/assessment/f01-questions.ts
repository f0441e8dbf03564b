import type { components } from '../../api/generated/evaluation';
import type { Assessment, Indicator, Ruleset } from '../../api/evaluation';
import { ApiError } from '../../api/problem';

type Schemas = components['schemas'];
export type F01Question = Schemas['F01QuestionDocument'];
export type F01IndicatorView = Schemas['F01IndicatorResponse'];
export type QuestionValue = boolean | number | string | string[];

export interface QuestionDraft {
  value: QuestionValue | null;
  evidenceIds: string[];
}

/** By indicator code, then question id. */
export type QuestionDrafts = Record<string, Record<string, QuestionDraft>>;

/** A ruleset revision whose indicators ask F-01 questions (pekppp-2023 v3 on), instead of a 0–5 self score. */
export const asksQuestions = (ruleset: Ruleset, assessment: Assessment): boolean =>
  assessment.f01.length > 0 || ruleset.aspects.some((aspect) => aspect.indicators.some((indicator) => indicator.f01 !== undefined));

/** The form's starting point: what the unit saved, question by question. */
export function questionDraftsFrom(ruleset: Ruleset, assessment: Assessment): QuestionDrafts {
  const saved = new Map(assessment.f01.map((view) => [view.indicatorCode, view]));
  const drafts: QuestionDrafts = {};
  for (const indicator of ruleset.aspects.flatMap((aspect) => aspect.indicators)) {
    const answers = new Map(saved.get(indicator.code)?.questions.map((question) => [question.questionId, question]));
    drafts[indicator.code] = Object.fromEntries(
      (indicator.f01?.questions ?? []).map((question) => {
        const answer = answers.get(question.id);
        return [question.id, { value: answer?.value ?? null, evidenceIds: answer?.evidence.map((item) => item.evidenceId) ?? [] }];
      }),
    );
  }
  return drafts;
}

type ShowCondition = NonNullable<F01Question['showIf']>;

const tickedOf = (value: QuestionValue | null): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);

/** The evaluation service's skip logic (domain/f01/claimed-level.ts `holds`): an unanswered or hidden question satisfies nothing. */
function holds(condition: ShowCondition, value: QuestionValue | null): boolean {
  if (value === null) return false;
  if ('is' in condition) return value === (condition.is === 'yes');
  if ('ticked' in condition) return tickedOf(value).includes(condition.ticked);
  if ('tickedAtLeast' in condition) {
    const { among, tickedAtLeast } = condition;
    return tickedOf(value).filter((id) => !among || among.includes(id)).length >= tickedAtLeast;
  }
  return typeof value === 'number' && value >= condition.atLeast;
}

/** The ids of the questions the skip logic shows given the answers so far; recomputed on every change, as the server does on save. */
export function shownQuestionIds(questions: readonly F01Question[], answers: Record<string, QuestionDraft>): Set<string> {
  const shown = new Set<string>();
  for (const question of questions) {
    const condition = question.showIf;
    const visible = !condition || (shown.has(condition.question) && holds(condition, answers[condition.question]?.value ?? null));
    if (visible) shown.add(question.id);
  }
  return shown;
}

const isAnswered = (value: QuestionValue | null): boolean => value !== null && value !== '' && !(typeof value === 'number' && Number.isNaN(value));

export interface IndicatorProgress {
  answered: number;
  shown: number;
  /** Every required shown question has an answer. */
  complete: boolean;
}

export function indicatorProgress(indicator: Indicator, answers: Record<string, QuestionDraft>): IndicatorProgress {
  const questions = indicator.f01?.questions ?? [];
  const shown = shownQuestionIds(questions, answers);
  const visible = questions.filter((question) => shown.has(question.id));
  const answered = visible.filter((question) => isAnswered(answers[question.id]?.value ?? null)).length;
  const complete = visible.every((question) => !question.required || isAnswered(answers[question.id]?.value ?? null)) && answered > 0;
  return { answered, shown: visible.length, complete };
}

/**
 * The draft save: every indicator with an answer, each carrying only its shown, answered questions
 * (the server refuses an answer to a question the skip logic hides).
 */
export function questionAnswersToSave(ruleset: Ruleset, drafts: QuestionDrafts): Schemas['DraftAnswerRequest'][] {
  return ruleset.aspects.flatMap((aspect) =>
    aspect.indicators.flatMap((indicator) => {
      const answers = drafts[indicator.code] ?? {};
      const questions = indicator.f01?.questions ?? [];
      const shown = shownQuestionIds(questions, answers);
      const sent = questions.flatMap((question) => {
        const draft = answers[question.id];
        if (!shown.has(question.id) || !draft || draft.value === null || !isAnswered(draft.value)) return [];
        return [{ questionId: question.id, value: draft.value, evidenceIds: draft.evidenceIds }];
      });
      return sent.length > 0 ? [{ indicatorCode: indicator.code, questions: sent }] : [];
    }),
  );
}

export interface IncompleteSubmit {
  /** unanswered: 409 ASSESSMENT.INCOMPLETE; evidence: 400 ASSESSMENT.EVIDENCE_REQUIRED (a claim without its bukti dukung). */
  kind: 'unanswered' | 'evidence';
  indicatorCodes: string[];
  questionIds: string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The gaps a refused submit names, or null for any other error. Question ids are `<indicator code>/<letter>`. */
export function incompleteSubmit(error: unknown): IncompleteSubmit | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.problem.details ?? {};
  if (error.code === 'ASSESSMENT.INCOMPLETE') {
    return { kind: 'unanswered', indicatorCodes: strings(details.indicatorCodes), questionIds: strings(details.questionIds) };
  }
  if (error.code === 'ASSESSMENT.EVIDENCE_REQUIRED') {
    const problems = Array.isArray(details.problems) ? (details.problems as unknown[]) : [];
    const questionIds = strings(
      problems.map((problem) => (typeof problem === 'object' && problem !== null ? (problem as { questionId?: unknown }).questionId : undefined)),
    );
    return { kind: 'evidence', indicatorCodes: [...new Set(questionIds.map((id) => id.split('/')[0]))], questionIds };
  }
  return null;
}

export const YES_NO_LABELS = { yes: 'Ya', no: 'Tidak' } as const;

/** The unit's answer as a person reads it, in the question's terms. */
export function answerText(question: { type: F01Question['type']; options?: { id: string; label: string }[] }, value: QuestionValue | null): string {
  if (value === null) return 'belum dijawab';
  if (typeof value === 'boolean') return value ? YES_NO_LABELS.yes : YES_NO_LABELS.no;
  if (typeof value === 'number') return value.toLocaleString('id-ID');
  const label = (id: string) => question.options?.find((option) => option.id === id)?.label ?? id;
  if (Array.isArray(value)) return value.length === 0 ? 'tidak ada yang dipilih' : value.map(label).join('; ');
  return question.type === 'single' ? label(value) : value;
}
