import { DomainError } from '@lib/event-sourcing/domain';
import { add, fraction, fromDecimal, mul, type Fraction } from '@lib/kernel';
import { pekppp2017 } from '../ruleset/pekppp-2017';
import { pekppp2023 } from '../ruleset/pekppp-2023';
import { type Ruleset, scoredIndicators } from '../ruleset/ruleset';
import { shippedRulesets } from '../ruleset/shipped-rulesets';
import {
  bandFor,
  categoryFor,
  combineEvaluatorScores,
  f03Score,
  type F03ItemAnswer,
  roundHalfUpToHundredths,
  type ScoringInput,
  scoreUnit,
  scoreValue,
  toUnitResult,
  type UserScoreInput,
} from './scoring-rules';

const LEAD = 'evaluator-lead';
const clone = (ruleset: Ruleset): Ruleset => JSON.parse(JSON.stringify(ruleset)) as Ruleset;
const decimal = (text: string): Fraction => {
  const [whole, digits = ''] = text.split('.');
  return fraction(BigInt(whole + digits), 10n ** BigInt(digits.length));
};
const byLead = (scores: Record<string, number>): ScoringInput['evaluatorScores'] =>
  Object.entries(scores).map(([indicatorCode, score]) => ({ indicatorCode, evaluatorId: LEAD, score }));
const allCodes = (ruleset: Ruleset): string[] => scoredIndicators(ruleset).map((indicator) => indicator.code);
const uniform = (ruleset: Ruleset, score: number): Record<string, number> => Object.fromEntries(allCodes(ruleset).map((code) => [code, score]));
const respondent = (scores: readonly number[]): F03ItemAnswer[] => scores.map((score, k) => ({ item: k + 1, score }));
const repeat = <T>(count: number, value: T): T[] => Array.from({ length: count }, () => value);

/*
 * A full PEKPPP 2023 F-02 worked by hand. Σ(indicator bp × score) per aspect, /10000:
 *   a (24%): 1700×5 + 1400×4 + 700×3 + 1400×4 + 1000×5 + 1700×3 + 700×2 + 700×4 + 700×3
 *          = 8500 + 5600 + 2100 + 5600 + 5000 + 5100 + 1400 + 2800 + 2100 = 38200 → 3.82
 *   b (25%): 1000×4 + 2000×5 + 2000×3 + 2000×4 + 3000×4 = 4000 + 10000 + 6000 + 8000 + 12000 = 40000 → 4.00
 *   c (18%): 1500×3 + 2300×4 + 2000×2 + 2000×1 + 1100×5 + 1100×3 = 4500 + 9200 + 4000 + 2000 + 5500 + 3300 = 28500 → 2.85
 *   d (11%): 3000×4 + 2000×3 + 2000×5 + 3000×2 = 12000 + 6000 + 10000 + 6000 = 34000 → 3.40
 *   e (10%): 2000×5 + 2500×4 + 2500×3 + 3000×4 = 10000 + 10000 + 7500 + 12000 = 39500 → 3.95
 *   f (12%): 5000×3 + 5000×2 = 25000 → 2.50
 * IPP = (2400×3.82 + 2500×4.00 + 1800×2.85 + 1100×3.40 + 1000×3.95 + 1200×2.50) / 10000
 *     = (9168 + 10000 + 5130 + 3740 + 3950 + 3000) / 10000 = 34988 / 10000 = 3.4988
 * rounded half-up to 2 decimals: 3.50 → B- "Baik (Dengan Catatan)" (3.4988 is not 3.51: not B).
 */
const WORKED: Record<string, number> = {
  '1.a.Ak': 5,
  '2.a.P': 4,
  '3.a.T': 3,
  '4.a.K': 4,
  '5.a.K': 5,
  '6.a.B': 3,
  '7.a.T': 2,
  '8.a.Ak': 4,
  '9.a.Ak': 3,
  '10.b.As': 4,
  '11.b.K': 5,
  '12.b.Ak': 3,
  '13.b.K': 4,
  '14.b.K': 4,
  '15.c.K': 3,
  '16.c.As': 4,
  '17.c.As': 2,
  '18.c.K': 1,
  '19.c.As': 5,
  '20.c.B': 3,
  '21.d.T': 4,
  '22.d.B': 3,
  '23.d.As': 5,
  '24.d.T': 2,
  '25.e.P': 5,
  '26.e.P': 4,
  '27.e.Ak': 3,
  '28.e.Ak': 4,
  '29.f.B': 3,
  '30.f.B': 2,
};

/*
 * F-03 by hand: 5 respondents answer 4 on all 14 items (sum 56, mean 4); 5 respondents answer 5 on
 * items 1–7 and 4 on items 8–14 (sum 35 + 28 = 63, mean 4.5). Mean of respondent means =
 * (5×4 + 5×4.5) / 10 = 42.5 / 10 = 4.25. Groups: I (1–4) = (5×4 + 5×5)/10 = 4.5; II (5–7) = 4.5;
 * III (8–11) = 4; IV (12–13) = 4; V (14) = 4.
 * Merged with the worked F-02: 0.75 × 3.4988 + 0.25 × 4.25 = 2.6241 + 1.0625 = 3.6866 → 3.69 → B "Baik".
 */
const ALL_FOURS = respondent(repeat(14, 4));
const HIGH_FIRST_HALF = respondent([...repeat(7, 5), ...repeat(7, 4)]);
const TEN_RESPONSES: UserScoreInput = { kind: 'responses', responses: [...repeat(5, ALL_FOURS), ...repeat(5, HIGH_FIRST_HALF)] };

describe('scoring rules', () => {
  describe('shipped rulesets', () => {
    it.each(shippedRulesets.map((ruleset) => [`${ruleset.id} v${ruleset.version}`, ruleset] as const))('%s: aspect weights sum to 100%%', (_name, ruleset) => {
      expect(ruleset.aspects.reduce((total, aspect) => total + aspect.weightBp, 0)).toBe(10_000);
    });

    it.each(shippedRulesets.flatMap((ruleset) => ruleset.aspects.map((aspect) => [`${ruleset.id} aspect ${aspect.code}`, aspect.indicators] as const)))(
      '%s: indicator weights sum to 100%%',
      (_name, indicators) => {
        expect(indicators.reduce((total, indicator) => total + indicator.weightBp, 0)).toBe(10_000);
      },
    );

    it('pekppp-2023 has 30 scored indicators, 24/25/18/11/10/12 % aspects and the 9 bands', () => {
      expect(allCodes(pekppp2023)).toHaveLength(30);
      expect(pekppp2023.aspects.map((aspect) => aspect.weightBp)).toEqual([2400, 2500, 1800, 1100, 1000, 1200]);
      expect(pekppp2023.bands.map((band) => band.category)).toEqual(['A', 'A-', 'B', 'B-', 'C', 'C-', 'D', 'E', 'F']);
    });

    it('pekppp-2017 keeps the legacy 30/18/15/15/15/7 % aspects over 37 placeholder indicators', () => {
      expect(pekppp2017.aspects.map((aspect) => aspect.weightBp)).toEqual([3000, 1800, 1500, 1500, 1500, 700]);
      expect(allCodes(pekppp2017)).toHaveLength(37);
      expect(scoredIndicators(pekppp2017).every((indicator) => indicator.provisional)).toBe(true);
    });
  });

  describe('rounding half-up to hundredths', () => {
    it.each<[string, Fraction, number]>([
      ['x.xx5 rounds up (4.505 → 4.51)', decimal('4.505'), 451],
      ['just below x.xx5 rounds down (4.5049999 → 4.50)', decimal('4.5049999'), 450],
      ['2.675 rounds up although the double 2.675 prints 2.67', decimal('2.675'), 268],
      ['0.005 rounds up to 0.01', decimal('0.005'), 1],
      ['0.004999 rounds down to 0.00', decimal('0.004999'), 0],
      ['3.4988 rounds to 3.50', decimal('3.4988'), 350],
      ['a repeating third (10/3) rounds down to 3.33', fraction(10, 3), 333],
      ['two thirds rounds up to 0.67', fraction(2, 3), 67],
      ['5 stays 5.00', fraction(5), 500],
      ['0 stays 0.00', fraction(0), 0],
    ])('%s', (_name, value, hundredths) => {
      expect(roundHalfUpToHundredths(value)).toBe(hundredths);
    });
  });

  describe('category bands on the IPP rounded to 2 decimals', () => {
    it.each<[string, number, string, string]>([
      ['5.00 is A', 500, 'A', 'Pelayanan Prima'],
      ['4.51 is A', 451, 'A', 'Pelayanan Prima'],
      ['4.50 is A-', 450, 'A-', 'Sangat Baik'],
      ['4.01 is A-', 401, 'A-', 'Sangat Baik'],
      ['4.00 is B', 400, 'B', 'Baik'],
      ['3.51 is B', 351, 'B', 'Baik'],
      ['3.50 is B-', 350, 'B-', 'Baik (Dengan Catatan)'],
      ['3.01 is B-', 301, 'B-', 'Baik (Dengan Catatan)'],
      ['3.00 is C', 300, 'C', 'Cukup'],
      ['2.51 is C', 251, 'C', 'Cukup'],
      ['2.50 is C-', 250, 'C-', 'Cukup (Dengan Catatan)'],
      ['2.01 is C-', 201, 'C-', 'Cukup (Dengan Catatan)'],
      ['2.00 is D', 200, 'D', 'Buruk'],
      ['1.51 is D', 151, 'D', 'Buruk'],
      ['1.50 is E', 150, 'E', 'Sangat Buruk'],
      ['1.01 is E', 101, 'E', 'Sangat Buruk'],
      ['1.00 is F', 100, 'F', 'Gagal'],
      ['0.00 is F', 0, 'F', 'Gagal'],
    ])('%s', (_name, hundredths, category, predicate) => {
      expect(bandFor(pekppp2023, hundredths)).toMatchObject({ category, predicate });
    });

    it.each<[string, Fraction, string]>([
      ['4.505 rounds into A', decimal('4.505'), 'A'],
      ['4.5049 rounds into A-', decimal('4.5049'), 'A-'],
      ['4.005 rounds into A-', decimal('4.005'), 'A-'],
      ['1.0049 rounds into F', decimal('1.0049'), 'F'],
    ])('%s', (_name, ipp, category) => {
      expect(categoryFor(pekppp2023, scoreValue(ipp), false).category).toBe(category);
    });

    it('docs/domain.md 1.9: Banjarmasin 2018 and 2024 "Pelayanan Prima" is category A (no IPP value published to compute)', () => {
      expect(pekppp2023.bands.find((band) => band.predicate === 'Pelayanan Prima')).toMatchObject({ category: 'A', minHundredths: 451 });
    });

    it('refuses an IPP that no band holds', () => {
      const gappy = clone(pekppp2023);
      gappy.bands = pekppp2023.bands.filter((band) => band.category !== 'C');
      expect(() => bandFor(gappy, 275)).toThrow(DomainError);
    });
  });

  describe('evaluator combination', () => {
    const scores = [
      { indicatorCode: '1.a.Ak', evaluatorId: LEAD, score: 2 },
      { indicatorCode: '1.a.Ak', evaluatorId: 'evaluator-2', score: 3 },
      { indicatorCode: '1.a.Ak', evaluatorId: LEAD, score: 4 },
      { indicatorCode: '2.a.P', evaluatorId: 'evaluator-2', score: 5 },
    ];
    const mean = { ...clone(pekppp2023), evaluatorCombination: 'mean' as const };

    it.each<[string, Ruleset, string, Fraction | undefined]>([
      ["lead-evaluator takes the lead's latest score", pekppp2023, '1.a.Ak', fraction(4)],
      ['lead-evaluator leaves an indicator the lead did not score missing', pekppp2023, '2.a.P', undefined],
      ["mean averages every evaluator's latest score", mean, '1.a.Ak', fraction(7, 2)],
      ['mean uses a single evaluator when only one scored', mean, '2.a.P', fraction(5)],
    ])('%s', (_name, ruleset, code, expected) => {
      expect(combineEvaluatorScores(ruleset, scores, LEAD).get(code)).toEqual(expected);
    });

    it('refuses a score outside 0..5', () => {
      expect(() => combineEvaluatorScores(pekppp2023, [{ indicatorCode: '1.a.Ak', evaluatorId: LEAD, score: 6 }], LEAD)).toThrow(
        expect.objectContaining({ code: 'SCORING.INVALID_SCORE' }),
      );
    });
  });

  describe('the worked 30-indicator example', () => {
    const result = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD });

    it.each<[string, string, string]>([
      ['aspect a', 'a', '3.82'],
      ['aspect b', 'b', '4'],
      ['aspect c', 'c', '2.85'],
      ['aspect d', 'd', '3.4'],
      ['aspect e', 'e', '3.95'],
      ['aspect f', 'f', '2.5'],
    ])('%s is worked out exactly', (_name, code, value) => {
      expect(result.evaluator.aspects.find((aspect) => aspect.aspectCode === code)?.value.exact).toEqual(decimal(value));
    });

    it('IPP(F-02) is exactly 3.4988, shown 3.50, category B-', () => {
      expect(result.evaluator.ipp.exact).toEqual(decimal('3.4988'));
      expect(result.ipp.hundredths).toBe(350);
      expect(result.category).toEqual({ category: 'B-', predicate: 'Baik (Dengan Catatan)', provisional: true });
      expect(result.complete).toBe(true);
      expect(result.merge).toMatchObject({ merged: false, notMergedReason: 'no-user-score' });
    });

    it('is the published UnitResult', () => {
      expect(toUnitResult('unit-1', result)).toEqual({
        unitId: 'unit-1',
        aspects: [
          { aspectCode: 'a', value: 3.82 },
          { aspectCode: 'b', value: 4 },
          { aspectCode: 'c', value: 2.85 },
          { aspectCode: 'd', value: 3.4 },
          { aspectCode: 'e', value: 3.95 },
          { aspectCode: 'f', value: 2.5 },
        ],
        ippEvaluator: 3.5,
        userScore: 0,
        userScoreMerged: false,
        ipp: 3.5,
        category: 'B-',
        predicate: 'Baik (Dengan Catatan)',
        ippSelf: 0,
        provisional: true,
        missingIndicatorCodes: [],
        userScoreRespondents: 0,
        userScoreNotMergedReason: 'no-user-score',
      });
    });
  });

  describe('F-03 user score and the 75/25 merge', () => {
    it('F-03 is the mean of respondent means, grouped I–V', () => {
      const score = f03Score(pekppp2023.userScoreMerge!.items, TEN_RESPONSES.kind === 'responses' ? TEN_RESPONSES.responses : []);
      expect(score.value.exact).toEqual(decimal('4.25'));
      expect(score.respondents).toBe(10);
      expect(score.groups.map((group) => [group.group, group.value.exact])).toEqual([
        ['I', decimal('4.5')],
        ['II', decimal('4.5')],
        ['III', fraction(4)],
        ['IV', fraction(4)],
        ['V', fraction(4)],
      ]);
    });

    it.each<[string, UserScoreInput | undefined, { merged: boolean; reason: string | null; ipp: Fraction; hundredths: number; category: string }]>([
      ['no F-03: the IPP is the evaluator IPP', undefined, { merged: false, reason: 'no-user-score', ipp: decimal('3.4988'), hundredths: 350, category: 'B-' }],
      [
        'ten responses: 0.75 × 3.4988 + 0.25 × 4.25 = 3.6866',
        TEN_RESPONSES,
        { merged: true, reason: null, ipp: decimal('3.6866'), hundredths: 369, category: 'B' },
      ],
      [
        "the survey's summary merges the same way",
        { kind: 'summary', score: 4.25, respondents: 10 },
        { merged: true, reason: null, ipp: decimal('3.6866'), hundredths: 369, category: 'B' },
      ],
      [
        'nine respondents: quota of 10 not met, not merged',
        { kind: 'responses', responses: repeat(9, ALL_FOURS) },
        { merged: false, reason: 'quota-not-met', ipp: decimal('3.4988'), hundredths: 350, category: 'B-' },
      ],
      [
        'zero respondents in the summary: not merged',
        { kind: 'summary', score: 0, respondents: 0 },
        { merged: false, reason: 'quota-not-met', ipp: decimal('3.4988'), hundredths: 350, category: 'B-' },
      ],
      [
        'more than the maximum of 20 respondents are still counted',
        { kind: 'responses', responses: repeat(25, ALL_FOURS) },
        { merged: true, reason: null, ipp: decimal('3.6241'), hundredths: 362, category: 'B' },
      ],
    ])('%s', (_name, userScore, expected) => {
      const result = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD, userScore });
      expect(result.merge.merged).toBe(expected.merged);
      expect(result.merge.notMergedReason).toBe(expected.reason);
      expect(result.ipp.exact).toEqual(expected.ipp);
      expect(result.ipp.hundredths).toBe(expected.hundredths);
      expect(result.category.category).toBe(expected.category);
    });

    it('merges without float drift: 0.75 × 4.50 + 0.25 × 4.52 = 4.505 → 4.51 → A', () => {
      // Aspect b (25%) all 3, every other indicator 5: (7500×5 + 2500×3)/10000 = 4.50 exactly (A- on its own).
      const scores = { ...uniform(pekppp2023, 5), ...Object.fromEntries(pekppp2023.aspects[1].indicators.map((indicator) => [indicator.code, 3])) };
      const result = scoreUnit(pekppp2023, {
        selfScores: [],
        evaluatorScores: byLead(scores),
        leadEvaluatorId: LEAD,
        userScore: { kind: 'summary', score: 4.52, respondents: 12 },
      });
      expect(result.evaluator.ipp.hundredths).toBe(450);
      expect(result.ipp.exact).toEqual(decimal('4.505'));
      expect(result.category.category).toBe('A');
    });

    it('merges the exact F-03 score of the summary, not the double that travelled beside it: 0.75 × 3.4988 + 0.25 × 583/140', () => {
      const exact = fraction(583, 140);
      const result = scoreUnit(pekppp2023, {
        selfScores: [],
        evaluatorScores: byLead(WORKED),
        leadEvaluatorId: LEAD,
        userScore: { kind: 'summary', score: 583 / 140, exact, respondents: 10 },
      });
      expect(result.userScore?.value.exact).toEqual(exact);
      expect(result.ipp.exact).toEqual(add(mul(decimal('0.75'), decimal('3.4988')), mul(decimal('0.25'), exact)));
      expect(result.ipp.exact).not.toEqual(add(mul(decimal('0.75'), decimal('3.4988')), mul(decimal('0.25'), fromDecimal(583 / 140))));
    });

    it('refuses an exact summary score above 5', () => {
      expect(() =>
        scoreUnit(pekppp2023, {
          selfScores: [],
          evaluatorScores: [],
          leadEvaluatorId: LEAD,
          userScore: { kind: 'summary', score: 5, exact: fraction(71, 14), respondents: 10 },
        }),
      ).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_USER_SCORE' }));
    });

    it.each<[string, F03ItemAnswer[]]>([
      ['a response with 13 items', respondent(repeat(13, 4))],
      ['a response with an item twice', [...respondent(repeat(13, 4)), { item: 1, score: 4 }]],
      ['a response with item 15', [...respondent(repeat(13, 4)), { item: 15, score: 4 }]],
      ['a response scoring 6', respondent([6, ...repeat(13, 4)])],
    ])('refuses %s', (_name, response) => {
      expect(() => f03Score(pekppp2023.userScoreMerge!.items, [response])).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_F03_RESPONSE' }));
    });

    it('refuses a summary score above 5', () => {
      expect(() =>
        scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: [], leadEvaluatorId: LEAD, userScore: { kind: 'summary', score: 5.1, respondents: 10 } }),
      ).toThrow(expect.objectContaining({ code: 'SCORING.INVALID_USER_SCORE' }));
    });
  });

  describe('completeness, gaps, provisional flags and what-if', () => {
    it('an incomplete answer set lists the missing indicators, counts them as 0 and is flagged incomplete', () => {
      const { '30.f.B': _dropped, ...partial } = WORKED;
      const result = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: byLead(partial), leadEvaluatorId: LEAD });
      // 30.f.B (scored 2) now counts 0: aspect f drops 5000×2/10000 = 1.00 to 1.50; the IPP drops 1200×1.00/10000 = 0.12 to 3.3788.
      expect(result.complete).toBe(false);
      expect(result.evaluator.missingIndicatorCodes).toEqual(['30.f.B']);
      expect(result.evaluator.aspects[5].missingIndicatorCodes).toEqual(['30.f.B']);
      expect(result.evaluator.ipp.exact).toEqual(decimal('3.3788'));
    });

    it('no scores at all: IPP 0.00, F, every indicator missing', () => {
      const result = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: [], leadEvaluatorId: LEAD });
      expect(result.ipp.hundredths).toBe(0);
      expect(result.category.category).toBe('F');
      expect(result.evaluator.missingIndicatorCodes).toHaveLength(30);
    });

    it('gap per indicator is the evaluator score minus the self score; the self IPP is scored too', () => {
      const result = scoreUnit(pekppp2023, {
        selfScores: Object.entries(uniform(pekppp2023, 5)).map(([indicatorCode, score]) => ({ indicatorCode, score })),
        evaluatorScores: byLead({ '1.a.Ak': 5, '2.a.P': 4, '18.c.K': 1 }),
        leadEvaluatorId: LEAD,
      });
      expect(result.self.ipp.hundredths).toBe(500);
      expect(result.gaps.find((gap) => gap.indicatorCode === '1.a.Ak')).toEqual({ indicatorCode: '1.a.Ak', selfScore: 5, evaluatorScore: 5, gap: 0 });
      expect(result.gaps.find((gap) => gap.indicatorCode === '2.a.P')).toEqual({ indicatorCode: '2.a.P', selfScore: 5, evaluatorScore: 4, gap: -1 });
      expect(result.gaps.find((gap) => gap.indicatorCode === '18.c.K')?.gap).toBe(-4);
      expect(result.gaps.find((gap) => gap.indicatorCode === '30.f.B')).toEqual({ indicatorCode: '30.f.B', selfScore: 5, evaluatorScore: null, gap: null });
    });

    it('flags every provisional ruleset part it used', () => {
      const result = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD, userScore: TEN_RESPONSES });
      expect(result.provisional).toBe(true);
      expect(result.provisionalParts).toEqual(expect.arrayContaining(['aspects[1].indicators[0].weightBp', 'userScoreMerge', 'bands']));
      expect(result.provisionalParts).not.toContain('aspects[0].indicators[0].weightBp');
      expect(result.evaluator.aspects.map((aspect) => aspect.provisional)).toEqual([false, true, true, true, true, true]);
      expect(result.merge.provisional).toBe(true);
      expect(result.category.provisional).toBe(true);
    });

    it("flags the ruleset's provisional F-03 aggregation only when a user score was used", () => {
      const withUsers = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD, userScore: TEN_RESPONSES });
      const withoutUsers = scoreUnit(pekppp2023, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD });
      expect(withUsers.provisionalParts).toContain('userScoreMerge.f03Aggregation');
      expect(withoutUsers.provisionalParts).not.toContain('userScoreMerge.f03Aggregation');
    });

    it('is not provisional under a ruleset whose parts are all confirmed', () => {
      const confirmed = clone(pekppp2023);
      confirmed.aspects = confirmed.aspects.map((aspect) => ({
        ...aspect,
        provisional: false,
        indicators: aspect.indicators.map((indicator) => ({ ...indicator, provisional: false })),
      }));
      confirmed.bandsProvenance = { provisional: false, source: 'Pedoman 5/2023' };
      const result = scoreUnit(confirmed, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD });
      expect(result.provisional).toBe(false);
      expect(result.provisionalParts).toEqual([]);
      expect(result.category.provisional).toBe(false);
    });

    it('what-if: the same answers under another ruleset version re-score with its weights', () => {
      const heavierUsers = clone(pekppp2023);
      heavierUsers.version = 2;
      heavierUsers.userScoreMerge = { ...heavierUsers.userScoreMerge!, f02WeightBp: 5000, f03WeightBp: 5000 };
      const input: ScoringInput = { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD, userScore: TEN_RESPONSES };
      // 0.5 × 3.4988 + 0.5 × 4.25 = 1.7494 + 2.125 = 3.8744 → 3.87 → B
      const result = scoreUnit(heavierUsers, input);
      expect(result.ruleset).toEqual({ id: 'pekppp-2023', version: 2 });
      expect(result.ipp.exact).toEqual(decimal('3.8744'));
      expect(scoreUnit(pekppp2023, input).ipp.exact).toEqual(decimal('3.6866'));
    });

    it('what-if under pekppp-2017: 2023 codes are unknown there, so the result is incomplete and says which codes it ignored', () => {
      const result = scoreUnit(pekppp2017, { selfScores: [], evaluatorScores: byLead(WORKED), leadEvaluatorId: LEAD, userScore: TEN_RESPONSES });
      expect(result.unknownIndicatorCodes).toHaveLength(30);
      expect(result.complete).toBe(false);
      expect(result.merge.notMergedReason).toBe('ruleset-has-no-user-score');
    });

    it('pekppp-2017: a unit scoring 4 everywhere gets 4.00 → B', () => {
      const result = scoreUnit(pekppp2017, { selfScores: [], evaluatorScores: byLead(uniform(pekppp2017, 4)), leadEvaluatorId: LEAD });
      expect(result.ipp.exact).toEqual(fraction(4));
      expect(result.category.category).toBe('B');
    });
  });
});
