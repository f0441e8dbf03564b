import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AssessmentAction, HandleAssessmentCommand } from '../commands/assessment.commands';
import { httpMeta } from '../commands/command-meta';
import type { Assessment } from '../domain';
import { GetAssessmentQuery } from '../queries/evaluation.queries';
import { type Actor, CurrentActor, IdempotencyKey } from './actor';
import { type CommandResponse, commandResponse } from './command-response';
import {
  AttachEvidenceRequest,
  IndicatorPath,
  ReturnRequest,
  SaveDraftRequest,
  ScoreIndicatorRequest,
  UnitPath,
  VerificationVisitRequest,
} from './evaluation.request';

@ApiTags('assessments')
@ApiHeader({ name: 'X-Tenant-Id', required: true })
@ApiHeader({ name: 'X-Actor-Id', required: true })
@ApiHeader({ name: 'X-Actor-Role', required: true, enum: ['admin', 'evaluator', 'unit'] })
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
  @ApiOperation({ summary: "The unit's F-01 answers, evidence, return notes, evaluator F-02 scores and visits" })
  @ApiOkResponse({ description: 'The assessment' })
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath): Promise<Assessment> {
    return this.queries.execute(new GetAssessmentQuery(actor.tenantId, cycleId, unitId));
  }

  @Put('draft')
  @ApiOperation({ summary: 'F-01: save self-assessment answers (merged into the draft)' })
  @ApiOkResponse({ description: 'Saved' })
  saveDraft(@CurrentActor('unit') actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath, @Body() body: SaveDraftRequest): Promise<CommandResponse> {
    const answers = body.answers.map(({ indicatorCode, score, justification, evidenceIds }) => ({ indicatorCode, score, justification, evidenceIds }));
    return this.run(actor, key, path, { type: 'SaveSelfAssessmentDraft', answers });
  }

  @Post('evidence')
  @HttpCode(201)
  @ApiOperation({ summary: 'F-01: attach evidence (an https link, or an uploaded file by storage key and sha256) to an indicator' })
  @ApiCreatedResponse({ description: 'Attached; the body carries the evidence id' })
  async attachEvidence(
    @CurrentActor('unit') actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: UnitPath,
    @Body() body: AttachEvidenceRequest,
  ): Promise<CommandResponse & { evidenceId: string }> {
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
            sizeBytes: body.sizeBytes ?? 0,
            mediaType: body.mediaType ?? '',
          };
    return { evidenceId, ...(await this.run(actor, key, path, { type: 'AttachEvidence', indicatorCode: body.indicatorCode, evidence })) };
  }

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'F-01: submit the complete self-assessment for verification' })
  @ApiOkResponse({ description: 'Submitted' })
  submit(@CurrentActor('unit') actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath): Promise<CommandResponse> {
    return this.run(actor, key, path, { type: 'SubmitSelfAssessment' });
  }

  @Post('return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return the self-assessment to the unit with notes per indicator' })
  @ApiOkResponse({ description: 'Returned' })
  returnToUnit(@CurrentActor(['evaluator', 'admin']) actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath, @Body() body: ReturnRequest): Promise<CommandResponse> {
    const notes = body.notes.map(({ indicatorCode, note }) => ({ indicatorCode, note }));
    return this.run(actor, key, path, { type: 'ReturnSelfAssessment', by: { userId: actor.id, role: actor.role === 'admin' ? 'admin' : 'evaluator' }, notes });
  }

  @Post('resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'F-01: resubmit a returned self-assessment' })
  @ApiOkResponse({ description: 'Resubmitted' })
  resubmit(@CurrentActor('unit') actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath): Promise<CommandResponse> {
    return this.run(actor, key, path, { type: 'ResubmitSelfAssessment' });
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify the submitted self-assessment' })
  @ApiOkResponse({ description: 'Verified' })
  verify(@CurrentActor(['evaluator', 'admin']) actor: Actor, @IdempotencyKey() key: string | undefined, @Param() path: UnitPath): Promise<CommandResponse> {
    return this.run(actor, key, path, { type: 'VerifySelfAssessment', by: { userId: actor.id, role: actor.role === 'admin' ? 'admin' : 'evaluator' } });
  }

  @Put('scores/:indicatorCode')
  @ApiOperation({ summary: "F-02: the calling evaluator's score 0..5 of one indicator, with a note against the descriptors" })
  @ApiOkResponse({ description: 'Scored (the same score and note again appends nothing)' })
  score(
    @CurrentActor('evaluator') actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: IndicatorPath,
    @Body() body: ScoreIndicatorRequest,
  ): Promise<CommandResponse> {
    return this.run(actor, key, path, { type: 'ScoreIndicator', evaluatorId: actor.id, indicatorCode: path.indicatorCode, score: body.score, note: body.note });
  }

  @Post('visits')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a verification visit (visitasi) with the evaluators present and the findings' })
  @ApiCreatedResponse({ description: 'Recorded' })
  visit(
    @CurrentActor(['evaluator', 'admin']) actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param() path: UnitPath,
    @Body() body: VerificationVisitRequest,
  ): Promise<CommandResponse> {
    return this.run(actor, key, path, { type: 'RecordVerificationVisit', visitedOn: body.visitedOn, evaluatorIds: body.evaluatorIds, findings: body.findings });
  }
}
