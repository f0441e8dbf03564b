import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { type ServiceStandard, type ServiceStandardCommand, serviceStandardDecider } from '../domain';
import { type CommandOutcome, outcomeOf } from './outcome';

export const standardStream = (tenantId: string, serviceId: string) => `service-standard-${tenantId}/${serviceId}`;

/** Publish or revise: the standard's unit goes on the envelope, so events are keyed by it on Kafka. */
export class DecideServiceStandardCommand extends Command<CommandOutcome<ServiceStandard>> {
  constructor(
    readonly command: ServiceStandardCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(DecideServiceStandardCommand)
export class DecideServiceStandardHandler implements ICommandHandler<DecideServiceStandardCommand> {
  constructor(private readonly store: EventStore<RequestEvent>) {}

  async execute({ command, meta }: DecideServiceStandardCommand): Promise<CommandOutcome<ServiceStandard>> {
    const result = await this.store.handle(
      standardStream(meta.tenantId, command.serviceId),
      serviceStandardDecider,
      (state) => serviceStandardDecider.decide(command, state),
      { ...meta, unitId: command.unitId },
    );
    return outcomeOf(this.store, result, serviceStandardDecider);
  }
}
