import type { EvaluationEvent } from '@lib/contracts';
import type { EventStore } from '@lib/event-sourcing';
import { type Assessment, type Cycle, evolveAssessment, evolveCycle, initialAssessment, initialCycle } from '../domain';
import { assessmentStream, cycleStream } from './command-meta';

/** Current state of a cycle, folded from its stream (for commands that need it besides their own stream). */
export async function readCycle(store: EventStore<EvaluationEvent>, cycleId: string): Promise<Cycle> {
  const history = await store.readStream(cycleStream(cycleId));
  return history.reduce((state, { event }) => evolveCycle(state, event), initialCycle());
}

export async function readAssessment(store: EventStore<EvaluationEvent>, cycleId: string, unitId: string): Promise<Assessment> {
  const history = await store.readStream(assessmentStream(cycleId, unitId));
  return history.reduce((state, { event }) => evolveAssessment(state, event), initialAssessment());
}
