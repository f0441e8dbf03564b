import { ApiProperty } from '@nestjs/swagger';
import { JSON_VALUE_REF } from '@lib/platform';

export class RuleSourceResponse {
  @ApiProperty({
    enum: ['kemenpanrb-level-text', 'pantau'],
    description: "`kemenpanrb-level-text`: the figures map onto the quantities the F-02 level text names; `pantau`: the mapping is Pantau's own",
  })
  kind!: string;

  @ApiProperty({ description: 'Why the mapping is (or is not) the instrument’s own' })
  reason!: string;
}

export class IndicatorProposalResponse {
  @ApiProperty({ example: '6.a.B', description: 'Indicator code as the scoring ruleset names it' })
  indicatorCode!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5, description: 'Proposed F-02 level: a suggestion the evaluator confirms or overrides, never a score' })
  level!: number;

  @ApiProperty({ example: 'skm-per-regulation', description: 'The named rule that chose the level' })
  ruleId!: string;

  @ApiProperty({ type: RuleSourceResponse })
  ruleSource!: RuleSourceResponse;

  @ApiProperty({ description: 'True when the thresholds or level texts the rule used are not confirmed against the regulation' })
  provisional!: boolean;

  @ApiProperty({ description: 'Where the provisional values come from' })
  provisionalSource!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: JSON_VALUE_REF,
    description: 'The figures the rule read (counts, shares, dates), as the rule names them',
  })
  figures!: Record<string, unknown>;

  @ApiProperty({ description: 'Why this level, in Indonesian' })
  explanation!: string;

  @ApiProperty({ type: [String], description: 'Ids of the request and survey events the figures came from, sorted' })
  sourceEventIds!: string[];

  @ApiProperty({ example: 'pekppp-2023-proposals@1', description: 'The proposal ruleset used' })
  proposalRules!: string;

  @ApiProperty({ format: 'date-time', description: 'When the proposal last changed (the latest source event behind the change)' })
  updatedAt!: string;
}

export class UnitProposalsResponse {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({
    type: [IndicatorProposalResponse],
    description: 'One per indicator events can evidence, in the instrument’s order; empty while the unit is not a lokus of the open cycle or no event was seen',
  })
  proposals!: IndicatorProposalResponse[];
}
