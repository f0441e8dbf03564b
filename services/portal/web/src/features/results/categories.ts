import type { UnitScoreLine } from '../../api/evaluation';

/** PEKPPP bands from best to worst (docs/domain.md 1.7). */
export const CATEGORIES = ['A', 'A-', 'B', 'B-', 'C', 'C-', 'D', 'E', 'F'] as const;

/** "C ke bawah": the categories the Wali Kota asked Bagian Organisasi to act on (docs/domain.md 6). */
export const C_OR_BELOW: readonly string[] = ['C', 'C-', 'D', 'E', 'F'];

export type CategoryFilter = 'all' | 'c-or-below' | (typeof CATEGORIES)[number];

export type Standing = { category: string; basis: 'evaluator' | 'self' } | { category: null; basis: 'none' };

/**
 * The category a unit stands at: the evaluators' once they have scored, else its own
 * self-assessment's (an unscored unit's final IPP is 0, which says nothing about it), and none
 * before the unit has scored a single indicator itself.
 */
export function standingOf(line: UnitScoreLine): Standing {
  if (line.explanation.basis === 'evaluator') return { category: line.category, basis: 'evaluator' };
  if (line.explanation.selfAnswered === 0) return { category: null, basis: 'none' };
  return { category: line.explanation.selfCategory, basis: 'self' };
}

export function matchesFilter(line: UnitScoreLine, filter: CategoryFilter): boolean {
  const { category } = standingOf(line);
  if (filter === 'all') return true;
  if (category === null) return false;
  if (filter === 'c-or-below') return C_OR_BELOW.includes(category);
  return category === filter;
}

export const formatIpp = (value: number): string => value.toFixed(2);
