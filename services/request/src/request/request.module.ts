import { Module } from '@nestjs/common';
import { ChangeComplaintHandler, ReceiveComplaintHandler } from './commands/complaint.commands';
import { ChangeRequestHandler, SubmitRequestHandler } from './commands/request.commands';
import { DecideServiceStandardHandler } from './commands/service-standard.commands';
import { ComplaintsController } from './http/complaints.controller';
import { RequestsController } from './http/requests.controller';
import { ServiceStandardsController } from './http/service-standards.controller';
import { ComplaintsProjection } from './projections/complaints.projection';
import { RequestsProjection } from './projections/requests.projection';
import { ServiceStandardsProjection } from './projections/service-standards.projection';
import {
  GetRequestByTrackingCodeHandler,
  GetUnitFiguresHandler,
  ListComplaintsHandler,
  ListRequestsHandler,
  ListServiceStandardsHandler,
} from './queries/read-models.queries';
import { SlaBreachScanner } from './sla/sla-breach-scanner';

/** Registered with PlatformModule.forService, which runs them as background projectors. */
export const requestProjections = [ServiceStandardsProjection, RequestsProjection, ComplaintsProjection];

@Module({
  controllers: [ServiceStandardsController, RequestsController, ComplaintsController],
  providers: [
    DecideServiceStandardHandler,
    SubmitRequestHandler,
    ChangeRequestHandler,
    ReceiveComplaintHandler,
    ChangeComplaintHandler,
    GetRequestByTrackingCodeHandler,
    ListRequestsHandler,
    ListServiceStandardsHandler,
    GetUnitFiguresHandler,
    ListComplaintsHandler,
    SlaBreachScanner,
  ],
})
export class RequestModule {}
