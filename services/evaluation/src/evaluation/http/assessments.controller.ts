import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AssessmentAction, HandleAssessmentCommand } from '../commands/assessment.commands';
import { httpMeta } from '../commands/command-meta';
import { GetAssessmentQuery } from '../queries/evaluation.queries';
import { type Actor, CurrentActor, RequirePermission, TenantQuery } from '@lib/platform';
import { IdempotencyKey } from './actor';
import { AssessmentResponse } from './assessment.response';
import { type CommandResponse, commandResponse } from './command-response';
import { AttachedEvidenceResponse, CommandResponseBody } from './command.response';
import {
  AttachEvidenceRequest,
  IndicatorPath,
  ReturnRequest,
  SaveDraftRequest,
  ScoreIndicatorRequest,
  UnitPath,
  VerificationVisitRequest,
} from './evaluation.request';
import { CYCLE } from './resources';

@ApiTags('assessments')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiConflictResponse({ description: 'Not allowed in the current state; `code` says why (e.g. ASSESSMENT.NOT_SUBMITTED)' })
@Controller('cycles/:cycleId/units/:unitId/assessment')
export class AssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async run(actor: Actor, key: string | undefined, { cycleId, unitId }: UnitPath, action: AssessmentAction): Promise<CommandResponse> {
    return commandResponse(await this.commands.execute(new HandleAssessmentCommand(cycleId, unitId, action, httpMeta(actor, unitId, key))));
  }

  @Get()
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: "The unit's F-01 answers, evidence, return notes, evaluator F-02 scores and visits" })
  @ApiOkResponse({ description: 'The assessment', type: AssessmentResponse })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<AssessmentResponse> {
    return this.queries.execute(new GetAssessmentQuery(actor.tenantId, cycleId, unitId));
  }

  @Put('draft')
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: save self-assessment answers (merged into the draft)' })
  @ApiOkResponse({ description: 'Saved', type: CommandResponseBody })
  saveDraft(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: UnitPath,
    @Body() body: SaveDraftRequest,
  ): Promise<CommandResponseBody> {
    const answers = body.answers.map(({ indicatorCode, score, justification, evidenceIds }) => ({ indicatorCode, score, justification, evidenceIds }));
    return this.run(actor, key, path, { type: 'SaveSelfAssessmentDraft', answers });
  }

  @Post('evidence')
  @HttpCode(201)
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: attach evidence to an indicator: an https link, or a file uploaded to evidence-files (by its storageKey)' })
  @ApiCreatedResponse({ description: 'Attached; the body carries the evidence id', type: AttachedEvidenceResponse })
  async attachEvidence(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: UnitPath,
    @Body() body: AttachEvidenceRequest,
  ): Promise<AttachedEvidenceResponse> {
    const evidenceId = body.evidenceId ?? randomUUID();
    const evidence =
      body.kind === 'link'
        ? { kind: 'link' as const, evidenceId, name: body.name, url: body.url ?? '' }
        : {
            kind: 'file' as const,
            evidenceId,
            name: body.name,
            storageKey: body.storageKey ?? '',
            sha256: body.sha256 ?? '',
            // filled in from the stored file by the handler
            sizeBytes: 0,
            mediaType: '',
          };
    return { evidenceId, ...(await this.run(actor, key, path, { type: 'AttachEvidence', indicatorCode: body.indicatorCode, evidence })) };
  }

  @Post('submit')
  @HttpCode(200)
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: submit the complete self-assessment for verification' })
  @ApiOkResponse({ description: 'Submitted', type: CommandResponseBody })
  submit(@CurrentActor() actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath): Promise<CommandResponseBody> {
    return this.run(actor, key, path, { type: 'SubmitSelfAssessment' });
  }

  @Post('return')
  @HttpCode(200)
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Return the self-assessment to the unit with notes per indicator' })
  @ApiOkResponse({ description: 'Returned', type: CommandResponseBody })
  returnToUnit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: UnitPath,
    @Body() body: ReturnRequest,
  ): Promise<CommandResponseBody> {
    const notes = body.notes.map(({ indicatorCode, note }) => ({ indicatorCode, note }));
    return this.run(actor, key, path, { type: 'ReturnSelfAssessment', by: { userId: actor.id, role: actor.role === 'admin' ? 'admin' : 'evaluator' }, notes });
  }

  @Post('resubmit')
  @HttpCode(200)
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: resubmit a returned self-assessment' })
  @ApiOkResponse({ description: 'Resubmitted', type: CommandResponseBody })
  resubmit(@CurrentActor() actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath): Promise<CommandResponseBody> {
    return this.run(actor, key, path, { type: 'ResubmitSelfAssessment' });
  }

  @Post('verify')
  @HttpCode(200)
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Verify the submitted self-assessment' })
  @ApiOkResponse({ description: 'Verified', type: CommandResponseBody })
  verify(@CurrentActor() actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath): Promise<CommandResponseBody> {
    return this.run(actor, key, path, { type: 'VerifySelfAssessment', by: { userId: actor.id, role: actor.role === 'admin' ? 'admin' : 'evaluator' } });
  }

  @Put('scores/:indicatorCode')
  @RequirePermission('assessment:score', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: "F-02: the calling evaluator's score 0..5 of one indicator, with a note against the descriptors" })
  @ApiOkResponse({ description: 'Scored (the same score and note again appends nothing)', type: CommandResponseBody })
  score(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: IndicatorPath,
    @Body() body: ScoreIndicatorRequest,
  ): Promise<CommandResponseBody> {
    return this.run(actor, key, path, { type: 'ScoreIndicator', evaluatorId: actor.id, indicatorCode: path.indicatorCode, score: body.score, note: body.note });
  }

  @Post('visits')
  @HttpCode(201)
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Record a verification visit (visitasi) with the evaluators present and the findings' })
  @ApiCreatedResponse({ description: 'Recorded', type: CommandResponseBody })
  visit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: UnitPath,
    @Body() body: VerificationVisitRequest,
  ): Promise<CommandResponseBody> {
    return this.run(actor, key, path, { type: 'RecordVerificationVisit', visitedOn: body.visitedOn, evaluatorIds: body.evaluatorIds, findings: body.findings });
  }
}
