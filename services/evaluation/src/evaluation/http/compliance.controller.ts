import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, commandReply, CurrentActor, forUnit, InputProblemException, RequirePermission } from '@lib/platform';
import { RecordComplianceObservationCommand } from '../commands/record-compliance-observation.command';
import type { ComplianceDimensionCode } from '../domain';
import type { EvaluationErrorCode } from '../domain/error-codes';
import { GetUnitComplianceQuery } from '../queries/unit-compliance.queries';
import { UnitComplianceResponse } from './compliance.response';
import { ComplianceQuery, RecordComplianceObservationRequest, UnitPath } from './evaluation.request';
import { CYCLE } from './resources';

const EMPTY_OBSERVATION: EvaluationErrorCode = 'COMPLIANCE.EMPTY_OBSERVATION';

@ApiTags('compliance')
@Controller('cycles/:cycleId/units/:unitId/compliance')
export class ComplianceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary:
      "The unit's Ombudsman compliance grade under the cycle's pinned ruleset: total, band, zone and label, each dimension with its score, weight, contribution, rule source and the events behind it",
    description:
      'Computed from the request and survey events (Standar Pelayanan, complaints, SKM) and the recorded observations while the cycle is open. ' +
      'With `?ruleset=<id>` (and optionally `version`) the same input is graded under that shipped ruleset as a what-if (`whatIf: true`); nothing is recorded.',
  })
  @ApiOkResponse({ description: 'The grade (eventually consistent with the events)', type: UnitComplianceResponse })
  @ApiBadRequestResponse({ description: 'An unknown what-if ruleset or version; the error names `ruleset` or `version`' })
  @ApiNotFoundResponse({ description: 'No grade yet: the unit is not a lokus of the open cycle (COMPLIANCE.GRADE_NOT_FOUND)' })
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() query: ComplianceQuery): Promise<UnitComplianceResponse> {
    const whatIf = query.ruleset ? { rulesetId: query.ruleset, version: query.version } : undefined;
    return this.queries.execute(new GetUnitComplianceQuery(actor.tenantId, cycleId, unitId, whatIf));
  }

  @Put('observations')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary:
      'Record what no event says about the unit’s compliance: observation items scored 0..3, the public-trust figure with its source, the maladministration record',
    description: 'Each part given replaces what was recorded for it (an item by dimension and code); a part left out stays. The grade is recomputed at once.',
  })
  @ApiOkResponse({ description: 'Recorded (the same observation again appends nothing)', type: CommandReply })
  @ApiBadRequestResponse({ description: 'A field breaks a rule (e.g. `items[0].score` above 3, an unknown `items[0].dimension`), or nothing to record' })
  @ApiConflictResponse({ description: 'Not allowed now; `code` says why (e.g. CYCLE.RESULTS_FROZEN, COMPLIANCE.EVALUATOR_NOT_ASSIGNED)' })
  async record(
    @Caller() { actor, meta }: Caller,
    @Param() { cycleId, unitId }: UnitPath,
    @Body() body: RecordComplianceObservationRequest,
  ): Promise<CommandReply> {
    const items = (body.items ?? []).map(({ dimension, itemCode, score, note }) => ({
      dimension: dimension as ComplianceDimensionCode,
      itemCode,
      score,
      note,
    }));
    if (items.length === 0 && !body.publicTrust && !body.maladministration) {
      throw new InputProblemException(
        [{ field: 'items', rule: 'required', message: 'record at least one item, the public-trust figure or the maladministration record' }],
        EMPTY_OBSERVATION,
      );
    }
    const observation = {
      items,
      publicTrust: body.publicTrust ? { score: body.publicTrust.score, source: body.publicTrust.source } : null,
      maladministration: body.maladministration
        ? {
            substantiatedFindings: body.maladministration.substantiatedFindings,
            unresolvedOmbudsmanActions: body.maladministration.unresolvedOmbudsmanActions,
            note: body.maladministration.note ?? '',
          }
        : null,
    };
    // an admin of Bagian Organisasi records for any unit lokus; an evaluator only for those assigned to them
    const by = { userId: actor.id, role: actor.role === 'admin' ? ('admin' as const) : ('evaluator' as const) };
    return commandReply(await this.commands.execute(new RecordComplianceObservationCommand(cycleId, unitId, observation, by, forUnit(meta, unitId))));
  }
}
