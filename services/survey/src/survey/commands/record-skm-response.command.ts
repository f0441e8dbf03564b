import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { type CommandMeta, EventStore, PersonalDataKeys } from '@lib/event-sourcing';
import { Clock, type CommandReply, commandReply, InputProblemException } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { type RespondentProfileInput, surveyDecider, type UnsurAnswer } from '../domain';
import { CompletedRequests } from '../queries/completed-requests';
import { SkmSurveyReader } from '../queries/skm-survey.reader';
import { SurveyConfig } from '../../config';
import { duplicateCheck, type SubmittingClient } from './duplicate-check';
import { RespondentProofs, type VerifiedProof } from './respondent-proofs';
import { sealSkmResponse } from './skm-personal-data';
import { Submissions } from './submissions';

export interface RecordedResponse extends CommandReply {
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
    /** A citizen's command; its tenant and unit are the survey's, known once the link is looked up. */
    readonly meta: CommandMeta,
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
    private readonly proofs: RespondentProofs,
    private readonly submissions: Submissions,
    private readonly personalData: PersonalDataKeys,
  ) {}

  async execute({ publicLinkId, answers, profile, suggestion, trackingCode, client, meta }: RecordSkmResponseCommand): Promise<RecordedResponse> {
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
    const completed = code
      ? await this.completedRequests.completedInUnitAndPeriod(survey.tenantId, code, survey.unitId, survey.periodStart, survey.periodEnd)
      : false;
    const citedRequest = code ? { trackingCode: code, completedInUnitAndPeriod: completed } : undefined;
    const proof: VerifiedProof =
      code && completed ? { kind: 'completed-request', usedKey: this.proofs.usedKey(survey.streamId, 'completed-request', code) } : { kind: 'none' };
    // A response id is never the client's key: a key only says "this is a retry" (the store answers it).
    const responseId = randomUUID();
    const now = this.clock.now();
    const duplicate = duplicateCheck(this.config.SURVEY_FINGERPRINT_SECRET, survey.surveyId, client, answers, suggestion, now);
    // Each response has a key of its own, scoped to its survey so retention erases a closed period's keys together.
    const sealer = await this.personalData.sealerFor(responseId, survey.surveyId);
    if (!sealer) throw new Error(`response ${responseId} has an erased key before it was recorded`);
    const result = await this.store.handle(
      survey.streamId,
      surveyDecider,
      (state) =>
        sealSkmResponse(
          surveyDecider.decide(
            { type: 'RecordSkmResponse', responseId, answers, profile, suggestion, citedRequest, duplicateCheck: duplicate, now: now.toISOString() },
            state,
          ),
          sealer,
        ),
      { ...meta, tenantId: survey.tenantId, unitId: survey.unitId },
      {
        alongside: async (tx) => {
          await this.proofs.claim(
            tx,
            survey.streamId,
            proof,
            'SURVEY.DUPLICATE_REQUEST_RESPONSE',
            `the cited request already has a response in survey ${survey.surveyId}`,
          );
          await this.submissions.refuseResent(tx, survey.streamId, duplicate, {
            code: 'SURVEY.DUPLICATE_SUBMISSION',
            detail: `the same answers were just sent from this device to survey ${survey.surveyId}`,
          });
          await this.submissions.record(tx, survey.streamId, { client, verified: proof.kind !== 'none', at: now, duplicate });
        },
      },
    );
    return { ...commandReply(result), responseId, recorded: result.appended > 0 };
  }
}
