import { Module } from '@nestjs/common';
import { ChangeCalendarHandler } from './commands/change-calendar.command';
import { ChangeComplaintHandler } from './commands/change-complaint.command';
import { ReceiveComplaintHandler } from './commands/receive-complaint.command';
import { ChangeRequestHandler } from './commands/change-request.command';
import { SubmitRequestHandler } from './commands/submit-request.command';
import { DecideServiceStandardHandler } from './commands/decide-service-standard.command';
import { ShipNationalCalendars } from './commands/ship-national-calendars.task';
import { CalendarsController } from './http/calendars.controller';
import { CitizenController } from './http/citizen.controller';
import { OnlineSubmissionCap } from './http/online-submission-cap';
import { ComplaintsController } from './http/complaints.controller';
import { RequestsController } from './http/requests.controller';
import { ServiceStandardsController } from './http/service-standards.controller';
import { CalendarsProjection } from './projections/calendars.projection';
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
import { GetCalendarYearHandler } from './queries/calendar-year.query';
import { TenantCalendars } from './queries/tenant-calendars';
import { SlaBreachScanner } from './commands/sla-breach-scan.task';
import { PersonalDataRetention } from './commands/personal-data-retention.task';
import { EraseComplaintPersonalDataHandler } from './commands/erase-complaint-personal-data.command';
import { ReadReporterContactHandler } from './commands/read-reporter-contact.command';
import { GetComplaintTextsHandler } from './queries/complaint-texts.query';

/** Registered with PlatformModule.forService, which runs them as background projectors. */
export const requestProjections = [CalendarsProjection, ServiceStandardsProjection, RequestsProjection, ComplaintsProjection];

@Module({
  controllers: [ServiceStandardsController, RequestsController, ComplaintsController, CitizenController, CalendarsController],
  providers: [
    TenantCalendars,
    OnlineSubmissionCap,
    ShipNationalCalendars,
    ChangeCalendarHandler,
    GetCalendarYearHandler,
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
    EraseComplaintPersonalDataHandler,
    ReadReporterContactHandler,
    GetComplaintTextsHandler,
    PersonalDataRetention,
  ],
})
export class RequestModule {}
