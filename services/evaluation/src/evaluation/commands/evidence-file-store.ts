import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Injectable, PayloadTooLargeException } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { Pool, type PoolClient } from 'pg';
import { EvaluationConfig } from '../../config';
import type { EvidencePolicy } from '../domain';
import { DomainError, type EvaluationErrorCode } from '../domain/error-codes';
import { readAssessment } from './stream-state';

/** What the unit gets back after an upload, to attach to an indicator. */
export interface StoredEvidenceFile {
  /** `sha256:<hex>`: the key the F-01 evidence event records. */
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

/** A stored file as one unit may use it in one cycle: with the name it knows the file by. */
export interface UnitEvidenceFile extends StoredEvidenceFile {
  name: string;
}

/** The unit and cycle an upload is for, or a download or attachment acts in. */
export interface EvidenceScope {
  tenantId: string;
  cycleId: string;
  unitId: string;
}

/** A checked upload, spooled to a file, with its hash taken while it arrived. */
export interface EvidenceUpload extends EvidenceScope {
  uploadedBy: string;
  name: string;
  mediaType: string;
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** How much one unit may store in one cycle. */
export interface EvidenceQuota {
  maxBytes: number;
  maxFiles: number;
}

const STORAGE_KEY = /^sha256:([0-9a-f]{64})$/;

export const storageKeyOf = (sha256: string): string => `sha256:${sha256}`;

/** The size of one slice of a file on its way into or out of PostgreSQL. */
export const EVIDENCE_SLICE_BYTES = 1024 * 1024;

/** Thrown, mid-download, when what is stored under a hash no longer hashes to it. */
export class CorruptedEvidenceError extends Error {}

/**
 * Evidence files in the evaluation database. The bytes are content-addressed per tenant
 * (evidence_files_v1: the same scan uploaded twice is stored once); each upload binds them to the unit
 * and cycle it was made for (evidence_file_uploads_v1), and a unit reaches a file only through such a
 * binding, or through its own assessment when the file is attached there. Bytes move in slices both
 * ways, and what is served is checked against its hash on every read.
 */
@Injectable()
export class EvidenceFileStore {
  readonly policy: EvidencePolicy;
  readonly quota: EvidenceQuota;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly events: EventStore<EvaluationEvent>,
    config: EvaluationConfig,
  ) {
    this.policy = { maxSizeBytes: config.EVIDENCE_MAX_BYTES, allowedMediaTypes: config.EVIDENCE_MEDIA_TYPES };
    this.quota = { maxBytes: config.EVIDENCE_UNIT_CYCLE_MAX_BYTES, maxFiles: config.EVIDENCE_UNIT_CYCLE_MAX_FILES };
  }

  /**
   * Stores the upload's bytes (unless the tenant has them already) and binds them to its unit and
   * cycle, within the unit's quota. The same bytes again for the same unit and cycle change nothing.
   */
  async store(upload: EvidenceUpload): Promise<StoredEvidenceFile> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // one upload of a unit and cycle at a time, so two at once cannot both fit the last of the quota
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`evidence-quota/${upload.tenantId}/${upload.cycleId}/${upload.unitId}`]);
      const bound = await client.query('SELECT 1 FROM evidence_file_uploads_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3 AND sha256 = $4', [
        upload.tenantId,
        upload.cycleId,
        upload.unitId,
        upload.sha256,
      ]);
      if (bound.rowCount === 0) {
        await this.refuseOverQuota(client, upload);
        await this.insertContent(client, upload);
        await client.query(
          `INSERT INTO evidence_file_uploads_v1 (tenant_id, cycle_id, unit_id, sha256, name, size_bytes, uploaded_by, uploaded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [upload.tenantId, upload.cycleId, upload.unitId, upload.sha256, upload.name, upload.sizeBytes, upload.uploadedBy, this.clock.now()],
        );
      }
      const file = await this.findBound(client, upload, upload.sha256);
      await client.query('COMMIT');
      if (!file) throw new Error(`evidence file ${upload.sha256} vanished after insert`);
      return file;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  private async refuseOverQuota(client: PoolClient, upload: EvidenceUpload): Promise<void> {
    const { rows } = await client.query<{ files: number; bytes: string }>(
      `SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::bigint AS bytes
       FROM evidence_file_uploads_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
      [upload.tenantId, upload.cycleId, upload.unitId],
    );
    const { files, bytes } = rows[0];
    if (files + 1 > this.quota.maxFiles) {
      throw new DomainError(
        'EVIDENCE.FILE_COUNT_EXCEEDED',
        `unit ${upload.unitId} has ${files} files in cycle ${upload.cycleId}; the limit is ${this.quota.maxFiles}`,
        {
          files,
          maxFiles: this.quota.maxFiles,
        },
      );
    }
    if (Number(bytes) + upload.sizeBytes > this.quota.maxBytes) {
      throw new PayloadTooLargeException({
        code: 'EVIDENCE.STORAGE_QUOTA_EXCEEDED' satisfies EvaluationErrorCode,
        message: `unit ${upload.unitId} stores ${bytes} bytes in cycle ${upload.cycleId}; ${upload.sizeBytes} more would pass the limit of ${this.quota.maxBytes}`,
      });
    }
  }

  /**
   * Moves the spooled file into evidence_files_v1 one slice at a time (staged, then joined by
   * PostgreSQL), so the process never holds it whole; the row is kept only if PostgreSQL hashes the
   * joined bytes to the hash taken on arrival.
   */
  private async insertContent(client: PoolClient, upload: EvidenceUpload): Promise<void> {
    const stored = await client.query('SELECT 1 FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2', [upload.tenantId, upload.sha256]);
    if (stored.rowCount !== 0) return;
    const uploadId = randomUUID();
    let seq = 0;
    for await (const slice of createReadStream(upload.path, { highWaterMark: EVIDENCE_SLICE_BYTES })) {
      await client.query('INSERT INTO evidence_upload_chunks_v1 (upload_id, seq, chunk) VALUES ($1, $2, $3)', [uploadId, seq++, slice]);
    }
    const inserted = await client.query(
      `INSERT INTO evidence_files_v1 (tenant_id, sha256, media_type, size_bytes, content, first_name, first_unit_id, first_cycle_id, uploaded_by, uploaded_at)
       SELECT $1, $2, $3, $4, content, $5, $6, $7, $8, $9
       FROM (SELECT string_agg(chunk, ''::bytea ORDER BY seq) AS content FROM evidence_upload_chunks_v1 WHERE upload_id = $10) joined
       WHERE length(content) = $4 AND encode(sha256(content), 'hex') = $2
       ON CONFLICT (tenant_id, sha256) DO NOTHING`,
      [
        upload.tenantId,
        upload.sha256,
        upload.mediaType,
        upload.sizeBytes,
        upload.name,
        upload.unitId,
        upload.cycleId,
        upload.uploadedBy,
        this.clock.now(),
        uploadId,
      ],
    );
    await client.query('DELETE FROM evidence_upload_chunks_v1 WHERE upload_id = $1', [uploadId]);
    if (inserted.rowCount === 0) {
      const now = await client.query('SELECT 1 FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2', [upload.tenantId, upload.sha256]);
      if (now.rowCount === 0) throw new Error(`the spooled upload ${upload.path} no longer hashes to ${upload.sha256}`);
    }
  }

  private async findBound(db: Pool | PoolClient, scope: EvidenceScope, sha256: string): Promise<UnitEvidenceFile | undefined> {
    const { rows } = await db.query<{ media_type: string; size_bytes: number; name: string }>(
      `SELECT f.media_type, f.size_bytes, u.name
       FROM evidence_file_uploads_v1 u JOIN evidence_files_v1 f USING (tenant_id, sha256)
       WHERE u.tenant_id = $1 AND u.cycle_id = $2 AND u.unit_id = $3 AND u.sha256 = $4`,
      [scope.tenantId, scope.cycleId, scope.unitId, sha256],
    );
    const row = rows[0];
    return row && { storageKey: storageKeyOf(sha256), sha256, sizeBytes: row.size_bytes, mediaType: row.media_type, name: row.name };
  }

  /**
   * The file behind a storage key as this unit may use it in this cycle: uploaded for them, or already
   * attached to the unit's assessment of the cycle. Undefined otherwise, whether the hash is unknown or
   * another unit's or cycle's, so an answer never tells which.
   */
  async findForUnit(scope: EvidenceScope, storageKey: string): Promise<UnitEvidenceFile | undefined> {
    const sha256 = STORAGE_KEY.exec(storageKey)?.[1];
    if (!sha256) return undefined;
    const bound = await this.findBound(this.pool, scope, sha256);
    if (bound) return bound;
    const { state } = await readAssessment(this.events, scope.tenantId, scope.cycleId, scope.unitId);
    const attached = Object.values(state.evidence)
      .flat()
      .find((evidence) => evidence.kind === 'file' && evidence.sha256 === sha256);
    if (!attached) return undefined;
    const { rows } = await this.pool.query<{ media_type: string; size_bytes: number }>(
      'SELECT media_type, size_bytes FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2',
      [scope.tenantId, sha256],
    );
    const row = rows[0];
    return row && { storageKey, sha256, sizeBytes: row.size_bytes, mediaType: row.media_type, name: attached.name };
  }

  /**
   * The stored bytes of a file, slice by slice, each read on its own (no connection is held while the
   * client reads). The last slice is released only once everything hashes to `sha256`: a corrupted
   * file throws CorruptedEvidenceError instead, so a download of it never completes.
   */
  async *content(tenantId: string, sha256: string, sizeBytes: number): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    let held: Buffer | undefined;
    for (let offset = 0; offset < sizeBytes; offset += EVIDENCE_SLICE_BYTES) {
      const { rows } = await this.pool.query<{ slice: Buffer | null }>(
        'SELECT substring(content FROM $3 FOR $4) AS slice FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2',
        [tenantId, sha256, offset + 1, EVIDENCE_SLICE_BYTES],
      );
      const slice = rows[0]?.slice;
      if (!slice || slice.length === 0) throw new CorruptedEvidenceError(`evidence file ${sha256} of tenant ${tenantId} ends before its ${sizeBytes} bytes`);
      hash.update(slice);
      if (held) yield held;
      held = slice;
    }
    const actual = hash.digest('hex');
    if (actual !== sha256) throw new CorruptedEvidenceError(`evidence file ${sha256} of tenant ${tenantId} is corrupted: its content hashes to ${actual}`);
    if (held) yield held;
  }
}
