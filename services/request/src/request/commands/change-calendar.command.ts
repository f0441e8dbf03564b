import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { type CalendarCommand, calendarDecider, type CalendarStream, tenantCalendarStream } from '../domain';
import { TenantCalendars } from '../queries/tenant-calendars';
import { type CommandOutcome, outcomeOf, type Without } from './outcome';

/** What a tenant's admin may do to its calendar; the handler adds the tenant, the time and what is in use. */
export type CalendarStep = Without<Exclude<CalendarCommand, { type: 'ShipNationalCalendarYear' }>, 'tenantId' | 'now' | 'inUse'>;

export class ChangeCalendarCommand extends Command<CommandOutcome<CalendarStream>> {
  constructor(
    readonly step: CalendarStep,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * Appends to the caller's own `calendar-<tenantId>` stream only: the tenant comes from the command
 * metadata, so one tenant's admin can never change another tenant's deadlines.
 */
@CommandHandler(ChangeCalendarCommand)
export class ChangeCalendarHandler implements ICommandHandler<ChangeCalendarCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly calendars: TenantCalendars,
    private readonly clock: Clock,
  ) {}

  async execute({ step, meta }: ChangeCalendarCommand): Promise<CommandOutcome<CalendarStream>> {
    const { tenantId } = meta;
    const streamId = tenantCalendarStream(tenantId);
    // What the tenant uses now is looked up before deciding, like the standard in force for a request.
    const lookedUp = step.type === 'PublishNationalCalendarYear' ? { inUse: await this.calendars.nationalYearInUse(tenantId, step.calendar.year) } : {};
    const result = await this.store.handle(
      streamId,
      calendarDecider,
      (state) => calendarDecider.decide({ ...step, ...lookedUp, tenantId, now: this.clock.now().toISOString() }, state),
      meta,
    );
    return outcomeOf(this.store, result, calendarDecider);
  }
}
