import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '@lib/event-sourcing';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AssessmentAction, HandleAssessmentCommand } from '../commands/handle-assessment.command';
import { GetAssessmentQuery } from '../queries/evaluation.queries';
import { type Actor, Caller, CommandReply, commandReply, CurrentActor, forUnit, RequirePermission, TenantQuery } from '@lib/platform';
import {
  AttachEvidenceRequest,
  IndicatorPath,
  ReturnRequest,
  SaveDraftRequest,
  ScoreIndicatorRequest,
  ScoreIndicatorsRequest,
  UnitPath,
  VerificationVisitRequest,
} from './evaluation.request';
import { AssessmentResponse } from './assessment.response';
import { AttachedEvidenceResponse } from './command.response';
import type { Actor as AssessmentActor } from '../domain';
import { refuseRepeats } from './list-input';
import { CYCLE } from './resources';

/** The assessment rules know two verifiers: an admin of Bagian Organisasi, or an evaluator they check against the lokus. */
const verifier = (actor: Actor): AssessmentActor => ({ userId: actor.id, role: actor.role === 'admin' ? 'admin' : 'evaluator' });

@ApiTags('assessments')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@ApiConflictResponse({ description: 'Not allowed in the current state; `code` says why (e.g. ASSESSMENT.NOT_SUBMITTED)' })
@Controller('cycles/:cycleId/units/:unitId/assessment')
export class AssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async run(meta: CommandMeta, { cycleId, unitId }: UnitPath, action: AssessmentAction): Promise<CommandReply> {
    return commandReply(await this.commands.execute(new HandleAssessmentCommand(cycleId, unitId, action, forUnit(meta, unitId))));
  }

  @Get()
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary: "The unit's F-01 answers, evidence, return notes, evaluator F-02 scores and visits",
    description:
      '`f01` says which indicators changed since the version last verified (or returned) and which marks are "perlu diperiksa ulang"; `identicalEvidence` lists other units of the cycle with the same evidence file or the same answers and evidence (null for the unit\'s own operator).',
  })
  @ApiOkResponse({ description: 'The assessment', type: AssessmentResponse })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  get(@CurrentActor() actor: Actor, @Param() { cycleId, unitId }: UnitPath, @Query() _tenant: TenantQuery): Promise<AssessmentResponse> {
    // identical evidence names other units: for those who evaluate or oversee the cycle, not for the unit's own operator
    return this.queries.execute(new GetAssessmentQuery(actor.tenantId, cycleId, unitId, actor.role !== 'skpd-operator'));
  }

  @Put('draft')
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: save self-assessment answers (merged into the draft)' })
  @ApiOkResponse({ description: 'Saved', type: CommandReply })
  saveDraft(@Caller() { meta }: Caller, @Param() path: UnitPath, @Body() body: SaveDraftRequest): Promise<CommandReply> {
    const answers = body.answers.map(({ indicatorCode, score, justification, evidenceIds, questions }) => ({
      indicatorCode,
      score,
      justification,
      evidenceIds,
      questions: questions?.map(({ questionId, value, evidenceIds: questionEvidenceIds }) => ({ questionId, value, evidenceIds: questionEvidenceIds })),
    }));
    return this.run(meta, path, { type: 'SaveSelfAssessmentDraft', answers });
  }

  @Post('evidence')
  @HttpCode(201)
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: attach evidence to an indicator: an https link, or a file uploaded to evidence-files (by its storageKey)' })
  @ApiCreatedResponse({ description: 'Attached; the body carries the evidence id', type: AttachedEvidenceResponse })
  async attachEvidence(@Caller() { meta }: Caller, @Param() path: UnitPath, @Body() body: AttachEvidenceRequest): Promise<AttachedEvidenceResponse> {
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
    return { evidenceId, ...(await this.run(meta, path, { type: 'AttachEvidence', indicatorCode: body.indicatorCode, evidence })) };
  }

  @Post('submit')
  @HttpCode(200)
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: submit the complete self-assessment for verification' })
  @ApiOkResponse({ description: 'Submitted', type: CommandReply })
  submit(@Caller() { meta }: Caller, @Param() path: UnitPath): Promise<CommandReply> {
    return this.run(meta, path, { type: 'SubmitSelfAssessment' });
  }

  @Post('return')
  @HttpCode(200)
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Return the self-assessment to the unit with notes per indicator' })
  @ApiOkResponse({ description: 'Returned', type: CommandReply })
  returnToUnit(@Caller() { actor, meta }: Caller, @Param() path: UnitPath, @Body() body: ReturnRequest): Promise<CommandReply> {
    const notes = body.notes.map(({ indicatorCode, note }) => ({ indicatorCode, note }));
    return this.run(meta, path, { type: 'ReturnSelfAssessment', by: verifier(actor), notes });
  }

  @Post('resubmit')
  @HttpCode(200)
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'F-01: resubmit a returned self-assessment' })
  @ApiOkResponse({ description: 'Resubmitted', type: CommandReply })
  resubmit(@Caller() { meta }: Caller, @Param() path: UnitPath): Promise<CommandReply> {
    return this.run(meta, path, { type: 'ResubmitSelfAssessment' });
  }

  @Post('verify')
  @HttpCode(200)
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Verify the submitted self-assessment' })
  @ApiOkResponse({ description: 'Verified', type: CommandReply })
  verify(@Caller() { actor, meta }: Caller, @Param() path: UnitPath): Promise<CommandReply> {
    return this.run(meta, path, { type: 'VerifySelfAssessment', by: verifier(actor) });
  }

  @Put('scores')
  @RequirePermission('assessment:enter-scores', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({
    summary:
      "F-02: many scores of one evaluator in one command, all or nothing: the calling evaluator's own, or an assigned evaluator's sheet typed in by the admin",
    description:
      "Each score is decided as `PUT scores/{indicatorCode}` decides it; only changed ones append. The admin's entries are the named evaluator's marks (default: the lead evaluator), recorded with the admin as the actor.",
  })
  @ApiOkResponse({ description: 'Scored; `appended` counts the scores that changed', type: CommandReply })
  scoreMany(@Caller() { actor, meta }: Caller, @Param() path: UnitPath, @Body() body: ScoreIndicatorsRequest): Promise<CommandReply> {
    refuseRepeats('scores', body.scores, 'indicatorCode');
    const scores = body.scores.map(({ indicatorCode, score, note }) => ({ indicatorCode, score, note }));
    return this.run(meta, path, { type: 'ScoreIndicators', by: verifier(actor), evaluatorId: body.evaluatorId, scores });
  }

  @Put('scores/:indicatorCode')
  @RequirePermission('assessment:score', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: "F-02: the calling evaluator's score 0..5 of one indicator, with a note against the descriptors" })
  @ApiOkResponse({ description: 'Scored (the same score and note again appends nothing)', type: CommandReply })
  score(@Caller() { actor, meta }: Caller, @Param() path: IndicatorPath, @Body() body: ScoreIndicatorRequest): Promise<CommandReply> {
    return this.run(meta, path, { type: 'ScoreIndicator', evaluatorId: actor.id, indicatorCode: path.indicatorCode, score: body.score, note: body.note });
  }

  @Post('visits')
  @HttpCode(201)
  @RequirePermission('assessment:verify', { resource: CYCLE, unitParam: 'unitId' })
  @ApiOperation({ summary: 'Record a verification visit (visitasi) with the evaluators present and the findings' })
  @ApiCreatedResponse({ description: 'Recorded', type: CommandReply })
  visit(@Caller() { actor, meta }: Caller, @Param() path: UnitPath, @Body() body: VerificationVisitRequest): Promise<CommandReply> {
    return this.run(meta, path, {
      type: 'RecordVerificationVisit',
      by: verifier(actor),
      visitedOn: body.visitedOn,
      evaluatorIds: body.evaluatorIds,
      findings: body.findings,
    });
  }
}
