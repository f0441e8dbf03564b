import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { RegisteredUnit } from '../domain';

export interface UnitView extends RegisteredUnit {
  /** Ids of the units registered under this one, in registration order. */
  childUnitIds: string[];
}

/** The tenant's registered units in registration order, so parents come before their children. */
export class ListUnitsQuery extends Query<UnitView[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId }: ListUnitsQuery): Promise<UnitView[]> {
    const { rows } = await this.pool.query<RegisteredUnit>(
      `SELECT unit_id AS "unitId", name, kind, parent_unit_id AS "parentUnitId" FROM units_v1 WHERE tenant_id = $1 ORDER BY registered_order`,
      [tenantId],
    );
    return rows.map((unit) => ({ ...unit, childUnitIds: rows.filter((child) => child.parentUnitId === unit.unitId).map((child) => child.unitId) }));
  }
}

/** Registered names of the given unit ids; an unregistered unit is simply absent. */
export async function unitNames(pool: Pool, tenantId: string, unitIds: string[]): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ unit_id: string; name: string }>(`SELECT unit_id, name FROM units_v1 WHERE tenant_id = $1 AND unit_id = ANY($2)`, [
    tenantId,
    unitIds,
  ]);
  return new Map(rows.map((row) => [row.unit_id, row.name]));
}
