import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { F01DiffView, F01VersionsView } from '../queries/f01-versions.queries';
import { EvidenceResponse, F01ReviewResponse, IndicatorChangeResponse, SelfAnswerResponse } from './assessment.response';

export class QuestionAnswerResponse {
  @ApiProperty({ example: '1.a.Ak/a' })
  questionId!: string;

  @ApiProperty({ description: 'The ya/tidak answer (false when the question is not ya/tidak)' })
  yes!: boolean;

  @ApiProperty({ type: [String], description: 'Options ticked (pilihan, pilih banyak)' })
  optionIds!: string[];

  @ApiProperty({ description: 'The angka answer (0 when the question is not angka)' })
  number!: number;

  @ApiProperty({ description: 'The teks answer' })
  text!: string;

  @ApiProperty({ type: [String], description: 'Bukti dukung of this question' })
  evidenceIds!: string[];
}

export class F01VersionAnswerResponse extends SelfAnswerResponse {
  @ApiProperty({ type: () => [QuestionAnswerResponse], description: 'Under a ruleset with F-01 questions: the answer to each question; empty otherwise' })
  questionAnswers!: QuestionAnswerResponse[];

  @ApiProperty({ description: 'The rule that turned the answers into the claimed level (`score`); empty for a typed self score' })
  claimedLevelRule!: string;

  @ApiProperty({ description: "Whose rule it is: 'pantau' (no official rule exists); empty for a typed self score" })
  claimedLevelRuleSource!: string;
}

export class F01IndicatorSnapshotResponse {
  @ApiProperty({ type: () => F01VersionAnswerResponse, nullable: true, description: 'Null when only evidence was attached' })
  answer!: F01VersionAnswerResponse | null;

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
