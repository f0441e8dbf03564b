import { pekppp2017 } from './pekppp-2017';
import { pekppp2023 } from './pekppp-2023';
import { isProvisional, provisionalParts, type Ruleset, type RulesetViolation, validateRuleset } from './ruleset';
import { shippedRulesets } from './shipped-rulesets';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object ? Mutable<T[K]> : T[K] };
type Draft = Mutable<Ruleset>;
const draft = (): Draft => JSON.parse(JSON.stringify(pekppp2023)) as Draft;

describe('validateRuleset', () => {
  it.each(shippedRulesets.map((ruleset) => [`${ruleset.id} v${ruleset.version}`, ruleset] as const))('accepts the shipped %s', (_name, ruleset) => {
    expect(validateRuleset(ruleset)).toEqual([]);
  });

  it.each<[string, (r: Draft) => void, Pick<RulesetViolation, 'path' | 'rule'>]>([
    [
      'aspect weights not summing to 100%',
      (r) => {
        r.aspects[0].weightBp = 2500;
      },
      { path: 'aspects', rule: 'weights-sum-to-100-percent' },
    ],
    [
      'indicator weights of one aspect not summing to 100%',
      (r) => {
        r.aspects[2].indicators[1].weightBp = 2200;
      },
      { path: 'aspects[2].indicators', rule: 'weights-sum-to-100-percent' },
    ],
    [
      'a weight that is not whole basis points',
      (r) => {
        r.aspects[1].indicators[0].weightBp = 1000.5;
      },
      { path: 'aspects[1].indicators[0].weightBp', rule: 'weight-is-basis-points' },
    ],
    [
      'a zero aspect weight',
      (r) => {
        r.aspects[5].weightBp = 0;
      },
      { path: 'aspects[5].weightBp', rule: 'weight-is-basis-points' },
    ],
    [
      'a duplicate indicator code',
      (r) => {
        r.aspects[0].indicators[1].code = '1.a.Ak';
      },
      { path: 'aspects[0].indicators[1].code', rule: 'unique-indicator-code' },
    ],
    [
      'a duplicate indicator number',
      (r) => {
        r.aspects[3].indicators[0].no = 1;
      },
      { path: 'aspects[3].indicators[0].no', rule: 'unique-indicator-no' },
    ],
    [
      'a code that does not match its number and aspect',
      (r) => {
        r.aspects[0].indicators[0].code = '1.b.Ak';
      },
      { path: 'aspects[0].indicators[0].code', rule: 'indicator-code-matches-no-and-aspect' },
    ],
    [
      'a code without principle',
      (r) => {
        r.aspects[0].indicators[0].code = '1.a.';
      },
      { path: 'aspects[0].indicators[0].code', rule: 'indicator-code-matches-no-and-aspect' },
    ],
    [
      'five descriptors',
      (r) => {
        r.aspects[4].indicators[2].descriptors.pop();
      },
      { path: 'aspects[4].indicators[2].descriptors', rule: 'six-descriptors' },
    ],
    [
      'an empty descriptor',
      (r) => {
        r.aspects[0].indicators[0].descriptors[3] = ' ';
      },
      { path: 'aspects[0].indicators[0].descriptors[3]', rule: 'six-descriptors' },
    ],
    [
      'an aspect without indicators',
      (r) => {
        r.aspects[5].indicators = [];
      },
      { path: 'aspects[5].indicators', rule: 'aspect-has-indicators' },
    ],
    [
      'a duplicate aspect code',
      (r) => {
        r.aspects[1].code = 'a';
      },
      { path: 'aspects[1].code', rule: 'unique-aspect-code' },
    ],
    [
      'an information indicator reusing a scored code',
      (r) => {
        r.informationIndicators[0].code = '1.a.Ak';
      },
      { path: 'informationIndicators[0].code', rule: 'unique-indicator-code' },
    ],
    [
      'an information indicator with five level texts',
      (r) => {
        r.informationIndicators[0].descriptors = ['0', '1', '2', '3', '4'];
      },
      { path: 'informationIndicators[0].descriptors', rule: 'six-descriptors' },
    ],
    [
      'an information indicator with an empty level text',
      (r) => {
        r.informationIndicators[0].descriptors = ['0', '1', '', '3', '4', '5'];
      },
      { path: 'informationIndicators[0].descriptors[2]', rule: 'six-descriptors' },
    ],
    [
      'a provisional weight without source',
      (r) => {
        r.aspects[3].indicators[0].source = '';
      },
      { path: 'aspects[3].indicators[0].source', rule: 'provisional-needs-source' },
    ],
    [
      'provisional bands without source',
      (r) => {
        r.bandsProvenance.source = ' ';
      },
      { path: 'bandsProvenance.source', rule: 'provisional-needs-source' },
    ],
    [
      'a gap between bands (4.01 uncovered)',
      (r) => {
        r.bands[1].minHundredths = 402;
      },
      { path: 'bands[1].minHundredths', rule: 'bands-no-gap' },
    ],
    [
      'overlapping bands (4.01 in B and A-)',
      (r) => {
        r.bands[2].maxHundredths = 401;
      },
      { path: 'bands[1].minHundredths', rule: 'bands-no-overlap' },
    ],
    [
      'a band nested inside a wider one',
      (r) => {
        r.bands[8].maxHundredths = 200;
      },
      { path: 'bands[7].minHundredths', rule: 'bands-no-overlap' },
    ],
    [
      'bands ending below 5.00',
      (r) => {
        r.bands[0].maxHundredths = 499;
      },
      { path: 'bands[0].maxHundredths', rule: 'bands-cover-0-to-5' },
    ],
    [
      'bands starting above 0.00',
      (r) => {
        r.bands[8].minHundredths = 1;
      },
      { path: 'bands[8].minHundredths', rule: 'bands-cover-0-to-5' },
    ],
    [
      'a band limit beyond 5.00',
      (r) => {
        r.bands[0].maxHundredths = 501;
      },
      { path: 'bands[0].maxHundredths', rule: 'bands-cover-0-to-5' },
    ],
    [
      'a band starting above its end',
      (r) => {
        r.bands[1].minHundredths = 460;
      },
      { path: 'bands[1].minHundredths', rule: 'band-min-not-above-max' },
    ],
    [
      'a duplicate category',
      (r) => {
        r.bands[1].category = 'A';
      },
      { path: 'bands[1].category', rule: 'unique-category' },
    ],
    [
      'no bands',
      (r) => {
        r.bands = [];
      },
      { path: 'bands', rule: 'bands-cover-0-to-5' },
    ],
    [
      'merge weights not summing to 100%',
      (r) => {
        r.userScoreMerge!.f03WeightBp = 3000;
      },
      { path: 'userScoreMerge', rule: 'weights-sum-to-100-percent' },
    ],
    [
      'minimum respondents above the maximum',
      (r) => {
        r.userScoreMerge!.f03MinRespondents = 25;
      },
      { path: 'userScoreMerge.f03MinRespondents', rule: 'quota-min-not-above-max' },
    ],
    [
      'a zero minimum quota',
      (r) => {
        r.userScoreMerge!.f03MinRespondents = 0;
      },
      { path: 'userScoreMerge.f03MinRespondents', rule: 'quota-is-positive-integer' },
    ],
    [
      'F-03 items out of sequence',
      (r) => {
        r.userScoreMerge!.items[3].item = 5;
      },
      { path: 'userScoreMerge.items[3].item', rule: 'f03-items-numbered-1-to-n' },
    ],
    [
      'an unknown evaluator combination',
      (r) => {
        (r as { evaluatorCombination: string }).evaluatorCombination = 'median';
      },
      { path: 'evaluatorCombination', rule: 'known-evaluator-combination' },
    ],
    [
      'an id that is not kebab-case',
      (r) => {
        r.id = 'PEKPPP 2023';
      },
      { path: 'id', rule: 'id-is-kebab-case' },
    ],
    [
      'version 0',
      (r) => {
        r.version = 0;
      },
      { path: 'version', rule: 'version-is-positive-integer' },
    ],
    [
      'an empty title',
      (r) => {
        r.title = '';
      },
      { path: 'title', rule: 'required' },
    ],
    [
      'no legal basis',
      (r) => {
        r.legalBasis = [];
      },
      { path: 'legalBasis', rule: 'required' },
    ],
    [
      'a 0..4 scale',
      (r) => {
        r.scale.max = 4;
      },
      { path: 'scale', rule: 'scale-is-0-to-5' },
    ],
  ])('reports %s', (_name, mutate, expected) => {
    const ruleset = draft();
    mutate(ruleset);
    expect(validateRuleset(ruleset as Ruleset)).toContainEqual(expect.objectContaining(expected));
  });

  it('reports every broken rule at once, with a readable message', () => {
    const ruleset = draft();
    ruleset.aspects[0].weightBp = 2500;
    ruleset.userScoreMerge!.f03WeightBp = 3000;
    expect(validateRuleset(ruleset as Ruleset)).toEqual([
      { path: 'aspects', rule: 'weights-sum-to-100-percent', message: 'aspect weights sum to 101%, not 100%' },
      { path: 'userScoreMerge', rule: 'weights-sum-to-100-percent', message: 'F-02 75% + F-03 30% = 105%, not 100%' },
    ]);
  });

  it('does not report a sum when one of the weights is already reported as malformed', () => {
    const ruleset = draft();
    ruleset.aspects[0].indicators[0].weightBp = -1;
    expect(validateRuleset(ruleset as Ruleset).map((violation) => violation.rule)).toEqual(['weight-is-basis-points']);
  });

  it('survives a document missing its arrays', () => {
    const broken = { ...draft(), aspects: undefined, bands: undefined } as unknown as Ruleset;
    expect(validateRuleset(broken)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'aspects', rule: 'required' }),
        expect.objectContaining({ path: 'bands', rule: 'bands-cover-0-to-5' }),
      ]),
    );
  });
});

describe('provisional parts', () => {
  it('pekppp-2023 is provisional through weights of aspects II–VI, descriptors, the merge and the bands', () => {
    const parts = provisionalParts(pekppp2023);
    expect(isProvisional(pekppp2023)).toBe(true);
    expect(parts).toEqual(expect.arrayContaining(['aspects[1].indicators[0].weightBp', 'aspects[0].indicators[2].descriptors', 'userScoreMerge', 'bands']));
    expect(parts).not.toContain('aspects[0].weightBp');
    expect(parts).not.toContain('aspects[0].indicators[0].weightBp');
    expect(parts).not.toContain('aspects[0].indicators[0].descriptors');
  });

  it('pekppp-2017 is provisional in every aspect weight', () => {
    expect(pekppp2017.aspects.every((aspect) => aspect.provisional && aspect.source.includes('Jombang'))).toBe(true);
  });

  it('a ruleset with every part confirmed is not provisional', () => {
    const ruleset = draft();
    const confirmed = { provisional: false, source: 'Pedoman 5/2023' };
    ruleset.aspects.forEach((aspect) => {
      Object.assign(aspect, confirmed);
      aspect.indicators.forEach((indicator) => Object.assign(indicator, confirmed, { descriptorsProvenance: confirmed }));
    });
    ruleset.informationIndicators.forEach((info) => Object.assign(info, confirmed));
    Object.assign(ruleset.userScoreMerge!, confirmed);
    ruleset.bandsProvenance = confirmed;
    expect(isProvisional(ruleset as Ruleset)).toBe(false);
  });
});
