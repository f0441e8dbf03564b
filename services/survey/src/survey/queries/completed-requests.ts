import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';

/**
 * What the survey side knows about requests the request service completed (completed_requests_v1).
 * Periods are local dates, compared with the local completion date the request service gave each
 * request on its tenant's calendar (WIB, WITA or WIT).
 */
@Injectable()
export class CompletedRequests {
  constructor(private readonly pool: Pool) {}

  /** Requests of the unit completed on a local date within [periodStart, periodEnd]. */
  async countInPeriod(tenantId: string, unitId: string, periodStart: string, periodEnd: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM completed_requests_v1
       WHERE tenant_id = $1 AND unit_id = $2 AND completed_on BETWEEN $3::date AND $4::date`,
      [tenantId, unitId, periodStart, periodEnd],
    );
    return rows[0].n;
  }

  /** Whether the tracking code is a request of this unit completed within the period. */
  async completedInUnitAndPeriod(tenantId: string, trackingCode: string, unitId: string, periodStart: string, periodEnd: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      `SELECT 1 FROM completed_requests_v1
       WHERE tenant_id = $1 AND tracking_code = $2 AND unit_id = $3
         AND completed_on BETWEEN $4::date AND $5::date`,
      [tenantId, trackingCode, unitId, periodStart, periodEnd],
    );
    return rows.length > 0;
  }
}
