import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { localDateAt, WIB_OFFSET_MINUTES } from '@lib/kernel';

type Queryable = Pick<Pool, 'query'>;

/** Each tenant's UTC offset, as the request service's calendar settings last said (tenant_time_zones_v1). */
@Injectable()
export class TenantTimeZones {
  constructor(private readonly pool: Pool) {}

  /** The tenant's offset in minutes; WIB for a tenant that never changed its calendar settings. */
  async offsetOf(tenantId: string, db: Queryable = this.pool): Promise<number> {
    const { rows } = await db.query<{ utc_offset_minutes: number }>('SELECT utc_offset_minutes FROM tenant_time_zones_v1 WHERE tenant_id = $1', [tenantId]);
    return rows[0]?.utc_offset_minutes ?? WIB_OFFSET_MINUTES;
  }

  /** The offsets of these tenants in one statement, each tenant named (WIB for one that never changed its settings). */
  async offsetsOf(tenantIds: readonly string[], db: Queryable = this.pool): Promise<Map<string, number>> {
    const { rows } = await db.query<{ tenant_id: string; utc_offset_minutes: number }>(
      'SELECT tenant_id, utc_offset_minutes FROM tenant_time_zones_v1 WHERE tenant_id = ANY($1::text[])',
      [[...new Set(tenantIds)]],
    );
    const offsets = new Map<string, number>(tenantIds.map((tenantId) => [tenantId, WIB_OFFSET_MINUTES]));
    for (const row of rows) offsets.set(row.tenant_id, row.utc_offset_minutes);
    return offsets;
  }

  /** Today's date (YYYY-MM-DD) for the tenant at `instant`. */
  async localDate(tenantId: string, instant: Date, db: Queryable = this.pool): Promise<string> {
    return localDateAt(instant.getTime(), await this.offsetOf(tenantId, db));
  }
}
