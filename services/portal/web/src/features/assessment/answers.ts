import type { Assessment, Ruleset } from '../../api/evaluation';

export interface AnswerDraft {
  score: number | null;
  justification: string;
}

export type AnswerDrafts = Record<string, AnswerDraft>;

export interface AnswerFieldErrors {
  score?: string;
  justification?: string;
  indicatorCode?: string;
}

/** The form's starting point: what the unit saved, indicator by indicator. */
export function draftsFrom(ruleset: Ruleset, assessment: Assessment): AnswerDrafts {
  const drafts: AnswerDrafts = {};
  for (const aspect of ruleset.aspects) {
    for (const indicator of aspect.indicators) {
      const saved = assessment.answers[indicator.code];
      drafts[indicator.code] = { score: saved?.score ?? null, justification: saved?.justification ?? '' };
    }
  }
  return drafts;
}

/** The answers a draft save sends: scored indicators, in ruleset order (the order field errors refer to). */
export function answersToSave(ruleset: Ruleset, drafts: AnswerDrafts): { indicatorCode: string; score: number; justification: string }[] {
  return ruleset.aspects.flatMap((aspect) =>
    aspect.indicators.flatMap((indicator) => {
      const draft = drafts[indicator.code];
      return draft && draft.score !== null ? [{ indicatorCode: indicator.code, score: draft.score, justification: draft.justification }] : [];
    }),
  );
}

const ANSWER_FIELD = /^answers\[(\d+)\]\.(score|justification|indicatorCode)$/;

/**
 * Field errors of a draft save (`answers[3].justification`) mapped back to the indicator they are
 * about, using the codes in the order they were sent.
 */
export function answerErrors(errors: Record<string, string>, sentCodes: readonly string[]): Record<string, AnswerFieldErrors> {
  const byIndicator: Record<string, AnswerFieldErrors> = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = ANSWER_FIELD.exec(field);
    const code = match ? sentCodes[Number(match[1])] : undefined;
    if (!match || !code) continue;
    byIndicator[code] = { ...byIndicator[code], [match[2]]: message };
  }
  return byIndicator;
}

/** Editable by the unit until it submits, and again after a return. */
export const isEditable = (status: Assessment['status']): boolean => status === 'draft' || status === 'returned';

export const ASSESSMENT_STATUS_LABELS: Record<Assessment['status'], string> = {
  draft: 'Draf (belum diajukan)',
  submitted: 'Diajukan, menunggu verifikasi',
  returned: 'Dikembalikan untuk diperbaiki',
  verified: 'Terverifikasi',
};

export const scoreChoices = (descriptors: readonly string[]) => descriptors.map((descriptor, score) => ({ value: score, label: `${score} — ${descriptor}` }));
