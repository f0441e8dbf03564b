import { ApiProperty, ApiPropertyOptional, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import {
  type Aspect,
  type CategoryBand,
  type ClaimRule,
  F01_ANSWER_TYPES,
  type F01Claim,
  type F01Condition,
  type F01EvidenceRequest,
  type F01Form,
  type F01Option,
  type F01Question,
  F03_AGGREGATION_RULES,
  type F03Aggregation,
  type F03Item,
  type Indicator,
  type InformationIndicator,
  type Provenance,
  type Ruleset,
  type UserScoreMerge,
} from '../domain';
import type { RulesetSummary } from '../queries/evaluation.queries';

type Schema = SchemaObject | ReferenceObject;

const text: Schema = { type: 'string' };
const integer: Schema = { type: 'integer' };
const texts: Schema = { type: 'array', items: text };
const object = (properties: Record<string, Schema>, required: string[]): Schema => ({ type: 'object', properties, required });

const F01_CONDITION_VARIANTS: Schema[] = [
  object({ question: text, is: { type: 'string', enum: ['yes', 'no'] } }, ['question', 'is']),
  object({ question: text, ticked: text }, ['question', 'ticked']),
  object({ question: text, tickedAtLeast: integer, among: texts }, ['question', 'tickedAtLeast']),
  object({ question: text, atLeast: { type: 'number' } }, ['question', 'atLeast']),
];
const F01_CONDITION_SCHEMA: Schema = { oneOf: F01_CONDITION_VARIANTS };
const LEVEL_BANDS: Schema = { type: 'array', items: object({ min: { type: 'number' }, exclusive: { type: 'boolean' }, level: integer }, ['min', 'level']) };
const kind = (name: string): Schema => ({ type: 'string', enum: [name] });

const CLAIM_RULE_VARIANTS: Schema[] = [
  object({ kind: kind('chainOfYes'), questions: texts, levelOfLength: { type: 'array', items: integer } }, ['kind', 'questions', 'levelOfLength']),
  object({ kind: kind('countTicked'), question: text, gate: F01_CONDITION_SCHEMA, requiredOptions: texts, bands: LEVEL_BANDS }, ['kind', 'question', 'bands']),
  object({ kind: kind('countTickedByKeyOption'), question: text, keyOption: text, withoutKey: LEVEL_BANDS, withKey: LEVEL_BANDS }, [
    'kind',
    'question',
    'keyOption',
    'withoutKey',
    'withKey',
  ]),
  object({ kind: kind('optionPosition'), question: text, gate: F01_CONDITION_SCHEMA, levelOfOption: { type: 'object', additionalProperties: integer } }, [
    'kind',
    'question',
    'levelOfOption',
  ]),
  object(
    {
      kind: kind('percentageBands'),
      gate: F01_CONDITION_SCHEMA,
      sources: {
        type: 'array',
        items: {
          oneOf: [
            object({ percentQuestion: text, bands: LEVEL_BANDS }, ['percentQuestion', 'bands']),
            object({ numerator: text, denominator: text, bands: LEVEL_BANDS }, ['numerator', 'denominator', 'bands']),
          ],
        },
      },
    },
    ['kind', 'sources'],
  ),
  object(
    {
      kind: kind('ladder'),
      steps: { type: 'array', items: object({ level: integer, when: { type: 'array', items: F01_CONDITION_SCHEMA } }, ['level', 'when']) },
    },
    ['kind', 'steps'],
  ),
];

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

export class F01OptionDocument implements F01Option {
  @ApiProperty({ example: 'sippn' })
  id!: string;

  @ApiProperty({ example: 'SIPP Nasional' })
  label!: string;

  @ApiPropertyOptional({ description: 'The option claims nothing (e.g. "Tidak"): no bukti dukung is asked for it' })
  claimsNothing?: boolean;
}

export class F01EvidenceRequestDocument implements F01EvidenceRequest {
  @ApiProperty({ type: [String], description: 'The bukti dukung the question asks for' })
  names!: readonly string[];

  @ApiProperty({ description: 'At least one is needed on submit when the answer claims something (Ya, a ticked option, a number above 0, a text)' })
  requiredWhenClaimed!: boolean;
}

export class F01QuestionDocument implements F01Question {
  @ApiProperty({ example: '1.a.Ak/a' })
  id!: string;

  @ApiProperty()
  text!: string;

  @ApiProperty({ enum: F01_ANSWER_TYPES, description: 'yesNo: ya/tidak; single: pilihan; multi: pilih banyak; number: angka; text: teks' })
  type!: F01Question['type'];

  @ApiPropertyOptional({ type: [F01OptionDocument], description: 'For single and multi' })
  options?: readonly F01OptionDocument[];

  @ApiPropertyOptional({ description: 'For number; default 0' })
  min?: number;

  @ApiPropertyOptional({ description: 'For number' })
  max?: number;

  @ApiProperty({ description: 'Must be answered before submit, when shown' })
  required!: boolean;

  @ApiPropertyOptional({
    oneOf: F01_CONDITION_VARIANTS,
    description: 'Shown only when this holds on another answer (the question by its id)',
  })
  showIf?: F01Condition;

  @ApiPropertyOptional({ type: () => F01EvidenceRequestDocument })
  evidence?: F01EvidenceRequestDocument;

  @ApiPropertyOptional({ description: 'Where the sources disagree on this question, which reading is taken' })
  note?: string;
}

export class F01ClaimDocument implements F01Claim {
  @ApiProperty({ example: 'pantau/f01/1.a.Ak' })
  name!: string;

  @ApiProperty({ enum: ['pantau', 'kemenpanrb'], description: "pantau: the platform's rule; no official rule turns F-01 answers into a level" })
  ruleSource!: F01Claim['ruleSource'];

  @ApiProperty({ description: 'What the rule does, in Indonesian' })
  explanation!: string;

  @ApiProperty({
    oneOf: CLAIM_RULE_VARIANTS,
    description: 'The rule by its kind, with the questions, bands or steps it reads',
  })
  rule!: ClaimRule;
}

export class F01FormDocument implements F01Form {
  @ApiProperty({ type: [F01QuestionDocument] })
  questions!: readonly F01QuestionDocument[];

  @ApiProperty({ type: () => F01ClaimDocument })
  claim!: F01ClaimDocument;
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

  @ApiPropertyOptional({
    type: () => F01FormDocument,
    description: 'The F-01 questions the unit answers and the rule deriving its claimed level; absent: a 0–5 self score with a justification',
  })
  f01?: F01FormDocument;
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

  @ApiProperty({ example: '14.d.T', description: 'The code the form prints; the F-03 A codes skip 13, so it is not derived from the item number' })
  code!: string;

  @ApiProperty({ enum: ['I', 'II', 'III', 'IV', 'V'] })
  group!: F03Item['group'];

  @ApiProperty()
  name!: string;
}

export class F03AggregationDocument extends ProvenanceDocument implements F03Aggregation {
  @ApiProperty({
    enum: F03_AGGREGATION_RULES,
    description: 'How F-03 answers become the user score; mean-of-all-answers: every answer of every respondent weighs the same',
  })
  rule!: F03Aggregation['rule'];
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

  @ApiProperty({ type: () => F03AggregationDocument, description: 'The official F-03 formula is not sourced: the ruleset states the one it uses' })
  f03Aggregation!: F03AggregationDocument;
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
