import { epochDay, isAfter, isLocalDate } from '@lib/kernel';
import { DomainError } from './error-codes';

// The phases of a PEKPPP cycle as the anchor apps run them (docs/domain.md 1.2: the unit lokus fills
// F-01, the evaluators share the F-03 link and score F-02, a masa verifikasi follows, then the results
// are final), each with a window of local dates in the tenant's time zone, and a table of what each
// role may do in each phase. The table is data: the deciders look actions up in it.

export type CyclePhase = 'f01-filling' | 'f03-survey' | 'f02-evaluation' | 'revision-appeal' | 'finalisation';
export const CYCLE_PHASES: readonly CyclePhase[] = ['f01-filling', 'f03-survey', 'f02-evaluation', 'revision-appeal', 'finalisation'];

export const PHASE_NAMES: Readonly<Record<CyclePhase, string>> = {
  'f01-filling': 'Pengisian F-01',
  'f03-survey': 'Survei F-03',
  'f02-evaluation': 'Penilaian F-02',
  'revision-appeal': 'Perbaikan dan sanggah',
  finalisation: 'Finalisasi',
};

export interface PhaseWindow {
  /** First day, local date. */
  start: string;
  /** Last day, local date. */
  end: string;
}

export type PhaseWindows = Readonly<Record<CyclePhase, PhaseWindow>>;

/**
 * What someone does on a cycle that a phase allows or not:
 * - `f01-fill`: the unit saves, attaches evidence to and submits its F-01 draft;
 * - `f01-revise`: the unit saves, attaches evidence to and resubmits an F-01 returned to it;
 * - `f01-review`: an evaluator (or the admin) returns or verifies a submitted F-01;
 * - `f02-score`: an evaluator (or the admin entering an evaluator's sheet) scores F-02, confirms or overrides a proposal;
 * - `visit-record`: an evaluator (or the admin) records a verification visit;
 * - `f03-collect`: respondents answer F-03 (the survey context collects it; shown here, not enforced by this service);
 * - `results-publish`: the admin publishes (freezes) the cycle's results.
 */
export type PhaseAction = 'f01-fill' | 'f01-revise' | 'f01-review' | 'f02-score' | 'visit-record' | 'f03-collect' | 'results-publish';
export const PHASE_ACTIONS: readonly PhaseAction[] = ['f01-fill', 'f01-revise', 'f01-review', 'f02-score', 'visit-record', 'f03-collect', 'results-publish'];

export type PhaseRole = 'unit' | 'evaluator' | 'admin' | 'respondent';

export interface PhaseRule {
  /** Who takes the action. */
  roles: readonly PhaseRole[];
  /** The phases in which it is allowed: on any day inside any of their windows. */
  phases: readonly CyclePhase[];
  /** Indonesian, for messages. */
  description: string;
}

/**
 * What each role may do in each phase. A returned F-01 is fixed during F-01 filling or the revision phase;
 * evaluators review and score from the F-02 evaluation phase through revision and appeal (a sanggah can
 * change a score); nobody scores once finalisation starts, when only publishing remains.
 */
export const PHASE_TABLE: Readonly<Record<PhaseAction, PhaseRule>> = {
  'f01-fill': { roles: ['unit'], phases: ['f01-filling'], description: 'Pengisian dan pengiriman F-01' },
  'f01-revise': { roles: ['unit'], phases: ['f01-filling', 'revision-appeal'], description: 'Perbaikan dan pengiriman ulang F-01 yang dikembalikan' },
  'f01-review': { roles: ['evaluator', 'admin'], phases: ['f02-evaluation', 'revision-appeal'], description: 'Verifikasi atau pengembalian F-01' },
  'f02-score': { roles: ['evaluator', 'admin'], phases: ['f02-evaluation', 'revision-appeal'], description: 'Penilaian F-02' },
  'visit-record': { roles: ['evaluator', 'admin'], phases: ['f02-evaluation', 'revision-appeal'], description: 'Pencatatan kunjungan lapangan' },
  'f03-collect': { roles: ['respondent'], phases: ['f03-survey'], description: 'Pengisian F-03 oleh pengguna layanan' },
  'results-publish': { roles: ['admin'], phases: ['finalisation'], description: 'Penerbitan hasil' },
};

/** Actions the admin may let one unit lokus take outside their phases (publishing is the whole cycle's, F-03 the survey context's). */
export const OVERRIDABLE_ACTIONS: readonly PhaseAction[] = ['f01-fill', 'f01-revise', 'f01-review', 'f02-score', 'visit-record'];

/** It holds from when it is granted (never for a day before: commands are decided after it) until `until`. */
export interface PhaseOverride {
  action: PhaseAction;
  /** Last day it holds, local date. */
  until: string;
  reason: string;
  grantedBy: string;
  grantedAt: string;
}

/** The windows of a cycle opened before phases existed: F-01 filling up to the self-assessment due date, every other phase the whole window. */
export function derivedPhaseWindows(cycle: { windowStart: string; windowEnd: string; selfAssessmentDue: string }): PhaseWindows {
  const whole = { start: cycle.windowStart, end: cycle.windowEnd };
  return {
    'f01-filling': { start: cycle.windowStart, end: cycle.selfAssessmentDue },
    'f03-survey': whole,
    'f02-evaluation': whole,
    'revision-appeal': whole,
    finalisation: whole,
  };
}

const within = (window: PhaseWindow, today: string): boolean => !isAfter(window.start, today) && !isAfter(today, window.end);

/** The phases whose window holds `today`, in the cycle's order. */
export const activePhases = (windows: PhaseWindows, today: string): CyclePhase[] => CYCLE_PHASES.filter((phase) => within(windows[phase], today));

/** The phase a cycle is in: the first, in order, whose window holds today; null before the first and after the last. */
export const currentPhase = (windows: PhaseWindows, today: string): CyclePhase | null => activePhases(windows, today)[0] ?? null;

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "2027-01-31" → "31 Januari 2027" (id-ID long date). */
export function tanggal(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const describeWindow = (phase: CyclePhase, window: PhaseWindow): string => `${PHASE_NAMES[phase]} (${tanggal(window.start)} s.d. ${tanggal(window.end)})`;

/** Whether an override of the admin lets the unit take the action today. */
export const overrideHolds = (overrides: readonly PhaseOverride[] | undefined, action: PhaseAction, today: string): boolean =>
  (overrides ?? []).some((override) => override.action === action && !isAfter(today, override.until));

/**
 * Refuses `action` on `today` unless a phase the table allows it in holds today, or an override does.
 * The refusal names the phases and their windows in Indonesian.
 */
export function guardPhase(windows: PhaseWindows, action: PhaseAction, today: string, overrides?: readonly PhaseOverride[]): void {
  const rule = PHASE_TABLE[action];
  if (rule.phases.some((phase) => within(windows[phase], today)) || overrideHolds(overrides, action, today)) return;
  const allowed = rule.phases.map((phase) => describeWindow(phase, windows[phase])).join(' atau ');
  const now = currentPhase(windows, today);
  throw new DomainError(
    'CYCLE.OUTSIDE_PHASE',
    `${rule.description} hanya dapat dilakukan pada tahap ${allowed}; hari ini ${tanggal(today)} ${now ? `tahap ${PHASE_NAMES[now]}` : 'di luar semua tahap'}.`,
    {
      action,
      today,
      currentPhase: now,
      allowedPhases: rule.phases.map((phase) => ({ phase, name: PHASE_NAMES[phase], ...windows[phase] })),
    },
  );
}

/**
 * Checks a full set of windows: valid dates, each start on or before its end, every window inside the
 * cycle's, and the sequential phases (F-01 filling, F-02 evaluation, revision and appeal, finalisation)
 * neither starting nor ending before the one before them. F-03 runs beside them, from F-01 filling on.
 */
export function validatePhaseWindows(windows: PhaseWindows, cycle: { windowStart: string; windowEnd: string }): void {
  for (const phase of CYCLE_PHASES) {
    const { start, end } = windows[phase];
    if (!isLocalDate(start) || !isLocalDate(end) || epochDay(start) === undefined || epochDay(end) === undefined) {
      throw new DomainError('CYCLE.INVALID_DATE', `the window of ${phase} must be two dates YYYY-MM-DD, got "${start}".."${end}"`, { phase });
    }
    if (isAfter(start, end)) throw new DomainError('CYCLE.INVALID_PHASE_WINDOW', `${phase} starts ${start}, after it ends ${end}`, { phase });
    if (isAfter(cycle.windowStart, start) || isAfter(end, cycle.windowEnd)) {
      throw new DomainError('CYCLE.PHASE_OUTSIDE_WINDOW', `${phase} ${start}..${end} is outside the cycle ${cycle.windowStart}..${cycle.windowEnd}`, { phase });
    }
  }
  const sequential: CyclePhase[] = ['f01-filling', 'f02-evaluation', 'revision-appeal', 'finalisation'];
  sequential.slice(1).forEach((phase, i) => {
    const before = sequential[i];
    if (isAfter(windows[before].start, windows[phase].start) || isAfter(windows[before].end, windows[phase].end)) {
      throw new DomainError('CYCLE.PHASE_OUT_OF_ORDER', `${phase} ${windows[phase].start}..${windows[phase].end} runs before ${before}`, {
        phase,
        before,
      });
    }
  });
  if (isAfter(windows['f01-filling'].start, windows['f03-survey'].start)) {
    throw new DomainError('CYCLE.PHASE_OUT_OF_ORDER', `f03-survey starts before f01-filling`, { phase: 'f03-survey', before: 'f01-filling' });
  }
}

export const isCyclePhase = (value: string): value is CyclePhase => (CYCLE_PHASES as readonly string[]).includes(value);
export const isPhaseAction = (value: string): value is PhaseAction => (PHASE_ACTIONS as readonly string[]).includes(value);
