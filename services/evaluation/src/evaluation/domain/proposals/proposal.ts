import { compare, fraction, mul, roundHalfUpScaled, type Fraction, type LocalDate } from '@lib/kernel';
import { DomainError } from '../error-codes';

/**
 * A proposed F-02 level for one indicator, computed from what the events show: a suggestion the
 * evaluator confirms or overrides, never a score by itself. Each proposal names the rule that chose
 * the level, whose mapping it is (KemenPANRB's level text, or ours where the text is qualitative or
 * leaves a gap), the figures it read and the events they came from.
 */

export type ProposedLevel = 0 | 1 | 2 | 3 | 4 | 5;

/** `kemenpanrb-level-text`: the figures map onto the quantities the level text names. `pantau`: the mapping is ours. */
export type RuleSourceKind = 'kemenpanrb-level-text' | 'pantau';

export interface RuleSource {
  kind: RuleSourceKind;
  /** Why the mapping is (or is not) the instrument's own, for the evaluator and for audit. */
  reason: string;
}

/** One tenant's unit in one evaluation cycle period: what a set of proposals is kept for. */
export interface ProposalScope {
  tenantId: string;
  unitId: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
}

export type FigureValue = string | number | boolean | null | readonly FigureValue[] | { readonly [name: string]: FigureValue };
export type Figures = { readonly [name: string]: FigureValue };

export interface Proposal {
  /** As pekppp-2023 names it, e.g. "6.a.B". */
  indicatorCode: string;
  level: ProposedLevel;
  /** The named rule, e.g. "skm-per-regulation". */
  ruleId: string;
  ruleSource: RuleSource;
  /** True when the thresholds or level texts the rule used are not confirmed against the regulation. */
  provisional: boolean;
  /** Where the provisional values come from and why they are provisional. */
  provisionalSource: string;
  figures: Figures;
  /** One Indonesian sentence a person reads: why this level. */
  explanation: string;
  /** Ids of the events the figures were derived from, sorted, without repeats. */
  sourceEventIds: string[];
}

export const PROPOSED_LEVELS: readonly ProposedLevel[] = [0, 1, 2, 3, 4, 5];

export function asProposedLevel(level: number): ProposedLevel {
  const found = PROPOSED_LEVELS.find((candidate) => candidate === level);
  if (found === undefined) throw new RangeError(`a proposed level is an integer 0..5, got ${level}`);
  return found;
}

export const uniqueSorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/** A count that events can produce: a non-negative integer; anything else is a bug upstream, refused. */
export function assertCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError('PROPOSAL.INVALID_FIGURES', `${field} must be an integer >= 0, got ${value}`, { field });
  }
}

export function assertPart(part: number, whole: number, partField: string, wholeField: string): void {
  assertCount(part, partField);
  assertCount(whole, wholeField);
  if (part > whole) {
    throw new DomainError('PROPOSAL.INVALID_FIGURES', `${partField} (${part}) cannot exceed ${wholeField} (${whole})`, { field: partField });
  }
}

/** part / whole exactly; undefined when whole is 0. */
export const share = (part: number, whole: number): Fraction | undefined => (whole === 0 ? undefined : fraction(part, whole));

/** The share as a percentage rounded half-up to 2 decimals, for display only. */
export const shownPercent = (value: Fraction | undefined): number | null =>
  value === undefined ? null : roundHalfUpScaled(mul(value, fraction(100)), 2) / 100;

/** Compares an exact share with a whole-number percentage threshold: -1, 0 or 1. */
export const compareToPercent = (value: Fraction, percent: number): number => compare(value, fraction(percent, 100));

/** Indonesian display of a percentage, e.g. 80 → "80%", 33.33 → "33,33%". */
export const percentText = (value: number | null): string => (value === null ? '-' : `${String(value).replace('.', ',')}%`);
