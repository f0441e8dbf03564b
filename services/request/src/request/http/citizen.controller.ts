import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import type { Request } from 'express';
import { DomainError } from '@lib/event-sourcing';
import { SIMPLE_ID } from '@lib/kernel';
import { CitizenEndpoint, TargetLocator, citizenCommandMeta } from '@lib/platform';
import { ChangeComplaintCommand } from '../commands/change-complaint.command';
import { ReceiveComplaintCommand } from '../commands/receive-complaint.command';
import { SubmitRequestCommand } from '../commands/submit-request.command';
import { GetRequestByTrackingCodeQuery, ListServiceStandardsQuery } from '../queries/read-models.queries';

import { CitizenComplaintRequest, ReopenComplaintRequest } from './complaint.request';
import { SubmitRequestRequest } from './request.request';
import { COMPLAINT, RequestResourceLocator } from './resources';
import { ComplaintResponse, ReceivedComplaintResponse } from './complaint.response';
import { PublicRequestStatusResponse, SubmittedOnlineResponse } from './request.response';
import { OnlineSubmissionCap } from './online-submission-cap';
import { complaintBody } from './responses';

class TenantPath {
  @ApiProperty({ example: 'kota-banjarmasin' })
  @Matches(SIMPLE_ID)
  tenantId!: string;
}

class TenantUnitPath extends TenantPath {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;
}

class TrackingPath {
  @ApiProperty({ example: 'PTN-7K3MQ2XD9RTV4B6N' })
  @Matches(/^[A-Z0-9-]{4,32}$/)
  trackingCode!: string;
}

/** The tracking code is a bearer secret: in a body it stays out of URLs, access logs and browser history. */
class TrackingLookupRequest extends TrackingPath {}

class ComplaintPath {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  complaintId!: string;
}

/**
 * What citizens do without an account: submit a request online (eLOK-style, no queueing), follow it by
 * its tracking code, file a complaint, and reopen it with the reporterRef they got. Rate-limited per
 * client address, and submissions per unit and hour (OnlineSubmissionCap); the events record the
 * `public` actor and nothing personal.
 */
@ApiTags('citizens')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A random UUID; a retry with the same key gets the first answer' })
@Controller('public')
export class CitizenController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    // this service's own locator: a complaint id is unique across tenants, so a citizen needs no tenant to find one
    @Inject(TargetLocator) private readonly resources: RequestResourceLocator,
    private readonly submissionCap: OnlineSubmissionCap,
  ) {}

  @Post('requests/lookup')
  @HttpCode(200)
  @CitizenEndpoint()
  @ApiOperation({ summary: 'The status of a request by its tracking code, sent in the body: no internal ids, no staff names' })
  @ApiOkResponse({ description: 'Status, due date, paused, overdue', type: PublicRequestStatusResponse })
  @ApiNotFoundResponse({ description: 'No such tracking code' })
  lookUp(@Body() { trackingCode }: TrackingLookupRequest): Promise<PublicRequestStatusResponse> {
    return this.queries.execute(new GetRequestByTrackingCodeQuery(trackingCode));
  }

  // Kept for links and clients made before the lookup by body; the portal no longer calls it.
  @Get('requests/:trackingCode')
  @CitizenEndpoint()
  @ApiOperation({
    summary: 'Deprecated: the tracking code in the URL ends up in access logs and browser history; use POST /public/requests/lookup',
    deprecated: true,
  })
  @ApiOkResponse({ description: 'Status, due date, paused, overdue', type: PublicRequestStatusResponse })
  @ApiNotFoundResponse({ description: 'No such tracking code' })
  track(@Param() { trackingCode }: TrackingPath): Promise<PublicRequestStatusResponse> {
    return this.queries.execute(new GetRequestByTrackingCodeQuery(trackingCode));
  }

  @Post('tenants/:tenantId/units/:unitId/requests')
  @CitizenEndpoint()
  @ApiOperation({ summary: "Submit a request online to a unit's service; keep the tracking code to follow it" })
  @ApiCreatedResponse({ description: 'Tracking code, status and due date', type: SubmittedOnlineResponse })
  @ApiConflictResponse({ description: 'The unit publishes no standard for this service, or unknown requirements' })
  @ApiTooManyRequestsResponse({ description: "Too many requests from this address, or the unit's hourly cap of online submissions reached" })
  async submit(@Param() { tenantId, unitId }: TenantUnitPath, @Body() body: SubmitRequestRequest, @Req() request: Request): Promise<SubmittedOnlineResponse> {
    await this.submissionCap.admit(tenantId, unitId, request);
    const outcome = await this.commands.execute(
      new SubmitRequestCommand(body.serviceId, body.suppliedRequirements, citizenCommandMeta(request, tenantId), unitId),
    );
    const submitted = outcome.state.request;
    if (submitted.status === 'none') throw new Error(`request ${outcome.streamId} has no state after its submission`);
    return { trackingCode: submitted.trackingCode, status: submitted.status, dueDate: submitted.dueDate, missingRequirements: submitted.missingRequirements };
  }

  @Post('tenants/:tenantId/complaints')
  @CitizenEndpoint()
  @ApiOperation({ summary: 'File a complaint about a unit; keep the reporterRef to reopen it. Your identity stays out of the event log' })
  @ApiCreatedResponse({ description: 'Complaint id, deadlines and the reporterRef needed to reopen', type: ReceivedComplaintResponse })
  @ApiNotFoundResponse({ description: 'The tenant has no such service unit' })
  @ApiTooManyRequestsResponse({ description: "Too many requests from this address, or the unit's hourly cap of online submissions reached" })
  async complain(
    @Param() { tenantId }: TenantPath,
    @Body() { reporter, ...complaint }: CitizenComplaintRequest,
    @Req() request: Request,
  ): Promise<ReceivedComplaintResponse> {
    // Service units are the units that publish standards; anything else is a typo or noise.
    const units = await this.queries.execute(new ListServiceStandardsQuery(tenantId, { unitId: complaint.unitId }, { limit: 1, offset: 0 }));
    if (units.total === 0) throw new DomainError('UNIT.NOT_FOUND', `${tenantId} has no service unit ${complaint.unitId}`);
    await this.submissionCap.admit(tenantId, complaint.unitId, request);
    const outcome = await this.commands.execute(new ReceiveComplaintCommand({ ...complaint, channel: 'web' }, reporter, citizenCommandMeta(request, tenantId)));
    return { ...complaintBody(outcome), reporterRef: outcome.reporterRef };
  }

  @Post('complaints/:complaintId/reopen')
  @HttpCode(200)
  @CitizenEndpoint()
  @ApiOperation({ summary: 'Reopen a resolved complaint with the reporterRef received when filing it' })
  @ApiOkResponse({ description: 'The complaint, reopened', type: ComplaintResponse })
  @ApiConflictResponse({ description: 'Not resolved, or the reporterRef does not match' })
  async reopen(@Param() { complaintId }: ComplaintPath, @Body() body: ReopenComplaintRequest, @Req() request: Request): Promise<ComplaintResponse> {
    // a complaint id is random, unique across tenants: the complaint tells which tenant it belongs to
    const located = await this.resources.locate(COMPLAINT.kind, complaintId, '');
    if (!located) throw new DomainError(COMPLAINT.notFoundCode, `complaint ${complaintId} does not exist`);
    const outcome = await this.commands.execute(
      new ChangeComplaintCommand(complaintId, { type: 'ReopenComplaint', ...body }, citizenCommandMeta(request, located.tenantId)),
    );
    return complaintBody(outcome);
  }
}
