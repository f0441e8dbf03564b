import { Module } from '@nestjs/common';
import { ChangeCalendarHandler } from './commands/calendar.commands';
import { ChangeComplaintHandler, ReceiveComplaintHandler } from './commands/complaint.commands';
import { ChangeRequestHandler, SubmitRequestHandler } from './commands/request.commands';
import { DecideServiceStandardHandler } from './commands/service-standard.commands';
import { ShipNationalCalendars } from './commands/ship-national-calendars';
import { CalendarsController } from './http/calendars.controller';
import { CitizenController } from './http/citizen.controller';
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
import { SlaBreachScanner } from './sla/sla-breach-scanner';

/** Registered with PlatformModule.forService, which runs them as background projectors. */
export const requestProjections = [CalendarsProjection, ServiceStandardsProjection, RequestsProjection, ComplaintsProjection];

@Module({
  controllers: [ServiceStandardsController, RequestsController, ComplaintsController, CitizenController, CalendarsController],
  providers: [
    TenantCalendars,
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
  ],
})
export class RequestModule {}
