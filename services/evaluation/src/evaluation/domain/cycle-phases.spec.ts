import {
  currentPhase,
  type CyclePhase,
  derivedPhaseWindows,
  guardPhase,
  PHASE_TABLE,
  type PhaseAction,
  type PhaseOverride,
  type PhaseWindows,
  tanggal,
  validatePhaseWindows,
} from './cycle-phases';

// A cycle run the way the anchor apps run it: one phase after the other, F-03 beside F-02.
const CYCLE_WINDOW = { windowStart: '2026-03-01', windowEnd: '2026-06-30' };
const SEQUENTIAL: PhaseWindows = {
  'f01-filling': { start: '2026-03-01', end: '2026-03-31' },
  'f03-survey': { start: '2026-04-01', end: '2026-04-30' },
  'f02-evaluation': { start: '2026-04-01', end: '2026-05-15' },
  'revision-appeal': { start: '2026-05-16', end: '2026-05-31' },
  finalisation: { start: '2026-06-01', end: '2026-06-15' },
};

const allowed = (action: PhaseAction, today: string, overrides?: PhaseOverride[]): boolean => {
  try {
    guardPhase(SEQUENTIAL, action, today, overrides);
    return true;
  } catch {
    return false;
  }
};

describe('the phase table', () => {
  it.each<[PhaseAction, CyclePhase, boolean]>([
    ['f01-fill', 'f01-filling', true],
    ['f01-fill', 'f02-evaluation', false],
    ['f01-fill', 'revision-appeal', false],
    ['f01-revise', 'f01-filling', true],
    ['f01-revise', 'revision-appeal', true],
    ['f01-revise', 'f02-evaluation', false],
    ['f01-review', 'f02-evaluation', true],
    ['f01-review', 'revision-appeal', true],
    ['f01-review', 'f01-filling', false],
    ['f02-score', 'f02-evaluation', true],
    ['f02-score', 'revision-appeal', true],
    ['f02-score', 'f01-filling', false],
    ['f02-score', 'finalisation', false],
    ['visit-record', 'f02-evaluation', true],
    ['visit-record', 'finalisation', false],
    ['f03-collect', 'f03-survey', true],
    ['f03-collect', 'f02-evaluation', false],
    ['results-publish', 'finalisation', true],
    ['results-publish', 'revision-appeal', false],
  ])('%s in %s: %s', (action, phase, expected) => {
    expect(PHASE_TABLE[action].phases.includes(phase)).toBe(expected);
  });

  it.each<[PhaseAction, string]>([
    ['f01-fill', 'unit'],
    ['f01-revise', 'unit'],
    ['f01-review', 'evaluator'],
    ['f02-score', 'evaluator'],
    ['visit-record', 'evaluator'],
    ['f03-collect', 'respondent'],
    ['results-publish', 'admin'],
  ])('%s is taken by the %s', (action, role) => {
    expect(PHASE_TABLE[action].roles).toContain(role);
  });
});

describe('guardPhase at every window edge', () => {
  it.each<[string, PhaseAction, string, boolean]>([
    ['F-01 the day before filling', 'f01-fill', '2026-02-28', false],
    ['F-01 on the first day of filling', 'f01-fill', '2026-03-01', true],
    ['F-01 on the last day of filling', 'f01-fill', '2026-03-31', true],
    ['F-01 the day after filling', 'f01-fill', '2026-04-01', false],
    ['a returned F-01 on the last day of filling', 'f01-revise', '2026-03-31', true],
    ['a returned F-01 during F-02 evaluation', 'f01-revise', '2026-05-15', false],
    ['a returned F-01 on the first day of revision', 'f01-revise', '2026-05-16', true],
    ['a returned F-01 on the last day of revision', 'f01-revise', '2026-05-31', true],
    ['a returned F-01 the day after revision', 'f01-revise', '2026-06-01', false],
    ['F-02 the day before evaluation', 'f02-score', '2026-03-31', false],
    ['F-02 on the first day of evaluation', 'f02-score', '2026-04-01', true],
    ['F-02 on the last day of evaluation', 'f02-score', '2026-05-15', true],
    ['F-02 on the first day of revision (a sanggah)', 'f02-score', '2026-05-16', true],
    ['F-02 on the last day of revision', 'f02-score', '2026-05-31', true],
    ['F-02 on the first day of finalisation', 'f02-score', '2026-06-01', false],
    ['a review the day before evaluation', 'f01-review', '2026-03-31', false],
    ['a review on the last day of revision', 'f01-review', '2026-05-31', true],
    ['a visit on the first day of evaluation', 'visit-record', '2026-04-01', true],
    ['a visit the day after revision', 'visit-record', '2026-06-01', false],
    ['F-03 the day before the survey', 'f03-collect', '2026-03-31', false],
    ['F-03 on the first day of the survey', 'f03-collect', '2026-04-01', true],
    ['F-03 on the last day of the survey', 'f03-collect', '2026-04-30', true],
    ['F-03 the day after the survey', 'f03-collect', '2026-05-01', false],
    ['publishing the day before finalisation', 'results-publish', '2026-05-31', false],
    ['publishing on the first day of finalisation', 'results-publish', '2026-06-01', true],
    ['publishing on the last day of finalisation', 'results-publish', '2026-06-15', true],
    ['publishing the day after finalisation', 'results-publish', '2026-06-16', false],
  ])('%s', (_name, action, today, expected) => {
    expect(allowed(action, today)).toBe(expected);
  });

  it('names the phase, its window and today in Indonesian', () => {
    expect(() => guardPhase(SEQUENTIAL, 'f01-fill', '2026-04-01')).toThrow(
      expect.objectContaining({
        code: 'CYCLE.OUTSIDE_PHASE',
        message:
          'Pengisian dan pengiriman F-01 hanya dapat dilakukan pada tahap Pengisian F-01 (1 Maret 2026 s.d. 31 Maret 2026); hari ini 1 April 2026 tahap Survei F-03.',
        details: expect.objectContaining({
          action: 'f01-fill',
          currentPhase: 'f03-survey',
          allowedPhases: [{ phase: 'f01-filling', name: 'Pengisian F-01', start: '2026-03-01', end: '2026-03-31' }],
        }),
      }),
    );
  });

  it('names every phase that allows the action, and says when today is in none', () => {
    expect(() => guardPhase(SEQUENTIAL, 'f02-score', '2026-07-01')).toThrow(
      'Penilaian F-02 hanya dapat dilakukan pada tahap Penilaian F-02 (1 April 2026 s.d. 15 Mei 2026) atau Perbaikan dan sanggah (16 Mei 2026 s.d. 31 Mei 2026); hari ini 1 Juli 2026 di luar semua tahap.',
    );
  });
});

describe('an override of the admin', () => {
  const reopenF01: PhaseOverride = {
    action: 'f01-fill',
    until: '2026-04-03',
    reason: 'server SKPD rusak',
    grantedBy: 'admin',
    grantedAt: '2026-04-01T02:00:00Z',
  };

  it.each<[string, PhaseAction, string, boolean]>([
    ['lets the unit fill F-01 on its last day', 'f01-fill', '2026-04-03', true],
    ['ends after its last day', 'f01-fill', '2026-04-04', false],
    ['lets only the action it names', 'f01-revise', '2026-04-02', false],
  ])('%s', (_name, action, today, expected) => {
    expect(allowed(action, today, [reopenF01])).toBe(expected);
  });
});

describe('the current phase', () => {
  it.each<[string, string, CyclePhase | null]>([
    ['before the first phase', '2026-02-28', null],
    ['on the first day of F-01 filling', '2026-03-01', 'f01-filling'],
    ['on the first day of F-02 (F-03 beside it comes first in order)', '2026-04-01', 'f03-survey'],
    ['once F-03 closed', '2026-05-01', 'f02-evaluation'],
    ['in revision', '2026-05-16', 'revision-appeal'],
    ['on the last day of finalisation', '2026-06-15', 'finalisation'],
    ['after the last phase', '2026-06-16', null],
  ])('%s', (_name, today, expected) => {
    expect(currentPhase(SEQUENTIAL, today)).toBe(expected);
  });
});

describe('phase windows', () => {
  it('derives the windows of a cycle opened without phases from its window and due date', () => {
    expect(derivedPhaseWindows({ ...CYCLE_WINDOW, selfAssessmentDue: '2026-05-31' })).toEqual({
      'f01-filling': { start: '2026-03-01', end: '2026-05-31' },
      'f03-survey': { start: '2026-03-01', end: '2026-06-30' },
      'f02-evaluation': { start: '2026-03-01', end: '2026-06-30' },
      'revision-appeal': { start: '2026-03-01', end: '2026-06-30' },
      finalisation: { start: '2026-03-01', end: '2026-06-30' },
    });
  });

  it.each<[string, Partial<PhaseWindows>, string | null]>([
    ['accepts phases one after the other', {}, null],
    ['accepts phases that overlap in order', { 'f02-evaluation': { start: '2026-03-15', end: '2026-05-15' } }, null],
    ['refuses a phase that ends before it starts', { finalisation: { start: '2026-06-15', end: '2026-06-01' } }, 'CYCLE.INVALID_PHASE_WINDOW'],
    ['refuses a phase outside the cycle', { finalisation: { start: '2026-06-01', end: '2026-07-01' } }, 'CYCLE.PHASE_OUTSIDE_WINDOW'],
    ['refuses a phase before the cycle', { 'f01-filling': { start: '2026-02-28', end: '2026-03-31' } }, 'CYCLE.PHASE_OUTSIDE_WINDOW'],
    [
      'refuses F-02 starting before F-01',
      { 'f02-evaluation': { start: '2026-03-01', end: '2026-05-15' }, 'f01-filling': { start: '2026-03-02', end: '2026-03-31' } },
      'CYCLE.PHASE_OUT_OF_ORDER',
    ],
    ['refuses finalisation ending before revision', { finalisation: { start: '2026-06-01', end: '2026-05-30' } }, 'CYCLE.INVALID_PHASE_WINDOW'],
    ['refuses revision ending after finalisation', { 'revision-appeal': { start: '2026-05-16', end: '2026-06-20' } }, 'CYCLE.PHASE_OUT_OF_ORDER'],
    [
      'refuses F-03 before F-01 filling',
      { 'f01-filling': { start: '2026-03-10', end: '2026-03-31' }, 'f03-survey': { start: '2026-03-05', end: '2026-04-30' } },
      'CYCLE.PHASE_OUT_OF_ORDER',
    ],
    ['refuses a date that is not one', { 'f03-survey': { start: '2026-02-30', end: '2026-04-30' } }, 'CYCLE.INVALID_DATE'],
  ])('%s', (_name, change, code) => {
    const check = () => validatePhaseWindows({ ...SEQUENTIAL, ...change }, CYCLE_WINDOW);
    if (code === null) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code }));
  });

  it('writes dates the id-ID way', () => {
    expect(tanggal('2027-01-31')).toBe('31 Januari 2027');
  });
});
