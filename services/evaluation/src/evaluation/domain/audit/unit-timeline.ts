import type { EvaluationEvent } from '@lib/contracts';
import { assertNever } from '@lib/event-sourcing/domain';

// An auditor's history of one unit in one cycle: every event that touched its assessment, its scores,
// its proposals, its compliance grade and its published result, in the order the log holds them, each
// with who did it and what each value was before and after. The before values come from folding the
// same events, so the timeline shows what the event changed, not what the event alone says.

/** One stored event of the unit's streams or of its cycle's stream, with its envelope. */
export interface TimelineSource {
  /** Position in the service's log (global_position): the order the timeline keeps. */
  position: string;
  eventId: string;
  /** When the log recorded it (ISO instant). */
  recordedAt: string;
  actorId: string;
  actorRole: string;
  event: EvaluationEvent;
}

export type TimelineValue = string | number | boolean | null;

export interface TimelineChange {
  /** Stable name of what changed, e.g. `selfScore`, `evaluatorScore`, `proposedLevel`, `complianceTotal`. */
  field: string;
  indicatorCode: string | null;
  /** Whose mark, for an evaluator's score. */
  evaluatorId: string | null;
  before: TimelineValue;
  after: TimelineValue;
}

export interface TimelineEntry {
  position: string;
  eventId: string;
  eventType: EvaluationEvent['$case'];
  recordedAt: string;
  actorId: string;
  actorRole: string;
  /** What happened, in Indonesian, for a person reading the history. */
  summary: string;
  changes: TimelineChange[];
  /** The evaluator's note, the return notes, the correction's reason: the why the actor gave. */
  note: string | null;
  /** The source events (request, survey) a proposal, a grade or an F-03 score was computed from. */
  sourceEventIds: string[];
}

interface Folded {
  status: string;
  /** F-01 versions frozen so far (events recorded before versions were numbered carry 0). */
  submittedVersions: number;
  selfScores: Map<string, number>;
  marks: Map<string, number>;
  evidence: Map<string, number>;
  observations: Map<string, number>;
  ipp: number | null;
  category: string | null;
  userScore: number | null;
  lead: string | null;
}

const change = (
  field: string,
  before: TimelineValue,
  after: TimelineValue,
  indicatorCode: string | null = null,
  evaluatorId: string | null = null,
): TimelineChange => ({
  field,
  indicatorCode,
  evaluatorId,
  before,
  after,
});

/** Numbers a person reads in a summary, as Indonesians write them (36,86). */
const TWO_DECIMALS = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const markKey = (indicatorCode: string, evaluatorId: string): string => `${indicatorCode}\u0000${evaluatorId}`;

interface Described {
  summary: string;
  changes?: TimelineChange[];
  note?: string | null;
  sourceEventIds?: string[];
}

function describe(event: EvaluationEvent, unitId: string, state: Folded): Described | null {
  if ('unitId' in event.value && event.value.unitId !== unitId) return null;
  switch (event.$case) {
    case 'cycleOpened':
    case 'unitRegistered':
    case 'rulesetPublished':
    case 'cyclePhaseWindowChanged':
      return null;
    case 'phaseOverrideGranted':
      return { summary: `Pengecualian tahap: ${event.value.action} diizinkan sampai ${event.value.until}`, note: event.value.reason };
    case 'fieldVisitScoringAllowed':
      return { summary: 'Penilaian F-02 dari kunjungan lapangan diizinkan tanpa F-01', note: event.value.reason };
    case 'nonSubmissionOutcomeApplied':
      return {
        summary: `Ketentuan tidak mengisi F-01 diterapkan: ${event.value.label} (nilai ${event.value.indicatorScore} untuk indikator tanpa nilai)`,
        note: event.value.reason,
      };
    case 'unitLokusAssigned': {
      const after = event.value.leadEvaluatorId;
      const described = {
        summary: `Ditetapkan sebagai unit lokus (Kode ${event.value.kode || 'A'}) dengan evaluator ${event.value.evaluatorIds.join(', ')}`,
        changes: [change('leadEvaluator', state.lead, after), change('evaluators', null, event.value.evaluatorIds.join(', '))],
      };
      state.lead = after;
      return described;
    }
    case 'selfAssessmentDraftSaved': {
      const changes = event.value.answers.flatMap((answer) => {
        const before = state.selfScores.get(answer.indicatorCode) ?? null;
        state.selfScores.set(answer.indicatorCode, answer.score);
        return before === answer.score ? [] : [change('selfScore', before, answer.score, answer.indicatorCode)];
      });
      return { summary: `Draf F-01 disimpan (${event.value.answers.length} indikator)`, changes };
    }
    case 'evidenceAttached': {
      const before = state.evidence.get(event.value.indicatorCode) ?? 0;
      state.evidence.set(event.value.indicatorCode, before + 1);
      return {
        summary: `Bukti dukung "${event.value.evidence?.name ?? ''}" dilampirkan`,
        changes: [change('evidenceCount', before, before + 1, event.value.indicatorCode)],
      };
    }
    case 'selfAssessmentSubmitted':
      state.submittedVersions = event.value.version || state.submittedVersions + 1;
      return transition(state, 'submitted', `F-01 versi ${state.submittedVersions} diajukan`);
    case 'selfAssessmentReturned':
      return {
        ...transition(state, 'returned', `F-01 versi ${event.value.version || state.submittedVersions} dikembalikan ke unit untuk diperbaiki`),
        note: event.value.notes.map((n) => `${n.indicatorCode}: ${n.note}`).join('\n') || null,
      };
    case 'selfAssessmentResubmitted':
      state.submittedVersions = event.value.version || state.submittedVersions + 1;
      return transition(state, 'submitted', `F-01 diajukan kembali sebagai versi ${state.submittedVersions}`);
    case 'selfAssessmentVerified':
      return transition(state, 'verified', `F-01 versi ${event.value.version || state.submittedVersions} diverifikasi`);
    case 'indicatorScored':
      return scored(
        state,
        event.value.indicatorCode,
        event.value.evaluatorId,
        event.value.score,
        `Nilai F-02 ${event.value.indicatorCode} diberikan`,
        event.value.note,
      );
    case 'indicatorProposalConfirmed':
      return {
        ...scored(
          state,
          event.value.indicatorCode,
          event.value.evaluatorId,
          event.value.score,
          `Usulan ${event.value.indicatorCode} (level ${event.value.proposedLevel}) dikonfirmasi`,
          null,
        ),
        sourceEventIds: event.value.sourceEventIds,
      };
    case 'indicatorProposalOverridden':
      return {
        ...scored(
          state,
          event.value.indicatorCode,
          event.value.evaluatorId,
          event.value.score,
          `Usulan ${event.value.indicatorCode} (level ${event.value.proposedLevel}) diganti dengan nilai ${event.value.score}`,
          event.value.note,
        ),
        sourceEventIds: event.value.sourceEventIds,
      };
    case 'verificationVisitRecorded':
      return { summary: `Kunjungan verifikasi lapangan tanggal ${event.value.visitedOn}`, note: event.value.findings || null };
    case 'indicatorProposalChanged': {
      // a negative previous level: the indicator had no proposal before
      const before = event.value.previousLevel < 0 ? null : event.value.previousLevel;
      return {
        summary:
          before === null
            ? `Usulan pertama ${event.value.indicatorCode}: level ${event.value.level}`
            : `Usulan ${event.value.indicatorCode} berubah dari level ${before} ke ${event.value.level}`,
        changes: [change('proposedLevel', before, event.value.level, event.value.indicatorCode)],
        note: event.value.explanation || null,
        sourceEventIds: event.value.sourceEventIds,
      };
    }
    case 'complianceObservationRecorded':
      return {
        summary: `Observasi kepatuhan dicatat (${event.value.items.length} butir)`,
        changes: event.value.items.map((item) => {
          const key = `${item.dimension}/${item.itemCode}`;
          const before = state.observations.get(key) ?? null;
          state.observations.set(key, item.score);
          return change(`observation:${key}`, before, item.score);
        }),
        note:
          event.value.items
            .map((item) => item.note)
            .filter((note) => note !== '')
            .join('\n') || null,
      };
    case 'complianceGraded':
      return {
        summary: `Nilai kepatuhan ${event.value.rulesetId} menjadi ${TWO_DECIMALS.format(event.value.total)} (${event.value.label})`,
        changes: [
          change('complianceTotal', event.value.previousBandCode === '' ? null : event.value.previousTotal, event.value.total),
          change('complianceBand', event.value.previousBandCode || null, event.value.bandCode),
        ],
        sourceEventIds: event.value.sourceEventIds,
      };
    case 'userScoreReceived': {
      const before = state.userScore;
      state.userScore = event.value.score;
      return {
        summary: `Nilai F-03 dari ${event.value.respondents} responden diterima${event.value.quotaMet ? '' : ' (kuota belum terpenuhi)'}`,
        changes: [change('userScore', before, event.value.score)],
        sourceEventIds: event.value.sourceEventId ? [event.value.sourceEventId] : [],
      };
    }
    case 'cycleResultsPublished': {
      const result = event.value.results.find((r) => r.unitId === unitId);
      if (!result) return null;
      return { summary: 'Hasil evaluasi diterbitkan', ...resultChanges(state, result) };
    }
    case 'resultCorrected': {
      const { result } = event.value;
      if (!result || result.unitId !== unitId) return null;
      return { summary: 'Hasil evaluasi dikoreksi', ...resultChanges(state, result), note: event.value.reason };
    }
    default:
      return assertNever(event);
  }
}

function transition(state: Folded, status: string, summary: string): Described {
  const before = state.status;
  state.status = status;
  return { summary, changes: [change('assessmentStatus', before, status)] };
}

function scored(state: Folded, indicatorCode: string, evaluatorId: string, score: number, summary: string, note: string | null): Described {
  const key = markKey(indicatorCode, evaluatorId);
  const before = state.marks.get(key) ?? null;
  state.marks.set(key, score);
  return { summary, changes: [change('evaluatorScore', before, score, indicatorCode, evaluatorId)], note: note || null };
}

function resultChanges(state: Folded, result: { ipp: number; category: string }): Pick<Described, 'changes'> {
  const changes = [change('ipp', state.ipp, result.ipp), change('category', state.category, result.category)];
  state.ipp = result.ipp;
  state.category = result.category;
  return { changes };
}

/** The unit's history in log order. `sources`: its assessment, proposals and compliance streams and its cycle's stream, in any order. */
export function unitTimeline(unitId: string, sources: readonly TimelineSource[]): TimelineEntry[] {
  const state: Folded = {
    status: 'draft',
    submittedVersions: 0,
    selfScores: new Map(),
    marks: new Map(),
    evidence: new Map(),
    observations: new Map(),
    ipp: null,
    category: null,
    userScore: null,
    lead: null,
  };
  const ordered = [...sources].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : BigInt(a.position) > BigInt(b.position) ? 1 : 0));
  return ordered.flatMap((source): TimelineEntry[] => {
    const described = describe(source.event, unitId, state);
    if (!described) return [];
    return [
      {
        position: source.position,
        eventId: source.eventId,
        eventType: source.event.$case,
        recordedAt: source.recordedAt,
        actorId: source.actorId,
        actorRole: source.actorRole,
        summary: described.summary,
        changes: described.changes ?? [],
        note: described.note ?? null,
        sourceEventIds: described.sourceEventIds ?? [],
      },
    ];
  });
}
