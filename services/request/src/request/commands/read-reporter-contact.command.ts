import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { complaintDecider } from '../domain';
import { complaintStream } from './complaint-stream';
import type { Reporter } from './receive-complaint.command';

/**
 * The reporter's contact details, for the staff following an open complaint up. Each read appends
 * ComplaintReporterContactRead first, so who looked at whose identity, and when, is in the history.
 */
export class ReadReporterContactCommand extends Command<Reporter> {
  constructor(
    readonly complaintId: string,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(ReadReporterContactCommand)
export class ReadReporterContactHandler implements ICommandHandler<ReadReporterContactCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  async execute({ complaintId, meta }: ReadReporterContactCommand): Promise<Reporter> {
    const commandMeta = { ...meta };
    const result = await this.store.handle(
      complaintStream(complaintId),
      complaintDecider,
      (state) => {
        if (state.status === 'none') throw new DomainError('COMPLAINT.NOT_FOUND', `complaint ${complaintId} does not exist`);
        commandMeta.unitId = state.unitId;
        return complaintDecider.decide({ type: 'ReadReporterContact', complaintId, now: this.clock.now().toISOString() }, state);
      },
      commandMeta,
      { otherTenantNotFoundCode: 'COMPLAINT.NOT_FOUND' },
    );
    if (result.state.status === 'none') throw new DomainError('COMPLAINT.NOT_FOUND', `complaint ${complaintId} does not exist`);
    const { rows } = await this.pool.query<{ name: string; email: string | null; phone: string | null }>(
      `SELECT name, email, phone FROM complaint_reporters WHERE reporter_ref = $1`,
      [result.state.reporterRef],
    );
    if (rows.length === 0) throw new DomainError('COMPLAINT.REPORTER_GONE', `complaint ${complaintId} keeps no reporter identity`);
    const [row] = rows;
    return { name: row.name, ...(row.email !== null && { email: row.email }), ...(row.phone !== null && { phone: row.phone }) };
  }
}
