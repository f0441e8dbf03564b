import { createHmac, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { SurveyConfig } from '../../config';
import { DomainError, type SurveyErrorCode } from '../domain/error-codes';
import type { F03ProofKind } from '../domain';

const UNIQUE_VIOLATION = '23505';

/** Unambiguous when read aloud or off paper: no I, L, O or U. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** A proof the handler verified, reduced to what it keeps: its kind and the keyed hash that marks it used. */
export type VerifiedProof = { kind: 'none' } | { kind: Exclude<F03ProofKind, 'none'>; usedKey: string };

/** How a person types a one-time code: any case, with or without the dash and spaces. */
export const normalizeOneTimeCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

/** Ten characters of 32 (50 bits), printed as XXXXX-XXXXX. */
export function newOneTimeCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * Proofs that a respondent was served: F-03 one-time codes (issued per collection, stored as keyed
 * hashes) and completed requests' tracking codes. Each proof is used once per collection or survey:
 * `claim` inserts its keyed hash in the transaction that records the response, under a primary key, so
 * of two concurrent responses with one proof only one commits. The codes themselves never reach a
 * table, an event or a log line.
 */
@Injectable()
export class RespondentProofs {
  constructor(
    private readonly pool: Pool,
    private readonly config: SurveyConfig,
  ) {}

  private keyed(...parts: string[]): string {
    return createHmac('sha256', this.config.SURVEY_FINGERPRINT_SECRET).update(parts.join('\n')).digest('base64url');
  }

  /** The keyed hash that marks a proof used within one collection or survey (`scope`: its stream id). */
  usedKey(scope: string, kind: Exclude<F03ProofKind, 'none'>, proof: string): string {
    return this.keyed('used-proof', scope, kind, proof);
  }

  private codeHash(streamId: string, code: string): string {
    return this.keyed('f03-one-time-code', streamId, normalizeOneTimeCode(code));
  }

  /** Issues `count` one-time codes for an F-03 collection; the reply is the only place they appear in clear. */
  async issueF03Codes(streamId: string, count: number, issuedBy: string, now: Date): Promise<string[]> {
    const codes = new Set<string>();
    while (codes.size < count) codes.add(newOneTimeCode());
    const hashes = [...codes].map((code) => this.codeHash(streamId, code));
    await this.pool.query(
      `INSERT INTO f03_proof_codes_v1 (stream_id, code_hash, issued_at, issued_by)
       SELECT $1, hash, $3, $4 FROM unnest($2::text[]) AS hash`,
      [streamId, hashes, now.toISOString(), issuedBy],
    );
    return [...codes];
  }

  /** How many one-time codes a collection issued, and how many of them responses used. */
  async f03CodeCounts(streamId: string): Promise<{ issued: number; used: number }> {
    const { rows } = await this.pool.query<{ issued: number; used: number }>(
      `SELECT (SELECT count(*)::int FROM f03_proof_codes_v1 WHERE stream_id = $1) AS issued,
              (SELECT count(*)::int FROM survey_used_proofs_v1 WHERE scope = $1 AND proof_kind = 'one-time-code') AS used`,
      [streamId],
    );
    return rows[0];
  }

  /**
   * What an F-03 respondent's proof is: a tracking code of a request this unit of this tenant completed,
   * or a one-time code this collection issued. No proof is `none`; a proof that is neither is refused,
   * so a mistyped code is corrected rather than silently recorded as unverified.
   */
  async verifyF03(tenantId: string, unitId: string, streamId: string, proof: string | undefined): Promise<VerifiedProof> {
    const given = proof?.trim() ?? '';
    if (given === '') return { kind: 'none' };
    const { rows } = await this.pool.query<{ kind: 'completed-request' | 'one-time-code' }>(
      `SELECT 'completed-request' AS kind FROM completed_requests_v1 WHERE tenant_id = $1 AND unit_id = $2 AND tracking_code = $3
       UNION ALL
       SELECT 'one-time-code' FROM f03_proof_codes_v1 WHERE stream_id = $4 AND code_hash = $5
       LIMIT 1`,
      [tenantId, unitId, given, streamId, this.codeHash(streamId, given)],
    );
    if (rows.length === 0) throw new DomainError('F03.PROOF_INVALID', 'the proof is neither a completed request of this unit nor a code of this collection');
    const kind = rows[0].kind;
    return { kind, usedKey: this.usedKey(streamId, kind, kind === 'one-time-code' ? normalizeOneTimeCode(given) : given) };
  }

  /** Marks a proof used in `scope`, in the transaction recording the response; a proof used before is refused with `usedCode`. */
  async claim(tx: PoolClient, scope: string, proof: VerifiedProof, usedCode: SurveyErrorCode, detail: string): Promise<void> {
    if (proof.kind === 'none') return;
    try {
      await tx.query(`INSERT INTO survey_used_proofs_v1 (scope, proof_hash, proof_kind) VALUES ($1, $2, $3)`, [scope, proof.usedKey, proof.kind]);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new DomainError(usedCode, detail);
      throw error;
    }
  }
}
