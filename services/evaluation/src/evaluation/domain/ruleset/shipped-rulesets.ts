import { pekppp2017 } from './pekppp-2017';
import { pekppp2023 } from './pekppp-2023';
import { pekppp2023KodeB } from './pekppp-2023-kode-b';
import { pekppp2023v2 } from './pekppp-2023-v2';
import { pekppp2023v3 } from './pekppp-2023-v3';
import type { Ruleset, RulesetRef } from './ruleset';

/**
 * Rulesets shipped with the platform: national, so every tenant sees and may pin them without publishing anything.
 * A revision ships beside the versions before it, so a cycle keeps the version it pinned.
 */
export const shippedRulesets: readonly Ruleset[] = [pekppp2023, pekppp2023v2, pekppp2023v3, pekppp2023KodeB, pekppp2017];

export function findShippedRuleset(ref: RulesetRef): Ruleset | undefined {
  return shippedRulesets.find((ruleset) => ruleset.id === ref.id && ruleset.version === ref.version);
}
