import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta, foldStream } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { f03Decider, f03StreamId } from '../domain';
import { RespondentProofs } from './respondent-proofs';

export interface IssuedF03ProofCodes {
  /** In clear only here: print and hand them out; the service keeps keyed hashes. */
  codes: string[];
}

/** Issues one-time codes an open F-03 collection accepts as proof that a respondent was served, one per service delivered. */
export class IssueF03ProofCodesCommand extends Command<IssuedF03ProofCodes> {
  constructor(
    readonly meta: CommandMeta,
    readonly cycleId: string,
    readonly unitId: string,
    readonly count: number,
  ) {
    super();
  }
}

@CommandHandler(IssueF03ProofCodesCommand)
export class IssueF03ProofCodesHandler implements ICommandHandler<IssueF03ProofCodesCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
    private readonly proofs: RespondentProofs,
  ) {}

  async execute({ meta, cycleId, unitId, count }: IssueF03ProofCodesCommand): Promise<IssuedF03ProofCodes> {
    const streamId = f03StreamId(meta.tenantId, cycleId, unitId);
    const history = await this.store.readStream(streamId);
    const collection = foldStream(
      f03Decider,
      streamId,
      history.map((stored) => stored.event),
    );
    if (collection.status === 'none') throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    if (collection.status === 'closed') throw new DomainError('F03.CLOSED', `F-03 collection of ${unitId} is closed`);
    return { codes: await this.proofs.issueF03Codes(streamId, count, meta.actor.id, this.clock.now()) };
  }
}
