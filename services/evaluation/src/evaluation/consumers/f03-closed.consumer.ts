import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type SurveyEvent, surveyCodec, topics } from '@lib/contracts';
import { fraction, fromDecimal } from '@lib/kernel';
import type { Delivery } from '@lib/messaging';
import { eventCommandMeta, type RegisteredConsumer } from '@lib/platform';
import { RecordUserScoreCommand } from '../commands/record-user-score.command';

/**
 * Records the survey context's F-03 result on the cycle stream, so the merged IPP is computed from
 * the evaluation store alone. The decider ignores an F03Closed whose event id it has recorded, and the
 * idempotency key makes a redelivery a no-op even after the results are frozen.
 * A DomainError (unknown cycle, unit not in scope) goes to the DLQ via the runner.
 * The score is taken exact, from the sum and count of the item answers the event carries; its `score`
 * double only for an event without them.
 */
@Injectable()
export class F03ClosedConsumer implements RegisteredConsumer<SurveyEvent> {
  readonly groupId = 'evaluation.f03-closed';
  readonly topic = topics.survey;
  readonly codec = surveyCodec;

  constructor(private readonly commands: CommandBus) {}

  async handle({ event, envelope }: Delivery<SurveyEvent>): Promise<void> {
    if (event.$case !== 'f03Closed') return;
    const { cycleId, unitId, score: nearest, respondents, quotaMet, itemScoreTotal, itemAnswerCount } = event.value;
    const score = itemAnswerCount > 0 ? fraction(itemScoreTotal, itemAnswerCount) : fromDecimal(nearest);
    await this.commands.execute(
      new RecordUserScoreCommand(cycleId, unitId, { score, respondents, quotaMet }, envelope.eventId, eventCommandMeta(this.groupId, envelope, unitId)),
    );
  }
}
