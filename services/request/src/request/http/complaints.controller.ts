import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CommandMeta } from '@lib/event-sourcing';
import { RequirePermission, Caller, TenantQuery } from '@lib/platform';
import { DomainError } from '../domain/error-codes';
import { ChangeComplaintCommand, type ComplaintStep } from '../commands/change-complaint.command';
import { ReceiveComplaintCommand } from '../commands/receive-complaint.command';
import { ListComplaintsQuery } from '../queries/read-models.queries';
import { GetComplaintTextsQuery } from '../queries/complaint-texts.query';
import { EraseComplaintPersonalDataCommand } from '../commands/erase-complaint-personal-data.command';
import { ReadReporterContactCommand } from '../commands/read-reporter-contact.command';

import {
  AssignComplaintRequest,
  ErasePersonalDataRequest,
  ReceiveComplaintRequest,
  RespondToComplaintRequest,
  VerifyComplaintRequest,
} from './complaint.request';
import { ComplaintListFilter } from './page.request';
import { COMPLAINT } from './resources';
import { ComplaintDetailResponse, ComplaintPageResponse, ComplaintResponse, ReceivedComplaintResponse, ReporterContactResponse } from './complaint.response';
import { complaintBody } from './responses';

class ComplaintPath {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  complaintId!: string;
}

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('complaint:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: "The tenant's complaints, filtered by unit, period and status (no reporter identity); a unit-scoped role must name its unit" })
  @ApiOkResponse({ type: ComplaintPageResponse })
  list(@Query() { unitId, period, status, limit, offset }: ComplaintListFilter, @Caller() { actor }: Caller): Promise<ComplaintPageResponse> {
    return this.queries.execute(new ListComplaintsQuery(actor.tenantId, { unitId, period, status }, { limit, offset }));
  }

  @Get(':complaintId')
  @RequirePermission('complaint:read', { resource: COMPLAINT })
  @ApiOperation({ summary: 'One complaint with its deadlines and texts (subject, description, notes, responses, reopening reasons; "[dihapus]" once erased)' })
  @ApiOkResponse({ type: ComplaintDetailResponse })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  async get(@Param() { complaintId }: ComplaintPath, @Query() _tenant: TenantQuery, @Caller() { actor }: Caller): Promise<ComplaintDetailResponse> {
    const page = await this.queries.execute(new ListComplaintsQuery(actor.tenantId, { complaintId }, { limit: 1, offset: 0 }));
    if (page.items.length === 0) throw new DomainError('COMPLAINT.NOT_FOUND', `complaint ${complaintId} does not exist`);
    return { ...page.items[0], ...(await this.queries.execute(new GetComplaintTextsQuery(complaintId))) };
  }

  @Post(':complaintId/reporter-contact')
  @HttpCode(200)
  @RequirePermission('complaint:write', { resource: COMPLAINT })
  @ApiOperation({
    summary: "The reporter's name, e-mail and phone, for the staff of the complaint's unit while it is open; every read is recorded in the complaint's history",
  })
  @ApiOkResponse({ type: ReporterContactResponse })
  reporterContact(@Param() { complaintId }: ComplaintPath, @Caller() { meta }: Caller): Promise<ReporterContactResponse> {
    return this.commands.execute(new ReadReporterContactCommand(complaintId, meta));
  }

  @Post(':complaintId/personal-data-erasure')
  @HttpCode(200)
  @RequirePermission('personal-data:erase', { resource: COMPLAINT })
  @ApiOperation({
    summary:
      'Erase the complaint\'s personal data (UU PDP): its texts read "[dihapus]" from now on, the reporter\'s identity is deleted, and the erasure is recorded in its history',
  })
  @ApiOkResponse({ description: 'The complaint after the erasure; appended 0 when it was erased before', type: ComplaintResponse })
  async erasePersonalData(
    @Param() { complaintId }: ComplaintPath,
    @Body() { reason }: ErasePersonalDataRequest,
    @Caller() { meta }: Caller,
  ): Promise<ComplaintResponse> {
    const outcome = await this.commands.execute(new EraseComplaintPersonalDataCommand(complaintId, reason, 'request', meta));
    return complaintBody(outcome);
  }

  @Post()
  @RequirePermission('complaint:write', { unitParam: 'unitId' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: "Receive a complaint at the counter, by letter or from SP4N-LAPOR!; the reporter's identity is kept apart from the event log" })
  @ApiCreatedResponse({ description: 'Complaint id, deadlines and the reporterRef needed to reopen', type: ReceivedComplaintResponse })
  async receive(@Body() { reporter, ...complaint }: ReceiveComplaintRequest, @Caller() { meta }: Caller): Promise<ReceivedComplaintResponse> {
    const outcome = await this.commands.execute(new ReceiveComplaintCommand(complaint, reporter, meta));
    return { ...complaintBody(outcome), reporterRef: outcome.reporterRef };
  }

  @Post(':complaintId/verify')
  @HttpCode(200)
  @RequirePermission('complaint:write', { resource: COMPLAINT })
  @ApiOperation({ summary: 'Verify: verified, postponed (tunda), not our authority, or archived' })
  @ApiOkResponse({ description: 'The complaint after the command', type: ComplaintResponse })
  verify(@Param() { complaintId }: ComplaintPath, @Body() body: VerifyComplaintRequest, @Caller() { meta }: Caller) {
    return this.change(complaintId, { type: 'VerifyComplaint', ...body }, meta);
  }

  @Post(':complaintId/assign')
  @HttpCode(200)
  @RequirePermission('complaint:write', { resource: COMPLAINT, unitParam: 'unitId' })
  @ApiOperation({ summary: "Assign (disposisi) to a unit; the caller's scope must cover the complaint's unit and the new one" })
  @ApiOkResponse({ description: 'The complaint after the command', type: ComplaintResponse })
  assign(@Param() { complaintId }: ComplaintPath, @Body() body: AssignComplaintRequest, @Caller() { meta }: Caller) {
    return this.change(complaintId, { type: 'AssignComplaint', ...body }, meta);
  }

  @Post(':complaintId/respond')
  @HttpCode(200)
  @RequirePermission('complaint:write', { resource: COMPLAINT })
  @ApiOperation({ summary: 'Record a follow-up (tindak lanjut)' })
  @ApiOkResponse({ description: 'The complaint after the command', type: ComplaintResponse })
  respond(@Param() { complaintId }: ComplaintPath, @Body() body: RespondToComplaintRequest, @Caller() { meta }: Caller) {
    return this.change(complaintId, { type: 'RespondToComplaint', ...body }, meta);
  }

  @Post(':complaintId/resolve')
  @HttpCode(200)
  @RequirePermission('complaint:write', { resource: COMPLAINT })
  @ApiOperation({ summary: 'Resolve; records whether it was within the deadline and via LAPOR!' })
  @ApiOkResponse({ description: 'The complaint after the command', type: ComplaintResponse })
  resolve(@Param() { complaintId }: ComplaintPath, @Caller() { meta }: Caller) {
    return this.change(complaintId, { type: 'ResolveComplaint' }, meta);
  }

  private async change(complaintId: string, step: ComplaintStep, meta: CommandMeta): Promise<ComplaintResponse> {
    const outcome = await this.commands.execute(new ChangeComplaintCommand(complaintId, step, meta));
    return complaintBody(outcome);
  }
}
