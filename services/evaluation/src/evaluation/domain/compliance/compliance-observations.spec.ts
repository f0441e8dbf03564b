import { type DeciderOutcome, givenWhen } from '@lib/event-sourcing/domain';
import {
  complianceObservationDecider,
  type ComplianceEvent,
  type ComplianceObservationCommand,
  OBSERVED_ITEM_DIMENSIONS,
  observationsWithEvents,
} from './compliance-observations';

const NOW = '2026-06-01T02:00:00.000Z';
const LOKUS = { lokus: { evaluatorIds: ['eva', 'budi'] }, resultsFrozen: false };

const record: ComplianceObservationCommand = {
  type: 'RecordComplianceObservation',
  cycleId: 'cycle-1',
  unitId: 'disdukcapil',
  items: [{ dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3, note: 'petugas bersertifikat' }],
  publicTrust: null,
  maladministration: null,
  by: { userId: 'eva', role: 'evaluator' },
  context: LOKUS,
  now: NOW,
};

const recorded = (value: Partial<Extract<ComplianceEvent, { $case: 'complianceObservationRecorded' }>['value']>): ComplianceEvent => ({
  $case: 'complianceObservationRecorded',
  value: {
    cycleId: 'cycle-1',
    unitId: 'disdukcapil',
    items: [],
    publicTrust: undefined,
    maladministration: undefined,
    recordedBy: 'eva',
    recordedAt: NOW,
    ...value,
  },
});
const competence = recorded({ items: [{ dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3, note: 'petugas bersertifikat' }] });
const trust = { score: 72.5, source: 'Survei Ombudsman RI 2026' };
const malad = { substantiatedFindings: 0, unresolvedOmbudsmanActions: 1, note: 'LAHP 12/2026' };
const error = (code: string): DeciderOutcome<ComplianceEvent> => ({ error: { code } });

describe('compliance observation decider', () => {
  it.each<[string, ComplianceEvent[], ComplianceObservationCommand, DeciderOutcome<ComplianceEvent>]>([
    ['records an input item an assigned evaluator scored', [], record, { events: [competence] }],
    [
      'an admin of Bagian Organisasi records without being an evaluator',
      [],
      { ...record, by: { userId: 'orpeg', role: 'admin' } },
      {
        events: [{ ...competence, value: { ...competence.value, recordedBy: 'orpeg' } } as ComplianceEvent],
      },
    ],
    ['the same item again records nothing', [competence], record, { events: [] }],
    [
      'records only the item that changed',
      [competence],
      { ...record, items: [...record.items, { dimension: 'input', itemCode: 'sarana-prasarana', score: 1, note: 'ruang tunggu sempit' }] },
      { events: [recorded({ items: [{ dimension: 'input', itemCode: 'sarana-prasarana', score: 1, note: 'ruang tunggu sempit' }] })] },
    ],
    ['records public trust with its source', [], { ...record, items: [], publicTrust: trust }, { events: [recorded({ publicTrust: trust })] }],
    ['records the maladministration record', [competence], { ...record, maladministration: malad }, { events: [recorded({ maladministration: malad })] }],
    [
      'the same maladministration record again records nothing',
      [recorded({ maladministration: malad })],
      { ...record, items: [], maladministration: malad },
      { events: [] },
    ],
    [
      'refuses an evaluator not assigned to the unit',
      [],
      { ...record, by: { userId: 'citra', role: 'evaluator' } },
      error('COMPLIANCE.EVALUATOR_NOT_ASSIGNED'),
    ],
    ['refuses a unit that is not a lokus of the cycle', [], { ...record, context: { lokus: null, resultsFrozen: false } }, error('CYCLE.UNIT_NOT_IN_SCOPE')],
    ['refuses after the results are published', [], { ...record, context: { ...LOKUS, resultsFrozen: true } }, error('CYCLE.RESULTS_FROZEN')],
    ['refuses an observation with nothing in it', [], { ...record, items: [] }, error('COMPLIANCE.EMPTY_OBSERVATION')],
    ['refuses an item scored 4 on the 0..3 scale', [], { ...record, items: [{ ...record.items[0], score: 4 }] }, error('COMPLIANCE.INVALID_INPUT')],
    ['refuses a dimension not scored from items', [], { ...record, items: [{ ...record.items[0], dimension: 'proses' }] }, error('COMPLIANCE.INVALID_INPUT')],
    [
      'refuses an item code that is not kebab-case',
      [],
      { ...record, items: [{ ...record.items[0], itemCode: 'Kompetensi Pelaksana' }] },
      error('COMPLIANCE.INVALID_INPUT'),
    ],
    ['refuses an item listed twice', [], { ...record, items: [record.items[0], record.items[0]] }, error('COMPLIANCE.INVALID_INPUT')],
    ['refuses public trust above 100', [], { ...record, publicTrust: { ...trust, score: 100.5 } }, error('COMPLIANCE.INVALID_INPUT')],
    ['refuses public trust without its source', [], { ...record, publicTrust: { ...trust, source: ' ' } }, error('COMPLIANCE.INVALID_INPUT')],
    [
      'refuses a negative maladministration count',
      [],
      { ...record, maladministration: { ...malad, substantiatedFindings: -1 } },
      error('COMPLIANCE.INVALID_INPUT'),
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(complianceObservationDecider, given, when)).toEqual(expected);
  });

  it('scores items of the dimensions the shipped rulesets observe: input', () => {
    expect(OBSERVED_ITEM_DIMENSIONS).toEqual(['input']);
  });

  it('folds each part with the event that last recorded it, passing over the grades', () => {
    const graded: ComplianceEvent = {
      $case: 'complianceGraded',
      value: {
        cycleId: 'cycle-1',
        unitId: 'disdukcapil',
        rulesetId: 'ombudsman-2025',
        rulesetVersion: 1,
        total: 50,
        bandCode: 'D',
        zone: 'merah',
        label: 'Kualitas Rendah',
        complete: false,
        previousBandCode: '',
        previousTotal: -1,
        gradeJson: '{}',
        sourceEventIds: [],
        provisional: true,
        gradedAt: NOW,
      },
    };
    const rescored = recorded({ items: [{ dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 2, note: 'satu petugas belum bersertifikat' }] });
    const observed = observationsWithEvents([
      { eventId: 'e1', event: competence },
      { eventId: 'e2', event: recorded({ publicTrust: trust, maladministration: malad }) },
      { eventId: 'e3', event: graded },
      { eventId: 'e4', event: rescored },
    ]);
    expect(observed).toEqual({
      items: {
        'input/kompetensi-pelaksana': {
          dimension: 'input',
          itemCode: 'kompetensi-pelaksana',
          score: 2,
          note: 'satu petugas belum bersertifikat',
          eventId: 'e4',
        },
      },
      publicTrust: { ...trust, eventId: 'e2' },
      maladministration: { ...malad, eventId: 'e2' },
    });
  });
});
