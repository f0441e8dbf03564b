import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { decideRuleset, initialTenantRulesetRegistry, type Ruleset, rulesetRegistryDecider, shippedRulesets, rulesetStream } from '../domain';

export class PublishRulesetCommand extends Command<AppendResult> {
  constructor(
    readonly ruleset: Ruleset,
    readonly reason: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(PublishRulesetCommand)
export class PublishRulesetHandler implements ICommandHandler<PublishRulesetCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly clock: Clock,
  ) {}

  execute({ ruleset, reason, meta }: PublishRulesetCommand): Promise<AppendResult> {
    const initialState = () => initialTenantRulesetRegistry(ruleset.id, shippedRulesets);
    const now = this.clock.now().toISOString();
    return this.store.handle(
      rulesetStream(meta.tenantId, ruleset.id),
      { ...rulesetRegistryDecider, initialState },
      (state) => decideRuleset({ type: 'PublishRuleset', ruleset, reason, now }, state),
      meta,
    );
  }
}
