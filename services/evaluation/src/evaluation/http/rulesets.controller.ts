import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Caller, CommandReply, commandReply, CurrentActor, InputProblemException, RequirePermission, TenantQuery } from '@lib/platform';
import { PublishRulesetCommand } from '../commands/publish-ruleset.command';
import { type Ruleset, validateRuleset } from '../domain';
import { ListRulesetsQuery } from '../queries/evaluation.queries';
import { PublishRulesetRequest } from './evaluation.request';
import { RulesetSummaryResponse } from './ruleset.response';

@ApiTags('rulesets')
@Controller('rulesets')
export class RulesetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('ruleset:read')
  @ApiOperation({ summary: 'Shipped and published scoring rulesets, with which parts are provisional' })
  @ApiOkResponse({ description: 'Every version, oldest first per id', type: [RulesetSummaryResponse] })
  // declared so a national auditor's ?tenantId= passes validation; the guard resolves it into the actor
  list(@CurrentActor() actor: Actor, @Query() _tenant: TenantQuery): Promise<RulesetSummaryResponse[]> {
    return this.queries.execute(new ListRulesetsQuery(actor.tenantId));
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('ruleset:publish')
  @ApiOperation({ summary: 'Publish a new version of a ruleset (weights, bands, quotas); existing cycles keep the version they pinned' })
  @ApiCreatedResponse({ description: 'Published', type: CommandReply })
  @ApiBadRequestResponse({ description: 'The document breaks a rule; each error names its path, e.g. ruleset.aspects[2].indicators' })
  @ApiConflictResponse({ description: 'Version not above the latest (RULESET.VERSION_NOT_INCREASING)' })
  async publish(@Caller() { meta }: Caller, @Body() body: PublishRulesetRequest): Promise<CommandReply> {
    const ruleset = body.ruleset as unknown as Ruleset;
    const violations = validateRuleset(ruleset);
    if (violations.length > 0) {
      throw new InputProblemException(
        violations.map((violation) => ({ field: `ruleset.${violation.path}`, rule: violation.rule, message: violation.message })),
      );
    }
    return commandReply(await this.commands.execute(new PublishRulesetCommand(ruleset, body.reason, meta)));
  }
}
