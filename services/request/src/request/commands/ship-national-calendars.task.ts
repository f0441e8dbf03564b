import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import { EventStore, Projector } from '@lib/event-sourcing';
import { Clock, LOGGER } from '@lib/platform';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { calendarDecider, NATIONAL_CALENDAR_STREAM, nationalVersionId, shippedNationalCalendars } from '../domain';
import { CalendarsProjection } from '../projections/calendars.projection';

/**
 * At boot, appends every national year shipped with the code that the `national-calendar` stream
 * lacks (a version already there is a no-op, so a restart or a second replica adds nothing), then
 * brings the calendar read model up to date: the service takes no command before every deadline can
 * be computed. A shipped version whose content was edited instead of getting a new revision stops the boot.
 */
@Injectable()
export class ShipNationalCalendars implements OnApplicationBootstrap {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly pool: Pool,
    private readonly projection: CalendarsProjection,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const correlationId = randomUUID();
    let shipped = 0;
    for (const calendar of shippedNationalCalendars) {
      const result = await this.store.handle(
        NATIONAL_CALENDAR_STREAM,
        calendarDecider,
        (state) => calendarDecider.decide({ type: 'ShipNationalCalendarYear', calendar, now: this.clock.now().toISOString() }, state),
        { correlationId, tenantId: '', unitId: '', actor: { id: 'shipped-national-calendar', role: 'system' } },
      );
      if (result.appended > 0) {
        shipped += 1;
        this.logger.info({ calendarVersionId: nationalVersionId(calendar), correlationId }, 'national calendar year shipped');
      }
    }
    // Its own projector on the same checkpoint: the background one may not have started yet, and the
    // checkpoint lock keeps the two from applying a batch twice.
    await new Projector(this.pool, this.store, this.projection).catchUp();
    this.logger.info({ shipped, versions: shippedNationalCalendars.map(nationalVersionId) }, 'national calendars ready');
  }
}
