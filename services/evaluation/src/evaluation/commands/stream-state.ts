import type { EvaluationEvent } from '@lib/contracts';
import { type EventStore, foldStream, StreamChangedError } from '@lib/event-sourcing';
import { type Assessment, assessmentDecider, type Cycle, cycleDecider, assessmentStream, cycleStream } from '../domain';

/** A stream's folded state and how many events made it: the version an AppendGuard checks. */
export interface ReadState<S> {
  state: S;
  version: number;
}

/** Current state of a cycle, folded from its stream (for commands that need it besides their own stream). */
export async function readCycle(store: EventStore<EvaluationEvent>, tenantId: string, cycleId: string): Promise<ReadState<Cycle>> {
  const streamId = cycleStream(tenantId, cycleId);
  const history = await store.readStream(streamId);
  return {
    state: foldStream(
      cycleDecider,
      streamId,
      history.map((stored) => stored.event),
    ),
    version: history.length,
  };
}

export async function readAssessment(store: EventStore<EvaluationEvent>, tenantId: string, cycleId: string, unitId: string): Promise<ReadState<Assessment>> {
  const streamId = assessmentStream(tenantId, cycleId, unitId);
  const history = await store.readStream(streamId);
  return {
    state: foldStream(
      assessmentDecider,
      streamId,
      history.map((stored) => stored.event),
    ),
    version: history.length,
  };
}

/**
 * The lock an assessment command (shared) and publishing the cycle's results (exclusive) take, so a
 * unit's F-01/F-02 change and the frozen results never miss each other.
 */
export const resultsLock = (tenantId: string, cycleId: string): string => cycleStream(tenantId, cycleId);

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
