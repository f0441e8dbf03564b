import { asProposedLevel, uniqueSorted, type Figures, type Proposal, type RuleSource } from './proposal';
import type { RuleEntry } from './proposal-rules';

/** A proposal from a rule entry of the table; `ruleSource` overrides the entry's when a branch of the rule is ours. */
export function makeProposal<T>(
  entry: RuleEntry<T>,
  level: number,
  figures: Figures,
  explanation: string,
  sourceEventIds: Iterable<string>,
  ruleSource: RuleSource = entry.ruleSource,
): Proposal {
  return {
    indicatorCode: entry.indicatorCode,
    level: asProposedLevel(level),
    ruleId: entry.ruleId,
    ruleSource,
    provisional: entry.provisional,
    provisionalSource: entry.source,
    figures,
    explanation,
    sourceEventIds: uniqueSorted(sourceEventIds),
  };
}

/** The highest band whose minimum the value reaches; `otherwise` when it reaches none. */
export function levelAtLeast(bands: readonly { level: number; atLeast: number }[], value: number, otherwise: number): number {
  return bands.filter((band) => value >= band.atLeast).reduce((best, band) => Math.max(best, band.level), otherwise);
}

/** "A, B dan C" — how Indonesian lists names. */
export function listText(items: readonly (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join('');
  return `${texts.slice(0, -1).join(', ')} dan ${texts[texts.length - 1]}`;
}
