import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { EvaluationConfig } from '../config';
import { HandleAssessmentHandler } from './commands/assessment.commands';
import { AssignUnitLokusHandler, CorrectResultHandler, OpenCycleHandler, PublishResultsHandler, RecordUserScoreHandler } from './commands/cycle.commands';
import { EvidenceFileStore } from './commands/evidence-file-store';
import { PublishRulesetHandler } from './commands/publish-ruleset.command';
import { RegisterUnitHandler } from './commands/register-unit.command';
import { CycleOverviewModule } from './cycle-overview.module';
import { AssessmentsController } from './http/assessments.controller';
import { CyclesController } from './http/cycles.controller';
import { EvidenceFilesController } from './http/evidence-files.controller';
import { RulesetsController } from './http/rulesets.controller';
import { UnitsController } from './http/units.controller';
import { GetAssessmentHandler, GetCycleHandler, GetUnitScoreHandler, ListRulesetsHandler } from './queries/evaluation.queries';
import { RulesetCatalog } from './queries/ruleset-catalog';
import { ListUnitsHandler } from './queries/unit-registry.queries';

/** PEKPPP cycles, F-01 self-assessment, F-02 scoring and results; projections and consumers are registered in AppModule. */
@Module({
  imports: [
    CycleOverviewModule,
    MulterModule.registerAsync({
      // multer stops reading one byte past the limit, so a too-large upload is refused (413) without buffering it all
      useFactory: (config: EvaluationConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 0 } }),
      inject: [EvaluationConfig],
    }),
  ],
  controllers: [RulesetsController, CyclesController, AssessmentsController, EvidenceFilesController, UnitsController],
  providers: [
    RulesetCatalog,
    EvidenceFileStore,
    RegisterUnitHandler,
    ListUnitsHandler,
    PublishRulesetHandler,
    OpenCycleHandler,
    AssignUnitLokusHandler,
    RecordUserScoreHandler,
    PublishResultsHandler,
    CorrectResultHandler,
    HandleAssessmentHandler,
    ListRulesetsHandler,
    GetCycleHandler,
    GetAssessmentHandler,
    GetUnitScoreHandler,
  ],
})
export class EvaluationModule {}
