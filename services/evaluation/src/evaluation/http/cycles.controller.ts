import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignUnitLokusCommand } from '../commands/assign-unit-lokus.command';
import { AssignUnitsLokusCommand } from '../commands/assign-units-lokus.command';
import { CorrectResultCommand } from '../commands/correct-result.command';
import { OpenCycleCommand } from '../commands/open-cycle.command';
import { ChangePhaseWindowCommand, DecideNonSubmissionCommand, GrantPhaseOverrideCommand } from '../commands/cycle-phases.command';
import { PublishResultsCommand } from '../commands/publish-results.command';
import { GetCycleQuery, GetUnitScoreQuery } from '../queries/evaluation.queries';
import { type Actor, Caller, CommandReply, commandReply, CurrentActor, forUnit, InputProblemException, RequirePermission, TenantQuery } from '@lib/platform';
import {
  AssignUnitLokusRequest,
  AssignUnitsLokusRequest,
  ChangePhaseWindowRequest,
  CorrectResultRequest,
  CyclePath,
  DecideNonSubmissionRequest,
  GrantPhaseOverrideRequest,
  OpenCycleRequest,
  PhasePath,
  ScoreQuery,
  UnitPath,
} from './evaluation.request';
import { cycleStream } from '../domain';
import { OpenedCycleResponse } from './command.response';
import { CycleResponse, UnitScoreResponse } from './cycle.response';
import { refuseRepeats } from './list-input';
import { CYCLE } from './resources';

const PINS_OF_A_COPIED_INSTRUMENT = ['rulesetId', 'rulesetVersion', 'complianceRulesetId', 'complianceRulesetVersion'] as const;

/** A copied instrument comes whole from the source cycle: a ruleset named beside it would be ignored, so it is refused. */
function refuseWithCopiedInstrument(body: OpenCycleRequest): void {
  if (body.copyInstrumentFrom === undefined) return;
  const named = PINS_OF_A_COPIED_INSTRUMENT.filter((field) => body[field] !== undefined);
  if (named.length > 0) {
    throw new InputProblemException(
      named.map((field) => ({ field, rule: 'not-with-copied-instrument', message: `${field} is taken from cycle ${body.copyInstrumentFrom}` })),
    );
  }
}

@ApiTags('cycles')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiConflictResponse({ description: 'A business rule refused the command; `code` says which (e.g. CYCLE.RESULTS_FROZEN)' })
@Controller('cycles')
export class CyclesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('cycle:admin')
  @ApiOperation({
    summary: 'Open a PEKPPP cycle pinning a ruleset version and the Ombudsman compliance ruleset its compliance grades are computed under',
    description:
      "With `copyInstrumentFrom`, the new period's cycle pins exactly what that cycle of the tenant pinned (ruleset revision, Kode B ruleset, compliance ruleset); the source cycle is not touched.",
  })
  @ApiCreatedResponse({ description: 'Opened; the body carries the cycle id', type: OpenedCycleResponse })
  async open(@Caller() { meta }: Caller, @Body() body: OpenCycleRequest): Promise<OpenedCycleResponse> {
    const { windowStart, windowEnd, selfAssessmentDue } = body;
    refuseWithCopiedInstrument(body);
    refuseRepeats('phases', body.phases ?? [], 'phase');
    const phases = body.phases && Object.fromEntries(body.phases.map(({ phase, start, end }) => [phase, { start, end }]));
    const result = await this.commands.execute(
      new OpenCycleCommand(
        body.cycleId ?? randomUUID(),
        body.name,
        body.rulesetId ?? '',
        body.rulesetVersion,
        { windowStart, windowEnd, selfAssessmentDue, phases },
        meta,
        body.cycleId === undefined,
        { rulesetId: body.complianceRulesetId, rulesetVersion: body.complianceRulesetVersion },
        body.copyInstrumentFrom,
      ),
    );
    // a retried opening answers the cycle its first attempt opened
    return { cycleId: result.streamId.slice(cycleStream(meta.tenantId, '').length), ...commandReply(result) };
  }

  @Get(':cycleId')
  @RequirePermission('cycle:read', { resource: CYCLE })
  @ApiOperation({ summary: 'A cycle with its unit lokus, evaluators and received F-03 user scores' })
  @ApiOkResponse({ description: 'The cycle', type: CycleResponse })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  get(@CurrentActor() actor: Actor, @Param() { cycleId }: CyclePath, @Query() _tenant: TenantQuery): Promise<CycleResponse> {
    return this.queries.execute(new GetCycleQuery(actor.tenantId, cycleId));
  }

  @Put(':cycleId/units')
  @RequirePermission('cycle:admin', { resource: CYCLE })
  @ApiOperation({ summary: 'Make many units unit lokus of the cycle in one command, each as `PUT units/{unitId}` would; all or nothing' })
  @ApiOkResponse({ description: 'Assigned; `appended` counts the units whose assignment changed', type: CommandReply })
  async assignMany(@Caller() { meta }: Caller, @Param() { cycleId }: CyclePath, @Body() body: AssignUnitsLokusRequest): Promise<CommandReply> {
    refuseRepeats('units', body.units, 'unitId');
    return commandReply(
      await this.commands.execute(
        new AssignUnitsLokusCommand(
          cycleId,
          body.units.map((unit) => ({ ...unit })),
          meta,
        ),
      ),
    );
  }

  @Put(':cycleId/units/:unitId')
  @RequirePermission('cycle:admin', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Make a unit a unit lokus of the cycle, with its kode (A luring or B daring), its evaluators and lead evaluator' })
  @ApiOkResponse({ description: 'Assigned (a repeat with the same kode and evaluators appends nothing)', type: CommandReply })
  async assign(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: UnitPath, @Body() body: AssignUnitLokusRequest): Promise<CommandReply> {
    return commandReply(
      await this.commands.execute(new AssignUnitLokusCommand(cycleId, unitId, body.evaluatorIds, body.leadEvaluatorId, forUnit(meta, unitId), body.kode)),
    );
  }

  @Put(':cycleId/phases/:phase')
  @RequirePermission('cycle:admin', { resource: CYCLE })
  @ApiOperation({
    summary: 'Move the window of a phase that has not started yet (local dates, the tenant’s time zone)',
    description:
      'Refused with 409 CYCLE.PHASE_STARTED once the phase started, or to start it today or earlier; the phases keep their order inside the cycle window.',
  })
  @ApiOkResponse({ description: 'Moved (the same window again appends nothing)', type: CommandReply })
  async changePhase(@Caller() { meta }: Caller, @Param() { cycleId, phase }: PhasePath, @Body() body: ChangePhaseWindowRequest): Promise<CommandReply> {
    return commandReply(
      await this.commands.execute(new ChangePhaseWindowCommand(cycleId, phase, { start: body.start, end: body.end }, body.reason ?? '', meta)),
    );
  }

  @Post(':cycleId/units/:unitId/phase-overrides')
  @HttpCode(201)
  @RequirePermission('cycle:admin', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary: 'Let one unit lokus take one action outside its phase until a day, e.g. reopen F-01 (f01-fill) for 3 days; the reason is mandatory and recorded',
  })
  @ApiCreatedResponse({ description: 'Granted; shown on the cycle under the unit’s phaseOverrides', type: CommandReply })
  async grantOverride(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: UnitPath, @Body() body: GrantPhaseOverrideRequest): Promise<CommandReply> {
    return commandReply(
      await this.commands.execute(new GrantPhaseOverrideCommand(cycleId, unitId, body.action, body.until, body.reason, forUnit(meta, unitId))),
    );
  }

  @Post(':cycleId/units/:unitId/non-submission')
  @HttpCode(201)
  @RequirePermission('cycle:admin', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary:
      "Decide for a unit lokus that never submitted F-01, once F-01 filling closed: evaluators score from a field visit, or the ruleset's non-submission outcome applies",
    description: 'One decision per unit (the same again appends nothing). The unit score says which applied (scoreBasis, nonSubmission).',
  })
  @ApiCreatedResponse({ description: 'Decided', type: CommandReply })
  async decideNonSubmission(
    @Caller() { meta }: Caller,
    @Param() { cycleId, unitId }: UnitPath,
    @Body() body: DecideNonSubmissionRequest,
  ): Promise<CommandReply> {
    return commandReply(await this.commands.execute(new DecideNonSubmissionCommand(cycleId, unitId, body.decision, body.reason, forUnit(meta, unitId))));
  }

  @Get(':cycleId/units/:unitId/score')
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary: "A unit's score: self-assessment vs evaluator per indicator and aspect, IPP merged with F-03 when the quota is met, category, provisional flags",
    description: 'With `?ruleset=<id>` (and optionally `rulesetVersion`) the same answers and scores are re-scored under that ruleset; nothing is recorded.',
  })
  @ApiOkResponse({ description: 'The score (eventually consistent with the commands)', type: UnitScoreResponse })
  score(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() query: ScoreQuery): Promise<UnitScoreResponse> {
    const whatIf = query.ruleset ? { rulesetId: query.ruleset, version: query.rulesetVersion } : undefined;
    return this.queries.execute(new GetUnitScoreQuery(actor.tenantId, cycleId, unitId, whatIf));
  }

  @Post(':cycleId/results')
  @HttpCode(201)
  @RequirePermission('results:publish', { resource: CYCLE })
  @ApiOperation({ summary: "Publish and freeze every unit's result under the pinned ruleset" })
  @ApiCreatedResponse({ description: 'Published', type: CommandReply })
  async publish(@Caller() { meta }: Caller, @Param() { cycleId }: CyclePath): Promise<CommandReply> {
    return commandReply(await this.commands.execute(new PublishResultsCommand(cycleId, meta)));
  }

  @Post(':cycleId/units/:unitId/result-corrections')
  @HttpCode(201)
  @RequirePermission('results:publish', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Correct a published result: replace indicator scores, re-score, and record why' })
  @ApiCreatedResponse({ description: 'Corrected', type: CommandReply })
  async correct(@Caller() { meta }: Caller, @Param() { cycleId, unitId }: UnitPath, @Body() body: CorrectResultRequest): Promise<CommandReply> {
    const scores = body.scores.map(({ indicatorCode, score }) => ({ indicatorCode, score }));
    return commandReply(await this.commands.execute(new CorrectResultCommand(cycleId, unitId, scores, body.reason, forUnit(meta, unitId))));
  }
}
