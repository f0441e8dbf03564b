import { ApiProperty } from '@nestjs/swagger';
import type { F03ItemDefinition } from '@lib/kernel';
import type { F03Report } from '../domain';
import type { PublicF03Form } from '../queries/f03.queries';

const F03_ASPECTS = ['I', 'II', 'III', 'IV', 'V'];

export class F03QuotaResponse {
  @ApiProperty({ type: 'integer' })
  minimum!: number;

  @ApiProperty({ type: 'integer' })
  maximum!: number;

  @ApiProperty({ description: 'Enough respondents for the score to count' })
  met!: boolean;

  @ApiProperty()
  provisional!: boolean;
}

export class F03AspectMeanResponse {
  @ApiProperty({ enum: F03_ASPECTS })
  aspect!: F03Report['aspects'][number]['aspect'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: '0..5, 2 decimals' })
  mean!: number;
}

export class F03ItemMeanResponse {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 14 })
  item!: number;

  @ApiProperty({ enum: F03_ASPECTS })
  aspect!: F03Report['items'][number]['aspect'];

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: '0..5, 2 decimals' })
  mean!: number;
}

export class F03ReportResponse implements F03Report {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  status!: 'open' | 'closed';

  @ApiProperty({ type: 'integer', description: 'Respondents with a proof they were served; the score and the quota count only these' })
  respondents!: number;

  @ApiProperty({ type: 'integer', description: 'Responses without a proof, recorded apart and never counted' })
  unverifiedRespondents!: number;

  @ApiProperty({ type: () => F03QuotaResponse })
  quota!: F03QuotaResponse;

  @ApiProperty({ description: 'The F-03 score (0..5, 2 decimals) so far, or the final one once closed' })
  score!: number;

  @ApiProperty({ type: () => [F03AspectMeanResponse] })
  aspects!: F03AspectMeanResponse[];

  @ApiProperty({ type: () => [F03ItemMeanResponse] })
  items!: F03ItemMeanResponse[];

  @ApiProperty({ type: [Number], description: 'The lowest-scoring items: what respondents ask the unit to fix first. Empty without respondents' })
  weakestItems!: number[];

  @ApiProperty({ example: 'pekppp-2023@1' })
  ruleset!: string;
}

export class F03FormItemResponse implements F03ItemDefinition {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 14, description: 'Place on the form; responses name items by it' })
  item!: number;

  @ApiProperty({ example: '14.d.T', description: 'The code the form prints; the codes skip 13, so item 13 is 14.d.T and item 14 is 15.e.K' })
  code!: string;

  @ApiProperty({ enum: F03_ASPECTS })
  aspect!: F03ItemDefinition['aspect'];

  @ApiProperty({ example: 'Akses informasi di lokasi', description: 'Short label for reports' })
  name!: string;

  @ApiProperty({ example: 'Kemudahan akses informasi di lokasi layanan (tatap muka).', description: 'The statement the respondent rates' })
  statement!: string;
}

export class F03ScaleResponse {
  @ApiProperty({ type: 'integer', example: 0 })
  min!: number;

  @ApiProperty({ type: 'integer', example: 5 })
  max!: number;
}

export class PublicF03FormResponse implements PublicF03Form {
  @ApiProperty()
  tenantId!: string;

  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: () => [F03FormItemResponse], description: 'The 14 items, by aspect I–V' })
  items!: F03FormItemResponse[];

  @ApiProperty({ type: () => F03ScaleResponse })
  scale!: F03ScaleResponse;
}
