import type { evaluationPb } from '@lib/contracts';
import { assertNever } from '@lib/event-sourcing/domain';
import { type Assessment, type AssessmentEvent, evolveAssessment, initialAssessment } from './assessment';

// Every submission and resubmission of a unit's F-01 freezes a version (1, 2, …): its answers and the
// evidence attached, per indicator, as they stood. Versions are derived from the assessment stream
// alone, so replaying it gives every version back. Answers are compared as canonical JSON of the whole
// SelfAnswer, so whatever an answer comes to hold is compared without this file knowing it.

/** One indicator of a frozen version. */
export interface F01IndicatorSnapshot {
  /** Null when only evidence was attached. */
  answer: evaluationPb.SelfAnswer | null;
  /** Evidence attached to the indicator, in the order attached. */
  evidence: evaluationPb.Evidence[];
}

export interface F01Version {
  version: number;
  kind: 'submitted' | 'resubmitted';
  frozenAt: string;
  /** By indicator code: every indicator answered or with evidence. */
  indicators: Record<string, F01IndicatorSnapshot>;
}

/** Any value as JSON with object keys sorted, so two equal values always print the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function freezeVersion(state: Assessment, version: number, kind: F01Version['kind'], frozenAt: string): F01Version {
  const codes = [...new Set([...Object.keys(state.answers), ...Object.keys(state.evidence)])].sort();
  const indicators = Object.fromEntries(codes.map((code) => [code, { answer: state.answers[code] ?? null, evidence: state.evidence[code] ?? [] }]));
  return { version, kind, frozenAt, indicators };
}

export type IndicatorChangeKind = 'added' | 'removed' | 'changed';

/** How one indicator differs between two versions. */
export interface IndicatorChange {
  indicatorCode: string;
  change: IndicatorChangeKind;
  answerChanged: boolean;
  evidenceChanged: boolean;
}

const answerPrint = (snapshot: F01IndicatorSnapshot | undefined): string => canonicalJson(snapshot?.answer ?? null);
// the evidence set: the order evidence was attached in says nothing
const evidencePrint = (snapshot: F01IndicatorSnapshot | undefined): string =>
  canonicalJson([...(snapshot?.evidence ?? [])].sort((a, b) => (a.evidenceId < b.evidenceId ? -1 : a.evidenceId > b.evidenceId ? 1 : 0)));

/** The indicators that differ from `from` to `to`, by code; unchanged ones are left out. */
export function diffVersions(from: F01Version['indicators'], to: F01Version['indicators']): IndicatorChange[] {
  const codes = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return codes.flatMap((indicatorCode): IndicatorChange[] => {
    const before = from[indicatorCode];
    const after = to[indicatorCode];
    const answerChanged = answerPrint(before) !== answerPrint(after);
    const evidenceChanged = evidencePrint(before) !== evidencePrint(after);
    if (!answerChanged && !evidenceChanged) return [];
    const change: IndicatorChangeKind = !before ? 'added' : !after ? 'removed' : 'changed';
    return [{ indicatorCode, change, answerChanged, evidenceChanged }];
  });
}

/** A unit's F-01 history: the assessment as it stands, every version frozen, and what the verifiers and evaluators saw. */
export interface F01History {
  assessment: Assessment;
  versions: F01Version[];
  /** The version last verified; null when none was. */
  verifiedVersion: number | null;
  /** The version last returned to the unit; null when none was. */
  returnedVersion: number | null;
  /** By indicator code, then evaluator id: the version the evaluator's latest mark was given on. */
  markedOnVersion: Record<string, Record<string, number>>;
}

export const initialF01History = (): F01History => ({
  assessment: initialAssessment(),
  versions: [],
  verifiedVersion: null,
  returnedVersion: null,
  markedOnVersion: {},
});

const latestVersion = (history: F01History): number => history.versions.length;

function withMarkOn(history: F01History, indicatorCode: string, evaluatorId: string): F01History {
  const marks = { ...history.markedOnVersion[indicatorCode], [evaluatorId]: latestVersion(history) };
  return { ...history, markedOnVersion: { ...history.markedOnVersion, [indicatorCode]: marks } };
}

export function evolveF01History(history: F01History, event: AssessmentEvent): F01History {
  const assessment = evolveAssessment(history.assessment, event);
  const next = { ...history, assessment };
  switch (event.$case) {
    case 'selfAssessmentSubmitted':
    case 'selfAssessmentResubmitted': {
      const kind = event.$case === 'selfAssessmentSubmitted' ? 'submitted' : 'resubmitted';
      const frozenAt = event.$case === 'selfAssessmentSubmitted' ? event.value.submittedAt : event.value.resubmittedAt;
      // counted, not read from the event: events recorded before versions were numbered carry 0
      return { ...next, versions: [...history.versions, freezeVersion(assessment, latestVersion(history) + 1, kind, frozenAt)] };
    }
    case 'selfAssessmentReturned':
      return { ...next, returnedVersion: latestVersion(history) };
    case 'selfAssessmentVerified':
      return { ...next, verifiedVersion: latestVersion(history) };
    case 'indicatorScored':
    case 'indicatorProposalConfirmed':
    case 'indicatorProposalOverridden':
      return withMarkOn(next, event.value.indicatorCode, event.value.evaluatorId);
    case 'selfAssessmentDraftSaved':
    case 'evidenceAttached':
    case 'verificationVisitRecorded':
      return next;
    default:
      return assertNever(event);
  }
}

/** The version the evaluator compares against: the one last verified, or else the one last returned. */
export const reviewedVersion = (history: F01History): number | null => history.verifiedVersion ?? history.returnedVersion;

/** Indicators changed from the reviewed version to the latest; empty when nothing newer was submitted. */
export function changedSinceReview(history: F01History): IndicatorChange[] {
  const reviewed = reviewedVersion(history);
  const latest = latestVersion(history);
  if (reviewed === null || reviewed === 0 || latest <= reviewed) return [];
  return diffVersions(history.versions[reviewed - 1].indicators, history.versions[latest - 1].indicators);
}

/** An evaluator's mark given on a version whose indicator has changed since: "perlu diperiksa ulang". */
export interface MarkToRecheck {
  indicatorCode: string;
  evaluatorId: string;
  markedOnVersion: number;
  latestVersion: number;
}

/** Marks on indicators unchanged since they were given stay; a mark on an indicator changed since waits for a new score. */
export function marksToRecheck(history: F01History): MarkToRecheck[] {
  const latest = latestVersion(history);
  if (latest === 0) return [];
  const current = history.versions[latest - 1].indicators;
  return Object.entries(history.markedOnVersion)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([indicatorCode, byEvaluator]) =>
      Object.entries(byEvaluator).flatMap(([evaluatorId, markedOnVersion]): MarkToRecheck[] => {
        if (markedOnVersion === 0 || markedOnVersion >= latest) return [];
        const changed = diffVersions(pick(history.versions[markedOnVersion - 1].indicators, indicatorCode), pick(current, indicatorCode)).length > 0;
        return changed ? [{ indicatorCode, evaluatorId, markedOnVersion, latestVersion: latest }] : [];
      }),
    );
}

const pick = (indicators: F01Version['indicators'], code: string): F01Version['indicators'] => (indicators[code] ? { [code]: indicators[code] } : {});

/** What two units' copies of an indicator are compared by: the answer without the unit's own evidence ids, and the evidence contents. */
export interface IndicatorFingerprint {
  indicatorCode: string;
  /** Canonical JSON; the same for two units whose answer and evidence set are identical. */
  answerAndEvidence: string;
  files: { sha256: string; name: string }[];
}

// evidence ids are each unit's own (random uuids): they never match another unit's, so they say nothing
const withoutEvidenceIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutEvidenceIds);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => key !== 'evidenceIds' && key !== 'evidenceId' && key !== 'indicatorCode')
        .map(([key, field]) => [key, withoutEvidenceIds(field)]),
    );
  }
  return value;
};

/** A file by its content, a link by its address. */
const evidenceContent = (evidence: evaluationPb.Evidence): string => (evidence.kind === 'file' ? `file:${evidence.sha256}` : `link:${evidence.location}`);

/**
 * The fingerprints of a version's indicators that carry evidence. An indicator without evidence has none:
 * two units both answering "ya" or level 4 with nothing attached is common, not a sign of copying.
 */
export function fingerprintsOf(version: F01Version): IndicatorFingerprint[] {
  return Object.entries(version.indicators).flatMap(([indicatorCode, { answer, evidence }]): IndicatorFingerprint[] => {
    if (evidence.length === 0) return [];
    const contents = [...new Set(evidence.map(evidenceContent))].sort();
    return [
      {
        indicatorCode,
        answerAndEvidence: canonicalJson({ answer: withoutEvidenceIds(answer), evidence: contents }),
        files: evidence.filter((item) => item.kind === 'file').map(({ sha256, name }) => ({ sha256, name })),
      },
    ];
  });
}
