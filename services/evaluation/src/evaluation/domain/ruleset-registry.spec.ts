import { type DeciderOutcome, givenWhen } from '@lib/event-sourcing/domain';
import {
  initialTenantRulesetRegistry,
  type RulesetRegistryCommand,
  type RulesetRegistryEvent,
  rulesetFromDocument,
  rulesetRegistryDecider,
} from './ruleset-registry';
import { pekppp2017 } from './ruleset/pekppp-2017';
import { pekppp2023 } from './ruleset/pekppp-2023';
import { validateRuleset } from './ruleset/ruleset';

const NOW = '2026-01-05T00:00:00.000Z';
const v2 = { ...pekppp2023, version: 2 };
const publishedV1: RulesetRegistryEvent = {
  $case: 'rulesetPublished',
  value: { rulesetId: 'pekppp-2023', version: 1, documentJson: JSON.stringify(pekppp2023), reason: 'shipped', publishedAt: NOW },
};
const publish = (ruleset = v2, reason = 'bobot aspek II–VI dikonfirmasi'): RulesetRegistryCommand => ({ type: 'PublishRuleset', ruleset, reason, now: NOW });
const error = (code: string): DeciderOutcome<RulesetRegistryEvent> => ({ error: { code } });

describe('ruleset registry decider', () => {
  it.each<[string, RulesetRegistryEvent[], RulesetRegistryCommand, DeciderOutcome<RulesetRegistryEvent>]>([
    ['publishes the first version of a ruleset', [], publish(pekppp2023, 'shipped'), { events: [publishedV1] }],
    [
      'publishes a higher version',
      [publishedV1],
      publish(),
      {
        events: [
          {
            $case: 'rulesetPublished',
            value: { rulesetId: 'pekppp-2023', version: 2, documentJson: JSON.stringify(v2), reason: 'bobot aspek II–VI dikonfirmasi', publishedAt: NOW },
          },
        ],
      },
    ],
    ['refuses a version that does not increase', [publishedV1], publish(pekppp2023), error('RULESET.VERSION_NOT_INCREASING')],
    ['refuses an invalid ruleset', [publishedV1], publish({ ...v2, bands: v2.bands.slice(1) }), error('RULESET.INVALID')],
    ['refuses another ruleset id on this stream', [publishedV1], publish({ ...pekppp2017, version: 2 }), error('RULESET.ID_MISMATCH')],
    ['refuses a version without reason', [publishedV1], publish(v2, ' '), error('RULESET.REASON_REQUIRED')],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(rulesetRegistryDecider, given, when)).toEqual(expected);
  });

  const publishedAs = (ruleset: typeof pekppp2023, reason = 'bobot aspek II–VI dikonfirmasi'): RulesetRegistryEvent => ({
    $case: 'rulesetPublished',
    value: { rulesetId: ruleset.id, version: ruleset.version, documentJson: JSON.stringify(ruleset), reason, publishedAt: NOW },
  });
  const ownRuleset = { ...pekppp2023, id: 'pekppp-kota-banjarmasin', version: 1 };
  const v3 = { ...pekppp2023, version: 3 };
  it.each<[string, RulesetRegistryEvent[], RulesetRegistryCommand, DeciderOutcome<RulesetRegistryEvent>]>([
    ["numbers a tenant's first version of a shipped id above the shipped one", [], publish(v2), { events: [publishedAs(v2)] }],
    ['refuses a tenant version equal to the shipped one', [], publish(pekppp2023), error('RULESET.VERSION_NOT_INCREASING')],
    ["goes above the tenant's own versions", [publishedAs(v2)], publish(v3), { events: [publishedAs(v3)] }],
    ["starts a tenant's own ruleset id at its first version", [], publish(ownRuleset), { events: [publishedAs(ownRuleset)] }],
  ])("on a tenant's stream, %s", (_name, given, when, expected) => {
    const tenantStream = { ...rulesetRegistryDecider, initialState: () => initialTenantRulesetRegistry(when.ruleset.id, [pekppp2023, pekppp2017]) };
    expect(givenWhen(tenantStream, given, when)).toEqual(expected);
  });

  it('lists the violations on the refusal, for the 400 body', () => {
    try {
      rulesetRegistryDecider.decide(publish({ ...v2, bands: v2.bands.slice(1) }), rulesetRegistryDecider.initialState());
      throw new Error('expected a refusal');
    } catch (refusal) {
      expect(refusal).toMatchObject({
        code: 'RULESET.INVALID',
        details: { violations: [{ path: 'bands[0].maxHundredths', rule: 'bands-cover-0-to-5', message: 'the highest band ends at 4.50, not 5.00' }] },
      });
    }
  });

  it('reads back the published document', () => {
    expect(rulesetFromDocument(publishedV1.$case === 'rulesetPublished' ? publishedV1.value.documentJson : '')).toEqual(pekppp2023);
    expect(() => rulesetFromDocument('{')).toThrow(expect.objectContaining({ code: 'RULESET.UNREADABLE' }));
  });

  it('reads a document published before the F-03 aggregation and item codes were stated as scoring F-03 the one way it was, with the form codes', () => {
    const merge = pekppp2023.userScoreMerge!;
    const older = {
      ...pekppp2023,
      userScoreMerge: {
        ...merge,
        f03Aggregation: undefined,
        items: merge.items.map(({ item, group, name }) => ({ item, group, name })),
      },
    };
    const read = rulesetFromDocument(JSON.stringify(older)).userScoreMerge!;
    expect(read.f03Aggregation).toEqual({ rule: 'mean-of-all-answers', provisional: true, source: expect.stringContaining('published before') });
    expect(read.items.map((item) => item.code)).toEqual(merge.items.map((item) => item.code));
    expect(validateRuleset(rulesetFromDocument(JSON.stringify(older)))).toEqual([]);
  });

  it('reads a document without a user score as it was', () => {
    expect(rulesetFromDocument(JSON.stringify(pekppp2017))).toEqual(pekppp2017);
  });
});
