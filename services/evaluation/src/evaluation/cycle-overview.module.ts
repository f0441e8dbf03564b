import { Module } from '@nestjs/common';
import { CycleOverviewController } from './http/cycle-overview.controller';
import { GetCycleScoresHandler, GetRulesetHandler, ListCyclesHandler } from './queries/cycle-overview.queries';
import { RulesetCatalog } from './queries/ruleset-catalog';

/** Read-only overview endpoints the web portal needs (cycle list, all scores of a cycle, ruleset text). */
@Module({
  controllers: [CycleOverviewController],
  providers: [RulesetCatalog, ListCyclesHandler, GetCycleScoresHandler, GetRulesetHandler],
})
export class CycleOverviewModule {}
