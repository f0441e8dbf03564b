import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Caller, TenantQuery } from '@lib/platform';
import { Matches } from 'class-validator';
import { SIMPLE_ID } from '@lib/kernel';
import { DomainError } from '../domain/error-codes';
import { DecideServiceStandardCommand } from '../commands/decide-service-standard.command';
import { ListServiceStandardsQuery } from '../queries/read-models.queries';

import { StandardListFilter } from './page.request';
import { STANDARD } from './resources';
import { standardBody } from './responses';
import { ServiceStandardPageResponse, ServiceStandardRowResponse, StandardResponse } from './service-standard.response';
import { PublishServiceStandardRequest, ReviseServiceStandardRequest } from './service-standard.request';

class ServicePath {
  @ApiProperty({ example: 'ktp-el' })
  @Matches(SIMPLE_ID)
  serviceId!: string;
}

@ApiTags('service standards')
@Controller('service-standards')
export class ServiceStandardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('standard:write', { unitParam: 'unitId' })
  @ApiOperation({ summary: 'Publish the first standard of a service (14 components; completeness is evaluated)' })
  @ApiCreatedResponse({ description: 'The published revision and its completeness', type: StandardResponse })
  @ApiConflictResponse({ description: 'Already published, or content breaks a rule' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async publish(@Body() body: PublishServiceStandardRequest, @Caller() { meta }: Caller): Promise<StandardResponse> {
    const outcome = await this.commands.execute(new DecideServiceStandardCommand({ type: 'PublishServiceStandard', ...body }, meta));
    return standardBody(outcome);
  }

  @Put(':serviceId')
  @RequirePermission('standard:write', { resource: STANDARD, unitParam: 'unitId' })
  @ApiOperation({ summary: "Revise a published standard; moving it to another unit needs both units in the caller's scope" })
  @ApiOkResponse({ description: 'The new revision and its completeness', type: StandardResponse })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async revise(@Param() { serviceId }: ServicePath, @Body() body: ReviseServiceStandardRequest, @Caller() { meta }: Caller): Promise<StandardResponse> {
    const outcome = await this.commands.execute(new DecideServiceStandardCommand({ type: 'ReviseServiceStandard', serviceId, ...body }, meta));
    return standardBody(outcome);
  }

  @Get()
  @RequirePermission('standard:read', { unitParam: 'unitId' })
  @ApiOperation({ summary: "The tenant's standards in force, by unit; a unit-scoped role must name its unit" })
  @ApiOkResponse({ type: ServiceStandardPageResponse })
  list(@Query() { unitId, limit, offset }: StandardListFilter, @Caller() { actor }: Caller): Promise<ServiceStandardPageResponse> {
    return this.queries.execute(new ListServiceStandardsQuery(actor.tenantId, { unitId }, { limit, offset }));
  }

  @Get(':serviceId')
  @RequirePermission('standard:read', { resource: STANDARD })
  @ApiOperation({ summary: 'The standard in force of one service' })
  @ApiOkResponse({ type: ServiceStandardRowResponse })
  // The query is declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor.
  async get(@Param() { serviceId }: ServicePath, @Query() _tenant: TenantQuery, @Caller() { actor }: Caller): Promise<ServiceStandardRowResponse> {
    const page = await this.queries.execute(new ListServiceStandardsQuery(actor.tenantId, { serviceId }, { limit: 1, offset: 0 }));
    if (page.items.length === 0) throw new DomainError('STANDARD.NOT_FOUND', `service ${serviceId} has no published standard`);
    return page.items[0];
  }
}
