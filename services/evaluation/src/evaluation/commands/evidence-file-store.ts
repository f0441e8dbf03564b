import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, InputProblemException } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError } from '../domain/error-codes';
import { EvaluationConfig } from '../../config';
import { evidenceFileProblem, type EvidencePolicy } from '../domain';

/** What the unit gets back after an upload, to attach to an indicator. */
export interface StoredEvidenceFile {
  /** `sha256:<hex>`: the key the F-01 evidence event records. */
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

export interface EvidenceUpload {
  tenantId: string;
  unitId: string;
  cycleId: string;
  uploadedBy: string;
  name: string;
  declaredMediaType: string;
  content: Buffer;
}

const STORAGE_KEY = /^sha256:([0-9a-f]{64})$/;

export const storageKeyOf = (sha256: string): string => `sha256:${sha256}`;

/**
 * Evidence files in the evaluation database (evidence_files_v1), content-addressed per tenant: the
 * same scan uploaded twice is stored once, and what is stored under a hash is checked against it
 * again on every read.
 */
@Injectable()
export class EvidenceFileStore {
  readonly policy: EvidencePolicy;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    config: EvaluationConfig,
  ) {
    this.policy = { maxSizeBytes: config.EVIDENCE_MAX_BYTES, allowedMediaTypes: config.EVIDENCE_MEDIA_TYPES };
  }

  async store(upload: EvidenceUpload): Promise<StoredEvidenceFile> {
    const problem = evidenceFileProblem(this.policy, upload.declaredMediaType, upload.content);
    if (problem) throw new InputProblemException([{ field: 'file', rule: problem.rule, message: problem.message }]);
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const mediaType = upload.declaredMediaType.split(';')[0].trim().toLowerCase();
    await this.pool.query(
      `INSERT INTO evidence_files_v1 (tenant_id, sha256, media_type, size_bytes, content, first_name, first_unit_id, first_cycle_id, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, sha256) DO NOTHING`,
      [
        upload.tenantId,
        sha256,
        mediaType,
        upload.content.length,
        upload.content,
        upload.name,
        upload.unitId,
        upload.cycleId,
        upload.uploadedBy,
        this.clock.now(),
      ],
    );
    const stored = await this.describe(upload.tenantId, storageKeyOf(sha256));
    if (!stored) throw new Error(`evidence file ${sha256} vanished after insert`);
    return stored;
  }

  /** The stored file behind a storage key, without its bytes; undefined when this tenant has none. */
  async describe(tenantId: string, storageKey: string): Promise<StoredEvidenceFile | undefined> {
    const sha256 = STORAGE_KEY.exec(storageKey)?.[1];
    if (!sha256) return undefined;
    const { rows } = await this.pool.query<{ media_type: string; size_bytes: number }>(
      'SELECT media_type, size_bytes FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2',
      [tenantId, sha256],
    );
    const row = rows[0];
    return row && { storageKey, sha256, sizeBytes: row.size_bytes, mediaType: row.media_type };
  }

  /** The bytes stored under a hash, verified against it: a mismatch is corruption and fails loudly. */
  async read(tenantId: string, sha256: string): Promise<{ content: Buffer; mediaType: string }> {
    const { rows } = await this.pool.query<{ content: Buffer; media_type: string }>(
      'SELECT content, media_type FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2',
      [tenantId, sha256],
    );
    const row = rows[0];
    if (!row) throw new DomainError('EVIDENCE.NOT_FOUND', `no evidence file ${sha256}`);
    const actual = createHash('sha256').update(row.content).digest('hex');
    if (actual !== sha256) throw new Error(`evidence file ${sha256} of tenant ${tenantId} is corrupted: its content hashes to ${actual}`);
    return { content: row.content, mediaType: row.media_type };
  }
}
