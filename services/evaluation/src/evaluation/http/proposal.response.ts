import { ApiProperty } from '@nestjs/swagger';
import { JSON_VALUE_REF } from '@lib/platform';
import type { DecisionMark, IndicatorDecision } from '../domain';
import type { RequestSlaBreachFigure, ServiceSlaCompliance } from '../domain/proposals';
import type { SelfClaimView } from '../queries/unit-proposals.queries';

export class RuleSourceResponse {
  @ApiProperty({
    enum: ['kemenpanrb-level-text', 'pantau'],
    description: "`kemenpanrb-level-text`: the figures map onto the quantities the F-02 level text names; `pantau`: the mapping is Pantau's own",
  })
  kind!: string;

  @ApiProperty({ description: 'Why the mapping is (or is not) the instrument’s own' })
  reason!: string;
}

export class ClaimedEvidenceResponse {
  @ApiProperty()
  evidenceId!: string;

  @ApiProperty({ enum: ['file', 'link'] })
  kind!: string;

  @ApiProperty({ example: 'SK Standar Pelayanan KTP-el' })
  name!: string;
}

export class ClaimedByResponse {
  @ApiProperty({ example: 'pantau/f01/1.a.Ak' })
  rule!: string;

  @ApiProperty({ example: 'pantau', description: '"pantau": the platform\'s rule; no official rule turns F-01 answers into a level' })
  ruleSource!: string;
}

export class SelfClaimResponse implements SelfClaimView {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5, description: 'The score the unit gave itself on F-01, or the level its F-01 answers claim' })
  score!: number;

  @ApiProperty()
  justification!: string;

  @ApiProperty({ type: [ClaimedEvidenceResponse], description: 'The evidence the answer names' })
  evidence!: ClaimedEvidenceResponse[];

  @ApiProperty({
    type: ClaimedByResponse,
    nullable: true,
    description: 'Under a ruleset with F-01 questions: the rule that derived `score` (the claimed level) from the answers; null for a typed self score',
  })
  claimedBy!: ClaimedByResponse | null;
}

export class DecisionMarkResponse implements DecisionMark {
  @ApiProperty({ example: 'dev-evaluator-1' })
  evaluatorId!: string;

  @ApiProperty({
    enum: ['confirmed', 'overridden', 'scored'],
    description: '`confirmed`: the proposed level; `overridden`: another score (or the same) with a note; `scored`: an F-02 score typed in',
  })
  kind!: DecisionMark['kind'];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 })
  score!: number;

  @ApiProperty({ description: 'Empty for a confirmation' })
  note!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the proposal was confirmed or overridden; null for a typed-in score' })
  decidedAt!: string | null;

  @ApiProperty({ description: "Counted in the final score: the lead evaluator's mark under `lead-evaluator`, every mark under `mean`" })
  decisive!: boolean;
}

export class IndicatorDecisionResponse implements IndicatorDecision {
  @ApiProperty({
    enum: ['proposed', 'confirmed', 'overridden', 'scored'],
    description:
      '`proposed`: no final evaluator score yet, so the indicator is missing from the IPP; `confirmed`: every decisive mark confirms the proposal; `overridden`: a decisive mark overrides it; `scored`: the final score includes an F-02 score typed in',
  })
  status!: IndicatorDecision['status'];

  @ApiProperty({ type: Number, nullable: true, description: 'The final evaluator score the IPP uses (fractional under `mean`); null while only proposed' })
  score!: number | null;

  @ApiProperty({ type: [DecisionMarkResponse], description: "Every evaluator's latest mark on the indicator" })
  marks!: DecisionMarkResponse[];
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

  @ApiProperty({
    type: SelfClaimResponse,
    nullable: true,
    description: "The unit's F-01 answer for the indicator, beside the proposal; null when not answered",
  })
  selfClaim!: SelfClaimResponse | null;

  @ApiProperty({ type: IndicatorDecisionResponse, description: "The evaluators' decision on the proposal" })
  decision!: IndicatorDecisionResponse;
}

export class RequestSlaBreachResponse implements RequestSlaBreachFigure {
  @ApiProperty()
  requestId!: string;

  @ApiProperty()
  serviceId!: string;

  @ApiProperty({ format: 'date', description: 'The due date the request missed' })
  dueDate!: string;

  @ApiProperty({ format: 'date', description: 'When the request service flagged the breach (tenant local date)' })
  detectedOn!: string;

  @ApiProperty({ description: 'The RequestSlaBreached event' })
  eventId!: string;
}

export class ServiceSlaComplianceResponse implements ServiceSlaCompliance {
  @ApiProperty()
  serviceId!: string;

  @ApiProperty({ example: 'Penerbitan KTP-el', description: 'The service as its latest Standar Pelayanan names it' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Requests completed in the cycle window' })
  completed!: number;

  @ApiProperty({ type: 'integer', description: 'Of those, completed within the standard’s time' })
  completedOnTime!: number;

  @ApiProperty({ type: Number, nullable: true, example: 87.5, description: 'Rounded to 2 decimals; null when nothing was completed' })
  onTimePercent!: number | null;

  @ApiProperty({ type: [RequestSlaBreachResponse], description: 'Every breach detected in the window, completed since or not, by due date' })
  breaches!: RequestSlaBreachResponse[];

  @ApiProperty({ type: [String], description: 'The completion and breach events behind the figure, sorted' })
  sourceEventIds!: string[];
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

  @ApiProperty({
    type: [ServiceSlaComplianceResponse],
    description: 'Request SLA compliance per service in the cycle window: a figure shown beside the proposals, not an indicator level',
  })
  requestSla!: ServiceSlaComplianceResponse[];
}
