import type { evaluationPb } from '@lib/contracts';

// The F-01 form of one indicator as data: the questions the unit answers (ya/tidak, pilihan, pilih
// banyak, angka, teks), when a question is shown (skip logic), the bukti dukung each asks for, and the
// rule that turns the answers into the unit's claimed level. Rulesets carry it per indicator; a
// revision without it keeps the 0–5 self-score F-01.

export type F01AnswerType = 'yesNo' | 'single' | 'multi' | 'number' | 'text';
export const F01_ANSWER_TYPES: readonly F01AnswerType[] = ['yesNo', 'single', 'multi', 'number', 'text'];

export interface F01Option {
  /** Stable within the question, kebab-case, e.g. "sippn". */
  id: string;
  label: string;
  /** The option claims nothing (e.g. "Tidak ada"): no bukti dukung is asked for it. */
  claimsNothing?: boolean;
}

/** A fact about one answer; an unanswered (or hidden) question satisfies none. */
export type F01Condition =
  | { question: string; is: 'yes' | 'no' }
  /** The single choice is this option, or the multi choice includes it. */
  | { question: string; ticked: string }
  /** At least this many options ticked, counting only `among` when given. */
  | { question: string; tickedAtLeast: number; among?: readonly string[] }
  | { question: string; atLeast: number };

export interface F01EvidenceRequest {
  /** The bukti dukung the form asks for, e.g. "Dokumen SP yang telah ditetapkan". */
  names: readonly string[];
  /** At least one evidence item is needed on submit when the answer claims something (Ya, a ticked option, a number above 0, a text). */
  requiredWhenClaimed: boolean;
}

export interface F01Question {
  /** `<indicator code>/<letter>`, e.g. "1.a.Ak/a": stable across revisions that keep the question. */
  id: string;
  text: string;
  type: F01AnswerType;
  /** For `single` and `multi`. */
  options?: readonly F01Option[];
  /** For `number`. */
  min?: number;
  max?: number;
  /** Must be answered before submit, when shown. */
  required: boolean;
  /** Shown (and answerable) only when this holds; otherwise skipped. */
  showIf?: F01Condition;
  evidence?: F01EvidenceRequest;
  /** Where the sources disagree on this question, which reading is taken and why. */
  note?: string;
}

/** A count (or percentage) at or above `min` gives `level`; the highest matching band wins. */
export interface LevelBand {
  min: number;
  /** Percentage bands: `min` itself does not match (e.g. "more than 0%"). */
  exclusive?: boolean;
  level: number;
}

export type PercentageSource =
  { percentQuestion: string; bands: readonly LevelBand[] } | { numerator: string; denominator: string; bands: readonly LevelBand[] };

/**
 * The kinds of rule turning answers into a claimed level 0..5; each reads only the answers.
 * - `chainOfYes`: the length of the unbroken run of "Ya" over `questions`, mapped by `levelOfLength` (index = length).
 * - `countTicked`: options ticked in `question` (without `requiredOptions`), banded; 0 unless `gate` holds and every required option is ticked.
 * - `countTickedByKeyOption`: options ticked, banded by `withKey` when `keyOption` is among them, else by `withoutKey`.
 * - `optionPosition`: the level the chosen option stands for; 0 unless `gate` holds.
 * - `percentageBands`: the first source with a value (a percentage answered, or a ratio whose denominator is above 0) matching a band; 0 unless `gate` holds.
 * - `ladder`: the highest step whose conditions all hold.
 */
export type ClaimRule =
  | { kind: 'chainOfYes'; questions: readonly string[]; levelOfLength: readonly number[] }
  | { kind: 'countTicked'; question: string; gate?: F01Condition; requiredOptions?: readonly string[]; bands: readonly LevelBand[] }
  | { kind: 'countTickedByKeyOption'; question: string; keyOption: string; withoutKey: readonly LevelBand[]; withKey: readonly LevelBand[] }
  | { kind: 'optionPosition'; question: string; gate?: F01Condition; levelOfOption: Readonly<Record<string, number>> }
  | { kind: 'percentageBands'; gate?: F01Condition; sources: readonly PercentageSource[] }
  | { kind: 'ladder'; steps: readonly { level: number; when: readonly F01Condition[] }[] };

export type ClaimRuleKind = ClaimRule['kind'];

/** `pantau`: the platform's own rule; no official rule turns F-01 answers into an F-02 level (instrument §9.1). */
export type ClaimRuleSource = 'pantau' | 'kemenpanrb';

export interface F01Claim {
  /** Names the rule in the API and on screen, e.g. "pantau/f01/1.a.Ak". */
  name: string;
  ruleSource: ClaimRuleSource;
  /** What the rule does, in Indonesian, for the evaluator. */
  explanation: string;
  rule: ClaimRule;
}

export interface F01Form {
  questions: readonly F01Question[];
  claim: F01Claim;
}

/** One answer as the unit gives it: the shape of `value` follows the question's type. */
export type F01Value = boolean | number | string | readonly string[];

/** A recorded answer: the value in the field of its question's type (`yes`, `optionIds`, `number` or `text`). */
export type QuestionAnswer = evaluationPb.QuestionAnswer;
