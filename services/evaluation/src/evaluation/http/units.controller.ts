import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, commandReply, CurrentActor, forUnit, RequirePermission, TenantQuery } from '@lib/platform';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { QUALIFIED_ID, QUALIFIED_ID_RULE } from '@lib/kernel';
import { RegisterUnitCommand, RegisterUnitsCommand } from '../commands/register-unit.command';
import { type RegisteredUnit, UNIT_KINDS, type UnitKind } from '../domain';
import { ListUnitsQuery } from '../queries/unit-registry.queries';
import { refuseRepeats } from './list-input';
import { UnitResponse } from './unit.response';

class RegisterUnitRequest {
  @ApiProperty({ example: 'puskesmas-teluk-dalam' })
  @Matches(QUALIFIED_ID, { message: `unitId must be ${QUALIFIED_ID_RULE}` })
  unitId!: string;

  @ApiProperty({ example: 'Puskesmas Teluk Dalam' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn([...UNIT_KINDS])
  kind!: UnitKind;

  @ApiPropertyOptional({ example: 'dinkes', description: 'The unit it belongs to (a puskesmas under its dinas, a kelurahan under its kecamatan)' })
  @IsOptional()
  @Matches(QUALIFIED_ID, { message: `parentUnitId must be ${QUALIFIED_ID_RULE}` })
  parentUnitId?: string;
}

/** Refused as a whole when any unit is: the 400 names `units[i].field`, a broken rule the unit (`details.field`). */
class RegisterUnitsRequest {
  @ApiProperty({ type: [RegisterUnitRequest], description: 'In order: a parent before its children; each unit once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RegisterUnitRequest)
  units!: RegisterUnitRequest[];
}

const registeredUnit = (body: RegisterUnitRequest): RegisteredUnit => ({
  unitId: body.unitId,
  name: body.name,
  kind: body.kind,
  parentUnitId: body.parentUnitId ?? null,
});

/** The tenant's units registry: the SKPD, bagian, kecamatan, kelurahan, puskesmas and UPTD, each under its parent. */
@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('cycle:admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: "Register a unit (SKPD, bagian, kecamatan, kelurahan, puskesmas, UPTD) in the tenant's registry, under its parent" })
  @ApiCreatedResponse({ description: 'Registered (or already registered with the same data)', type: CommandReply })
  @ApiConflictResponse({ description: 'UNIT.PARENT_NOT_REGISTERED, UNIT.ALREADY_REGISTERED, UNIT.OWN_PARENT' })
  async register(@Caller() { meta }: Caller, @Body() body: RegisterUnitRequest): Promise<CommandReply> {
    return commandReply(await this.commands.execute(new RegisterUnitCommand(registeredUnit(body), forUnit(meta, body.unitId))));
  }

  @Post('batch')
  @HttpCode(201)
  @RequirePermission('cycle:admin')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOperation({ summary: "Register up to 500 units in one command on the tenant's registry, in order; all or nothing" })
  @ApiCreatedResponse({
    description: 'Registered; `appended` counts the units new to the registry (one registered with the same data appends nothing)',
    type: CommandReply,
  })
  @ApiConflictResponse({ description: 'UNIT.PARENT_NOT_REGISTERED, UNIT.ALREADY_REGISTERED, UNIT.OWN_PARENT; `details.field` names the unit (`units[3]`)' })
  async registerMany(@Caller() { meta }: Caller, @Body() body: RegisterUnitsRequest): Promise<CommandReply> {
    refuseRepeats('units', body.units, 'unitId');
    return commandReply(await this.commands.execute(new RegisterUnitsCommand(body.units.map(registeredUnit), meta)));
  }

  @Get()
  @RequirePermission('cycle:read')
  @ApiOperation({ summary: "The tenant's registered units in registration order, each with its parent and children" })
  @ApiOkResponse({ description: 'The units (eventually consistent with the commands)', type: [UnitResponse] })
  // declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor
  list(@CurrentActor() actor: Actor, @Query() _tenant: TenantQuery): Promise<UnitResponse[]> {
    return this.queries.execute(new ListUnitsQuery(actor.tenantId));
  }
}
