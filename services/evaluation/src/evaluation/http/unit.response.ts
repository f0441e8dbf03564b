import { ApiProperty } from '@nestjs/swagger';
import { UNIT_KINDS } from '../domain';
import type { UnitView } from '../queries/unit-registry.queries';

export class UnitResponse implements UnitView {
  @ApiProperty({ example: 'puskesmas-teluk-dalam' })
  unitId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  kind!: UnitView['kind'];

  @ApiProperty({ type: String, nullable: true })
  parentUnitId!: string | null;

  @ApiProperty({ type: [String], description: 'Units registered under this one, in registration order' })
  childUnitIds!: string[];
}
