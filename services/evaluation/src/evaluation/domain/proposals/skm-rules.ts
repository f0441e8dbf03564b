import type { LocalDate } from '@lib/kernel';
import { latestDate, withinMonths } from './calendar-months';
import type { SkmFigures, SkmPeriodFigures } from './figures';
import { levelAtLeast, makeProposal } from './make-proposal';
import { compareToPercent, share, shownPercent, percentText, type Proposal } from './proposal';
import type { ProposalRuleset, PublicationMediaKind } from './proposal-rules';
import { assessSampleAdequacy, type SampleAdequacy } from './sample-adequacy';

// Indicators 6.a.B, 7.a.T, 8.a.Ak and 9.a.Ak from the survey service's SKM events. All four read the
// same SKM period: the latest closed one in the cycle, so one report backs them all.

/** The latest closed SKM period (by period end, then close date); undefined when none is closed. */
export function latestClosedPeriod(figures: SkmFigures): SkmPeriodFigures | undefined {
  const closed = figures.periods.filter((p) => p.closed !== null && p.closed.closedOn <= figures.asOf);
  return closed.reduce<SkmPeriodFigures | undefined>((latest, p) => {
    if (!latest) return p;
    const key = (x: SkmPeriodFigures) => `${x.periodEnd} ${x.closed?.closedOn ?? ''}`;
    return key(p) > key(latest) ? p : latest;
  }, undefined);
}

const periodText = (p: SkmPeriodFigures): string => `SKM periode ${p.periodStart} s.d. ${p.periodEnd}`;

const periodEvents = (p: SkmPeriodFigures): string[] => [p.openedEventId, ...(p.closed ? [p.closed.eventId] : [])];

interface PublishedMedia {
  kinds: PublicationMediaKind[];
  nonElectronic: boolean;
  electronic: boolean;
  unrecognisedMedia: string[];
  eventIds: string[];
}

function publishedMedia(rules: ProposalRuleset, period: SkmPeriodFigures, asOf: LocalDate): PublishedMedia {
  const publications = period.publications.filter((p) => p.publishedOn <= asOf);
  const media = [...new Set(publications.flatMap((p) => p.media))];
  const known = media.flatMap((m) => (rules.publicationMedia[m] ? [rules.publicationMedia[m]] : []));
  return {
    kinds: [...new Set(known.map((k) => k.kind))].sort(),
    nonElectronic: known.some((k) => !k.electronic),
    electronic: known.some((k) => k.electronic),
    unrecognisedMedia: media.filter((m) => !rules.publicationMedia[m]).sort(),
    eventIds: publications.map((p) => p.eventId),
  };
}

const completedBy = (period: SkmPeriodFigures, asOf: LocalDate) => period.followUps.filter((f) => f.completion !== null && f.completion.completedOn <= asOf);

const followUpEvents = (period: SkmPeriodFigures): string[] =>
  period.followUps.flatMap((f) => [f.plannedEventId, ...(f.completion ? [f.completion.eventId] : [])]);

function noClosedPeriod(figures: SkmFigures): string {
  const open = figures.periods.find((p) => p.closed === null || p.closed.closedOn > figures.asOf);
  return open ? `${periodText(open)} belum ditutup, sehingga belum ada hasil SKM.` : 'Belum ada SKM yang dilaksanakan unit ini pada periode siklus.';
}

function sampleText(sample: SampleAdequacy): string {
  const basis =
    sample.populationUsed === 'declared'
      ? `populasi yang dinyatakan Bagian Organisasi (${sample.declaredSource})`
      : 'permohonan selesai yang tercatat di Pantau';
  return sample.population === 0
    ? `populasinya 0 menurut ${basis}, sehingga ${sample.responses} responden tidak dapat dinilai sebagai sampel yang memadai`
    : `${sample.responses} responden kurang dari sampel minimal ${sample.requiredSample} untuk populasi ${sample.population} menurut ${basis}`;
}

// ── rule: 6.a.B skm-per-regulation ──────────────────────────────────────────────────────────────

export function skmPerRegulation(rules: ProposalRuleset, figures: SkmFigures): Proposal {
  const entry = rules.skmPerRegulation;
  const period = latestClosedPeriod(figures);
  if (!period) {
    const open = figures.periods.flatMap(periodEvents);
    return makeProposal(entry, 0, { surveyId: null }, noClosedPeriod(figures), open);
  }
  const sample = assessSampleAdequacy(rules, period.population, period.responses);
  const surveyRuleset = period.ruleset.split('@')[0];
  const perRegulationRuleset = rules.sampleAdequacy.thresholds.regulationRulesets.includes(surveyRuleset);
  const media = publishedMedia(rules, period, figures.asOf);
  const completed = completedBy(period, figures.asOf);
  const followedUp = completed.length >= entry.thresholds.minCompletedFollowUps;
  const level = !perRegulationRuleset || !sample.adequate ? 1 : !media.nonElectronic ? 2 : !media.electronic ? 3 : followedUp ? 5 : 4;
  const what = periodText(period);
  const explanation = !perRegulationRuleset
    ? `${what} memakai pedoman survei ${period.ruleset}, bukan PermenPANRB 14/2017.`
    : !sample.adequate
      ? `${what} belum sesuai PermenPANRB 14/2017 karena ${sampleText(sample)}.`
      : level === 2
        ? `${what} sesuai PermenPANRB 14/2017 dengan sampel memadai, tetapi hasilnya belum dipublikasikan pada media non-elektronik.`
        : level === 3
          ? `${what} sesuai PermenPANRB 14/2017 dan dipublikasikan pada media non-elektronik, tetapi belum pada media elektronik.`
          : level === 4
            ? `${what} sesuai PermenPANRB 14/2017 dan dipublikasikan pada media non-elektronik dan elektronik, tetapi belum ada tindak lanjut yang selesai.`
            : `${what} sesuai PermenPANRB 14/2017, dipublikasikan pada media non-elektronik dan elektronik, dan ${completed.length} tindak lanjut sudah selesai.`;
  return {
    ...makeProposal(
      entry,
      level,
      {
        surveyId: period.surveyId,
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        surveyRuleset: period.ruleset,
        perRegulationRuleset,
        ikmConverted: period.ikmConverted,
        sample: { ...sample },
        publicationMediaKinds: media.kinds,
        publishedNonElectronic: media.nonElectronic,
        publishedElectronic: media.electronic,
        completedFollowUps: completed.length,
      },
      explanation,
      [...periodEvents(period), ...sample.sourceEventIds, ...media.eventIds, ...completed.flatMap((f) => (f.completion ? [f.completion.eventId] : []))],
    ),
    provisionalSource: `${entry.source}; sample: ${rules.sampleAdequacy.source}`,
  };
}

// ── rule: 7.a.T skm-publication-media ───────────────────────────────────────────────────────────

export function skmPublicationMedia(rules: ProposalRuleset, figures: SkmFigures): Proposal {
  const entry = rules.skmPublication;
  const period = latestClosedPeriod(figures);
  if (!period) return makeProposal(entry, 0, { surveyId: null, mediaCount: 0 }, noClosedPeriod(figures), figures.periods.flatMap(periodEvents));
  const media = publishedMedia(rules, period, figures.asOf);
  const level = levelAtLeast(entry.thresholds.bands, media.kinds.length, 0);
  const explanation =
    media.kinds.length === 0
      ? `Hasil ${periodText(period)} belum dipublikasikan pada media yang dapat dihitung.`
      : `Hasil ${periodText(period)} dipublikasikan pada ${media.kinds.length} jenis media (${media.kinds.join(', ')}).`;
  return makeProposal(
    entry,
    level,
    { surveyId: period.surveyId, mediaCount: media.kinds.length, mediaKinds: media.kinds, unrecognisedMedia: media.unrecognisedMedia },
    explanation,
    [...periodEvents(period), ...media.eventIds],
  );
}

// ── rule: 8.a.Ak skm-follow-up-share ────────────────────────────────────────────────────────────

export function skmFollowUpShare(rules: ProposalRuleset, figures: SkmFigures): Proposal {
  const entry = rules.skmFollowUpShare;
  const t = entry.thresholds;
  const period = latestClosedPeriod(figures);
  if (!period || period.followUps.length === 0) {
    const explanation = period ? `Tidak ada rencana tindak lanjut hasil ${periodText(period)}.` : noClosedPeriod(figures);
    return makeProposal(
      entry,
      0,
      { surveyId: period?.surveyId ?? null, planned: 0, completed: 0, completedPercent: null },
      explanation,
      period ? periodEvents(period) : [],
    );
  }
  const planned = period.followUps.length;
  const completed = completedBy(period, figures.asOf).length;
  const ratio = share(completed, planned);
  const level =
    ratio === undefined || completed === 0
      ? 1
      : compareToPercent(ratio, t.belowPercentLevel2) < 0
        ? 2
        : compareToPercent(ratio, t.upToPercentLevel3) <= 0
          ? 3
          : compareToPercent(ratio, t.fullPercent) < 0
            ? 4
            : 5;
  const percent = shownPercent(ratio);
  const explanation =
    completed === 0
      ? `Ada ${planned} rencana tindak lanjut hasil ${periodText(period)}, tetapi belum ada yang selesai.`
      : `${completed} dari ${planned} rencana tindak lanjut hasil ${periodText(period)} sudah selesai (${percentText(percent)}).`;
  return makeProposal(entry, level, { surveyId: period.surveyId, planned, completed, completedPercent: percent }, explanation, [
    ...periodEvents(period),
    ...followUpEvents(period),
  ]);
}

// ── rule: 9.a.Ak skm-follow-up-speed ────────────────────────────────────────────────────────────

export function skmFollowUpSpeed(rules: ProposalRuleset, figures: SkmFigures): Proposal {
  const entry = rules.skmFollowUpSpeed;
  const t = entry.thresholds;
  const period = latestClosedPeriod(figures);
  if (!period || !period.closed || period.followUps.length === 0) {
    const explanation = period
      ? `Tidak ada rencana tindak lanjut hasil ${periodText(period)}, sehingga rekomendasinya tidak ditindaklanjuti.`
      : noClosedPeriod(figures);
    return makeProposal(entry, 0, { surveyId: period?.surveyId ?? null, planned: 0 }, explanation, period ? periodEvents(period) : []);
  }
  const publications = period.publications.filter((p) => p.publishedOn <= figures.asOf);
  const reportOn = publications.length > 0 ? publications.map((p) => p.publishedOn).reduce((a, b) => (a < b ? a : b)) : period.closed.closedOn;
  const reportBasis = publications.length > 0 ? 'first-publication' : 'period-closed';
  const planned = period.followUps.length;
  const completed = completedBy(period, figures.asOf);
  const events = [...periodEvents(period), ...followUpEvents(period), ...publications.map((p) => p.eventId)];
  if (completed.length < planned) {
    return makeProposal(
      entry,
      0,
      { surveyId: period.surveyId, reportOn, reportBasis, planned, completed: completed.length, lastCompletedOn: null, monthsBand: null },
      `Baru ${completed.length} dari ${planned} rencana tindak lanjut hasil ${periodText(period)} yang selesai, belum seluruhnya.`,
      events,
    );
  }
  const lastCompletedOn = latestDate(completed.flatMap((f) => (f.completion ? [f.completion.completedOn] : [])));
  const band = [...t.bands].sort((a, b) => a.withinMonths - b.withinMonths).find((b) => withinMonths(reportOn, lastCompletedOn, b.withinMonths));
  const level = band?.level ?? t.slowerThanAllBandsLevel;
  const since = reportBasis === 'first-publication' ? 'laporan SKM dipublikasikan' : 'periode SKM ditutup';
  const explanation = band
    ? `Seluruh ${planned} rencana tindak lanjut hasil ${periodText(period)} selesai paling lambat ${lastCompletedOn}, dalam ${band.withinMonths} bulan sejak ${since} (${reportOn}).`
    : `Seluruh ${planned} rencana tindak lanjut hasil ${periodText(period)} baru selesai ${lastCompletedOn}, lebih dari ${Math.max(...t.bands.map((b) => b.withinMonths))} bulan sejak ${since} (${reportOn}).`;
  return makeProposal(
    entry,
    level,
    { surveyId: period.surveyId, reportOn, reportBasis, planned, completed: completed.length, lastCompletedOn, monthsBand: band?.withinMonths ?? null },
    explanation,
    events,
  );
}
