import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Global, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { EvaluationConfig } from '../config';
import { HandleAssessmentHandler } from './commands/handle-assessment.command';
import { AssignUnitLokusHandler } from './commands/assign-unit-lokus.command';
import { CorrectResultHandler } from './commands/correct-result.command';
import { ChangePhaseWindowHandler, DecideNonSubmissionHandler, GrantPhaseOverrideHandler } from './commands/cycle-phases.command';
import { OpenCycleHandler } from './commands/open-cycle.command';
import { PublishResultsHandler } from './commands/publish-results.command';
import { RecordUserScoreHandler } from './commands/record-user-score.command';
import { EvidenceFileStore } from './commands/evidence-file-store';
import { UploadEvidenceFileHandler } from './commands/upload-evidence-file.command';
import { PublishRulesetHandler } from './commands/publish-ruleset.command';
import { RecomputeUnitFindings } from './commands/recompute-unit-findings';
import { RecordComplianceObservationHandler } from './commands/record-compliance-observation.command';
import { RegradeCompliance } from './commands/regrade-compliance';
import { AssignUnitsLokusHandler } from './commands/assign-units-lokus.command';
import { RegisterUnitHandler, RegisterUnitsHandler } from './commands/register-unit.command';
import { AssessmentsController } from './http/assessments.controller';
import { AuditController } from './http/audit.controller';
import { F01VersionsController } from './http/f01-versions.controller';
import { ComplianceController } from './http/compliance.controller';
import { CycleOverviewController } from './http/cycle-overview.controller';
import { CyclesController } from './http/cycles.controller';
import { EvidenceFilesController } from './http/evidence-files.controller';
import { EvidenceUploadSpool } from './http/evidence-upload-spool';
import { OperationalFactsController } from './http/operational-facts.controller';
import { ProposalsController } from './http/proposals.controller';
import { RulesetsController } from './http/rulesets.controller';
import { UnitsController } from './http/units.controller';
import { GetEvidenceFileHandler } from './queries/evidence-file.queries';
import { GetCycleScoresHandler, GetRulesetHandler, ListCyclesHandler } from './queries/cycle-overview.queries';
import { GetAssessmentHandler, GetCycleHandler, GetUnitScoreHandler, ListRulesetsHandler } from './queries/evaluation.queries';
import { DiffF01VersionsHandler, ListF01VersionsHandler } from './queries/f01-versions.queries';
import { RulesetCatalog } from './queries/ruleset-catalog';
import { ProposalFigures } from './queries/proposal-figures';
import { TenantTimeZones } from './queries/tenant-time-zones';
import { GetUnitComplianceHandler } from './queries/unit-compliance.queries';
import { GetUnitTimelineHandler } from './queries/unit-timeline.queries';
import { GetUnitProposalsHandler } from './queries/unit-proposals.queries';
import { ListUnitsHandler } from './queries/unit-registry.queries';

/** The spool directory, created if missing; one the service cannot write stops it at boot instead of failing every upload. */
function writableSpoolDirectory(directory: string): string {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new Error(`EVIDENCE_UPLOAD_DIR ${directory} is not a directory this service can write: ${(error as Error).message}`);
  }
  return directory;
}

/**
 * PEKPPP cycles, F-01 self-assessment, F-02 scoring and results, and the operational facts learnt from
 * the request service; projections and consumers are registered in AppModule. Global, because the
 * consumers PlatformModule builds need each tenant's time zone (TenantTimeZones) and the findings' recompute.
 */
@Global()
@Module({
  imports: [
    MulterModule.registerAsync({
      // uploads are spooled to a temporary file, hashed on the way; multer stops reading one byte past
      // the limit, so a too-large upload is refused (413) without storing it all
      useFactory: (config: EvaluationConfig) => ({
        storage: new EvidenceUploadSpool(writableSpoolDirectory(config.EVIDENCE_UPLOAD_DIR || tmpdir())),
        limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 0 },
      }),
      inject: [EvaluationConfig],
    }),
  ],
  controllers: [
    RulesetsController,
    CyclesController,
    CycleOverviewController,
    AssessmentsController,
    F01VersionsController,
    EvidenceFilesController,
    UnitsController,
    OperationalFactsController,
    ProposalsController,
    ComplianceController,
    AuditController,
  ],
  providers: [
    TenantTimeZones,
    RulesetCatalog,
    EvidenceFileStore,
    RegisterUnitHandler,
    RegisterUnitsHandler,
    AssignUnitsLokusHandler,
    ListUnitsHandler,
    PublishRulesetHandler,
    OpenCycleHandler,
    AssignUnitLokusHandler,
    RecordUserScoreHandler,
    PublishResultsHandler,
    CorrectResultHandler,
    ChangePhaseWindowHandler,
    GrantPhaseOverrideHandler,
    DecideNonSubmissionHandler,
    HandleAssessmentHandler,
    UploadEvidenceFileHandler,
    ListRulesetsHandler,
    GetCycleHandler,
    GetAssessmentHandler,
    ListF01VersionsHandler,
    DiffF01VersionsHandler,
    GetUnitScoreHandler,
    ListCyclesHandler,
    GetCycleScoresHandler,
    GetRulesetHandler,
    GetEvidenceFileHandler,
    ProposalFigures,
    RegradeCompliance,
    RecomputeUnitFindings,
    GetUnitProposalsHandler,
    RecordComplianceObservationHandler,
    GetUnitComplianceHandler,
    GetUnitTimelineHandler,
  ],
  exports: [TenantTimeZones, RecomputeUnitFindings],
})
export class EvaluationModule {}
