import { createHash, randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { Clock, InputProblemException } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { type RespondentProfileInput, surveyDecider, type UnsurAnswer } from '../domain';
import { PUBLIC_ACTOR } from '../http/actor';
import { CompletedRequests } from '../queries/completed-requests';
import { SkmSurveyReader } from '../queries/skm-survey.reader';
import { SurveyConfig } from '../../config';
import { commandMeta } from './command-meta';
import { duplicateCheck, type SubmittingClient } from './duplicate-check';

export interface RecordedResponse {
  responseId: string;
  recorded: boolean;
}

export class RecordSkmResponseCommand extends Command<RecordedResponse> {
  constructor(
    readonly publicLinkId: string,
    readonly answers: UnsurAnswer[],
    readonly profile: RespondentProfileInput | undefined,
    readonly suggestion: string | undefined,
    readonly trackingCode: string | undefined,
    readonly client: SubmittingClient,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

@CommandHandler(RecordSkmResponseCommand)
export class RecordSkmResponseHandler implements ICommandHandler<RecordSkmResponseCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
    private readonly surveys: SkmSurveyReader,
    private readonly completedRequests: CompletedRequests,
    private readonly config: SurveyConfig,
  ) {}

  async execute({ publicLinkId, answers, profile, suggestion, trackingCode, client, idempotencyKey }: RecordSkmResponseCommand): Promise<RecordedResponse> {
    const survey = await this.surveys.byPublicLink(publicLinkId);
    if (!survey) throw new DomainError('SURVEY.NOT_FOUND', `no survey ${publicLinkId}`);
    const known = new Set(survey.unsur.map((u) => u.code));
    const problems = answers.flatMap((a, i) =>
      known.has(a.code) ? [] : [{ field: `answers[${i}].code`, rule: 'unsur', message: `${a.code} is not an unsur of this survey` }],
    );
    const missing = survey.unsur.filter((u) => !answers.some((a) => a.code === u.code)).map((u) => u.code);
    if (missing.length > 0) problems.push({ field: 'answers', rule: 'complete', message: `missing answers for ${missing.join(', ')}` });
    if (problems.length > 0) throw new InputProblemException(problems);

    const code = trackingCode?.trim();
    const citedRequest = code
      ? {
          trackingCode: code,
          completedInUnitAndPeriod: await this.completedRequests.completedInUnitAndPeriod(
            survey.tenantId,
            code,
            survey.unitId,
            survey.periodStart,
            survey.periodEnd,
          ),
        }
      : undefined;
    // The same key always names the same response, so a retried submission records nothing new.
    const responseId = idempotencyKey ? createHash('sha256').update(`${survey.surveyId}/${idempotencyKey}`).digest('hex').slice(0, 32) : randomUUID();
    const now = this.clock.now();
    const duplicate = duplicateCheck(this.config.SURVEY_FINGERPRINT_SECRET, survey.surveyId, client, answers, suggestion, now);
    const result = await this.store.handle(
      survey.streamId,
      surveyDecider,
      (state) =>
        surveyDecider.decide(
          { type: 'RecordSkmResponse', responseId, answers, profile, suggestion, citedRequest, duplicateCheck: duplicate, now: now.toISOString() },
          state,
        ),
      commandMeta({ ...PUBLIC_ACTOR, tenantId: survey.tenantId }, survey.unitId, idempotencyKey),
    );
    return { responseId, recorded: result.appended > 0 };
  }
}
