import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Aspect, CategoryBand, F03Item, Indicator, InformationIndicator, Provenance, Ruleset, UserScoreMerge } from '../domain';
import type { RulesetSummary } from '../queries/evaluation.queries';

export class RulesetSummaryResponse implements RulesetSummary {
  @ApiProperty({ example: 'pekppp-2023' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ description: 'Shipped with the code; false: published by the tenant' })
  shipped!: boolean;

  @ApiProperty()
  provisional!: boolean;

  @ApiProperty({ type: [String], description: 'Which parts are provisional, e.g. "aspects[1].weight"' })
  provisionalParts!: string[];

  @ApiProperty({ type: String, nullable: true, description: "The publisher's reason; null for shipped rulesets" })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;
}

/** How a value is backed: confirmed, or provisional with the note that says why and where from. */
export class ProvenanceDocument implements Provenance {
  @ApiProperty()
  provisional!: boolean;

  @ApiProperty()
  source!: string;
}

export class IndicatorDocument extends ProvenanceDocument implements Indicator {
  @ApiProperty({ type: 'integer', description: 'Running number 1..n across the ruleset' })
  no!: number;

  @ApiProperty({ example: '1.a.Ak', description: '<no>.<aspect letter>.<principle>' })
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Weight inside its aspect, in basis points; provisional/source are about this weight' })
  weightBp!: number;

  @ApiProperty({ type: [String], description: 'Descriptor of each score 0..5 (index = score)' })
  descriptors!: readonly string[];

  @ApiProperty({ type: () => ProvenanceDocument })
  descriptorsProvenance!: ProvenanceDocument;

  @ApiProperty({ type: [String], description: 'Examples of bukti dukung an evaluator expects' })
  evidenceExamples!: readonly string[];
}

export class AspectDocument extends ProvenanceDocument implements Aspect {
  @ApiProperty({ enum: ['a', 'b', 'c', 'd', 'e', 'f'] })
  code!: Aspect['code'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Weight of the aspect in the IPP, in basis points' })
  weightBp!: number;

  @ApiProperty({ type: () => [IndicatorDocument] })
  indicators!: readonly IndicatorDocument[];
}

export class InformationIndicatorDocument extends ProvenanceDocument implements InformationIndicator {
  @ApiProperty()
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiPropertyOptional({ type: [String], description: 'Descriptor of each level 0..5 the form asks about, when the sources give them' })
  descriptors?: readonly string[];
}

export class F03ItemDocument implements F03Item {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 14 })
  item!: number;

  @ApiProperty({ enum: ['I', 'II', 'III', 'IV', 'V'] })
  group!: F03Item['group'];

  @ApiProperty()
  name!: string;
}

export class UserScoreMergeDocument extends ProvenanceDocument implements UserScoreMerge {
  @ApiProperty({ type: 'integer' })
  f02WeightBp!: number;

  @ApiProperty({ type: 'integer' })
  f03WeightBp!: number;

  @ApiProperty({ type: 'integer', description: 'Below this many respondents the F-03 score is not merged' })
  f03MinRespondents!: number;

  @ApiProperty({ type: 'integer', description: 'Collection cap' })
  f03MaxRespondents!: number;

  @ApiProperty({ type: () => [F03ItemDocument] })
  items!: readonly F03ItemDocument[];
}

export class CategoryBandDocument implements CategoryBand {
  @ApiProperty({ example: 'A-' })
  category!: string;

  @ApiProperty({ example: 'Sangat Baik' })
  predicate!: string;

  @ApiProperty({ type: 'integer', description: 'Inclusive, hundredths of the IPP rounded half-up to 2 decimals' })
  minHundredths!: number;

  @ApiProperty({ type: 'integer', description: 'Inclusive' })
  maxHundredths!: number;
}

export class ScaleDocument {
  @ApiProperty({ type: 'integer', example: 0 })
  min!: number;

  @ApiProperty({ type: 'integer', example: 5 })
  max!: number;
}

/** A scoring ruleset: aspects, indicators with their 0..5 descriptors, the F-03 merge, the bands. */
export class RulesetDocument implements Ruleset {
  @ApiProperty({ example: 'pekppp-2023', description: 'Kebab-case' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'Increasing per id' })
  version!: number;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: [String], description: 'Regulations the ruleset implements' })
  legalBasis!: readonly string[];

  @ApiProperty({ type: () => ScaleDocument, description: 'Indicator score scale; the scoring rules support 0..5 only' })
  scale!: ScaleDocument;

  @ApiProperty({ type: () => [AspectDocument] })
  aspects!: readonly AspectDocument[];

  @ApiProperty({ type: () => [InformationIndicatorDocument], description: 'Asked on the forms but not scored' })
  informationIndicators!: readonly InformationIndicatorDocument[];

  @ApiProperty({ type: () => UserScoreMergeDocument, nullable: true, description: 'Null when the scheme has no user score (F-02 only)' })
  userScoreMerge!: UserScoreMergeDocument | null;

  @ApiProperty({ enum: ['lead-evaluator', 'mean'] })
  evaluatorCombination!: Ruleset['evaluatorCombination'];

  @ApiProperty({ type: () => ProvenanceDocument })
  evaluatorCombinationProvenance!: ProvenanceDocument;

  @ApiProperty({ type: () => [CategoryBandDocument], description: 'Contiguous over 0.00..5.00' })
  bands!: readonly CategoryBandDocument[];

  @ApiProperty({ type: () => ProvenanceDocument })
  bandsProvenance!: ProvenanceDocument;
}

export class RulesetDocumentResponse extends RulesetDocument {
  @ApiProperty({ description: 'A part of the ruleset is provisional' })
  provisional!: boolean;
}
