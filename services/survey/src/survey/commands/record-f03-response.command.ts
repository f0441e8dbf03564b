import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, commandReply, type CommandReply, forUnit } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { f03Decider, type F03ItemScore, f03StreamId } from '../domain';
import { SurveyConfig } from '../../config';
import { duplicateCheck, type SubmittingClient } from './duplicate-check';
import { RespondentProofs } from './respondent-proofs';
import { Submissions } from './submissions';

export class RecordF03ResponseCommand extends Command<CommandReply> {
  constructor(
    readonly meta: CommandMeta,
    readonly cycleId: string,
    readonly unitId: string,
    readonly items: F03ItemScore[],
    /** A completed request's tracking code or a one-time code of the collection; none = unverified. */
    readonly proof: string | undefined,
    readonly client: SubmittingClient,
  ) {
    super();
  }
}

/**
 * Records an F-03 response with what its respondent proved: a proof counts once per collection (its
 * keyed hash is claimed with the response), and only proven responses count toward the quota and score.
 * Duplicates are refused as for SKM responses: a second response from the same form token, or the same
 * answers resent from the same device within the resend window.
 */
@CommandHandler(RecordF03ResponseCommand)
export class RecordF03ResponseHandler implements ICommandHandler<RecordF03ResponseCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
    private readonly proofs: RespondentProofs,
    private readonly submissions: Submissions,
    private readonly config: SurveyConfig,
  ) {}

  async execute({ meta, cycleId, unitId, items, proof, client }: RecordF03ResponseCommand): Promise<CommandReply> {
    const streamId = f03StreamId(meta.tenantId, cycleId, unitId);
    const verified = await this.proofs.verifyF03(meta.tenantId, unitId, streamId, proof);
    // A response id is never the client's key: a key only says "this is a retry" (the store answers it).
    const responseId = randomUUID();
    const now = this.clock.now();
    const answers = items.map(({ item, score }) => ({ code: `${item}`, value: score }));
    const duplicate = duplicateCheck(this.config.SURVEY_FINGERPRINT_SECRET, streamId, client, answers, undefined, now);
    const result = await this.store.handle(
      streamId,
      f03Decider,
      (state) => {
        if (state.status === 'none') throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
        return f03Decider.decide(
          { type: 'RecordF03Response', responseId, items, proof: verified.kind, duplicateCheck: duplicate, now: now.toISOString() },
          state,
        );
      },
      forUnit(meta, unitId),
      {
        alongside: async (tx) => {
          await this.proofs.claim(tx, streamId, verified, 'F03.PROOF_USED', `this proof was already used in the F-03 collection of ${unitId}`);
          await this.submissions.refuseResent(tx, streamId, duplicate, {
            code: 'F03.DUPLICATE_SUBMISSION',
            detail: `the same answers were just sent from this device to the F-03 collection of ${unitId}`,
          });
          await this.submissions.record(tx, streamId, { client, verified: verified.kind !== 'none', at: now, duplicate });
        },
      },
    );
    return commandReply(result);
  }
}
