import type { CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope, SurveyEvent } from '@lib/contracts';
import { fraction } from '@lib/kernel';
import type { RecordUserScoreCommand } from '../commands/record-user-score.command';
import { F03ClosedConsumer } from './f03-closed.consumer';

const envelope: EventEnvelope = {
  eventId: 'survey-event-1',
  eventType: 'F03Closed',
  streamId: 'f03-kota/pekppp-2026/disdukcapil',
  streamVersion: 12,
  occurredAt: '2026-06-30T10:00:00.000Z',
  tenantId: 'kota',
  unitId: 'disdukcapil',
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  actorId: 'survey-service',
  actorRole: 'system',
};

const closed = (parts: { itemScoreTotal: number; itemAnswerCount: number; respondents: number; score: number }): SurveyEvent => ({
  $case: 'f03Closed',
  value: {
    cycleId: 'pekppp-2026',
    unitId: 'disdukcapil',
    quotaMet: true,
    minimumQuota: 10,
    closedAt: envelope.occurredAt,
    ruleset: 'pekppp-2023@1',
    provisional: true,
    unverifiedRespondents: 0,
    ...parts,
  },
});

async function recorded(event: SurveyEvent): Promise<RecordUserScoreCommand> {
  const executed: RecordUserScoreCommand[] = [];
  const commands = { execute: (command: RecordUserScoreCommand) => Promise.resolve(executed.push(command)) } as unknown as CommandBus;
  await new F03ClosedConsumer(commands).handle({ event, envelope, topic: 'survey.events.v1', partition: 0, offset: '0' });
  return executed[0];
}

describe('F03ClosedConsumer', () => {
  it.each<[string, { itemScoreTotal: number; itemAnswerCount: number; respondents: number; score: number }, ReturnType<typeof fraction>]>([
    ['a mean that no double holds: 583 / 140', { itemScoreTotal: 583, itemAnswerCount: 140, respondents: 10, score: 583 / 140 }, fraction(583, 140)],
    ['a third: 1120 / 336', { itemScoreTotal: 1120, itemAnswerCount: 336, respondents: 24, score: 1120 / 336 }, fraction(10, 3)],
    ['no respondents score 0', { itemScoreTotal: 0, itemAnswerCount: 0, respondents: 0, score: 0 }, fraction(0)],
  ])('records the exact F-03 score from the closed collection: %s', async (_name, parts, exact) => {
    expect((await recorded(closed(parts))).summary).toMatchObject({ score: exact, respondents: parts.respondents, quotaMet: true });
  });
});
