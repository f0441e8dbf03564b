import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { CloseSkmPeriodHandler } from './commands/close-skm-period.handler';
import { CloseF03Handler, OpenF03CollectionHandler, RecordF03ResponseHandler } from './commands/f03.handlers';
import { OpenSkmSurveyHandler } from './commands/open-skm-survey.handler';
import { RecordSkmResponseHandler } from './commands/record-skm-response.handler';
import { CompleteFollowUpHandler, PlanFollowUpHandler, PublishSkmResultHandler } from './commands/skm-result.handlers';
import { F03CollectionsController } from './http/f03-collections.controller';
import { PublicSurveysController } from './http/public-surveys.controller';
import { SkmSurveysController } from './http/skm-surveys.controller';
import { CompletedRequests } from './queries/completed-requests';
import { F03ReportReader } from './queries/f03-report.reader';
import { SkmSurveyReader } from './queries/skm-survey.reader';

/** Public forms accept this many submissions and reads per client address per minute. */
const PUBLIC_REQUESTS_PER_MINUTE = 60;

@Module({
  // Only controllers with ThrottlerGuard (the public ones) are limited.
  imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'public', ttl: 60_000, limit: PUBLIC_REQUESTS_PER_MINUTE }] })],
  controllers: [SkmSurveysController, PublicSurveysController, F03CollectionsController],
  providers: [
    CompletedRequests,
    F03ReportReader,
    SkmSurveyReader,
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
