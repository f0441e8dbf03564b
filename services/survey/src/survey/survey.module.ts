import { Module } from '@nestjs/common';
import { CloseSkmPeriodHandler } from './commands/close-skm-period.command';
import { CloseF03Handler } from './commands/close-f03.command';
import { DeclareSkmPopulationHandler } from './commands/declare-skm-population.command';
import { OpenF03CollectionHandler } from './commands/open-f03-collection.command';
import { RecordF03ResponseHandler } from './commands/record-f03-response.command';
import { OpenSkmSurveyHandler } from './commands/open-skm-survey.command';
import { SkmTextRetention } from './commands/skm-text-retention.task';
import { RecordSkmResponseHandler } from './commands/record-skm-response.command';
import { CompleteFollowUpHandler } from './commands/complete-follow-up.command';
import { PlanFollowUpHandler } from './commands/plan-follow-up.command';
import { PublishSkmResultHandler } from './commands/publish-skm-result.command';
import { IssueF03ProofCodesHandler } from './commands/issue-f03-proof-codes.command';
import { RespondentProofs } from './commands/respondent-proofs';
import { SubmissionRetention } from './commands/submission-retention.task';
import { Submissions } from './commands/submissions';
import { F03CollectionsController } from './http/f03-collections.controller';
import { PublicSurveysController } from './http/public-surveys.controller';
import { SkmSurveysController } from './http/skm-surveys.controller';
import { UnitSkmSurveysController } from './http/unit-skm-surveys.controller';
import { CompletedRequests } from './queries/completed-requests';
import { GetF03ReportHandler, GetPublicF03FormHandler } from './queries/f03.queries';
import { PekpppCycles } from './queries/pekppp-cycles';
import { GetPublicSkmFormHandler, GetSkmSurveyResultHandler } from './queries/skm-survey.queries';
import { SkmSurveyReader } from './queries/skm-survey.reader';
import { ListUnitSkmSurveysHandler } from './queries/unit-skm-surveys.queries';
import { GetF03ProofCodeCountsHandler, GetF03SubmissionsHandler, GetSkmSubmissionsHandler, SubmissionsReviewReader } from './queries/submissions.queries';

@Module({
  controllers: [SkmSurveysController, UnitSkmSurveysController, PublicSurveysController, F03CollectionsController],
  providers: [
    ListUnitSkmSurveysHandler,
    CompletedRequests,
    SkmSurveyReader,
    GetSkmSurveyResultHandler,
    GetPublicSkmFormHandler,
    GetF03ReportHandler,
    GetPublicF03FormHandler,
    PekpppCycles,
    OpenSkmSurveyHandler,
    RecordSkmResponseHandler,
    SkmTextRetention,
    DeclareSkmPopulationHandler,
    CloseSkmPeriodHandler,
    PublishSkmResultHandler,
    PlanFollowUpHandler,
    CompleteFollowUpHandler,
    OpenF03CollectionHandler,
    RecordF03ResponseHandler,
    CloseF03Handler,
    RespondentProofs,
    Submissions,
    SubmissionRetention,
    SubmissionsReviewReader,
    IssueF03ProofCodesHandler,
    GetF03ProofCodeCountsHandler,
    GetF03SubmissionsHandler,
    GetSkmSubmissionsHandler,
  ],
})
export class SurveyModule {}
