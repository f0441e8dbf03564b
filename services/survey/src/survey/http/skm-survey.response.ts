import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { surveyPb } from '@lib/contracts';
import { CommandReply } from '@lib/platform';
import type { OpenedSurvey } from '../commands/open-skm-survey.command';
import type { RecordedResponse } from '../commands/record-skm-response.command';
import type { AnswerLevel, PopulationDeclaration } from '../domain';
import type { StoredFollowUp } from '../projections/skm-surveys.projection';
import type { PublicSkmFormView, SkmSurveyResultView } from '../queries/skm-survey.queries';
import type { UnitSkmSurvey } from '../queries/unit-skm-surveys.queries';

const PERIOD_KINDS = ['quarter', 'semester', 'year'];
const SURVEY_STATUSES = ['open', 'closed'];
const BANDS = ['A', 'B', 'C', 'D'];
const POPULATION_SOURCES = ['declared', 'completed-requests'];

export class OpenedSurveyResponse extends CommandReply implements OpenedSurvey {
  @ApiProperty({ format: 'uuid' })
  surveyId!: string;

  @ApiProperty({ description: 'Respondents open the form at /public/skm-surveys/{publicLinkId}' })
  publicLinkId!: string;
}

export class RecordedResponseResponse extends CommandReply implements RecordedResponse {
  @ApiProperty({ format: 'uuid' })
  responseId!: string;

  @ApiProperty({ description: 'False when this respondent had already answered (same token or same answers just now)' })
  recorded!: boolean;
}

export class UnsurResultResponse implements surveyPb.UnsurResult {
  @ApiProperty({ example: 'U1' })
  code!: string;

  @ApiProperty({ description: 'Nilai rata-rata (NRR), 1..4' })
  nrr!: number;

  @ApiProperty({ description: 'Weight used' })
  weight!: number;

  @ApiProperty({ type: 'integer', description: 'Sum of the answers: NRR = answerTotal / respondents exactly' })
  answerTotal!: number;

  @ApiProperty({ type: 'integer' })
  weightNumerator!: number;

  @ApiProperty({ type: 'integer' })
  weightDenominator!: number;
}

export class SkmResultResponse implements surveyPb.SkmResult {
  @ApiProperty({ type: 'integer' })
  respondents!: number;

  @ApiProperty({ type: () => [UnsurResultResponse] })
  unsur!: UnsurResultResponse[];

  @ApiProperty({ description: 'IKM on the 1..4 scale (weighted mean of NRR)' })
  ikm!: number;

  @ApiProperty({ description: 'IKM converted to 25..100 (× 25)' })
  ikmConverted!: number;

  @ApiProperty({ enum: BANDS, description: 'Mutu pelayanan' })
  band!: string;

  @ApiProperty({ example: 'Sangat Baik' })
  bandLabel!: string;

  @ApiProperty({ description: 'Code of the weakest unsur' })
  weakestUnsur!: string;

  @ApiProperty({ type: 'integer', description: 'Population used for the sample size: the latest declaration, else the completed requests of the period' })
  population!: number;

  @ApiProperty({ type: 'integer', description: 'Krejcie-Morgan required sample; 0 for a population of 0' })
  requiredSample!: number;

  @ApiProperty({ description: 'respondents ≥ requiredSample; always false for a population of 0, however many responded' })
  sampleAdequate!: boolean;

  @ApiProperty({ example: 'skm-2017@1' })
  ruleset!: string;

  @ApiProperty({ description: 'A ruleset value used is provisional' })
  provisional!: boolean;

  @ApiProperty({ enum: POPULATION_SOURCES, description: 'Which population was used' })
  populationSource!: string;

  @ApiProperty({ type: [String], example: ['sampleSize'] })
  provisionalParts!: string[];

  @ApiProperty({
    example: 'Data pemohon SIAK 2026 triwulan I',
    description: 'Where the declared population comes from; empty when the completed requests were used (or for a population given at opening without one)',
  })
  declaredPopulationSource!: string;

  @ApiProperty({ description: 'When the declaration used was made (ISO timestamp); empty when the completed requests were used' })
  populationDeclaredAt!: string;

  @ApiProperty({
    type: 'integer',
    description: 'Requests of the unit completed in the period, whichever population was used; 0 in results closed before it was kept',
  })
  completedRequests!: number;
}

export class PopulationDeclarationResponse implements PopulationDeclaration {
  @ApiProperty({ type: 'integer', minimum: 1 })
  population!: number;

  @ApiProperty({ example: 'Data pemohon SIAK 2026 triwulan I', description: 'Empty for a population given at opening before declarations carried a source' })
  source!: string;

  @ApiProperty({ format: 'date-time' })
  declaredAt!: string;
}

export class FollowUpResponse implements StoredFollowUp {
  @ApiProperty({ example: 'U4' })
  unsurCode!: string;

  @ApiProperty()
  action!: string;

  @ApiProperty({ format: 'date' })
  dueDate!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  completedOn!: string | null;

  @ApiProperty({ type: String, nullable: true })
  evidence!: string | null;
}

@ApiExtraModels(FollowUpResponse)
export class SkmSurveyResultResponse implements SkmSurveyResultView {
  @ApiProperty({ format: 'uuid' })
  surveyId!: string;

  @ApiProperty({ enum: SURVEY_STATUSES })
  status!: 'open' | 'closed';

  @ApiProperty({ format: 'date' })
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  periodEnd!: string;

  @ApiProperty({ description: 'The result was fixed at close; false: the running result of the responses so far' })
  final!: boolean;

  @ApiProperty({ type: 'integer', description: 'Respondents who cited a completed request of the unit in the period, each request once' })
  verifiedRespondents!: number;

  @ApiProperty({ type: 'integer', description: 'Respondents without a proof; the IKM counts every respondent' })
  anonymousRespondents!: number;

  @ApiProperty({ type: [String] })
  publishedMedia!: string[];

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(FollowUpResponse) }, description: 'Follow-up actions by item id' })
  followUps!: Record<string, FollowUpResponse>;

  @ApiProperty({ type: () => SkmResultResponse })
  result!: SkmResultResponse;

  @ApiProperty({ type: 'integer', description: "The survey stream's version this view reflects" })
  version!: number;
}

export class FinalSkmResultResponse {
  @ApiProperty()
  ikmConverted!: number;

  @ApiProperty({ enum: BANDS })
  band!: string;

  @ApiProperty()
  bandLabel!: string;

  @ApiProperty()
  weakestUnsur!: string;

  @ApiProperty({ type: 'integer', description: 'Population the sample was judged on' })
  population!: number;

  @ApiProperty({ enum: POPULATION_SOURCES })
  populationSource!: string;

  @ApiProperty({ description: 'Where the declared population comes from; empty when the completed requests were used' })
  declaredPopulationSource!: string;

  @ApiProperty({ type: 'integer' })
  requiredSample!: number;

  @ApiProperty({ description: 'respondents ≥ requiredSample; false for a population of 0' })
  sampleAdequate!: boolean;
}

export class UnitSkmSurveyResponse implements UnitSkmSurvey {
  @ApiProperty({ format: 'uuid' })
  surveyId!: string;

  @ApiProperty({ description: "The id in the survey's public form URL and QR code" })
  publicLinkId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ enum: PERIOD_KINDS })
  periodKind!: UnitSkmSurvey['periodKind'];

  @ApiProperty({ format: 'date' })
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  periodEnd!: string;

  @ApiProperty({ enum: SURVEY_STATUSES })
  status!: 'open' | 'closed';

  @ApiProperty({ type: 'integer' })
  respondents!: number;

  @ApiProperty({ type: 'integer', description: 'Respondents who cited a completed request of the unit in the period' })
  verifiedRespondents!: number;

  @ApiProperty({ type: 'integer', description: 'Respondents without a proof' })
  anonymousRespondents!: number;

  @ApiProperty({
    type: () => PopulationDeclarationResponse,
    nullable: true,
    description: "The period's latest population declaration; null: none, the requests completed in the period count",
  })
  declaredPopulation!: PopulationDeclarationResponse | null;

  @ApiProperty({
    type: () => FinalSkmResultResponse,
    nullable: true,
    description: 'The result fixed at close; null while open (…/result gives the running one)',
  })
  final!: FinalSkmResultResponse | null;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: 'integer', description: "The survey stream's version this row reflects" })
  version!: number;
}

export class FormUnsurResponse {
  @ApiProperty({ example: 'U1' })
  code!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: "One of the unit's own unsur, beyond the nine of the regulation" })
  extra!: boolean;
}

export class AnswerLevelResponse implements AnswerLevel {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  value!: number;

  @ApiProperty({ example: 'Sangat sesuai / sangat puas' })
  label!: string;
}

export class PublicSkmFormResponse implements PublicSkmFormView {
  @ApiProperty({ format: 'uuid' })
  surveyId!: string;

  @ApiProperty({ description: "The form's public address, the one the poster's QR code holds" })
  publicUrl!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ format: 'date' })
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  periodEnd!: string;

  @ApiProperty({ description: 'False once the period is closed' })
  accepting!: boolean;

  @ApiProperty({ type: () => [FormUnsurResponse], description: 'In regulation order' })
  unsur!: FormUnsurResponse[];

  @ApiProperty({ type: () => [AnswerLevelResponse] })
  answerScale!: AnswerLevelResponse[];
}
