import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { requestDecider } from '../domain';
import { ServiceStandardsProjection, type StandardOfService } from '../projections/service-standards.projection';
import { TenantCalendars } from '../queries/tenant-calendars';
import { type CommandOutcome, outcomeOf } from './outcome';
import { RequestWithUnit, requestFold, requestStream, newTrackingCode } from './request-stream';

export class SubmitRequestCommand extends Command<CommandOutcome<RequestWithUnit>> {
  constructor(
    readonly serviceId: string,
    readonly suppliedRequirements: string[],
    readonly meta: CommandMeta,
    /** The unit a citizen chose on the portal: the service must be one of its standards. */
    readonly chosenUnitId?: string,
  ) {
    super();
  }
}

@CommandHandler(SubmitRequestCommand)
export class SubmitRequestHandler implements ICommandHandler<SubmitRequestCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly pool: Pool,
    private readonly calendars: TenantCalendars,
    private readonly standards: ServiceStandardsProjection,
    private readonly clock: Clock,
  ) {}

  async execute({ serviceId, suppliedRequirements, meta, chosenUnitId }: SubmitRequestCommand): Promise<CommandOutcome<RequestWithUnit>> {
    const [standard, trackingCode, calendar] = await Promise.all([
      this.standardInForce(meta.tenantId, serviceId),
      this.unusedTrackingCode(),
      this.calendars.workingCalendarOf(meta.tenantId),
    ]);
    if (chosenUnitId !== undefined && standard.unitId !== chosenUnitId) {
      throw new DomainError('STANDARD.NOT_PUBLISHED', `unit ${chosenUnitId} has no published standard for service ${serviceId}`);
    }
    const requestId = randomUUID();
    const result = await this.store.handle(
      requestStream(requestId),
      requestFold,
      (state) =>
        requestDecider.decide(
          {
            type: 'SubmitRequest',
            requestId,
            serviceId,
            unitId: standard.unitId,
            trackingCode,
            standard: standard.inForce,
            suppliedRequirements,
            calendar,
            now: this.clock.now().toISOString(),
          },
          state.request,
        ),
      { ...meta, unitId: standard.unitId },
      { createsStreamWithPrefix: 'request-' },
    );
    return outcomeOf(this.store, result, requestFold);
  }

  /**
   * A collision is astronomically rare, but it would show a citizen someone else's request, so codes
   * already in the read table are skipped. The table's index is not unique: a projection must never
   * stall on a value the store has already accepted.
   */
  private async unusedTrackingCode(): Promise<string> {
    for (;;) {
      const code = newTrackingCode();
      const { rowCount } = await this.pool.query(`SELECT 1 FROM requests_v1 WHERE tracking_code = $1`, [code]);
      if (rowCount === 0) return code;
    }
  }

  private async standardInForce(tenantId: string, serviceId: string): Promise<StandardOfService> {
    const standard = await this.standards.standardsInForce.get(`${tenantId}/${serviceId}`, async () => {
      const { rows } = await this.pool.query(
        `SELECT unit_id, revision, completion_working_days, requirements FROM service_standards_v1 WHERE service_id = $1 AND tenant_id = $2`,
        [serviceId, tenantId],
      );
      const row = rows[0];
      return (
        row && {
          unitId: row.unit_id,
          inForce: { serviceId, revision: row.revision, completionWorkingDays: row.completion_working_days, requirements: row.requirements },
        }
      );
    });
    if (!standard) throw new DomainError('STANDARD.NOT_PUBLISHED', `service ${serviceId} has no published standard`);
    return standard;
  }
}
