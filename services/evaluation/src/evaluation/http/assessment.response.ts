import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { AssessmentView } from '../queries/evaluation.queries';
import { F01ReviewResponse, IdenticalEvidenceResponse } from './f01-versions.response';

const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'verified'];

export class SelfAnswerResponse {
  @ApiProperty({ example: '1.a.Ak' })
  indicatorCode!: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 })
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

  @ApiProperty({ type: 'integer', description: "The assessment stream's version this view reflects" })
  version!: number;

  @ApiProperty({ type: () => F01ReviewResponse, nullable: true, description: 'F-01 versions and what to re-check; null before any F-01 event' })
  f01!: F01ReviewResponse | null;

  @ApiProperty({
    type: () => [IdenticalEvidenceResponse],
    nullable: true,
    description:
      "Other units of the tenant's cycle whose latest F-01 has the same evidence file (sha256) or the same answer and evidence set; null for the unit's own operator",
  })
  identicalEvidence!: IdenticalEvidenceResponse[] | null;
}
