import { Injectable } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { DomainError } from '../domain/error-codes';
import { type Ruleset, type RulesetRef, rulesetFromDocument, shippedRulesets, rulesetStream } from '../domain';

/**
 * Rulesets a tenant's command may pin or score under: the shipped national ones plus every version
 * its own Bagian Organisasi published to its `ruleset-<tenant>/<id>` stream; another tenant's are not
 * visible. Commands read the stream, not a projection, so a version is usable as soon
 * as it is published.
 */
@Injectable()
export class RulesetCatalog {
  constructor(private readonly store: EventStore<EvaluationEvent>) {}

  async versionsOf(tenantId: string, rulesetId: string): Promise<Ruleset[]> {
    const shipped = shippedRulesets.filter((ruleset) => ruleset.id === rulesetId);
    const history = await this.store.readStream(rulesetStream(tenantId, rulesetId));
    const published = history.flatMap(({ event }) => (event.$case === 'rulesetPublished' ? [rulesetFromDocument(event.value.documentJson)] : []));
    return [...shipped, ...published].sort((a, b) => a.version - b.version);
  }

  /** The given version, or the latest one; DomainError `RULESET.NOT_FOUND` (404) when there is none. */
  async find(tenantId: string, rulesetId: string, version?: number): Promise<Ruleset> {
    const versions = await this.versionsOf(tenantId, rulesetId);
    const ruleset = version === undefined ? versions[versions.length - 1] : versions.find((candidate) => candidate.version === version);
    if (!ruleset) throw new DomainError('RULESET.NOT_FOUND', `no ruleset ${rulesetId}${version === undefined ? '' : ` v${version}`}`);
    return ruleset;
  }

  get(tenantId: string, ref: RulesetRef): Promise<Ruleset> {
    return this.find(tenantId, ref.id, ref.version);
  }
}
