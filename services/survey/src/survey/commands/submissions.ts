import { Injectable } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { SurveyConfig } from '../../config';
import { DomainError } from '../domain/error-codes';
import type { DuplicateCheck } from '../domain';
import { clientFingerprint, type SubmittingClient } from './duplicate-check';

/**
 * Public submissions of a collection or survey (`scope`: its stream id), with the client's keyed
 * fingerprint, for the burst review and for refusing a resent anonymous submission. Kept out of the
 * event log so they can be purged (see SubmissionRetention).
 */
@Injectable()
export class Submissions {
  constructor(
    private readonly pool: Pool,
    private readonly config: SurveyConfig,
  ) {}

  /** Refuses the same anonymous SKM or F-03 submission sent again from the same device within the resend window. */
  async refuseResent(
    tx: PoolClient,
    scope: string,
    duplicate: DuplicateCheck | undefined,
    refusal: { code: 'SURVEY.DUPLICATE_SUBMISSION' | 'F03.DUPLICATE_SUBMISSION'; detail: string },
  ): Promise<void> {
    if (duplicate?.kind !== 'device') return;
    const { rows } = await tx.query(`SELECT 1 FROM survey_submissions_v1 WHERE scope = $1 AND resend_key = ANY($2::text[]) LIMIT 1`, [
      scope,
      [duplicate.fingerprint, ...duplicate.earlierFingerprints],
    ]);
    if (rows.length > 0) throw new DomainError(refusal.code, refusal.detail);
  }

  async record(
    tx: PoolClient,
    scope: string,
    submission: { client: SubmittingClient; verified: boolean; at: Date; duplicate?: DuplicateCheck },
  ): Promise<void> {
    const { client, verified, at, duplicate } = submission;
    await tx.query(`INSERT INTO survey_submissions_v1 (scope, submitted_at, fingerprint, resend_key, verified) VALUES ($1, $2, $3, $4, $5)`, [
      scope,
      at.toISOString(),
      clientFingerprint(this.config.SURVEY_FINGERPRINT_SECRET, scope, client),
      duplicate?.kind === 'device' ? duplicate.fingerprint : null,
      verified,
    ]);
  }

  /** Deletes submissions older than the retention; returns how many. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.pool.query(`DELETE FROM survey_submissions_v1 WHERE submitted_at < $1`, [cutoff.toISOString()]);
    return rowCount ?? 0;
  }
}
