import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TenantQuery } from '@lib/platform';
import {
  CYCLE_PHASES,
  type CyclePhase,
  LOKUS_KODES,
  type LokusKode,
  OBSERVED_ITEM_DIMENSIONS,
  observedItemScales,
  OVERRIDABLE_ACTIONS,
  type PhaseAction,
} from '../domain';
import { RulesetDocument } from './ruleset.response';
import { Type } from 'class-transformer';
import { LOCAL_DATE_FORMAT, QUALIFIED_ID } from '@lib/kernel';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { NOT_BLANK } from '../domain/field-rules';

const DATE_MESSAGE = '$property must be a date YYYY-MM-DD';

/** Text that holds more than spaces: a note made only of blanks says nothing. */
function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: NOT_BLANK,
      validator: { validate: (value) => typeof value === 'string' && value.trim() !== '', defaultMessage: () => '$property must not be blank' },
    },
    options,
  );
}

export class CyclePath {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cycleId!: string;
}

export class UnitPath extends CyclePath {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(QUALIFIED_ID)
  unitId!: string;
}

export class IndicatorPath extends UnitPath {
  @ApiProperty({ example: '1.a.Ak' })
  @Matches(/^[0-9]+\.[a-z]\.[A-Za-z]+$/, { message: 'indicatorCode must look like "1.a.Ak"' })
  indicatorCode!: string;
}

export class PublishRulesetRequest {
  @ApiProperty({ example: 'bobot aspek II–VI dikonfirmasi dari Pedoman 5/2023' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({
    description: 'The ruleset document (GET /rulesets/{rulesetId}/versions/{version} shows the shipped ones); checked with validateRuleset',
    type: () => RulesetDocument,
  })
  @IsObject()
  ruleset!: Record<string, unknown>;
}

export class PhaseWindowRequest {
  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'First day (local date, the tenant’s time zone)' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  start!: string;

  @ApiProperty({ format: 'date', example: '2026-05-31', description: 'Last day (local date)' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  end!: string;
}

export class CyclePhaseWindowRequest extends PhaseWindowRequest {
  @ApiProperty({ enum: CYCLE_PHASES })
  @IsIn(CYCLE_PHASES)
  phase!: CyclePhase;
}

export class PhasePath extends CyclePath {
  @ApiProperty({ enum: CYCLE_PHASES })
  @IsIn(CYCLE_PHASES)
  phase!: CyclePhase;
}

export class ChangePhaseWindowRequest extends PhaseWindowRequest {
  @ApiPropertyOptional({ example: 'Jadwal penilaian F-02 diundur karena verifikasi lapangan bersamaan dengan kegiatan lain', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class GrantPhaseOverrideRequest {
  @ApiProperty({ enum: OVERRIDABLE_ACTIONS, description: 'The action the unit may take outside its phases, e.g. f01-fill to reopen F-01' })
  @IsIn(OVERRIDABLE_ACTIONS)
  action!: PhaseAction;

  @ApiProperty({ format: 'date', example: '2026-06-03', description: 'Last day the override holds (local date); it holds from today' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  until!: string;

  @ApiProperty({ example: 'Server SKPD rusak pada hari terakhir pengisian (BA tanggal 31 Mei)', maxLength: 2000 })
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason!: string;
}

export const NON_SUBMISSION_DECISIONS = ['field-visit', 'ruleset-outcome'] as const;

export class DecideNonSubmissionRequest {
  @ApiProperty({
    enum: NON_SUBMISSION_DECISIONS,
    description:
      "field-visit: evaluators score F-02 from a field visit without an F-01; ruleset-outcome: apply the non-submission outcome the unit's ruleset states",
  })
  @IsIn(NON_SUBMISSION_DECISIONS)
  decision!: (typeof NON_SUBMISSION_DECISIONS)[number];

  @ApiProperty({ example: 'Unit tidak mengisi F-01 sampai batas waktu; verifikasi lapangan dijadwalkan', maxLength: 2000 })
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason!: string;
}

export class OpenCycleRequest {
  @ApiPropertyOptional({ description: 'Client-chosen id (a retry with the same id is refused as already open)' })
  @IsOptional()
  @IsUUID()
  cycleId?: string;

  @ApiProperty({ example: 'PEKPPP 2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Open the cycle with the instrument another cycle of the tenant pinned (the previous period's): the same ruleset revision, Kode B ruleset and compliance ruleset. Then rulesetId, rulesetVersion and the compliance fields are left out.",
  })
  @IsOptional()
  @IsUUID()
  copyInstrumentFrom?: string;

  @ApiPropertyOptional({ example: 'pekppp-2023', description: 'Required unless copyInstrumentFrom is given' })
  @ValidateIf((body: OpenCycleRequest) => body.copyInstrumentFrom === undefined || body.rulesetId !== undefined)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  rulesetId?: string;

  @ApiPropertyOptional({ description: 'Default: the latest version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  rulesetVersion?: number;

  @ApiPropertyOptional({ example: 'ombudsman-2025', description: 'The Ombudsman compliance ruleset the grades are computed under. Default: ombudsman-2025' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  complianceRulesetId?: string;

  @ApiPropertyOptional({ description: 'Version of the compliance ruleset. Default: its latest version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  complianceRulesetVersion?: number;

  @ApiProperty({ example: '2026-03-01' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  windowStart!: string;

  @ApiProperty({ example: '2026-10-31' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  windowEnd!: string;

  @ApiProperty({ example: '2026-05-31' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  selfAssessmentDue!: string;

  @ApiPropertyOptional({
    type: () => [CyclePhaseWindowRequest],
    description:
      'Windows of the phases, each at most once. A phase not listed: F-01 filling windowStart..selfAssessmentDue, every other phase windowStart..windowEnd',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CYCLE_PHASES.length)
  @ValidateNested({ each: true })
  @Type(() => CyclePhaseWindowRequest)
  phases?: CyclePhaseWindowRequest[];
}

export class AssignUnitLokusRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(QUALIFIED_ID, { each: true })
  evaluatorIds!: string[];

  @ApiProperty()
  @Matches(QUALIFIED_ID)
  leadEvaluatorId!: string;

  @ApiPropertyOptional({
    enum: LOKUS_KODES,
    description:
      "The PEKPPP form: A (luring) or B (daring, fully online services; the cycle's ruleset must have a Kode B form). Default: the lokus keeps its kode; a new lokus is A. Fixed once the unit's F-01 is submitted or scored",
  })
  @IsOptional()
  @IsIn(LOKUS_KODES)
  kode?: LokusKode;
}

/** One unit of a bulk assignment: the unit, and whatever a single assignment says about it. */
export class UnitLokusAssignmentRequest extends AssignUnitLokusRequest {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(QUALIFIED_ID)
  unitId!: string;
}

/** Refused as a whole when any unit is: the 400 names `units[i].field`, a broken rule the unit (`details.field`). */
export class AssignUnitsLokusRequest {
  @ApiProperty({ type: [UnitLokusAssignmentRequest], description: 'Each unit once; a unit assigned as listed already appends nothing' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => UnitLokusAssignmentRequest)
  units!: UnitLokusAssignmentRequest[];
}

export class QuestionAnswerRequest {
  @ApiProperty({ example: '1.a.Ak/a', description: "A question id of the indicator's F-01 (the ruleset's `f01.questions[].id`)" })
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @ApiProperty({
    description:
      'By the question type: yesNo → true (Ya) / false (Tidak); single → one option id; multi → a list of option ids (empty: none ticked); number → a number; text → a text',
    oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  @IsDefined()
  value!: boolean | number | string | string[];

  @ApiPropertyOptional({ type: [String], description: 'Evidence attached to the indicator that backs this answer (bukti dukung). Default: none' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  evidenceIds?: string[];
}

export class DraftAnswerRequest {
  @ApiProperty({ example: '1.a.Ak' })
  @IsString()
  @MaxLength(64)
  indicatorCode!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 5,
    description: 'Self score, under a ruleset without F-01 questions (required there); left out when questions are asked',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  score?: number;

  @ApiPropertyOptional({ description: 'Required with a self score; optional beside question answers' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  justification?: string;

  @ApiPropertyOptional({
    type: [QuestionAnswerRequest],
    description:
      "Answers to the indicator's F-01 questions, under a ruleset that asks them (required there): they replace the indicator's earlier answers; the claimed level is derived",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionAnswerRequest)
  questions?: QuestionAnswerRequest[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'With a self score: the evidence the answer rests on; default all attached to the indicator. With questions: leave out (evidence goes with each question)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  evidenceIds?: string[];
}

export class SaveDraftRequest {
  @ApiProperty({ type: [DraftAnswerRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DraftAnswerRequest)
  answers!: DraftAnswerRequest[];
}

export class AttachEvidenceRequest {
  @ApiProperty({ example: '1.a.Ak' })
  @IsString()
  @MaxLength(64)
  indicatorCode!: string;

  @ApiProperty({ enum: ['link', 'file'] })
  @IsIn(['link', 'file'])
  kind!: 'link' | 'file';

  @ApiPropertyOptional({ description: 'Default: a new uuid' })
  @IsOptional()
  @Matches(QUALIFIED_ID)
  evidenceId?: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ description: 'https URL, for kind=link' })
  @ValidateIf((body: AttachEvidenceRequest) => body.kind === 'link')
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'For kind=file: the storageKey the upload to evidence-files returned (sha256:<hex>)' })
  @ValidateIf((body: AttachEvidenceRequest) => body.kind === 'file')
  @Matches(/^sha256:[0-9a-f]{64}$/, { message: 'storageKey must be the sha256:<hex> key an evidence-files upload returned' })
  storageKey?: string;

  @ApiPropertyOptional({ description: "For kind=file, optional: the sha256 the client computed; must equal the uploaded file's" })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/)
  sha256?: string;
}

export class IndicatorNoteRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  indicatorCode!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note!: string;
}

export class ReturnRequest {
  @ApiProperty({ type: [IndicatorNoteRequest] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => IndicatorNoteRequest)
  notes!: IndicatorNoteRequest[];
}

export class ScoreIndicatorRequest {
  @ApiProperty({ minimum: 0, maximum: 5 })
  @IsInt()
  @Min(0)
  @Max(5)
  score!: number;

  @ApiProperty({ description: 'Against the F-02 descriptors' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note!: string;
}

export class IndicatorScoreRequest {
  @ApiProperty({ example: '1.a.Ak' })
  @IsString()
  @MaxLength(64)
  indicatorCode!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 })
  @IsInt()
  @Min(0)
  @Max(5)
  score!: number;

  @ApiProperty({ description: 'Against the F-02 descriptors' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @NotBlank()
  note!: string;
}

export class ScoreIndicatorsRequest {
  @ApiPropertyOptional({
    description:
      "Whose marks these are. An evaluator enters only their own (the default). An admin types in an assigned evaluator's F-02 sheet: default the lead evaluator",
  })
  @IsOptional()
  @Matches(QUALIFIED_ID)
  evaluatorId?: string;

  @ApiProperty({
    type: [IndicatorScoreRequest],
    description: 'Each indicator once, at most as many as the pinned ruleset scores; an unchanged score appends nothing. Refused as a whole when any score is',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IndicatorScoreRequest)
  scores!: IndicatorScoreRequest[];
}

export class ConfirmProposalRequest {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 5,
    description: 'The level the evaluator saw proposed; refused with 409 PROPOSAL.CHANGED when the proposal moved since',
  })
  @IsInt()
  @Min(0)
  @Max(5)
  expectedLevel!: number;
}

export class OverrideProposalRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5, description: "The evaluator's F-02 score; may equal the proposed level" })
  @IsInt()
  @Min(0)
  @Max(5)
  score!: number;

  @ApiProperty({ description: 'Why this score and not (or not only) the proposal, against the F-02 descriptors' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @NotBlank()
  note!: string;
}

export class VerificationVisitRequest {
  @ApiProperty({ example: '2026-07-14' })
  @Matches(LOCAL_DATE_FORMAT, { message: DATE_MESSAGE })
  visitedOn!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayMinSize(1)
  @Matches(QUALIFIED_ID, { each: true })
  evaluatorIds!: string[];

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  findings!: string;
}

export class CorrectedScoreRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  indicatorCode!: string;

  @ApiProperty({ minimum: 0, maximum: 5 })
  @IsInt()
  @Min(0)
  @Max(5)
  score!: number;
}

export class CorrectResultRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;

  @ApiProperty({ type: [CorrectedScoreRequest] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CorrectedScoreRequest)
  scores!: CorrectedScoreRequest[];
}

/** Extends TenantQuery: a national auditor names the tenant whose cycle it reads. */
export class ScoreQuery extends TenantQuery {
  @ApiPropertyOptional({ description: 'What-if: re-score under this ruleset id (no events are written)' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  ruleset?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'With ruleset: the version (default: latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  rulesetVersion?: number;
}

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ITEM_SCORE_MAX = Math.max(...[...observedItemScales().values()].map((scale) => scale.max));

export class ObservedItemRequest {
  @ApiProperty({ enum: OBSERVED_ITEM_DIMENSIONS, description: 'A dimension scored from observation items' })
  @IsIn(OBSERVED_ITEM_DIMENSIONS)
  dimension!: string;

  @ApiProperty({ example: 'kompetensi-pelaksana', description: 'The item, kebab-case; recording it again replaces its score' })
  @Matches(KEBAB_CASE)
  @MaxLength(64)
  itemCode!: string;

  @ApiProperty({ minimum: 0, maximum: ITEM_SCORE_MAX })
  @IsInt()
  @Min(0)
  @Max(ITEM_SCORE_MAX)
  score!: number;

  @ApiProperty({ description: 'What the evaluator observed' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note!: string;
}

export class PublicTrustRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 72.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score!: number;

  @ApiProperty({ example: 'Survei Ombudsman RI 2026, dokumen hasil penilaian', description: 'Where the figure comes from' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  source!: string;
}

export class MaladministrationRequest {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Maladministration the Ombudsman substantiated against the unit in the period' })
  @IsInt()
  @Min(0)
  substantiatedFindings!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Ombudsman corrective actions, suggestions and recommendations not yet followed up' })
  @IsInt()
  @Min(0)
  unresolvedOmbudsmanActions!: number;

  @ApiPropertyOptional({ description: 'Where the record comes from (LAHP, rekomendasi numbers)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

/** Any part may be left out (it stays as recorded); at least one must be given. */
export class RecordComplianceObservationRequest {
  @ApiPropertyOptional({ type: [ObservedItemRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ObservedItemRequest)
  items?: ObservedItemRequest[];

  @ApiPropertyOptional({ type: () => PublicTrustRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => PublicTrustRequest)
  publicTrust?: PublicTrustRequest;

  @ApiPropertyOptional({ type: () => MaladministrationRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaladministrationRequest)
  maladministration?: MaladministrationRequest;
}

/** Extends TenantQuery: a national auditor names the tenant whose cycle it reads. */
export class ComplianceQuery extends TenantQuery {
  @ApiPropertyOptional({ example: 'ombudsman-2021', description: 'What-if: grade the same input under this shipped compliance ruleset (nothing is recorded)' })
  @IsOptional()
  @Matches(KEBAB_CASE)
  ruleset?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'With ruleset: its version (default: latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
