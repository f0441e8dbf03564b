import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { type ServiceStandard, type ServiceStandardCommand, serviceStandardDecider } from '../domain';
import { type CommandOutcome, outcomeOf } from './outcome';
import { refuseKeyReuse, refuseOtherTenant } from './stream-guard';

export const standardStream = (serviceId: string) => `service-standard-${serviceId}`;

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
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly pool: Pool,
  ) {}

  async execute({ command, meta }: DecideServiceStandardCommand): Promise<CommandOutcome<ServiceStandard>> {
    // Service ids are global: a publication under an id another tenant holds is refused, not merged.
    await refuseOtherTenant(this.pool, standardStream(command.serviceId), meta.tenantId, 'STANDARD.NOT_FOUND').catch((error: unknown) => {
      if (command.type === 'PublishServiceStandard') throw new DomainError('STANDARD.SERVICE_ID_TAKEN', `service id ${command.serviceId} is taken`);
      throw error;
    });
    const result = await this.store.handle(
      standardStream(command.serviceId),
      serviceStandardDecider,
      (state) => serviceStandardDecider.decide(command, state),
      { ...meta, unitId: command.unitId },
    );
    refuseKeyReuse(result, (streamId) => streamId === standardStream(command.serviceId));
    return outcomeOf(this.store, result, serviceStandardDecider);
  }
}
