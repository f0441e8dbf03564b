import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { LOCAL_DATE_FORMAT, SIMPLE_ID } from '@lib/kernel';
import { MAX_DECLARED_POPULATION, POPULATION_SOURCE_MAX_LENGTH } from '../domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Surrounding blanks are no part of a citation: a source of spaces only is an empty one. */
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The random token a public form keeps for its respondent (SKM and F-03 alike). */
const RESPONDENT_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const RESPONDENT_TOKEN_RULE = 'respondentToken must be 16-128 characters of [A-Za-z0-9_-]';

export class SkmSurveyPath {
  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;

  @ApiProperty({ enum: ['quarter', 'semester', 'year'] })
  @IsIn(['quarter', 'semester', 'year'])
  periodKind!: 'quarter' | 'semester' | 'year';

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day of the period' })
  @Matches(LOCAL_DATE_FORMAT, { message: 'periodStart must be a date YYYY-MM-DD' })
  periodStart!: string;
}

export class PublicLinkPath {
  @ApiProperty({ description: "The id in the survey's public URL and QR code" })
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  publicLinkId!: string;
}

export class ExtraUnsurRequest {
  @ApiProperty({ example: 'X1' })
  @IsString()
  code!: string;

  @ApiProperty({ example: 'Kemudahan aplikasi' })
  @IsString()
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({ description: 'Exact fraction "1/10" or decimal; all weights or none, summing to 1', example: '1/10' })
  @IsOptional()
  @Matches(/^\d+(\.\d+)?(\/\d+)?$/, { message: 'weight must be a fraction like "1/10" or a decimal like "0.1"' })
  weight?: string;
}

export class OpenSkmSurveyRequest {
  @ApiProperty({ example: '2026-03-31' })
  @Matches(LOCAL_DATE_FORMAT, { message: 'periodEnd must be a date YYYY-MM-DD' })
  periodEnd!: string;

  @ApiPropertyOptional({ example: 'skm-2017@1' })
  @IsOptional()
  @IsString()
  ruleset?: string;

  @ApiPropertyOptional({ type: () => [ExtraUnsurRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ExtraUnsurRequest)
  extraUnsur?: ExtraUnsurRequest[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Weights of U1..U9 when extra unsur are weighted',
    example: { U1: '1/10' },
  })
  @IsOptional()
  @IsObject()
  regulationWeights?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_DECLARED_POPULATION,
    description: 'Omitted → declared later (…/population), else the requests completed in the period. Needs declaredPopulationSource',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DECLARED_POPULATION)
  declaredPopulation?: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: POPULATION_SOURCE_MAX_LENGTH,
    example: 'Data pemohon SIAK 2026 triwulan I',
    description: 'Where the declared population comes from; required with declaredPopulation',
  })
  @ValidateIf((body: OpenSkmSurveyRequest) => body.declaredPopulation !== undefined)
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(POPULATION_SOURCE_MAX_LENGTH)
  declaredPopulationSource?: string;
}

export class DeclareSkmPopulationRequest {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_DECLARED_POPULATION, example: 1250, description: 'Service users of the unit in the period' })
  @IsInt()
  @Min(1)
  @Max(MAX_DECLARED_POPULATION)
  population!: number;

  @ApiProperty({
    minLength: 1,
    maxLength: POPULATION_SOURCE_MAX_LENGTH,
    example: 'Data pemohon SIAK 2026 triwulan I',
    description: 'Where the figure comes from (a register, a report, a system and its period)',
  })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(POPULATION_SOURCE_MAX_LENGTH)
  source!: string;
}

export class UnsurAnswerRequest {
  @ApiProperty({ example: 'U1' })
  @IsString()
  @MaxLength(10)
  code!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  value!: number;
}

export class RespondentProfileRequest {
  @ApiPropertyOptional({ maxLength: 40, example: '20-29' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ageBand?: string;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sex?: string;

  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  education?: string;

  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  occupation?: string;
}

export class SkmResponseRequest {
  @ApiProperty({ type: () => [UnsurAnswerRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => UnsurAnswerRequest)
  answers!: UnsurAnswerRequest[];

  @ApiPropertyOptional({ type: () => RespondentProfileRequest, description: 'Optional, for the SKM report by respondent group' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RespondentProfileRequest)
  profile?: RespondentProfileRequest;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  suggestion?: string;

  @ApiPropertyOptional({ description: 'Tracking code of a completed request of this unit in this period' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  trackingCode?: string;

  @ApiPropertyOptional({
    description:
      'A random token the form keeps for this respondent (e.g. in localStorage); one response per token. A kiosk starts each respondent with a new one.',
  })
  @IsOptional()
  @Matches(RESPONDENT_TOKEN, { message: RESPONDENT_TOKEN_RULE })
  respondentToken?: string;
}

export class PublishSkmResultRequest {
  @ApiProperty({ example: ['website', 'papan pengumuman'] })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayMinSize(1)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  media!: string[];

  @ApiProperty({ example: '2026-04-10' })
  @Matches(LOCAL_DATE_FORMAT, { message: 'publishedOn must be a date YYYY-MM-DD' })
  publishedOn!: string;
}

export class PlanFollowUpRequest {
  @ApiProperty({ description: "The follow-up's id within the survey, chosen by the client", example: 'tl-u4-2026q1' })
  @Matches(SIMPLE_ID)
  itemId!: string;

  @ApiProperty({ example: 'U4' })
  @IsString()
  @MaxLength(10)
  unsurCode!: string;

  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  action!: string;

  @ApiProperty({ format: 'date', example: '2026-06-30' })
  @Matches(LOCAL_DATE_FORMAT, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate!: string;
}

export class CompleteFollowUpRequest {
  @ApiProperty({ format: 'date', example: '2026-06-15' })
  @Matches(LOCAL_DATE_FORMAT, { message: 'completedOn must be a date YYYY-MM-DD' })
  completedOn!: string;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'What shows the action was done (a document, a link)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  evidence!: string;
}

export class FollowUpPath extends SkmSurveyPath {
  @ApiProperty()
  @Matches(SIMPLE_ID)
  itemId!: string;
}

export class F03Path {
  @ApiProperty()
  @Matches(SIMPLE_ID)
  cycleId!: string;

  @ApiProperty({ example: 'disdukcapil' })
  @Matches(SIMPLE_ID)
  unitId!: string;
}

/** A public F-03 form names its tenant: cycle and unit ids are only unique within one Pemda. */
export class PublicF03Path extends F03Path {
  @ApiProperty({ example: 'kota-banjarmasin' })
  @Matches(SIMPLE_ID)
  tenantId!: string;
}

export class F03ItemRequest {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 14, description: 'Item number of the F-03 form' })
  @IsInt()
  @Min(1)
  @Max(14)
  item!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 })
  @IsInt()
  @Min(0)
  @Max(5)
  score!: number;
}

export class F03ResponseRequest {
  @ApiProperty({ type: () => [F03ItemRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => F03ItemRequest)
  items!: F03ItemRequest[];

  @ApiPropertyOptional({
    description:
      'Proof the respondent was served: the tracking code of a request the unit completed, or a one-time code the collection issued. Each counts once; without one the response is recorded as unverified and does not count toward the quota or the score',
    example: 'K7M2Q-9XW4H',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{3,63}$/, { message: 'proof must be 4-64 letters, digits, dashes or spaces' })
  proof?: string;

  @ApiPropertyOptional({
    description:
      'A random token the form keeps for this respondent (e.g. in localStorage); one response per token and collection. A kiosk starts each respondent with a new one.',
  })
  @IsOptional()
  @Matches(RESPONDENT_TOKEN, { message: RESPONDENT_TOKEN_RULE })
  respondentToken?: string;
}

export class IssueF03ProofCodesRequest {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 500, description: 'How many one-time codes to issue, e.g. one per service to be delivered' })
  @IsInt()
  @Min(1)
  @Max(500)
  count!: number;
}
