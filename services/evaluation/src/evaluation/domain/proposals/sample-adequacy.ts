import { krejcieMorganSample } from '@lib/kernel';
import { assertCount } from './proposal';
import type { PopulationFigures } from './figures';
import type { ProposalRuleset } from './proposal-rules';

export type PopulationUsed = 'declared' | 'completed-requests';

export interface SampleAdequacy {
  /** The population the required sample was computed on. */
  population: number;
  populationUsed: PopulationUsed;
  /** What the declaration said, when there was one; shown even when it is the one used. */
  declaredPopulation: number | null;
  declaredSource: string | null;
  declaredOn: string | null;
  /** Requests of the unit Pantau recorded as completed in the period. */
  completedRequests: number;
  requiredSample: number;
  responses: number;
  /** responses ≥ required sample, and never for a population of 0 (there is nothing to sample from). */
  adequate: boolean;
  sourceEventIds: string[];
}

/**
 * Whether an SKM period's responses are an adequate sample: on the population Bagian Organisasi
 * declared for the period when there is a declaration, else on the requests Pantau saw completed.
 * A unit that records no requests has a population of 0 and is never adequate, however many answered.
 */
export function assessSampleAdequacy(rules: ProposalRuleset, population: PopulationFigures, responses: number): SampleAdequacy {
  assertCount(responses, 'responses');
  assertCount(population.completedRequests.count, 'completedRequests');
  const declared = population.declared;
  const used: PopulationUsed = declared ? 'declared' : 'completed-requests';
  const value = declared ? declared.population : population.completedRequests.count;
  assertCount(value, 'population');
  const required = krejcieMorganSample(rules.sampleAdequacy.thresholds, value);
  return {
    population: value,
    populationUsed: used,
    declaredPopulation: declared?.population ?? null,
    declaredSource: declared?.source ?? null,
    declaredOn: declared?.declaredOn ?? null,
    completedRequests: population.completedRequests.count,
    requiredSample: required,
    responses,
    adequate: value > 0 && responses >= required,
    sourceEventIds: declared ? [declared.eventId] : [...population.completedRequests.eventIds],
  };
}
