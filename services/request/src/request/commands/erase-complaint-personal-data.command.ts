import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { type CommandMeta, EventStore, PersonalDataKeys } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { type Complaint, complaintDecider, type ErasureCauseKey } from '../domain';
import { type CommandOutcome, outcomeOf } from './outcome';
import { complaintStream } from './complaint-stream';

/** Erases a complaint's personal data: its key (every sealed text reads "[dihapus]") and its reporter row. */
export class EraseComplaintPersonalDataCommand extends Command<CommandOutcome<Complaint>> {
  constructor(
    readonly complaintId: string,
    readonly reason: string,
    readonly cause: ErasureCauseKey,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(EraseComplaintPersonalDataCommand)
export class EraseComplaintPersonalDataHandler implements ICommandHandler<EraseComplaintPersonalDataCommand> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly pool: Pool,
    private readonly personalData: PersonalDataKeys,
    private readonly clock: Clock,
  ) {}

  async execute({ complaintId, reason, cause, meta }: EraseComplaintPersonalDataCommand): Promise<CommandOutcome<Complaint>> {
    const commandMeta = { ...meta };
    const result = await this.store.handle(
      complaintStream(complaintId),
      complaintDecider,
      (state) => {
        if (state.status === 'none') throw new DomainError('COMPLAINT.NOT_FOUND', `complaint ${complaintId} does not exist`);
        commandMeta.unitId = state.unitId;
        return complaintDecider.decide({ type: 'EraseComplaintPersonalData', complaintId, reason, cause, now: this.clock.now().toISOString() }, state);
      },
      commandMeta,
      { otherTenantNotFoundCode: 'COMPLAINT.NOT_FOUND' },
    );
    // The event comes first: a crash between it and the erasure leaves a history that says "erased"
    // and a key the next call (or the retention sweep, which looks at the keys) still erases.
    await this.personalData.erase(complaintId);
    await this.pool.query(`DELETE FROM complaint_reporters WHERE complaint_id = $1`, [complaintId]);
    return outcomeOf(this.store, result, complaintDecider);
  }
}
