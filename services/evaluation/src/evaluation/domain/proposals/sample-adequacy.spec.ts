import { krejcieMorganSample } from '@lib/kernel';
import type { PopulationFigures } from './figures';
import { PROPOSAL_RULES_2023 } from './proposal-rules';
import { assessSampleAdequacy } from './sample-adequacy';

const thresholds = PROPOSAL_RULES_2023.sampleAdequacy.thresholds;
const derived = (count: number): PopulationFigures => ({
  declared: null,
  completedRequests: { count, eventIds: Array.from({ length: Math.min(count, 3) }, (_, k) => `req-done-${k}`) },
});
const declared = (population: number, count: number): PopulationFigures => ({
  declared: { population, source: 'Data kunjungan loket 2025', declaredOn: '2025-06-30', eventId: 'pop-declared' },
  completedRequests: { count, eventIds: ['req-done-0'] },
});

describe('SKM sample adequacy (Krejcie–Morgan, docs/domain.md §3.5)', () => {
  it('asks for each published row its sample', () => {
    expect(thresholds.rows.map((row) => krejcieMorganSample(thresholds, row.population))).toEqual(thresholds.rows.map((row) => row.sample));
  });

  it.each<[string, PopulationFigures, number, Partial<ReturnType<typeof assessSampleAdequacy>>]>([
    [
      'a unit that records no requests: population 0, required 0, not adequate even with 55 responses',
      derived(0),
      55,
      { population: 0, populationUsed: 'completed-requests', requiredSample: 0, adequate: false },
    ],
    ['derived population 100: 80 responses are adequate', derived(100), 80, { population: 100, requiredSample: 80, adequate: true }],
    ['derived population 100: 79 responses are not', derived(100), 79, { population: 100, requiredSample: 80, adequate: false }],
    [
      'a declared population wins over the completed requests and says so',
      declared(1_000, 40),
      278,
      { population: 1_000, populationUsed: 'declared', declaredPopulation: 1_000, completedRequests: 40, requiredSample: 278, adequate: true },
    ],
    [
      'a declared population can make a sample inadequate that the requests alone would pass',
      declared(1_000, 40),
      277,
      { populationUsed: 'declared', requiredSample: 278, adequate: false },
    ],
    [
      'a declared population rescues a unit whose requests Pantau does not record',
      declared(50, 0),
      44,
      { population: 50, populationUsed: 'declared', declaredSource: 'Data kunjungan loket 2025', requiredSample: 44, adequate: true },
    ],
  ])('%s', (_name, population, responses, expected) => {
    expect(assessSampleAdequacy(PROPOSAL_RULES_2023, population, responses)).toMatchObject(expected);
  });

  it('names the declaration as the source when it is used, the completed requests otherwise', () => {
    expect(assessSampleAdequacy(PROPOSAL_RULES_2023, declared(10, 3), 10).sourceEventIds).toEqual(['pop-declared']);
    expect(assessSampleAdequacy(PROPOSAL_RULES_2023, derived(3), 3).sourceEventIds).toEqual(['req-done-0', 'req-done-1', 'req-done-2']);
  });

  it.each<[string, PopulationFigures, number]>([
    ['a negative response count', derived(10), -1],
    ['a fractional population', derived(10.5), 3],
  ])('refuses %s', (_name, population, responses) => {
    expect(() => assessSampleAdequacy(PROPOSAL_RULES_2023, population, responses)).toThrow(expect.objectContaining({ code: 'PROPOSAL.INVALID_FIGURES' }));
  });
});
