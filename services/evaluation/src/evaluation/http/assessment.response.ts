import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { F01_ANSWER_TYPES } from '../domain';
import type { AssessmentView } from '../queries/evaluation.queries';
import type { F01Review, IdenticalEvidence } from '../queries/f01-versions.queries';
import type { F01IndicatorView, F01QuestionView } from '../queries/f01-answers.view';

const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'verified'];

export class SelfAnswerResponse {
  @ApiProperty({ example: '1.a.Ak' })
  indicatorCode!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 5,
    description: 'The typed self score, or under a ruleset with F-01 questions the level the answers claim',
  })
  score!: number;

  @ApiProperty()
  justification!: string;

  @ApiProperty({ type: [String], description: 'Evidence of this indicator the answer rests on' })
  evidenceIds!: string[];
}

export class EvidenceResponse {
  @ApiProperty({ format: 'uuid' })
  evidenceId!: string;

  @ApiProperty({ enum: ['file', 'link'] })
  kind!: string;

  @ApiProperty({ description: 'File name or link title' })
  name!: string;

  @ApiProperty({ description: 'The https link, or the storage key of an uploaded file (sha256:<hex>)' })
  location!: string;

  @ApiProperty({ description: 'Of the file; empty for a link' })
  sha256!: string;

  @ApiProperty({ type: 'integer', description: '0 for a link' })
  sizeBytes!: number;

  @ApiProperty({ description: 'Of the file; empty for a link' })
  mediaType!: string;
}

export class IndicatorNoteResponse {
  @ApiProperty()
  indicatorCode!: string;

  @ApiProperty()
  note!: string;
}

export class EvaluatorMarkResponse {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 })
  score!: number;

  @ApiProperty()
  note!: string;
}

export class VerificationVisitResponse {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ format: 'date' })
  visitedOn!: string;

  @ApiProperty({ type: [String] })
  evaluatorIds!: string[];

  @ApiProperty()
  findings!: string;
}

export class IndicatorChangeResponse {
  @ApiProperty({ example: '1.a.Ak' })
  indicatorCode!: string;

  @ApiProperty({ enum: ['added', 'removed', 'changed'], description: 'added: newly answered or given evidence; removed: no longer in the later version' })
  change!: 'added' | 'removed' | 'changed';

  @ApiProperty({ description: 'The answer differs (any of its fields)' })
  answerChanged!: boolean;

  @ApiProperty({ description: 'The evidence set differs' })
  evidenceChanged!: boolean;
}

export class MarkToRecheckResponse {
  @ApiProperty({ example: '1.a.Ak' })
  indicatorCode!: string;

  @ApiProperty()
  evaluatorId!: string;

  @ApiProperty({ type: 'integer', description: 'The F-01 version the mark was given on' })
  markedOnVersion!: number;

  @ApiProperty({ type: 'integer', description: 'The latest F-01 version, in which the indicator differs' })
  latestVersion!: number;

  @ApiProperty({ enum: ['perlu diperiksa ulang'] })
  status!: 'perlu diperiksa ulang';
}

export class F01ReviewResponse implements F01Review {
  @ApiProperty({ type: 'integer', description: 'Versions frozen so far (each submission and resubmission); 0 before the first submission' })
  latestVersion!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The version last verified' })
  verifiedVersion!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The version last returned to the unit' })
  returnedVersion!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The version changes are counted from: the one last verified, or else the one last returned' })
  reviewedVersion!: number | null;

  @ApiProperty({ type: () => [IndicatorChangeResponse], description: 'Indicators changed from the reviewed version to the latest: the ones to re-check' })
  changedSinceReview!: IndicatorChangeResponse[];

  @ApiProperty({
    type: () => [MarkToRecheckResponse],
    description: "Evaluators' marks given on a version whose indicator changed since; marks on unchanged indicators stay and are not listed",
  })
  marksToRecheck!: MarkToRecheckResponse[];
}

export class IdenticalEvidenceResponse implements IdenticalEvidence {
  @ApiProperty({ example: '1.a.Ak', description: "This unit's indicator" })
  indicatorCode!: string;

  @ApiProperty()
  otherUnitId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Registered name; null when the unit is not in the units registry' })
  otherUnitName!: string | null;

  @ApiProperty({ description: "The other unit's indicator (the same file may sit under another one)" })
  otherIndicatorCode!: string;

  @ApiProperty({
    enum: ['sameFile', 'sameAnswers'],
    description: 'sameFile: an evidence file with the same sha256; sameAnswers: the same answer and evidence set',
  })
  kind!: 'sameFile' | 'sameAnswers';

  @ApiProperty({ type: String, nullable: true, description: "This unit's file name; null for sameAnswers" })
  fileName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The other unit's file name; null for sameAnswers" })
  otherFileName!: string | null;
}

export class F01OptionResponse {
  @ApiProperty({ example: 'sippn' })
  id!: string;

  @ApiProperty({ example: 'SIPP Nasional' })
  label!: string;
}

export class F01QuestionEvidenceResponse {
  @ApiProperty()
  evidenceId!: string;

  @ApiProperty({ enum: ['file', 'link'] })
  kind!: string;

  @ApiProperty()
  name!: string;
}

export class F01QuestionResponse implements F01QuestionView {
  @ApiProperty({ example: '1.a.Ak/a' })
  questionId!: string;

  @ApiProperty({ example: 'Apakah sudah dibuat Standar Pelayanan, baik sebagian ataupun seluruh jenis pelayanan?' })
  text!: string;

  @ApiProperty({ enum: F01_ANSWER_TYPES, description: 'yesNo: ya/tidak; single: pilihan; multi: pilih banyak; number: angka; text: teks' })
  type!: F01QuestionView['type'];

  @ApiProperty({ type: [F01OptionResponse], description: 'For single and multi; empty otherwise' })
  options!: F01OptionResponse[];

  @ApiProperty()
  required!: boolean;

  @ApiProperty({ description: 'False when the skip logic hides the question given the other answers' })
  shown!: boolean;

  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'boolean' }, { type: 'number' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'The answer, shaped as the draft takes it; null when unanswered',
  })
  value!: F01QuestionView['value'];

  @ApiProperty({ type: [F01QuestionEvidenceResponse], description: 'The bukti dukung the answer rests on' })
  evidence!: F01QuestionEvidenceResponse[];

  @ApiProperty({ type: [String], description: 'The bukti dukung the question asks for' })
  evidenceRequested!: string[];

  @ApiProperty({ description: 'The answer claims something its question requires bukti dukung for, and none is given' })
  evidenceMissing!: boolean;
}

export class F01IndicatorResponse implements F01IndicatorView {
  @ApiProperty({ example: '1.a.Ak' })
  indicatorCode!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5, nullable: true, description: 'The level the answers claim under `rule`; null when unanswered' })
  claimedLevel!: number | null;

  @ApiProperty({ example: 'pantau/f01/1.a.Ak' })
  rule!: string;

  @ApiProperty({ enum: ['pantau', 'kemenpanrb'], description: "pantau: the platform's rule; no official rule turns F-01 answers into a level" })
  ruleSource!: F01IndicatorView['ruleSource'];

  @ApiProperty({ description: 'What the rule does, in Indonesian' })
  ruleExplanation!: string;

  @ApiProperty({ type: [F01QuestionResponse] })
  questions!: F01QuestionResponse[];
}

@ApiExtraModels(SelfAnswerResponse, EvidenceResponse, EvaluatorMarkResponse)
export class AssessmentResponse implements AssessmentView {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ enum: ASSESSMENT_STATUSES })
  status!: AssessmentView['status'];

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(SelfAnswerResponse) }, description: 'F-01 answers by indicator code' })
  answers!: Record<string, SelfAnswerResponse>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(EvidenceResponse) } },
    description: 'Evidence (bukti dukung) by indicator code',
  })
  evidence!: Record<string, EvidenceResponse[]>;

  @ApiProperty({ type: () => [IndicatorNoteResponse], description: 'Notes of the latest return' })
  returnNotes!: IndicatorNoteResponse[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { $ref: getSchemaPath(EvaluatorMarkResponse) } },
    description: "F-02: by indicator code, then evaluator id, each evaluator's latest score",
  })
  scores!: Record<string, Record<string, EvaluatorMarkResponse>>;

  @ApiProperty({ type: () => [VerificationVisitResponse] })
  visits!: VerificationVisitResponse[];

  @ApiProperty({
    type: [F01IndicatorResponse],
    description: 'Under a ruleset with F-01 questions: per indicator the questions, answers, evidence per question and the claimed level; empty otherwise',
  })
  f01!: F01IndicatorResponse[];

  @ApiProperty({ type: 'integer', description: "The assessment stream's version this view reflects" })
  version!: number;

  @ApiProperty({ type: () => F01ReviewResponse, nullable: true, description: 'F-01 versions and what to re-check; null before any F-01 event' })
  f01Review!: F01ReviewResponse | null;

  @ApiProperty({
    type: () => [IdenticalEvidenceResponse],
    nullable: true,
    description:
      "Other units of the tenant's cycle whose latest F-01 has the same evidence file (sha256) or the same answer and evidence set; null for the unit's own operator",
  })
  identicalEvidence!: IdenticalEvidenceResponse[] | null;
}
