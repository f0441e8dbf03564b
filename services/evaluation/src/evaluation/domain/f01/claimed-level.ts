import { assertNever } from '@lib/event-sourcing/domain';
import type { ClaimRule, F01Condition, F01Form, LevelBand, PercentageSource, QuestionAnswer, ClaimRuleSource } from './f01-form';

/** Answers of one indicator by question id. */
export type AnswersById = ReadonlyMap<string, QuestionAnswer>;

export const answersById = (answers: readonly QuestionAnswer[]): AnswersById => new Map(answers.map((answer) => [answer.questionId, answer]));

/** Whether a condition holds on the answers; an unanswered question satisfies none. */
export function holds(condition: F01Condition, answers: AnswersById): boolean {
  const answer = answers.get(condition.question);
  if (!answer) return false;
  if ('is' in condition) return answer.yes === (condition.is === 'yes');
  if ('ticked' in condition) return answer.optionIds.includes(condition.ticked);
  if ('tickedAtLeast' in condition) {
    const counted = condition.among ? answer.optionIds.filter((id) => condition.among?.includes(id)) : answer.optionIds;
    return counted.length >= condition.tickedAtLeast;
  }
  return answer.number >= condition.atLeast;
}

/** The level of the highest band the value reaches; 0 below every band. */
export function bandLevel(bands: readonly LevelBand[], value: number): number {
  return bands.reduce((level, band) => ((band.exclusive ? value > band.min : value >= band.min) ? Math.max(level, band.level) : level), 0);
}

/** The percentage a source gives, or null when it gives none (unanswered, or a ratio over 0). */
function percentageOf(source: PercentageSource, answers: AnswersById): number | null {
  if ('percentQuestion' in source) return answers.get(source.percentQuestion)?.number ?? null;
  const denominator = answers.get(source.denominator)?.number ?? 0;
  const numerator = answers.get(source.numerator)?.number;
  if (denominator <= 0 || numerator === undefined) return null;
  return (numerator * 100) / denominator;
}

const gateOpen = (gate: F01Condition | undefined, answers: AnswersById): boolean => gate === undefined || holds(gate, answers);

/** The claimed level 0..5 a rule derives from an indicator's answers (partial answers claim only what they show). */
export function claimedLevelOf(rule: ClaimRule, answers: AnswersById): number {
  switch (rule.kind) {
    case 'chainOfYes': {
      const length = rule.questions.findIndex((id) => answers.get(id)?.yes !== true);
      const chain = length === -1 ? rule.questions.length : length;
      return rule.levelOfLength[Math.min(chain, rule.levelOfLength.length - 1)];
    }
    case 'countTicked': {
      if (!gateOpen(rule.gate, answers)) return 0;
      const ticked = answers.get(rule.question)?.optionIds ?? [];
      const required = rule.requiredOptions ?? [];
      if (!required.every((id) => ticked.includes(id))) return 0;
      return bandLevel(rule.bands, ticked.filter((id) => !required.includes(id)).length);
    }
    case 'countTickedByKeyOption': {
      const ticked = answers.get(rule.question)?.optionIds ?? [];
      return bandLevel(ticked.includes(rule.keyOption) ? rule.withKey : rule.withoutKey, ticked.length);
    }
    case 'optionPosition': {
      if (!gateOpen(rule.gate, answers)) return 0;
      const chosen = answers.get(rule.question)?.optionIds[0];
      return chosen === undefined ? 0 : (rule.levelOfOption[chosen] ?? 0);
    }
    case 'percentageBands': {
      if (!gateOpen(rule.gate, answers)) return 0;
      for (const source of rule.sources) {
        const percentage = percentageOf(source, answers);
        if (percentage === null) continue;
        const level = bandLevel(source.bands, percentage);
        if (level > 0) return level;
      }
      return 0;
    }
    case 'ladder':
      return rule.steps.reduce((level, step) => (step.when.every((condition) => holds(condition, answers)) ? Math.max(level, step.level) : level), 0);
    default:
      return assertNever(rule);
  }
}

export interface ClaimedLevel {
  level: number;
  /** The rule's name, e.g. "pantau/f01/1.a.Ak". */
  rule: string;
  ruleKind: ClaimRule['kind'];
  ruleSource: ClaimRuleSource;
}

export function claimOf(form: F01Form, answers: readonly QuestionAnswer[]): ClaimedLevel {
  return {
    level: claimedLevelOf(form.claim.rule, answersById(answers)),
    rule: form.claim.name,
    ruleKind: form.claim.rule.kind,
    ruleSource: form.claim.ruleSource,
  };
}
