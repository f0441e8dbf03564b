import type { SurveyEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, ConcurrencyError, type DeciderFold, EventStore, foldStream, inTransaction } from '@lib/event-sourcing';
import type { Pool, PoolClient } from 'pg';

const MAX_ATTEMPTS = 4;

/**
 * Records a public response and what must commit with it (the proof it used, its submission row) in one
 * transaction: read, fold, decide, append, then `alongside`. A proof claimed by a concurrent response
 * fails `alongside`, which rolls the append back; a concurrent append to the stream makes it start
 * over. Unlike `EventStore.handle`, it folds the stream from the start each time, within the transaction.
 */
export async function appendRecordedResponse<S, E extends SurveyEvent>(
  store: EventStore<SurveyEvent>,
  pool: Pool,
  streamId: string,
  decider: DeciderFold<E, S>,
  decide: (state: S) => E[],
  meta: CommandMeta,
  alongside: (tx: PoolClient) => Promise<void>,
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (tx) => {
        const history = await store.readStream(streamId, tx);
        const state = foldStream(
          decider,
          streamId,
          history.map((stored) => stored.event),
        );
        const result = await store.append(streamId, history.length, decide(state), meta, tx);
        // a retry whose first attempt committed appends nothing and must not claim its proof again
        if (result.appended > 0 && !result.duplicate) await alongside(tx);
        return result;
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
