import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { F01DiffView, F01Review, F01VersionsView, IdenticalEvidence } from '../queries/f01-versions.queries';
import { EvidenceResponse, SelfAnswerResponse } from './assessment.response';

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

// lazy types: assessment.response.ts imports this file too
export class F01IndicatorSnapshotResponse {
  @ApiProperty({ type: () => SelfAnswerResponse, nullable: true, description: 'Null when only evidence was attached' })
  answer!: SelfAnswerResponse | null;

  @ApiProperty({ type: () => [EvidenceResponse] })
  evidence!: EvidenceResponse[];
}

@ApiExtraModels(F01IndicatorSnapshotResponse)
export class F01VersionResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ enum: ['submitted', 'resubmitted'] })
  kind!: 'submitted' | 'resubmitted';

  @ApiProperty({ description: 'When it was submitted or resubmitted' })
  frozenAt!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(F01IndicatorSnapshotResponse) },
    description: 'By indicator code: the answer and the evidence as they stood',
  })
  indicators!: Record<string, F01IndicatorSnapshotResponse>;
}

export class F01VersionsResponse extends F01ReviewResponse implements F01VersionsView {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: () => [F01VersionResponse], description: 'Every version, oldest first; none is ever dropped' })
  versions!: F01VersionResponse[];
}

export class F01DiffResponse implements F01DiffView {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: 'integer' })
  from!: number;

  @ApiProperty({ type: 'integer' })
  to!: number;

  @ApiProperty({ type: () => [IndicatorChangeResponse], description: 'Indicators that differ from `from` to `to`; unchanged ones are left out' })
  changes!: IndicatorChangeResponse[];
}
