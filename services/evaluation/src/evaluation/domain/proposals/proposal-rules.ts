import { fraction, type Fraction } from '@lib/kernel';
import type { RuleSource } from './proposal';

/**
 * The thresholds behind every proposal rule, as versioned data (never numbers in the rules' code).
 * Sources: docs/pekppp-2023-instrument.md (F-02 level texts, Kode A) and docs/domain.md §3.5, §4, §5.
 * Only indicator 1.a.Ak's level text has been read in an official form copy; every other level text
 * comes from third-party transcriptions (instrument §12), so every rule here is provisional.
 */

/** The media kinds the instrument counts (F-01 Q3c and Q7; instrument §2 indicators 3 and 7). */
export type PublicationMediaKind = 'cetak' | 'elektronik' | 'media-sosial' | 'website' | 'aplikasi' | 'sippn' | 'papan-reklame';

export interface PublicationMediaMapping {
  kind: PublicationMediaKind;
  /** Indicator 6 asks for non-electronic and electronic publication separately. */
  electronic: boolean;
}

export interface LevelAtLeast {
  level: number;
  /** The smallest figure that reaches the level. */
  atLeast: number;
}

export interface LevelWithinMonths {
  level: number;
  /** The latest completion, in calendar months after the SKM report, that still reaches the level. */
  withinMonths: number;
}

export interface RuleEntry<Thresholds> {
  ruleId: string;
  indicatorCode: string;
  ruleSource: RuleSource;
  provisional: boolean;
  source: string;
  thresholds: Thresholds;
}

export interface SampleSizeRow {
  population: number;
  sample: number;
}

export interface ProposalRuleset {
  /** Kebab-case id; proposals are for the scoring ruleset named in `forRuleset`. */
  id: string;
  version: number;
  forRuleset: string;
  /** Channel names used by the catalog and the survey service, mapped to the kinds the instrument counts. */
  publicationMedia: { readonly [channel: string]: PublicationMediaMapping };
  publicationMediaSource: RuleSource;
  standardCompleteness: RuleEntry<{ componentCount: number }>;
  standardPublication: RuleEntry<{
    /** Service-delivery component numbers that must be published (PermenPANRB 15/2014: 1..6). */
    serviceDeliveryComponents: readonly number[];
    /** Level 2: all components on this many media or more, not on SIPP Nasional. */
    withoutSippnMinMedia: number;
    /** Levels 3..5 with SIPP Nasional, by media besides SIPP Nasional (highest first). */
    withSippn: readonly LevelAtLeast[];
    /** With SIPP Nasional but fewer media than level 3 names: a gap in the text. */
    withSippnBelowBands: number;
  }>;
  standardReview: RuleEntry<{ yearlyMonths: number; twoYearlyMonths: number }>;
  sampleAdequacy: RuleEntry<{
    method: 'krejcie-morgan';
    chiSquare: Fraction;
    proportion: Fraction;
    margin: Fraction;
    rows: readonly SampleSizeRow[];
    /** Survey rulesets conducted per PermenPANRB 14/2017 (9 unsur, IKM formula, intervals). */
    regulationRulesets: readonly string[];
  }>;
  skmPerRegulation: RuleEntry<{ minCompletedFollowUps: number }>;
  skmPublication: RuleEntry<{ bands: readonly LevelAtLeast[] }>;
  skmFollowUpShare: RuleEntry<{ belowPercentLevel2: number; upToPercentLevel3: number; fullPercent: number }>;
  skmFollowUpSpeed: RuleEntry<{ bands: readonly LevelWithinMonths[]; slowerThanAllBandsLevel: number }>;
  complaintChannels: RuleEntry<Record<string, never>>;
  complaintAccountability: RuleEntry<Record<string, never>>;
  complaintResolution: RuleEntry<{ laporBelowPercentLevel3: number; laporFromPercentLevel5: number; withoutLaporFromPercentLevel2: number }>;
}

const UNVERIFIED =
  'level text from >= 3 third-party transcriptions of the F-02 (docs/pekppp-2023-instrument.md §12): not yet checked against the Pedoman MenPANRB 5/2023 annex';

const kemenpanrb = (reason: string): RuleSource => ({ kind: 'kemenpanrb-level-text', reason });
const pantau = (reason: string): RuleSource => ({ kind: 'pantau', reason });

/** Proposal rules for the pekppp-2023 instrument (Kode A, luring), version 1. */
export const PROPOSAL_RULES_2023: ProposalRuleset = {
  id: 'pekppp-2023-proposals',
  version: 1,
  forRuleset: 'pekppp-2023',
  publicationMedia: {
    'office-board': { kind: 'cetak', electronic: false },
    brochure: { kind: 'cetak', electronic: false },
    'information-kiosk': { kind: 'elektronik', electronic: true },
    website: { kind: 'website', electronic: true },
    sippn: { kind: 'sippn', electronic: true },
    'social-media': { kind: 'media-sosial', electronic: true },
    'mobile-app': { kind: 'aplikasi', electronic: true },
    billboard: { kind: 'papan-reklame', electronic: false },
  },
  publicationMediaSource: pantau(
    'the F-01 counts media kinds (cetak/non elektronik, elektronik, media sosial, website, aplikasi, SIPP Nasional, papan reklame), not channels; which catalog or survey channel is which kind is ours (papan pengumuman and brosur are both "media cetak/non elektronik", kios-K is "media elektronik")',
  ),
  standardCompleteness: {
    ruleId: 'standard-completeness',
    indicatorCode: '1.a.Ak',
    ruleSource: pantau(
      'levels 0..2 follow the text (no SP, SP without all 14 components, SP with all 14); we read "dilakukan penetapan" (level 3) as the latest revision having taken effect by the end of the period, and take the weakest service type as the unit\'s level; levels 4..5 need community involvement and monev, which no event shows, so the proposal stops at 3',
    ),
    provisional: true,
    source: 'F-02 1.a.Ak (official form copies SC-F02, SC-F02A; instrument §2); the reading of penetapan and the cap at 3 are ours',
    thresholds: { componentCount: 14 },
  },
  standardPublication: {
    ruleId: 'standard-publication-media',
    indicatorCode: '3.a.T',
    ruleSource: pantau(
      "media counts and SIPP Nasional come from the text; a medium counts only when it carries all six service-delivery components; the text has no level for all components on fewer than two media without SIPP Nasional (we give 1) nor on SIPP Nasional plus one medium (we give 2, two media in all); the weakest service type is the unit's level",
    ),
    provisional: true,
    source: `F-02 3.a.T; ${UNVERIFIED}`,
    thresholds: {
      serviceDeliveryComponents: [1, 2, 3, 4, 5, 6],
      withoutSippnMinMedia: 2,
      withSippn: [
        { level: 5, atLeast: 4 },
        { level: 4, atLeast: 3 },
        { level: 3, atLeast: 2 },
      ],
      withSippnBelowBands: 2,
    },
  },
  standardReview: {
    ruleId: 'standard-periodic-review',
    indicatorCode: '4.a.K',
    ruleSource: pantau(
      'a review shows in events only as a revision (a review that keeps the SP unchanged leaves no event); a service type\'s review interval is the longer of the gap before its latest revision and the time since it; "seluruh/sebagian jenis layanan" are all or some service types in the catalog; some types reviewed at longer intervals and others never is a gap in the text (we give 1)',
    ),
    provisional: true,
    source: `F-02 4.a.K (PP 96/2012 Pasal 33); ${UNVERIFIED}`,
    thresholds: { yearlyMonths: 12, twoYearlyMonths: 24 },
  },
  sampleAdequacy: {
    ruleId: 'skm-sample-adequacy',
    indicatorCode: '6.a.B',
    ruleSource: kemenpanrb('PermenPANRB 14/2017 practice: the Krejcie & Morgan table and formula (docs/domain.md §3.5)'),
    provisional: true,
    source:
      'docs/domain.md §3.5 [P]: S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)) rounded half-up, never below the published row at or under N, never above N (as the survey service computes it); a population of 0 needs no sample and is never adequate',
    thresholds: {
      method: 'krejcie-morgan',
      chiSquare: fraction(3841, 1000),
      proportion: fraction(1, 2),
      margin: fraction(1, 20),
      rows: [
        { population: 10, sample: 10 },
        { population: 20, sample: 19 },
        { population: 30, sample: 28 },
        { population: 50, sample: 44 },
        { population: 100, sample: 80 },
        { population: 150, sample: 108 },
        { population: 200, sample: 132 },
        { population: 300, sample: 169 },
        { population: 500, sample: 217 },
        { population: 1_000, sample: 278 },
        { population: 2_000, sample: 322 },
        { population: 5_000, sample: 357 },
        { population: 10_000, sample: 370 },
        { population: 100_000, sample: 384 },
        { population: 1_000_000, sample: 384 },
      ],
      regulationRulesets: ['skm-2017'],
    },
  },
  skmPerRegulation: {
    ruleId: 'skm-per-regulation',
    indicatorCode: '6.a.B',
    ruleSource: pantau(
      '"sesuai PermenPANRB" is read as: the period was closed under a 14/2017 survey ruleset with an adequate sample; the publication steps follow the text (electronic-only publication does not reach level 3, which asks for non-electronic first); "dilakukan tindak lanjut" is read as at least one follow-up item completed',
    ),
    provisional: true,
    source: `F-02 6.a.B; ${UNVERIFIED}`,
    thresholds: { minCompletedFollowUps: 1 },
  },
  skmPublication: {
    ruleId: 'skm-publication-media',
    indicatorCode: '7.a.T',
    ruleSource: kemenpanrb('the level is the number of media the result was published in (1..4, more than 4 → 5), counted as media kinds'),
    provisional: true,
    source: `F-02 7.a.T; ${UNVERIFIED}`,
    thresholds: {
      bands: [
        { level: 5, atLeast: 5 },
        { level: 4, atLeast: 4 },
        { level: 3, atLeast: 3 },
        { level: 2, atLeast: 2 },
        { level: 1, atLeast: 1 },
      ],
    },
  },
  skmFollowUpShare: {
    ruleId: 'skm-follow-up-share',
    indicatorCode: '8.a.Ak',
    ruleSource: kemenpanrb(
      'percentage = completed ÷ planned follow-up items (BG-F02, YU): none planned 0, none done 1, < 30% 2, 30–80% 3, > 80% 4, 100% 5; a completion event stands for the implementation report the text asks for',
    ),
    provisional: true,
    source: `F-02 8.a.Ak; ${UNVERIFIED}`,
    thresholds: { belowPercentLevel2: 30, upToPercentLevel3: 80, fullPercent: 100 },
  },
  skmFollowUpSpeed: {
    ruleId: 'skm-follow-up-speed',
    indicatorCode: '9.a.Ak',
    ruleSource: pantau(
      "the months are the text's (1, 3, 6, 9, 12 after the SKM report); the report date is the first publication of the result (or the close of the period when it was never published); every item must be done, or the level is 0; all done later than 12 months is a gap in the text (we give 1: followed up, slower than every band)",
    ),
    provisional: true,
    source: `F-02 9.a.Ak; ${UNVERIFIED}`,
    thresholds: {
      bands: [
        { level: 5, withinMonths: 1 },
        { level: 4, withinMonths: 3 },
        { level: 3, withinMonths: 6 },
        { level: 2, withinMonths: 9 },
        { level: 1, withinMonths: 12 },
      ],
      slowerThanAllBandsLevel: 1,
    },
  },
  complaintChannels: {
    ruleId: 'complaint-channels',
    indicatorCode: '26.e.P',
    ruleSource: pantau(
      'channels are those complaints came through in the period (in person = offline, web or SP4N-LAPOR! = online); events do not show whether the offline desk is separate from the front office, so an undeclared layout is read as combined; online only, without an offline channel, is a gap in the text (we give 1)',
    ),
    provisional: true,
    source: `F-02 26.e.P; ${UNVERIFIED}`,
    thresholds: {},
  },
  complaintAccountability: {
    ruleId: 'complaint-accountability',
    indicatorCode: '27.e.Ak',
    ruleSource: pantau(
      'the text is a cumulative ladder (arsip, laporan, monev, tindak lanjut, publikasi); a complaint recorded in Pantau is archived documentation, "ditindaklanjuti" is every complaint answered or resolved; reports, monev and publication show in no event yet, so the ladder stops at the first step nothing evidences',
    ),
    provisional: true,
    source: `F-02 27.e.Ak; ${UNVERIFIED}`,
    thresholds: {},
  },
  complaintResolution: {
    ruleId: 'complaint-resolution-share',
    indicatorCode: '28.e.Ak',
    ruleSource: kemenpanrb(
      'share resolved ("ditindaklanjuti hingga selesai") of complaints received; SP4N-LAPOR! figures when any complaint came through it (levels 3..5), else all complaints (levels 1..2), as instrument §9 reads the F-01 counts; the 90% edge follows BG-F02 (≥ 50% < 90% → 4, ≥ 90% → 5)',
    ),
    provisional: true,
    source: `F-02 28.e.Ak (PermenPANRB 62/2018; 90% after the RPJMN); ${UNVERIFIED}; sources disagree on the 90% edge (instrument §11.1 #5)`,
    thresholds: { laporBelowPercentLevel3: 50, laporFromPercentLevel5: 90, withoutLaporFromPercentLevel2: 50 },
  },
};
