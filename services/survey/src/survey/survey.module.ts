import { Module } from '@nestjs/common';
import { CloseSkmPeriodHandler } from './commands/close-skm-period.handler';
import { CloseF03Handler, OpenF03CollectionHandler, RecordF03ResponseHandler } from './commands/f03.handlers';
import { OpenSkmSurveyHandler } from './commands/open-skm-survey.handler';
import { RecordSkmResponseHandler } from './commands/record-skm-response.handler';
import { CompleteFollowUpHandler, PlanFollowUpHandler, PublishSkmResultHandler } from './commands/skm-result.handlers';
import { F03CollectionsController } from './http/f03-collections.controller';
import { PublicSurveysController } from './http/public-surveys.controller';
import { SkmSurveysController } from './http/skm-surveys.controller';
import { CompletedRequests } from './queries/completed-requests';
import { GetF03ReportHandler } from './queries/f03.queries';
import { GetPublicSkmFormHandler, GetSkmSurveyResultHandler } from './queries/skm-survey.queries';
import { SkmSurveyReader } from './queries/skm-survey.reader';
import { UnitSkmSurveysModule } from './unit-skm-surveys.module';

@Module({
  imports: [UnitSkmSurveysModule],
  controllers: [SkmSurveysController, PublicSurveysController, F03CollectionsController],
  providers: [
    CompletedRequests,
    SkmSurveyReader,
    GetSkmSurveyResultHandler,
    GetPublicSkmFormHandler,
    GetF03ReportHandler,
    OpenSkmSurveyHandler,
    RecordSkmResponseHandler,
    CloseSkmPeriodHandler,
    PublishSkmResultHandler,
    PlanFollowUpHandler,
    CompleteFollowUpHandler,
    OpenF03CollectionHandler,
    RecordF03ResponseHandler,
    CloseF03Handler,
  ],
})
export class SurveyModule {}
