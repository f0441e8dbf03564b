import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { type RequestCommand, requestDecider } from '../domain';
import { TenantCalendars } from '../queries/tenant-calendars';
import { type CommandOutcome, outcomeOf, type Without } from './outcome';
import { RequestWithUnit, requestFold, requestStream } from './request-stream';

/** Every step after submission; the handler adds the time and the calendar. */
export type RequestStep = Without<Exclude<RequestCommand, { type: 'SubmitRequest' }>, 'requestId' | 'now' | 'calendar'>;

export class ChangeRequestCommand extends Command<CommandOutcome<RequestWithUnit>> {
  constructor(
    readonly requestId: string,
    readonly step: RequestStep,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ChangeRequestCommand)
export class ChangeRequestHandler implements ICommandHandler<ChangeRequestCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly calendars: TenantCalendars,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId, step, meta }: ChangeRequestCommand): Promise<CommandOutcome<RequestWithUnit>> {
    const calendar = await this.calendars.workingCalendarOf(meta.tenantId);
    const commandMeta = { ...meta };
    const result = await this.store.handle(
      requestStream(requestId),
      requestFold,
      (state) => {
        if (state.request.status === 'none') throw new DomainError('REQUEST.NOT_FOUND', `request ${requestId} does not exist`);
        // The envelope carries the request's unit, known only once the stream is read.
        commandMeta.unitId = state.unitId;
        const command = { ...step, requestId, calendar, now: this.clock.now().toISOString() };
        return requestDecider.decide(command, state.request);
      },
      commandMeta,
      { otherTenantNotFoundCode: 'REQUEST.NOT_FOUND' },
    );
    return outcomeOf(this.store, result, requestFold);
  }
}
