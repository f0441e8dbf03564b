import { Module } from '@nestjs/common';
import { HandleAssessmentHandler } from './commands/assessment.commands';
import { AssignUnitLokusHandler, CorrectResultHandler, OpenCycleHandler, PublishResultsHandler, RecordUserScoreHandler } from './commands/cycle.commands';
import { PublishRulesetHandler } from './commands/publish-ruleset.command';
import { AssessmentsController } from './http/assessments.controller';
import { CyclesController } from './http/cycles.controller';
import { RulesetsController } from './http/rulesets.controller';
import { GetAssessmentHandler, GetCycleHandler, GetUnitScoreHandler, ListRulesetsHandler } from './queries/evaluation.queries';
import { RulesetCatalog } from './queries/ruleset-catalog';

/** PEKPPP cycles, F-01 self-assessment, F-02 scoring and results; projections and consumers are registered in AppModule. */
@Module({
  controllers: [RulesetsController, CyclesController, AssessmentsController],
  providers: [
    RulesetCatalog,
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
