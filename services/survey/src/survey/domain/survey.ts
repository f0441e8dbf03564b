import type { SurveyEvent, surveyPb } from '@lib/contracts';
import { assertNever, type Decider, type EventsOf } from '@lib/event-sourcing/domain';
import { compareLocalDates, fraction, isLocalDate, toNumber } from '@lib/kernel';
import { DomainError } from './error-codes';
import { emptyIdSet, idSetAdd, idSetHas, type IdSet } from './id-set';
import { CURRENT_SKM_RULESET, findShippedSkmRuleset } from './ruleset/skm-2017';
import { buildUnsurSet, provisionalParts, rulesetRef, type SkmPeriodKind, type SkmRuleset, type SurveyUnsur, type UnsurSetInput } from './ruleset/skm-ruleset';
import { addToTally, answerProblems, assessSample, emptyTally, scoreIkm, type SkmTally, type UnsurAnswer } from './scoring/ikm';

/**
 * One SKM survey = one stream per tenant × unit × period (see `skmStreamId`). Opened with its unsur set, it
 * records responses until the unit closes the period. Until then its population may be declared and
 * corrected (SkmPopulationDeclared); closing computes the IKM and judges the sample on the latest
 * declaration, else on the requests completed in the period (SkmPeriodClosed). Then the result is
 * published and the follow-up plan (rencana tindak lanjut) is planned and completed.
 */

export type SkmPopulationSource = 'declared' | 'completed-requests';

/** The population of a period as declared (or last corrected) before closing, and where the figure comes from. */
export interface PopulationDeclaration {
  population: number;
  /** e.g. "Data pemohon SIAK 2026 triwulan I"; empty for a population given at opening before declarations carried a source. */
  source: string;
  declaredAt: string;
}

/** What the required sample is computed on: the declaration if there is one, else the requests completed in the period. */
export interface PopulationBasis {
  declared: PopulationDeclaration | null;
  completedRequests: number;
}

/** Bounds of a declaration: no unit serves more in one period; the source stays a short citation, not a document. */
export const MAX_DECLARED_POPULATION = 100_000_000;
export const POPULATION_SOURCE_MAX_LENGTH = 200;

export interface RespondentProfileInput {
  ageBand?: string;
  sex?: string;
  education?: string;
  occupation?: string;
}

export interface FollowUpItem {
  unsurCode: string;
  action: string;
  dueDate: string;
  completedOn: string | null;
}

export type Survey =
  | { status: 'none' }
  | {
      status: 'open' | 'closed';
      surveyId: string;
      unitId: string;
      tenantId: string;
      periodKind: SkmPeriodKind;
      periodStart: string;
      periodEnd: string;
      rulesetRef: string;
      unsur: readonly SurveyUnsur[];
      declaredPopulation: PopulationDeclaration | null;
      tally: SkmTally;
      responseIds: IdSet;
      /** Tracking codes cited by responses recorded before codes left the events (newer ones are kept by the handler). */
      citedRequests: IdSet;
      respondentKeys: IdSet;
      /** Fingerprints recorded before they left the events (newer ones are in the submissions table). */
      submissionFingerprints: IdSet;
      result: surveyPb.SkmResult | null;
      publishedMedia: readonly string[];
      followUps: Readonly<Record<string, FollowUpItem>>;
    };

type OpenSurvey = Exclude<Survey, { status: 'none' }>;

export type SurveyCommand =
  | {
      type: 'OpenSurvey';
      surveyId: string;
      unitId: string;
      tenantId: string;
      periodKind: SkmPeriodKind;
      periodStart: string;
      periodEnd: string;
      /** Defaults to the current ruleset ("skm-2017@1"). */
      rulesetRef?: string;
      unsurSet?: UnsurSetInput;
      /** Population declared at opening, with its source; omitted → declared later, or the completed requests of the period at close. */
      declaredPopulation?: { population: number; source: string };
      now: string;
    }
  | {
      type: 'DeclarePopulation';
      population: number;
      /** Where the figure comes from, e.g. "Data pemohon SIAK 2026 triwulan I". */
      source: string;
      now: string;
    }
  | {
      type: 'RecordSkmResponse';
      responseId: string;
      answers: readonly UnsurAnswer[];
      profile?: RespondentProfileInput;
      suggestion?: string;
      /** What the handler looked up about the request the respondent cites, if any. */
      citedRequest?: { trackingCode: string; completedInUnitAndPeriod: boolean };
      /** Anonymous duplicate detection, computed by the handler; see `DuplicateCheck`. */
      duplicateCheck?: DuplicateCheck;
      now: string;
    }
  | {
      type: 'CloseSkmPeriod';
      /** Requests of this unit completed in the period (the handler counts them); used unless a population was declared. */
      completedRequestsInPeriod: number;
      now: string;
    }
  | { type: 'PublishSkmResult'; media: readonly string[]; publishedOn: string }
  | { type: 'PlanFollowUp'; itemId: string; unsurCode: string; action: string; dueDate: string; now: string }
  | { type: 'CompleteFollowUp'; itemId: string; completedOn: string; evidence: string };

/**
 * What identifies a repeated anonymous submission, as keyed hashes (the decider never sees an address).
 * - `respondent`: the token the public form keeps in the browser; one response per token. A kiosk at
 *   the service counter starts every respondent with a fresh token.
 * - `device`, for a client that sent no token: address + user agent + the exact answers in the current
 *   time window (`fingerprint`, recorded) and the windows still within reach (`earlierFingerprints`,
 *   so a resend across a window boundary is caught). It only catches the same submission sent twice
 *   (double tap, back-and-resend): citizens on one office Wi-Fi share an address and often a user
 *   agent and an all-4 answer sheet, so this is never used to tell respondents apart over a long time.
 */
export type DuplicateCheck = { kind: 'respondent'; respondentKey: string } | { kind: 'device'; fingerprint: string; earlierFingerprints: readonly string[] };

/**
 * Stream of the survey of one unit of one tenant for one period, e.g.
 * `survey-kota-banjarmasin/disdukcapil/quarter/2025-01-01`. Unit ids are the Pemda's own, so two
 * tenants both have a "disdukcapil"; no id may contain "/", so the parts cannot run into each other.
 */
export const skmStreamId = (tenantId: string, unitId: string, periodKind: SkmPeriodKind, periodStart: string): string =>
  `survey-${tenantId}/${unitId}/${periodKind}/${periodStart}`;

const PERIOD_KIND_TO_PB: Record<SkmPeriodKind, surveyPb.PeriodKind> = {
  quarter: 'PERIOD_KIND_QUARTER' as surveyPb.PeriodKind,
  semester: 'PERIOD_KIND_SEMESTER' as surveyPb.PeriodKind,
  year: 'PERIOD_KIND_YEAR' as surveyPb.PeriodKind,
};

const periodKindFromPb = (kind: surveyPb.PeriodKind): SkmPeriodKind => {
  const found = (Object.keys(PERIOD_KIND_TO_PB) as SkmPeriodKind[]).find((k) => PERIOD_KIND_TO_PB[k] === kind);
  if (!found) throw new Error(`unexpected period kind ${kind}`);
  return found;
};

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

export type SkmRulesetLookup = (ref: string) => SkmRuleset | undefined;

function requireRuleset(lookup: SkmRulesetLookup, ref: string): SkmRuleset {
  const ruleset = lookup(ref);
  if (!ruleset) throw new DomainError('SURVEY.UNKNOWN_RULESET', `no SKM ruleset ${ref}`, { ruleset: ref });
  return ruleset;
}

function requireOpened(state: Survey): OpenSurvey {
  if (state.status === 'none') throw new DomainError('SURVEY.NOT_OPENED', 'the survey has not been opened');
  return state;
}

function requireClosed(state: Survey): OpenSurvey {
  const survey = requireOpened(state);
  if (survey.status !== 'closed') throw new DomainError('SURVEY.NOT_CLOSED', `survey ${survey.surveyId} is still open; close the period first`);
  return survey;
}

/** The SkmResult of a survey's tally under its ruleset; exact until the proto doubles. */
export function skmResult(ruleset: SkmRuleset, unsur: readonly SurveyUnsur[], tally: SkmTally, basis: PopulationBasis): surveyPb.SkmResult {
  const { declared } = basis;
  const population = declared ? declared.population : basis.completedRequests;
  const populationSource: SkmPopulationSource = declared ? 'declared' : 'completed-requests';
  const ikm = scoreIkm(ruleset, unsur, tally);
  const sample = assessSample(ruleset, population, tally.respondents);
  const parts = provisionalParts(ruleset);
  return {
    respondents: tally.respondents,
    unsur: ikm.unsur.map((u) => ({
      code: u.code,
      nrr: u.nrr === null ? 0 : toNumber(u.nrr),
      weight: toNumber(u.weight),
      answerTotal: u.answerTotal,
      weightNumerator: Number(u.weight.num),
      weightDenominator: Number(u.weight.den),
    })),
    ikm: ikm.ikm === null ? 0 : toNumber(ikm.ikm),
    ikmConverted: ikm.convertedScaled === null ? 0 : ikm.convertedScaled / 10 ** ruleset.bandRounding.decimals,
    band: ikm.band?.band ?? '',
    bandLabel: ikm.band?.label ?? '',
    weakestUnsur: ikm.weakestUnsur ?? '',
    population,
    requiredSample: sample.requiredSample,
    sampleAdequate: sample.adequate,
    ruleset: rulesetRef(ruleset),
    provisional: parts.length > 0,
    populationSource,
    provisionalParts: parts,
    declaredPopulationSource: declared?.source ?? '',
    populationDeclaredAt: declared?.declaredAt ?? '',
    completedRequests: basis.completedRequests,
  };
}

/** The events of one SKM survey stream; SurveyEvent is the whole topic's union, F-03 included. */
export const SKM_SURVEY_EVENT_TYPES = [
  'surveyOpened',
  'skmResponseRecorded',
  'skmPopulationDeclared',
  'skmPeriodClosed',
  'skmResultPublished',
  'followUpPlanned',
  'followUpCompleted',
] as const;
export type SkmSurveyEvent = EventsOf<SurveyEvent, typeof SKM_SURVEY_EVENT_TYPES>;

type CommandOf<Type extends SurveyCommand['type']> = Extract<SurveyCommand, { type: Type }>;

/** The declaration of a population, refused unless a whole number of users and a named source within bounds. */
function populationDeclared(surveyId: string, population: number, source: string, now: string): surveyPb.SkmPopulationDeclared {
  if (!Number.isInteger(population) || population < 1 || population > MAX_DECLARED_POPULATION) {
    throw new DomainError('SURVEY.INVALID_POPULATION', `a declared population must be an integer 1..${MAX_DECLARED_POPULATION}, got ${population}`);
  }
  const citation = source.trim();
  if (citation === '' || citation.length > POPULATION_SOURCE_MAX_LENGTH) {
    throw new DomainError(
      'SURVEY.INVALID_POPULATION_SOURCE',
      `name where the population comes from in 1..${POPULATION_SOURCE_MAX_LENGTH} characters, got ${citation.length}`,
    );
  }
  return { surveyId, population, source: citation, declaredAt: now };
}

const declarationEvent = (value: surveyPb.SkmPopulationDeclared): SkmSurveyEvent => ({ $case: 'skmPopulationDeclared', value });

/** Opens the survey of a unit and period with its unsur set, under a known ruleset. */
function openSurvey(lookup: SkmRulesetLookup, command: CommandOf<'OpenSurvey'>, state: Survey): SkmSurveyEvent[] {
  if (state.status !== 'none') throw new DomainError('SURVEY.ALREADY_OPENED', `survey ${state.surveyId} is already open for this unit and period`);
  const ruleset = requireRuleset(lookup, command.rulesetRef ?? rulesetRef(CURRENT_SKM_RULESET));
  if (isBlank(command.surveyId) || isBlank(command.unitId) || isBlank(command.tenantId)) {
    throw new DomainError('SURVEY.INVALID_SURVEY', 'survey id, unit and tenant are required');
  }
  if (!ruleset.periodKinds.kinds.includes(command.periodKind)) {
    throw new DomainError('SURVEY.INVALID_PERIOD', `period kind must be one of ${ruleset.periodKinds.kinds.join(', ')}, got ${command.periodKind}`);
  }
  if (!isLocalDate(command.periodStart) || !isLocalDate(command.periodEnd) || compareLocalDates(command.periodStart, command.periodEnd) > 0) {
    throw new DomainError(
      'SURVEY.INVALID_PERIOD',
      `period must be two dates YYYY-MM-DD, start not after end, got ${command.periodStart}..${command.periodEnd}`,
    );
  }
  const declaration =
    command.declaredPopulation && populationDeclared(command.surveyId, command.declaredPopulation.population, command.declaredPopulation.source, command.now);
  const unsurSet = buildUnsurSet(ruleset, command.unsurSet);
  if (!unsurSet.ok) {
    throw new DomainError('SURVEY.INVALID_UNSUR_SET', unsurSet.errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: unsurSet.errors });
  }
  return [
    {
      $case: 'surveyOpened',
      value: {
        surveyId: command.surveyId,
        unitId: command.unitId,
        tenantId: command.tenantId,
        periodKind: PERIOD_KIND_TO_PB[command.periodKind],
        periodStart: command.periodStart,
        periodEnd: command.periodEnd,
        ruleset: rulesetRef(ruleset),
        extraUnsur: unsurSet.unsur.filter((u) => u.extra).map((u) => ({ code: u.code, label: u.name })),
        weights: unsurSet.unsur.map((u) => ({
          code: u.code,
          weight: toNumber(u.weight),
          weightNumerator: Number(u.weight.num),
          weightDenominator: Number(u.weight.den),
        })),
        declaredPopulation: 0,
        openedAt: command.now,
      },
    },
    ...(declaration ? [declarationEvent(declaration)] : []),
  ];
}

/** Declares or corrects the population of an open period; the same declaration again changes nothing. */
function declarePopulation(command: CommandOf<'DeclarePopulation'>, state: Survey): SkmSurveyEvent[] {
  const survey = requireOpened(state);
  if (survey.status === 'closed') {
    throw new DomainError('SURVEY.POPULATION_FIXED', `survey ${survey.surveyId} is closed; its result already fixed the population it used`);
  }
  const declaration = populationDeclared(survey.surveyId, command.population, command.source, command.now);
  const current = survey.declaredPopulation;
  if (current && current.population === declaration.population && current.source === declaration.source) return [];
  return [declarationEvent(declaration)];
}

/** Records one respondent's answers; a retried response id records nothing, a repeated respondent or submission is refused. */
function recordResponse(lookup: SkmRulesetLookup, command: CommandOf<'RecordSkmResponse'>, state: Survey): SkmSurveyEvent[] {
  const survey = requireOpened(state);
  if (idSetHas(survey.responseIds, command.responseId)) return []; // a retried submission records nothing
  if (survey.status === 'closed') throw new DomainError('SURVEY.CLOSED', `survey ${survey.surveyId} is closed; responses are no longer accepted`);
  if (isBlank(command.responseId)) throw new DomainError('SURVEY.INVALID_ANSWERS', 'response id is required');
  const ruleset = requireRuleset(lookup, survey.rulesetRef);
  const problems = answerProblems(ruleset, survey.unsur, command.answers);
  if (problems.length > 0) throw new DomainError('SURVEY.INVALID_ANSWERS', problems.join('; '), { problems });
  const cited = command.citedRequest && !isBlank(command.citedRequest.trackingCode) ? command.citedRequest : undefined;
  const trackingCode = cited?.trackingCode.trim() ?? '';
  if (cited && !cited.completedInUnitAndPeriod) {
    throw new DomainError('SURVEY.REQUEST_NOT_COMPLETED', `request ${trackingCode} is not a completed request of this unit in this period`, {
      trackingCode,
    });
  }
  if (cited && idSetHas(survey.citedRequests, trackingCode)) {
    throw new DomainError('SURVEY.DUPLICATE_REQUEST_RESPONSE', `request ${trackingCode} already has a response in this survey`, { trackingCode });
  }
  const duplicate = command.duplicateCheck;
  if (duplicate?.kind === 'respondent' && idSetHas(survey.respondentKeys, duplicate.respondentKey)) {
    throw new DomainError('SURVEY.DUPLICATE_RESPONDENT', `this form has already sent a response to survey ${survey.surveyId}`);
  }
  if (duplicate?.kind === 'device' && [duplicate.fingerprint, ...duplicate.earlierFingerprints].some((f) => idSetHas(survey.submissionFingerprints, f))) {
    throw new DomainError('SURVEY.DUPLICATE_SUBMISSION', `the same answers were just sent from this device to survey ${survey.surveyId}`);
  }
  const profile = command.profile;
  const hasProfile = profile !== undefined && Object.values(profile).some((v) => !isBlank(v));
  return [
    {
      $case: 'skmResponseRecorded',
      value: {
        surveyId: survey.surveyId,
        responseId: command.responseId,
        // regulation order, whatever order the form sent
        answers: survey.unsur.map((u) => ({ code: u.code, value: (command.answers.find((a) => a.code === u.code) as UnsurAnswer).value })),
        profile: hasProfile
          ? {
              ageBand: profile.ageBand?.trim() ?? '',
              sex: profile.sex?.trim() ?? '',
              education: profile.education?.trim() ?? '',
              occupation: profile.occupation?.trim() ?? '',
            }
          : undefined,
        suggestion: command.suggestion?.trim() ?? '',
        // the cited code would link the answer to its request, and the handler keeps each code used once in
        // its own table, so the event says only that the respondent proved they were served
        requestTrackingCode: '',
        verifiedUser: cited !== undefined,
        recordedAt: command.now,
        respondentKey: duplicate?.kind === 'respondent' ? duplicate.respondentKey : '',
        // derived from the client address: kept in the submissions table, purged after its retention
        submissionFingerprint: '',
      },
    },
  ];
}

/** Closes the period and computes the IKM on the latest declared population, or else on the requests completed in the period. */
function closePeriod(lookup: SkmRulesetLookup, command: CommandOf<'CloseSkmPeriod'>, state: Survey): SkmSurveyEvent[] {
  const survey = requireOpened(state);
  if (survey.status === 'closed') return []; // closing twice changes nothing
  const completed = command.completedRequestsInPeriod;
  if (!Number.isInteger(completed) || completed < 0) {
    throw new DomainError('SURVEY.INVALID_POPULATION', `completed requests must be an integer >= 0, got ${completed}`);
  }
  const ruleset = requireRuleset(lookup, survey.rulesetRef);
  const result = skmResult(ruleset, survey.unsur, survey.tally, { declared: survey.declaredPopulation, completedRequests: completed });
  return [{ $case: 'skmPeriodClosed', value: { surveyId: survey.surveyId, result, closedAt: command.now } }];
}

/** Records the media the closed result was published in; naming only media already recorded changes nothing. */
function publishResult(command: CommandOf<'PublishSkmResult'>, state: Survey): SkmSurveyEvent[] {
  const survey = requireClosed(state);
  const media = [...new Set(command.media.map((m) => m.trim()).filter((m) => m !== ''))];
  if (media.length === 0) throw new DomainError('SURVEY.PUBLICATION_MEDIA_REQUIRED', 'name at least one medium the result was published in');
  if (!isLocalDate(command.publishedOn)) throw new DomainError('SURVEY.INVALID_DATE', `published on must be a date YYYY-MM-DD, got ${command.publishedOn}`);
  const added = media.filter((m) => !survey.publishedMedia.includes(m));
  if (added.length === 0) return []; // already published in every medium named
  return [{ $case: 'skmResultPublished', value: { surveyId: survey.surveyId, media: added, publishedOn: command.publishedOn } }];
}

/** Plans a follow-up item (rencana tindak lanjut) on an unsur of the closed survey. */
function planFollowUp(command: CommandOf<'PlanFollowUp'>, state: Survey): SkmSurveyEvent[] {
  const survey = requireClosed(state);
  if (isBlank(command.itemId)) throw new DomainError('SURVEY.INVALID_FOLLOW_UP', 'item id is required');
  if (!survey.unsur.some((u) => u.code === command.unsurCode)) {
    throw new DomainError('SURVEY.UNKNOWN_UNSUR', `${command.unsurCode} is not an unsur of survey ${survey.surveyId}`, { unsurCode: command.unsurCode });
  }
  if (isBlank(command.action)) throw new DomainError('SURVEY.INVALID_FOLLOW_UP', 'the action is required');
  if (!isLocalDate(command.dueDate)) throw new DomainError('SURVEY.INVALID_DATE', `due date must be a date YYYY-MM-DD, got ${command.dueDate}`);
  const existing = survey.followUps[command.itemId];
  if (existing) {
    const same = existing.unsurCode === command.unsurCode && existing.action === command.action.trim() && existing.dueDate === command.dueDate;
    if (same) return []; // a retried plan records nothing
    throw new DomainError('SURVEY.DUPLICATE_FOLLOW_UP', `follow-up item ${command.itemId} is already planned differently`, { itemId: command.itemId });
  }
  return [
    {
      $case: 'followUpPlanned',
      value: {
        surveyId: survey.surveyId,
        itemId: command.itemId,
        unsurCode: command.unsurCode,
        action: command.action.trim(),
        dueDate: command.dueDate,
        plannedAt: command.now,
      },
    },
  ];
}

/** Completes a planned follow-up item with its evidence. */
function completeFollowUp(command: CommandOf<'CompleteFollowUp'>, state: Survey): SkmSurveyEvent[] {
  const survey = requireClosed(state);
  const item = survey.followUps[command.itemId];
  if (!item)
    throw new DomainError('SURVEY.FOLLOW_UP_NOT_FOUND', `no follow-up item ${command.itemId} in survey ${survey.surveyId}`, { itemId: command.itemId });
  if (item.completedOn !== null) return []; // already done
  if (!isLocalDate(command.completedOn)) throw new DomainError('SURVEY.INVALID_DATE', `completed on must be a date YYYY-MM-DD, got ${command.completedOn}`);
  // RTL counts in PEKPPP only with a report (laporan), so completion needs its evidence
  if (isBlank(command.evidence)) throw new DomainError('SURVEY.FOLLOW_UP_EVIDENCE_REQUIRED', 'describe or link the evidence of the completed follow-up');
  return [
    {
      $case: 'followUpCompleted',
      value: { surveyId: survey.surveyId, itemId: command.itemId, completedOn: command.completedOn, evidence: command.evidence.trim() },
    },
  ];
}

function evolve(lookup: SkmRulesetLookup, state: Survey, event: SkmSurveyEvent): Survey {
  switch (event.$case) {
    case 'surveyOpened': {
      const opened = event.value;
      const names = new Map([
        ...(lookup(opened.ruleset)?.unsur ?? []).map((u): [string, string] => [u.code, u.name]),
        ...opened.extraUnsur.map((x): [string, string] => [x.code, x.label]),
      ]);
      const extraCodes = new Set(opened.extraUnsur.map((x) => x.code));
      return {
        status: 'open',
        surveyId: opened.surveyId,
        unitId: opened.unitId,
        tenantId: opened.tenantId,
        periodKind: periodKindFromPb(opened.periodKind),
        periodStart: opened.periodStart,
        periodEnd: opened.periodEnd,
        rulesetRef: opened.ruleset,
        unsur: opened.weights.map((w) => ({
          code: w.code,
          name: names.get(w.code) ?? w.code,
          weight: fraction(w.weightNumerator, w.weightDenominator),
          extra: extraCodes.has(w.code),
        })),
        // opened before declarations were events of their own: the population, without a source
        declaredPopulation: opened.declaredPopulation > 0 ? { population: opened.declaredPopulation, source: '', declaredAt: opened.openedAt } : null,
        tally: emptyTally(),
        responseIds: emptyIdSet(),
        citedRequests: emptyIdSet(),
        respondentKeys: emptyIdSet(),
        submissionFingerprints: emptyIdSet(),
        result: null,
        publishedMedia: [],
        followUps: {},
      };
    }
    case 'skmResponseRecorded': {
      if (state.status === 'none') return state;
      const { responseId, answers, requestTrackingCode, respondentKey, submissionFingerprint } = event.value;
      return {
        ...state,
        tally: addToTally(state.tally, answers),
        responseIds: idSetAdd(state.responseIds, responseId),
        citedRequests: requestTrackingCode === '' ? state.citedRequests : idSetAdd(state.citedRequests, requestTrackingCode),
        respondentKeys: respondentKey === '' ? state.respondentKeys : idSetAdd(state.respondentKeys, respondentKey),
        submissionFingerprints: submissionFingerprint === '' ? state.submissionFingerprints : idSetAdd(state.submissionFingerprints, submissionFingerprint),
      };
    }
    case 'skmPopulationDeclared': {
      if (state.status === 'none') return state;
      const { population, source, declaredAt } = event.value;
      return { ...state, declaredPopulation: { population, source, declaredAt } };
    }
    case 'skmPeriodClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed', result: event.value.result ?? null };
    case 'skmResultPublished':
      return state.status === 'none' ? state : { ...state, publishedMedia: [...state.publishedMedia, ...event.value.media] };
    case 'followUpPlanned': {
      if (state.status === 'none') return state;
      const { itemId, unsurCode, action, dueDate } = event.value;
      return { ...state, followUps: { ...state.followUps, [itemId]: { unsurCode, action, dueDate, completedOn: null } } };
    }
    case 'followUpCompleted': {
      if (state.status === 'none') return state;
      const item = state.followUps[event.value.itemId];
      if (!item) return state;
      return { ...state, followUps: { ...state.followUps, [event.value.itemId]: { ...item, completedOn: event.value.completedOn } } };
    }
    default:
      return assertNever(event);
  }
}

export function createSurveyDecider(lookup: SkmRulesetLookup): Decider<SurveyCommand, SkmSurveyEvent, Survey> {
  return {
    eventTypes: SKM_SURVEY_EVENT_TYPES,
    initialState: (): Survey => ({ status: 'none' }),
    decide(command, state) {
      switch (command.type) {
        case 'OpenSurvey':
          return openSurvey(lookup, command, state);
        case 'RecordSkmResponse':
          return recordResponse(lookup, command, state);
        case 'DeclarePopulation':
          return declarePopulation(command, state);
        case 'CloseSkmPeriod':
          return closePeriod(lookup, command, state);
        case 'PublishSkmResult':
          return publishResult(command, state);
        case 'PlanFollowUp':
          return planFollowUp(command, state);
        case 'CompleteFollowUp':
          return completeFollowUp(command, state);
        default:
          return assertNever(command);
      }
    },
    evolve: (state, event) => evolve(lookup, state, event),
  };
}

/** The survey decider over the rulesets the platform ships. */
export const surveyDecider = createSurveyDecider(findShippedSkmRuleset);
