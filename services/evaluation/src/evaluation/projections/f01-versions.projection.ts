import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EvaluationEvent } from '@lib/contracts';
import type { Projection, StoredEvent } from '@lib/event-sourcing';
import type { PoolClient } from 'pg';
import { ASSESSMENT_EVENT_TYPES, type AssessmentEvent, evolveF01History, type F01History, type F01Version, fingerprintsOf, initialF01History } from '../domain';

const isAssessmentEvent = (event: EvaluationEvent): event is AssessmentEvent => (ASSESSMENT_EVENT_TYPES as readonly string[]).includes(event.$case);

/**
 * Each unit's F-01 history (f01_histories_v1), folded from its assessment stream alone, and the
 * fingerprints of its latest version (f01_evidence_hashes_v1, f01_answer_prints_v1), replaced whenever
 * it freezes a new version. Its own projection, so a deployment that had assessments before versions
 * existed fills these tables by replaying the log from the start. Rows remember the stream version
 * they reflect, so an event applied twice changes nothing.
 */
@Injectable()
export class F01VersionsProjection implements Projection<EvaluationEvent> {
  readonly name = 'f01-versions';
  readonly tables = ['f01_histories_v1', 'f01_evidence_hashes_v1', 'f01_answer_prints_v1'];

  async apply(events: StoredEvent<EvaluationEvent>[], tx: PoolClient): Promise<void> {
    for (const { event, envelope } of events) {
      if (!isAssessmentEvent(event)) continue;
      const { cycleId, unitId } = event.value;
      const key = [envelope.tenantId, cycleId, unitId];
      const { rows } = await tx.query<{ history: F01History; stream_version: number }>(
        `SELECT history, stream_version FROM f01_histories_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
        key,
      );
      if (rows[0] && rows[0].stream_version >= envelope.streamVersion) continue;
      const before = rows[0]?.history ?? initialF01History();
      const history = evolveF01History(before, event);
      await tx.query(
        `INSERT INTO f01_histories_v1 (tenant_id, cycle_id, unit_id, history, latest_version, stream_version)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, cycle_id, unit_id) DO UPDATE SET history = $4, latest_version = $5, stream_version = $6`,
        [...key, JSON.stringify(history), history.versions.length, envelope.streamVersion],
      );
      if (history.versions.length > before.versions.length) await replaceFingerprints(tx, key, history.versions[history.versions.length - 1]);
    }
  }
}

// canonical JSON can run past what a btree index entry holds: the index keeps its hash
const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

async function replaceFingerprints(tx: PoolClient, key: string[], latest: F01Version): Promise<void> {
  await tx.query(`DELETE FROM f01_evidence_hashes_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, key);
  await tx.query(`DELETE FROM f01_answer_prints_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`, key);
  for (const fingerprint of fingerprintsOf(latest)) {
    await tx.query(`INSERT INTO f01_answer_prints_v1 (tenant_id, cycle_id, unit_id, indicator_code, fingerprint) VALUES ($1, $2, $3, $4, $5)`, [
      ...key,
      fingerprint.indicatorCode,
      hashOf(fingerprint.answerAndEvidence),
    ]);
    for (const file of fingerprint.files) {
      await tx.query(
        `INSERT INTO f01_evidence_hashes_v1 (tenant_id, cycle_id, unit_id, indicator_code, sha256, file_name)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [...key, fingerprint.indicatorCode, file.sha256, file.name],
      );
    }
  }
}
