import type { EvaluationEvent } from '@lib/contracts';
import { type AppendGuard, type DeciderFold, type EventStore, foldStream, StreamChangedError } from '@lib/event-sourcing';
import { type Assessment, assessmentDecider, type Cycle, cycleDecider, assessmentStream, cycleStream } from '../domain';

/** A stream's folded state and how many events made it: the version an AppendGuard checks. */
export interface ReadState<S> {
  state: S;
  version: number;
}

async function readState<S, SE extends EvaluationEvent>(
  store: EventStore<EvaluationEvent>,
  streamId: string,
  decider: DeciderFold<SE, S>,
): Promise<ReadState<S>> {
  const history = await store.readStream(streamId);
  return {
    state: foldStream(
      decider,
      streamId,
      history.map((stored) => stored.event),
    ),
    version: history.length,
  };
}

/** Current state of a cycle, folded from its stream (for commands that need it besides their own stream). */
export const readCycle = (store: EventStore<EvaluationEvent>, tenantId: string, cycleId: string): Promise<ReadState<Cycle>> =>
  readState(store, cycleStream(tenantId, cycleId), cycleDecider);

export const readAssessment = (store: EventStore<EvaluationEvent>, tenantId: string, cycleId: string, unitId: string): Promise<ReadState<Assessment>> =>
  readState(store, assessmentStream(tenantId, cycleId, unitId), assessmentDecider);

/**
 * The lock an assessment command (shared) and publishing the cycle's results (exclusive) take, so a
 * unit's F-01/F-02 change and the frozen results never miss each other.
 */
export const resultsLock = (tenantId: string, cycleId: string): string => cycleStream(tenantId, cycleId);

/**
 * The guard of every command that writes the cycle stream: the results lock, exclusive. An assessment
 * command checks the cycle unchanged under the shared lock and holds it until it commits, so a cycle
 * writer that did not wait for it could move the cycle between that check and that commit.
 * `unchanged`: other streams the writer decided on.
 */
export const cycleWriterGuard = (tenantId: string, cycleId: string, unchanged: AppendGuard['unchanged'] = []): AppendGuard => ({
  lockKey: resultsLock(tenantId, cycleId),
  lockMode: 'exclusive',
  unchanged,
});

const MAX_REREADS = 3;

/** Runs `attempt` again, on fresh reads, when a stream it guarded changed meanwhile. */
export async function rereadingOnChange<T>(attempt: () => Promise<T>): Promise<T> {
  for (let reread = 0; ; reread++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StreamChangedError) || reread >= MAX_REREADS) throw error;
    }
  }
}
