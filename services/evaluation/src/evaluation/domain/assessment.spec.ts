import { type DeciderOutcome, givenWhen } from '@lib/event-sourcing/domain';
import {
  type AssessmentCommand,
  type AssessmentContext,
  type AssessmentEvent,
  assessmentContext,
  type EvidenceInput,
  assessmentDecider,
  scoringInputOf,
} from './assessment';
import { type CycleEvent, cycleDecider } from './cycle';
import { pekppp2017 } from './ruleset/pekppp-2017';
import { pekppp2023 } from './ruleset/pekppp-2023';
import { pekppp2023KodeB } from './ruleset/pekppp-2023-kode-b';
import { pekppp2023v2 } from './ruleset/pekppp-2023-v2';
import { scoredIndicators } from './ruleset/ruleset';

const ids = { cycleId: 'cycle-1', unitId: 'disdukcapil' };
const NOW = '2026-04-01T01:00:00.000Z';
const SHA = 'a'.repeat(64);
const ctx: AssessmentContext = {
  ...ids,
  windowStart: '2026-03-01',
  windowEnd: '2026-09-30',
  selfAssessmentDue: '2026-05-31',
  resultsFrozen: false,
  ruleset: pekppp2023,
  lokus: { evaluatorIds: ['eva', 'budi'], leadEvaluatorId: 'eva' },
};
const frozen: AssessmentContext = { ...ctx, resultsFrozen: true };
const outOfScope: AssessmentContext = { ...ctx, lokus: null };
const base = { context: ctx, today: '2026-04-01', now: NOW };
const policy = { maxSizeBytes: 10_000_000, allowedMediaTypes: ['application/pdf', 'image/jpeg'] };
const codes = scoredIndicators(pekppp2023).map((indicator) => indicator.code);

const pdf = {
  evidenceId: 'ev-1',
  kind: 'file',
  name: 'SK Standar Pelayanan.pdf',
  location: 'tenant/ev-1',
  sha256: SHA,
  sizeBytes: 2048,
  mediaType: 'application/pdf',
};
const attached: AssessmentEvent = { $case: 'evidenceAttached', value: { ...ids, indicatorCode: '1.a.Ak', evidence: pdf } };
const answer = (indicatorCode: string, score = 4, evidenceIds: string[] = []) => ({
  indicatorCode,
  score,
  justification: 'ada SK',
  evidenceIds,
  questionAnswers: [],
  claimedLevelRule: '',
  claimedLevelRuleSource: '',
});
const draftOne: AssessmentEvent = { $case: 'selfAssessmentDraftSaved', value: { ...ids, answers: [answer('1.a.Ak', 5, ['ev-1'])], savedAt: NOW } };
const draftAll: AssessmentEvent = { $case: 'selfAssessmentDraftSaved', value: { ...ids, answers: codes.map((code) => answer(code)), savedAt: NOW } };
const submitted: AssessmentEvent = { $case: 'selfAssessmentSubmitted', value: { ...ids, submittedAt: NOW, version: 1 } };
const returned: AssessmentEvent = {
  $case: 'selfAssessmentReturned',
  value: { ...ids, notes: [{ indicatorCode: '1.a.Ak', note: 'SK belum ditandatangani' }], returnedAt: NOW, returnedBy: 'eva', version: 1 },
};
const resubmitted: AssessmentEvent = { $case: 'selfAssessmentResubmitted', value: { ...ids, resubmittedAt: NOW, version: 2 } };
const verified: AssessmentEvent = { $case: 'selfAssessmentVerified', value: { ...ids, verifiedAt: NOW, verifiedBy: 'eva', version: 1 } };
const verifiedVersion = (version: number): AssessmentEvent => ({
  $case: 'selfAssessmentVerified',
  value: { ...ids, verifiedAt: NOW, verifiedBy: 'eva', version },
});
/** As recorded before F-01 versions were numbered. */
const unnumbered = (event: AssessmentEvent): AssessmentEvent => ({ ...event, value: { ...event.value, version: 0 } }) as AssessmentEvent;
const scored: AssessmentEvent = {
  $case: 'indicatorScored',
  value: { ...ids, indicatorCode: '1.a.Ak', evaluatorId: 'eva', score: 4, note: 'SK ada, belum monev', scoredAt: NOW },
};
const scoredByEva = (indicatorCode: string, value: number, note = 'ada bukti'): AssessmentEvent => ({
  $case: 'indicatorScored',
  value: { ...ids, indicatorCode, evaluatorId: 'eva', score: value, note, scoredAt: NOW },
});
const byEvaluator = (event: AssessmentEvent, evaluatorId: string): AssessmentEvent => ({ ...event, value: { ...event.value, evaluatorId } }) as AssessmentEvent;
const proposal = { level: 3, ruleId: 'standard-complete', proposalRules: 'pekppp-2023-proposals@1', sourceEventIds: ['ev-a', 'ev-b'] };
const proposalOf = { proposedLevel: 3, ruleId: 'standard-complete', proposalRules: 'pekppp-2023-proposals@1', sourceEventIds: ['ev-a', 'ev-b'] };
const confirmed: AssessmentEvent = {
  $case: 'indicatorProposalConfirmed',
  value: { ...ids, indicatorCode: '1.a.Ak', evaluatorId: 'eva', score: 3, ...proposalOf, confirmedAt: NOW },
};
const overridden: AssessmentEvent = {
  $case: 'indicatorProposalOverridden',
  value: { ...ids, indicatorCode: '1.a.Ak', evaluatorId: 'eva', score: 4, ...proposalOf, note: 'SK ditandatangani, ada monev', overriddenAt: NOW },
};
const visit: AssessmentEvent = {
  $case: 'verificationVisitRecorded',
  value: { ...ids, visitedOn: '2026-04-01', evaluatorIds: ['eva', 'budi'], findings: 'ruang tunggu sesuai foto' },
};

const saveDraft: AssessmentCommand = { ...base, type: 'SaveSelfAssessmentDraft', answers: [{ indicatorCode: '1.a.Ak', score: 5, justification: 'ada SK' }] };
const fileEvidence: Extract<EvidenceInput, { kind: 'file' }> = {
  kind: 'file',
  evidenceId: 'ev-1',
  name: 'SK Standar Pelayanan.pdf',
  storageKey: 'tenant/ev-1',
  sha256: SHA,
  sizeBytes: 2048,
  mediaType: 'application/pdf',
};
const attachFile: Extract<AssessmentCommand, { type: 'AttachEvidence' }> = {
  ...base,
  type: 'AttachEvidence',
  indicatorCode: '1.a.Ak',
  evidence: fileEvidence,
  policy,
};
const attachLink: Extract<AssessmentCommand, { type: 'AttachEvidence' }> = {
  ...base,
  type: 'AttachEvidence',
  indicatorCode: '3.a.T',
  evidence: { kind: 'link', evidenceId: 'ev-2', name: 'Website', url: 'https://disdukcapil.banjarmasinkota.go.id/standar' },
  policy,
};
const submit: AssessmentCommand = { ...base, type: 'SubmitSelfAssessment' };
const returnIt: AssessmentCommand = {
  ...base,
  type: 'ReturnSelfAssessment',
  by: { userId: 'eva', role: 'evaluator' },
  notes: [{ indicatorCode: '1.a.Ak', note: 'SK belum ditandatangani' }],
};
const resubmit: AssessmentCommand = { ...base, type: 'ResubmitSelfAssessment' };
const verify: AssessmentCommand = { ...base, type: 'VerifySelfAssessment', by: { userId: 'eva', role: 'evaluator' } };
const score: AssessmentCommand = { ...base, type: 'ScoreIndicator', evaluatorId: 'eva', indicatorCode: '1.a.Ak', score: 4, note: 'SK ada, belum monev' };
const mark = (indicatorCode: string, value: number, note = 'ada bukti') => ({ indicatorCode, score: value, note });
const admin = { userId: 'admin-orpeg', role: 'admin' } as const;
const scoreMany: Extract<AssessmentCommand, { type: 'ScoreIndicators' }> = {
  ...base,
  type: 'ScoreIndicators',
  by: { userId: 'eva', role: 'evaluator' },
  evaluatorId: 'eva',
  scores: [mark('1.a.Ak', 4, 'SK ada, belum monev'), mark('2.a.P', 3)],
};
const confirm: AssessmentCommand = { ...base, type: 'ConfirmProposal', evaluatorId: 'eva', indicatorCode: '1.a.Ak', proposal, expectedLevel: 3 };
const override: AssessmentCommand = {
  ...base,
  type: 'OverrideProposal',
  evaluatorId: 'eva',
  indicatorCode: '1.a.Ak',
  proposal,
  score: 4,
  note: 'SK ditandatangani, ada monev',
};
const recordVisit: AssessmentCommand = {
  ...base,
  type: 'RecordVerificationVisit',
  by: { userId: 'eva', role: 'evaluator' },
  visitedOn: '2026-04-01',
  evaluatorIds: ['eva', 'budi'],
  findings: 'ruang tunggu sesuai foto',
};
const error = (code: string): DeciderOutcome<AssessmentEvent> => ({ error: { code } });

describe('assessment decider', () => {
  it.each<[string, AssessmentEvent[], AssessmentCommand, DeciderOutcome<AssessmentEvent>]>([
    // draft
    ['saves draft answers with the evidence attached to the indicator', [attached], saveDraft, { events: [draftOne] }],
    ['refuses a draft after the self-assessment deadline', [], { ...saveDraft, today: '2026-06-01' }, error('ASSESSMENT.DEADLINE_PASSED')],
    ['refuses a draft before the cycle window opens', [], { ...saveDraft, today: '2026-02-28' }, error('CYCLE.NOT_STARTED')],
    ['refuses a draft once submitted', [draftAll, submitted], saveDraft, error('ASSESSMENT.ALREADY_SUBMITTED')],
    ['refuses a draft once verified', [draftAll, submitted, verified], saveDraft, error('ASSESSMENT.ALREADY_VERIFIED')],
    [
      'a returned assessment is edited after the deadline, within the window',
      [draftAll, submitted, returned],
      { ...saveDraft, today: '2026-07-01' },
      { events: [{ $case: 'selfAssessmentDraftSaved', value: { ...ids, answers: [answer('1.a.Ak', 5, [])], savedAt: NOW } }] },
    ],
    [
      'refuses editing a returned assessment after the window closed',
      [draftAll, submitted, returned],
      { ...saveDraft, today: '2026-10-01' },
      error('CYCLE.CLOSED'),
    ],
    ['refuses an indicator the pinned ruleset does not know', [], { ...saveDraft, answers: [answer('1.a.x')] }, error('ASSESSMENT.UNKNOWN_INDICATOR')],
    ['refuses a self score of 6', [], { ...saveDraft, answers: [answer('1.a.Ak', 6)] }, error('ASSESSMENT.INVALID_SCORE')],
    ['refuses a fractional self score', [], { ...saveDraft, answers: [answer('1.a.Ak', 2.5)] }, error('ASSESSMENT.INVALID_SCORE')],
    ['refuses an empty draft', [], { ...saveDraft, answers: [] }, error('ASSESSMENT.NO_ANSWERS')],
    ['refuses one indicator answered twice', [], { ...saveDraft, answers: [answer('1.a.Ak'), answer('1.a.Ak')] }, error('ASSESSMENT.DUPLICATE_ANSWER')],
    [
      'refuses evidence not attached to the indicator',
      [attached],
      { ...saveDraft, answers: [answer('2.a.P', 3, ['ev-1'])] },
      error('ASSESSMENT.UNKNOWN_EVIDENCE'),
    ],
    ['refuses a draft for a unit out of scope', [], { ...saveDraft, context: outOfScope }, error('ASSESSMENT.UNIT_NOT_IN_SCOPE')],
    ['refuses a draft once results are frozen', [], { ...saveDraft, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    ['refuses a today that is not a date', [], { ...saveDraft, today: '1 April' }, error('ASSESSMENT.INVALID_DATE')],
    // evidence
    ['attaches a file with its sha256, size and media type', [], attachFile, { events: [attached] }],
    ['stores the sha256 in lower case', [], { ...attachFile, evidence: { ...fileEvidence, sha256: 'A'.repeat(64) } }, { events: [attached] }],
    [
      'attaches an https link',
      [],
      attachLink,
      {
        events: [
          {
            $case: 'evidenceAttached',
            value: {
              ...ids,
              indicatorCode: '3.a.T',
              evidence: {
                evidenceId: 'ev-2',
                kind: 'link',
                name: 'Website',
                location: 'https://disdukcapil.banjarmasinkota.go.id/standar',
                sha256: '',
                sizeBytes: 0,
                mediaType: '',
              },
            },
          },
        ],
      },
    ],
    ['attaching the same evidence again records nothing', [attached], attachFile, { events: [] }],
    [
      'refuses another evidence under a used id',
      [attached],
      { ...attachLink, evidence: { kind: 'link', evidenceId: 'ev-1', name: 'x', url: 'https://example.go.id' } },
      error('ASSESSMENT.DUPLICATE_EVIDENCE'),
    ],
    [
      'refuses a sha256 that is not 64 hex characters',
      [],
      { ...attachFile, evidence: { ...fileEvidence, sha256: 'z'.repeat(64) } },
      error('ASSESSMENT.INVALID_EVIDENCE_HASH'),
    ],
    ['refuses a file above the size limit', [], { ...attachFile, policy: { ...policy, maxSizeBytes: 1024 } }, error('ASSESSMENT.EVIDENCE_TOO_LARGE')],
    ['refuses an empty file', [], { ...attachFile, evidence: { ...fileEvidence, sizeBytes: 0 } }, error('ASSESSMENT.EMPTY_EVIDENCE')],
    [
      'refuses a media type outside the policy',
      [],
      { ...attachFile, evidence: { ...fileEvidence, mediaType: 'application/x-msdownload' } },
      error('ASSESSMENT.EVIDENCE_TYPE_NOT_ALLOWED'),
    ],
    [
      'refuses a plain http link',
      [],
      { ...attachLink, evidence: { kind: 'link', evidenceId: 'ev-2', name: 'x', url: 'http://example.go.id' } },
      error('ASSESSMENT.INVALID_LINK'),
    ],
    [
      'refuses evidence without a name',
      [],
      { ...attachLink, evidence: { kind: 'link', evidenceId: 'ev-2', name: '', url: 'https://example.go.id' } },
      error('ASSESSMENT.INVALID_EVIDENCE'),
    ],
    ['refuses evidence for an unknown indicator', [], { ...attachFile, indicatorCode: '31.f.B' }, error('ASSESSMENT.UNKNOWN_INDICATOR')],
    ['refuses evidence after the deadline', [], { ...attachFile, today: '2026-06-01' }, error('ASSESSMENT.DEADLINE_PASSED')],
    // submit
    ['submits a complete self-assessment on the due date', [draftAll], { ...submit, today: '2026-05-31' }, { events: [submitted] }],
    ['refuses to submit after the deadline', [draftAll], { ...submit, today: '2026-06-01' }, error('ASSESSMENT.DEADLINE_PASSED')],
    ['refuses to submit with unanswered indicators', [draftOne], submit, error('ASSESSMENT.INCOMPLETE')],
    ['refuses to submit twice', [draftAll, submitted], submit, error('ASSESSMENT.ALREADY_SUBMITTED')],
    ['refuses to submit a returned assessment (it is resubmitted)', [draftAll, submitted, returned], submit, error('ASSESSMENT.RETURNED')],
    ['refuses to submit once results are frozen', [draftAll], { ...submit, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    // return
    ['an assigned evaluator returns it with notes per indicator', [draftAll, submitted], returnIt, { events: [returned] }],
    [
      'an admin returns it without being an evaluator',
      [draftAll, submitted],
      { ...returnIt, by: { userId: 'admin-org', role: 'admin' } },
      { events: [{ ...returned, value: { ...returned.value, returnedBy: 'admin-org' } } as AssessmentEvent] },
    ],
    [
      'refuses a return by an evaluator not assigned',
      [draftAll, submitted],
      { ...returnIt, by: { userId: 'dewi', role: 'evaluator' } },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    ['refuses to return a draft', [draftAll], returnIt, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses to return twice', [draftAll, submitted, returned], returnIt, error('ASSESSMENT.ALREADY_RETURNED')],
    ['refuses to return a verified assessment', [draftAll, submitted, verified], returnIt, error('ASSESSMENT.ALREADY_VERIFIED')],
    ['refuses a return without notes', [draftAll, submitted], { ...returnIt, notes: [] }, error('ASSESSMENT.NOTES_REQUIRED')],
    [
      'refuses a return with an empty note',
      [draftAll, submitted],
      { ...returnIt, notes: [{ indicatorCode: '1.a.Ak', note: ' ' }] },
      error('ASSESSMENT.NOTES_REQUIRED'),
    ],
    [
      'refuses a note on an unknown indicator',
      [draftAll, submitted],
      { ...returnIt, notes: [{ indicatorCode: '99.z.Q', note: 'x' }] },
      error('ASSESSMENT.UNKNOWN_INDICATOR'),
    ],
    ['refuses a return once results are frozen', [draftAll, submitted], { ...returnIt, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    // resubmit
    ['resubmits after a return, even after the due date', [draftAll, submitted, returned], { ...resubmit, today: '2026-07-01' }, { events: [resubmitted] }],
    [
      'a second resubmission freezes version 3',
      [draftAll, submitted, returned, resubmitted, { ...returned, value: { ...returned.value, version: 2 } }],
      resubmit,
      { events: [{ ...resubmitted, value: { ...resubmitted.value, version: 3 } } as AssessmentEvent] },
    ],
    ['refuses to resubmit what was not returned', [draftAll, submitted], resubmit, error('ASSESSMENT.NOT_RETURNED')],
    ['refuses to resubmit after the window closed', [draftAll, submitted, returned], { ...resubmit, today: '2026-10-01' }, error('CYCLE.CLOSED')],
    // verify
    ['an assigned evaluator verifies a submitted assessment', [draftAll, submitted], verify, { events: [verified] }],
    ['verifies a resubmitted assessment, naming version 2', [draftAll, submitted, returned, resubmitted], verify, { events: [verifiedVersion(2)] }],
    [
      'counts versions of events recorded before versions were numbered',
      [draftAll, unnumbered(submitted), unnumbered(returned), unnumbered(resubmitted)],
      verify,
      { events: [verifiedVersion(2)] },
    ],
    ['refuses to verify a draft', [draftAll], verify, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses to verify while it is back with the unit', [draftAll, submitted, returned], verify, error('ASSESSMENT.AWAITING_RESUBMISSION')],
    ['refuses to verify twice', [draftAll, submitted, verified], verify, error('ASSESSMENT.ALREADY_VERIFIED')],
    [
      'refuses a verification by an evaluator not assigned',
      [draftAll, submitted],
      { ...verify, by: { userId: 'dewi', role: 'evaluator' } },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    // score
    ['an assigned evaluator scores a submitted indicator', [draftAll, submitted], score, { events: [scored] }],
    ['scores a verified assessment', [draftAll, submitted, verified], score, { events: [scored] }],
    ['the same score and note again records nothing', [draftAll, submitted, scored], score, { events: [] }],
    [
      'a new score replaces the earlier one',
      [draftAll, submitted, scored],
      { ...score, score: 5, note: 'monev ada' },
      { events: [{ ...scored, value: { ...scored.value, score: 5, note: 'monev ada' } } as AssessmentEvent] },
    ],
    ['refuses a score by an evaluator not assigned', [draftAll, submitted], { ...score, evaluatorId: 'dewi' }, error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED')],
    ['refuses an indicator outside the pinned ruleset', [draftAll, submitted], { ...score, indicatorCode: '1.a.x' }, error('ASSESSMENT.UNKNOWN_INDICATOR')],
    [
      'checks the code against the pinned ruleset (1.a.Ak is not in pekppp-2017)',
      [draftAll, submitted],
      { ...score, context: { ...ctx, ruleset: pekppp2017 } },
      error('ASSESSMENT.UNKNOWN_INDICATOR'),
    ],
    ['refuses the information-only indicator', [draftAll, submitted], { ...score, indicatorCode: 'info.antrian' }, error('ASSESSMENT.UNKNOWN_INDICATOR')],
    ['refuses to score before submission', [draftAll], score, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses to score while it is back with the unit', [draftAll, submitted, returned], score, error('ASSESSMENT.AWAITING_RESUBMISSION')],
    ['refuses to score after results are frozen', [draftAll, submitted], { ...score, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    ['refuses a score of 6', [draftAll, submitted], { ...score, score: 6 }, error('ASSESSMENT.INVALID_SCORE')],
    ['refuses a score without a note', [draftAll, submitted], { ...score, note: '' }, error('ASSESSMENT.NOTE_REQUIRED')],
    [
      'a score replaces an override even with the same score and note',
      [draftAll, submitted, overridden],
      { ...score, note: 'SK ditandatangani, ada monev' },
      { events: [{ ...scored, value: { ...scored.value, note: 'SK ditandatangani, ada monev' } } as AssessmentEvent] },
    ],
    // score many indicators in one command (F-02 at scale)
    ['an assigned evaluator scores several indicators in one command', [draftAll, submitted], scoreMany, { events: [scored, scoredByEva('2.a.P', 3)] }],
    [
      'only changed scores record: an unchanged one appends nothing',
      [draftAll, submitted, scored],
      { ...scoreMany, scores: [mark('1.a.Ak', 4, 'SK ada, belum monev'), mark('2.a.P', 3)] },
      { events: [scoredByEva('2.a.P', 3)] },
    ],
    ['the same scores again record nothing', [draftAll, submitted, scored, scoredByEva('2.a.P', 3)], scoreMany, { events: [] }],
    [
      "the admin enters the lead evaluator's scores when no evaluator is named",
      [draftAll, submitted],
      { ...scoreMany, by: admin, evaluatorId: undefined },
      { events: [scored, scoredByEva('2.a.P', 3)] },
    ],
    [
      "the admin enters a named assigned evaluator's scores",
      [draftAll, submitted],
      { ...scoreMany, by: admin, evaluatorId: 'budi' },
      { events: [byEvaluator(scored, 'budi'), byEvaluator(scoredByEva('2.a.P', 3), 'budi')] },
    ],
    [
      'refuses the admin entering scores for an evaluator not assigned',
      [draftAll, submitted],
      { ...scoreMany, by: admin, evaluatorId: 'dewi' },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    [
      "refuses an evaluator entering another evaluator's scores",
      [draftAll, submitted],
      { ...scoreMany, evaluatorId: 'budi' },
      error('ASSESSMENT.SCORES_OF_ANOTHER_EVALUATOR'),
    ],
    [
      'refuses an evaluator not assigned',
      [draftAll, submitted],
      { ...scoreMany, by: { userId: 'dewi', role: 'evaluator' }, evaluatorId: undefined },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    ['refuses an empty list of scores', [draftAll, submitted], { ...scoreMany, scores: [] }, error('ASSESSMENT.NO_SCORES')],
    [
      'refuses an indicator scored twice in one command',
      [draftAll, submitted],
      { ...scoreMany, scores: [mark('2.a.P', 3), mark('2.a.P', 4)] },
      error('ASSESSMENT.DUPLICATE_SCORE'),
    ],
    [
      'refuses the whole command when one score is out of range (all or nothing)',
      [draftAll, submitted],
      { ...scoreMany, scores: [mark('2.a.P', 3), mark('3.a.T', 6)] },
      error('ASSESSMENT.INVALID_SCORE'),
    ],
    [
      'refuses the whole command when one indicator is not in the pinned ruleset',
      [draftAll, submitted],
      { ...scoreMany, scores: [mark('2.a.P', 3), mark('1.a.x', 3)] },
      error('ASSESSMENT.UNKNOWN_INDICATOR'),
    ],
    ['refuses scores before submission', [draftAll], scoreMany, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses scores after results are frozen', [draftAll, submitted], { ...scoreMany, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    // confirm a proposal
    ['an assigned evaluator confirms the level they saw proposed', [draftAll, submitted], confirm, { events: [confirmed] }],
    ['confirms on a verified assessment', [draftAll, submitted, verified], confirm, { events: [confirmed] }],
    ['confirming the same proposal again records nothing', [draftAll, submitted, confirmed], confirm, { events: [] }],
    ['confirming after an override records the confirmation', [draftAll, submitted, overridden], confirm, { events: [confirmed] }],
    [
      'confirming a proposal whose evidence changed records the new evidence',
      [draftAll, submitted, confirmed],
      { ...confirm, proposal: { ...proposal, sourceEventIds: ['ev-a', 'ev-b', 'ev-c'] } },
      { events: [{ ...confirmed, value: { ...confirmed.value, sourceEventIds: ['ev-a', 'ev-b', 'ev-c'] } } as AssessmentEvent] },
    ],
    [
      'refuses a confirmation when the level proposed changed since it was seen',
      [draftAll, submitted],
      { ...confirm, expectedLevel: 2 },
      error('PROPOSAL.CHANGED'),
    ],
    ['refuses to confirm where events propose nothing', [draftAll, submitted], { ...confirm, proposal: null }, error('PROPOSAL.NOT_FOUND')],
    ['refuses an expected level of 6', [draftAll, submitted], { ...confirm, expectedLevel: 6 }, error('ASSESSMENT.INVALID_SCORE')],
    [
      'refuses a confirmation by an evaluator not assigned',
      [draftAll, submitted],
      { ...confirm, evaluatorId: 'dewi' },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    [
      'refuses to confirm an indicator outside the pinned ruleset',
      [draftAll, submitted],
      { ...confirm, indicatorCode: '99.z.Q' },
      error('ASSESSMENT.UNKNOWN_INDICATOR'),
    ],
    ['refuses to confirm before submission', [draftAll], confirm, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses to confirm while it is back with the unit', [draftAll, submitted, returned], confirm, error('ASSESSMENT.AWAITING_RESUBMISSION')],
    ['refuses to confirm after results are frozen', [draftAll, submitted], { ...confirm, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    ['refuses to confirm for a unit out of scope', [draftAll, submitted], { ...confirm, context: outOfScope }, error('ASSESSMENT.UNIT_NOT_IN_SCOPE')],
    // override a proposal
    ['an assigned evaluator overrides the proposal with a score and a note', [draftAll, submitted], override, { events: [overridden] }],
    [
      'an override at the proposed level is still an override, with its note',
      [draftAll, submitted],
      { ...override, score: 3 },
      { events: [{ ...overridden, value: { ...overridden.value, score: 3 } } as AssessmentEvent] },
    ],
    ['the same override again records nothing', [draftAll, submitted, overridden], override, { events: [] }],
    ['an override replaces a confirmation', [draftAll, submitted, confirmed], override, { events: [overridden] }],
    [
      'an override replaces a typed-in score with the same score and note',
      [draftAll, submitted, scored],
      { ...override, note: 'SK ada, belum monev' },
      {
        events: [{ ...overridden, value: { ...overridden.value, note: 'SK ada, belum monev' } } as AssessmentEvent],
      },
    ],
    ['refuses an override without a note', [draftAll, submitted], { ...override, note: ' ' }, error('PROPOSAL.OVERRIDE_NOTE_REQUIRED')],
    ['refuses an override score of 6', [draftAll, submitted], { ...override, score: 6 }, error('ASSESSMENT.INVALID_SCORE')],
    ['refuses to override where events propose nothing', [draftAll, submitted], { ...override, proposal: null }, error('PROPOSAL.NOT_FOUND')],
    [
      'refuses an override by an evaluator not assigned',
      [draftAll, submitted],
      { ...override, evaluatorId: 'dewi' },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    [
      'refuses to override an indicator outside the pinned ruleset',
      [draftAll, submitted],
      { ...override, indicatorCode: '99.z.Q' },
      error('ASSESSMENT.UNKNOWN_INDICATOR'),
    ],
    ['refuses to override before submission', [draftAll], override, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses to override after results are frozen', [draftAll, submitted], { ...override, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
    // visit
    ['records a verification visit', [draftAll, submitted], recordVisit, { events: [visit] }],
    ['refuses a visit before submission', [draftAll], recordVisit, error('ASSESSMENT.NOT_SUBMITTED')],
    ['refuses a visit without evaluators', [draftAll, submitted], { ...recordVisit, evaluatorIds: [] }, error('ASSESSMENT.VISIT_WITHOUT_EVALUATOR')],
    [
      'refuses a visit by an evaluator not assigned',
      [draftAll, submitted],
      { ...recordVisit, evaluatorIds: ['eva', 'dewi'] },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    [
      'records a visit an admin enters for the evaluators present',
      [draftAll, submitted],
      { ...recordVisit, by: { userId: 'admin-org', role: 'admin' } },
      { events: [visit] },
    ],
    [
      "refuses a visit recorded by an evaluator outside the lokus in the assigned evaluators' names",
      [draftAll, submitted],
      { ...recordVisit, by: { userId: 'dewi', role: 'evaluator' } },
      error('ASSESSMENT.EVALUATOR_NOT_ASSIGNED'),
    ],
    [
      'refuses a visit recorded by an assigned evaluator who was not there',
      [draftAll, submitted],
      { ...recordVisit, by: { userId: 'budi', role: 'evaluator' }, evaluatorIds: ['eva'] },
      error('ASSESSMENT.VISIT_RECORDER_ABSENT'),
    ],
    ['refuses a visit dated in the future', [draftAll, submitted], { ...recordVisit, visitedOn: '2026-04-02' }, error('ASSESSMENT.VISIT_IN_FUTURE')],
    ['refuses a visit date that is not a date', [draftAll, submitted], { ...recordVisit, visitedOn: '2026-13-01' }, error('ASSESSMENT.INVALID_DATE')],
    ['refuses a visit without findings', [draftAll, submitted], { ...recordVisit, findings: '' }, error('ASSESSMENT.FINDINGS_REQUIRED')],
    ['refuses a visit after results are frozen', [draftAll, submitted], { ...recordVisit, context: frozen }, error('CYCLE.RESULTS_FROZEN')],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(assessmentDecider, given, when)).toEqual(expected);
  });

  it('builds the scoring input from the answers and the latest score of each evaluator', () => {
    const byBudi: AssessmentEvent = { ...scored, value: { ...scored.value, evaluatorId: 'budi', score: 3 } } as AssessmentEvent;
    const rescored: AssessmentEvent = { ...scored, value: { ...scored.value, score: 5 } } as AssessmentEvent;
    const state = [draftOne, submitted, scored, byBudi, rescored].reduce(assessmentDecider.evolve, assessmentDecider.initialState());
    expect(scoringInputOf(state, 'eva')).toEqual({
      selfScores: [{ indicatorCode: '1.a.Ak', score: 5 }],
      evaluatorScores: [
        { indicatorCode: '1.a.Ak', evaluatorId: 'eva', score: 5 },
        { indicatorCode: '1.a.Ak', evaluatorId: 'budi', score: 3 },
      ],
      leadEvaluatorId: 'eva',
    });
  });

  it('30 scores in one command leave the same scores, so the same IPP input, as 30 single scores', () => {
    const given = [draftAll, submitted];
    const marks = codes.map((code, i) => mark(code, i % 6, `catatan ${code}`));
    const fold = (events: AssessmentEvent[]) => events.reduce(assessmentDecider.evolve, assessmentDecider.initialState());
    const decide = (state: ReturnType<typeof fold>, command: AssessmentCommand) => assessmentDecider.decide(command, state);
    const atOnce = decide(fold(given), { ...scoreMany, scores: marks });
    const oneByOne = marks.reduce<AssessmentEvent[]>(
      (events, { indicatorCode, score: value, note }) => [...events, ...decide(fold([...given, ...events]), { ...score, indicatorCode, score: value, note })],
      [],
    );
    expect(codes).toHaveLength(30);
    expect(atOnce).toHaveLength(30);
    expect(atOnce).toEqual(oneByOne);
    expect(scoringInputOf(fold([...given, ...atOnce]), 'eva')).toEqual(scoringInputOf(fold([...given, ...oneByOne]), 'eva'));
  });

  it("records a confirmation or an override as the evaluator's score and as the indicator's decision", () => {
    const fold = (events: AssessmentEvent[]) => events.reduce(assessmentDecider.evolve, assessmentDecider.initialState());
    const decision = { proposedLevel: 3, ruleId: 'standard-complete', proposalRules: 'pekppp-2023-proposals@1', sourceEventIds: ['ev-a', 'ev-b'] };
    expect(fold([draftAll, submitted, confirmed]).scores['1.a.Ak']).toEqual({
      eva: { score: 3, note: '', decision: { kind: 'confirmed', ...decision, decidedAt: NOW } },
    });
    expect(fold([draftAll, submitted, overridden]).scores['1.a.Ak']).toEqual({
      eva: { score: 4, note: 'SK ditandatangani, ada monev', decision: { kind: 'overridden', ...decision, decidedAt: NOW } },
    });
    expect(scoringInputOf(fold([draftOne, submitted, overridden]), 'eva').evaluatorScores).toEqual([{ indicatorCode: '1.a.Ak', evaluatorId: 'eva', score: 4 }]);
    // a later F-02 score by the same evaluator replaces the decision
    expect(fold([draftAll, submitted, confirmed, scored]).scores['1.a.Ak']).toEqual({ eva: { score: 4, note: 'SK ada, belum monev' } });
  });

  describe('context from the cycle', () => {
    const cycleOpened: CycleEvent = {
      $case: 'cycleOpened',
      value: {
        cycleId: 'cycle-1',
        name: 'PEKPPP 2026',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2026-03-01',
        windowEnd: '2026-09-30',
        selfAssessmentDue: '2026-05-31',
        complianceRulesetId: 'ombudsman-2025',
        complianceRulesetVersion: 1,
        kodeBRulesetId: '',
        kodeBRulesetVersion: 0,
        phaseWindows: [],
      },
    };
    const lokus: CycleEvent = {
      $case: 'unitLokusAssigned',
      value: { cycleId: 'cycle-1', unitId: 'disdukcapil', evaluatorIds: ['eva', 'budi'], leadEvaluatorId: 'eva', kode: 'A' },
    };
    const cycle = [cycleOpened, lokus].reduce(cycleDecider.evolve, cycleDecider.initialState());

    it('carries the window, deadline, evaluators and pinned ruleset', () => {
      expect(assessmentContext(cycle, 'disdukcapil', pekppp2023)).toEqual(ctx);
    });

    it('marks a unit that is not a lokus', () => {
      expect(assessmentContext(cycle, 'dpmptsp', pekppp2023).lokus).toBeNull();
    });

    it('refuses a ruleset other than the pinned one', () => {
      expect(() => assessmentContext(cycle, 'disdukcapil', pekppp2017)).toThrow(expect.objectContaining({ code: 'CYCLE.RULESET_MISMATCH' }));
    });

    it('refuses a cycle that was not opened', () => {
      expect(() => assessmentContext(cycleDecider.initialState(), 'disdukcapil', pekppp2023)).toThrow(expect.objectContaining({ code: 'CYCLE.NOT_OPENED' }));
    });

    describe('with a Kode B lokus', () => {
      const openedWithKodeB = {
        $case: 'cycleOpened',
        value: { ...cycleOpened.value, rulesetVersion: 2, kodeBRulesetId: pekppp2023KodeB.id, kodeBRulesetVersion: pekppp2023KodeB.version },
      } as CycleEvent;
      const kodeB = { $case: 'unitLokusAssigned', value: { ...lokus.value, unitId: 'dpmptsp', kode: 'B' } } as CycleEvent;
      const mixed = [openedWithKodeB, lokus, kodeB].reduce(cycleDecider.evolve, cycleDecider.initialState());

      it('scores the Kode B lokus under the Kode B ruleset and the Kode A lokus under the pinned one', () => {
        expect(assessmentContext(mixed, 'dpmptsp', pekppp2023KodeB).ruleset).toBe(pekppp2023KodeB);
        expect(assessmentContext(mixed, 'disdukcapil', pekppp2023v2).ruleset).toBe(pekppp2023v2);
      });

      it("refuses the other kode's ruleset", () => {
        expect(() => assessmentContext(mixed, 'dpmptsp', pekppp2023v2)).toThrow(expect.objectContaining({ code: 'CYCLE.RULESET_MISMATCH' }));
        expect(() => assessmentContext(mixed, 'disdukcapil', pekppp2023KodeB)).toThrow(expect.objectContaining({ code: 'CYCLE.RULESET_MISMATCH' }));
      });
    });
  });
});
