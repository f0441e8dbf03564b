import { NotFoundException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { changedSinceReview, diffVersions, type F01History, type F01Version, type IndicatorChange, marksToRecheck, reviewedVersion } from '../domain';
import { unitNames } from './unit-registry.queries';

/** What the evaluator reads beside a unit's F-01: what changed since it was last reviewed, and which marks to give again. */
export interface F01Review {
  /** 0 before the first submission. */
  latestVersion: number;
  verifiedVersion: number | null;
  returnedVersion: number | null;
  /** The version the changes are counted from: the one last verified, or else the one last returned. */
  reviewedVersion: number | null;
  /** Indicators changed from the reviewed version to the latest: the ones to re-check. */
  changedSinceReview: IndicatorChange[];
  /** Marks given on a version whose indicator changed since: "perlu diperiksa ulang" until scored again. */
  marksToRecheck: { indicatorCode: string; evaluatorId: string; markedOnVersion: number; latestVersion: number; status: 'perlu diperiksa ulang' }[];
}

/** Another unit of the same tenant's cycle whose latest F-01 holds the same evidence file, or the same answer and evidence set. */
export interface IdenticalEvidence {
  indicatorCode: string;
  otherUnitId: string;
  /** Null when the other unit is not in the tenant's units registry. */
  otherUnitName: string | null;
  /** The other unit's indicator: the same file may sit under another indicator there. */
  otherIndicatorCode: string;
  kind: 'sameFile' | 'sameAnswers';
  /** This unit's file name and the other unit's; null for sameAnswers. */
  fileName: string | null;
  otherFileName: string | null;
}

export interface F01VersionsView extends F01Review {
  cycleId: string;
  unitId: string;
  /** Every version, oldest first. */
  versions: F01Version[];
}

export interface F01DiffView {
  cycleId: string;
  unitId: string;
  from: number;
  to: number;
  changes: IndicatorChange[];
}

async function historyOf(pool: Pool, tenantId: string, cycleId: string, unitId: string): Promise<F01History | undefined> {
  const { rows } = await pool.query<{ history: F01History }>(`SELECT history FROM f01_histories_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, [
    tenantId,
    cycleId,
    unitId,
  ]);
  return rows[0]?.history;
}

const notFound = (cycleId: string, unitId: string) =>
  new NotFoundException({ code: 'ASSESSMENT.NOT_FOUND', message: `unit ${unitId} has no assessment in cycle ${cycleId}` });

function reviewOf(history: F01History): F01Review {
  return {
    latestVersion: history.versions.length,
    verifiedVersion: history.verifiedVersion,
    returnedVersion: history.returnedVersion,
    reviewedVersion: reviewedVersion(history),
    changedSinceReview: changedSinceReview(history),
    marksToRecheck: marksToRecheck(history).map((mark) => ({ ...mark, status: 'perlu diperiksa ulang' as const })),
  };
}

/** The review of a unit's F-01 for its assessment view; null when the unit has no F-01 history yet. */
export async function f01ReviewOf(pool: Pool, tenantId: string, cycleId: string, unitId: string): Promise<F01Review | null> {
  const history = await historyOf(pool, tenantId, cycleId, unitId);
  return history ? reviewOf(history) : null;
}

/**
 * Other units of the tenant's cycle whose latest F-01 version shares an evidence file (by sha256) or an
 * indicator's answer and evidence set with this unit's latest version. Both lookups go through the
 * (tenant, cycle, hash) indexes; the tenant is always part of the key, so tenants are never compared.
 */
export async function identicalEvidenceOf(pool: Pool, tenantId: string, cycleId: string, unitId: string): Promise<IdenticalEvidence[]> {
  const { rows: files } = await pool.query<{
    indicator_code: string;
    other_unit_id: string;
    other_indicator_code: string;
    file_name: string;
    other_file_name: string;
  }>(
    `SELECT mine.indicator_code, other.unit_id AS other_unit_id, other.indicator_code AS other_indicator_code,
            mine.file_name, other.file_name AS other_file_name
       FROM f01_evidence_hashes_v1 mine
       JOIN f01_evidence_hashes_v1 other
         ON other.tenant_id = mine.tenant_id AND other.cycle_id = mine.cycle_id AND other.sha256 = mine.sha256 AND other.unit_id <> mine.unit_id
      WHERE mine.tenant_id = $1 AND mine.cycle_id = $2 AND mine.unit_id = $3
      ORDER BY mine.indicator_code, other.unit_id, other.indicator_code, mine.file_name`,
    [tenantId, cycleId, unitId],
  );
  const { rows: answers } = await pool.query<{ indicator_code: string; other_unit_id: string }>(
    `SELECT mine.indicator_code, other.unit_id AS other_unit_id
       FROM f01_answer_prints_v1 mine
       JOIN f01_answer_prints_v1 other
         ON other.tenant_id = mine.tenant_id AND other.cycle_id = mine.cycle_id AND other.indicator_code = mine.indicator_code
        AND other.fingerprint = mine.fingerprint AND other.unit_id <> mine.unit_id
      WHERE mine.tenant_id = $1 AND mine.cycle_id = $2 AND mine.unit_id = $3
      ORDER BY mine.indicator_code, other.unit_id`,
    [tenantId, cycleId, unitId],
  );
  const names = await unitNames(pool, tenantId, [...new Set([...files, ...answers].map((row) => row.other_unit_id))]);
  return [
    ...files.map((row): IdenticalEvidence => ({
      indicatorCode: row.indicator_code,
      otherUnitId: row.other_unit_id,
      otherUnitName: names.get(row.other_unit_id) ?? null,
      otherIndicatorCode: row.other_indicator_code,
      kind: 'sameFile',
      fileName: row.file_name,
      otherFileName: row.other_file_name,
    })),
    ...answers.map((row): IdenticalEvidence => ({
      indicatorCode: row.indicator_code,
      otherUnitId: row.other_unit_id,
      otherUnitName: names.get(row.other_unit_id) ?? null,
      otherIndicatorCode: row.indicator_code,
      kind: 'sameAnswers',
      fileName: null,
      otherFileName: null,
    })),
  ];
}

export class ListF01VersionsQuery extends Query<F01VersionsView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@QueryHandler(ListF01VersionsQuery)
export class ListF01VersionsHandler implements IQueryHandler<ListF01VersionsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId }: ListF01VersionsQuery): Promise<F01VersionsView> {
    const history = await historyOf(this.pool, tenantId, cycleId, unitId);
    if (!history) throw notFound(cycleId, unitId);
    return { cycleId, unitId, ...reviewOf(history), versions: history.versions };
  }
}

export class DiffF01VersionsQuery extends Query<F01DiffView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
}

@QueryHandler(DiffF01VersionsQuery)
export class DiffF01VersionsHandler implements IQueryHandler<DiffF01VersionsQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId, from, to }: DiffF01VersionsQuery): Promise<F01DiffView> {
    const history = await historyOf(this.pool, tenantId, cycleId, unitId);
    if (!history) throw notFound(cycleId, unitId);
    const versionOf = (version: number): F01Version => {
      const found = history.versions[version - 1];
      if (!found) {
        throw new NotFoundException({
          code: 'ASSESSMENT.VERSION_NOT_FOUND',
          message: `unit ${unitId} has ${history.versions.length} F-01 version(s) in cycle ${cycleId}, not version ${version}`,
        });
      }
      return found;
    };
    return { cycleId, unitId, from, to, changes: diffVersions(versionOf(from).indicators, versionOf(to).indicators) };
  }
}
