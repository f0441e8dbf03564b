import type { FigureValue, Figures, Proposal } from './proposal';

/** JSON with every object's keys sorted: equal figures give equal text however they were built or stored (jsonb reorders keys). */
export function canonicalJson(value: FigureValue | undefined): string {
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item: FigureValue) => canonicalJson(item)).join(',')}]`;
  const record = value as { readonly [name: string]: FigureValue };
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** What a stored proposal is compared on; the rest of a row follows from these and the rule. */
export type ComparedProposal = Pick<
  Proposal,
  'indicatorCode' | 'level' | 'ruleId' | 'ruleSource' | 'provisional' | 'provisionalSource' | 'figures' | 'explanation' | 'sourceEventIds'
>;

export interface ProposalChange {
  proposal: Proposal;
  /** The level stored before; null when the indicator had no proposal yet. */
  previousLevel: number | null;
}

export interface ProposalDiff {
  /** Level or figures differ from the stored proposal, or none was stored: each is one IndicatorProposalChanged. */
  changed: ProposalChange[];
  /** Anything stored differs (a changed one, or only its explanation, rule text or event ids): the rows to write. */
  rewritten: Proposal[];
}

const sameFigures = (a: Figures, b: Figures): boolean => canonicalJson(a) === canonicalJson(b);

function sameRow(stored: ComparedProposal, next: Proposal): boolean {
  return (
    stored.level === next.level &&
    stored.ruleId === next.ruleId &&
    stored.ruleSource.kind === next.ruleSource.kind &&
    stored.ruleSource.reason === next.ruleSource.reason &&
    stored.provisional === next.provisional &&
    stored.provisionalSource === next.provisionalSource &&
    stored.explanation === next.explanation &&
    stored.sourceEventIds.join(',') === next.sourceEventIds.join(',') &&
    sameFigures(stored.figures, next.figures)
  );
}

/**
 * Compares freshly computed proposals with the stored ones of the same unit and cycle. A proposal
 * changes when its level or its figures do: a new explanation alone (the same figures told anew) or
 * a new event id behind the same figures is rewritten without announcing a change.
 */
export function diffProposals(stored: readonly ComparedProposal[], next: readonly Proposal[]): ProposalDiff {
  const byCode = new Map(stored.map((proposal) => [proposal.indicatorCode, proposal]));
  const changed: ProposalChange[] = [];
  const rewritten: Proposal[] = [];
  for (const proposal of next) {
    const before = byCode.get(proposal.indicatorCode);
    if (!before || before.level !== proposal.level || !sameFigures(before.figures, proposal.figures)) {
      changed.push({ proposal, previousLevel: before?.level ?? null });
    }
    if (!before || !sameRow(before, proposal)) rewritten.push(proposal);
  }
  return { changed, rewritten };
}
