import { useQuery } from '@tanstack/react-query';
import { type Assessment, evaluationApi } from '../../api/evaluation';
import { ApiError } from '../../api/problem';
import { useApi } from '../../api/use-api';

/** A unit that has not saved anything yet has no assessment: the same as an empty draft. */
const emptyAssessment = (cycleId: string, unitId: string): Assessment => ({
  cycleId,
  unitId,
  status: 'draft',
  answers: {},
  evidence: {},
  returnNotes: [],
  scores: {},
  visits: [],
  version: 0,
});

/**
 * The cycle, the ruleset it pins (with the descriptors) and the unit's assessment, for the F-01 and F-02 screens;
 * `tenantId` is the cycle's tenant when the reader names it (see useCycleTenant).
 */
export function useAssessmentData(cycleId: string, unitId: string, tenantId?: string) {
  const api = useApi();
  const cycle = useQuery({ queryKey: ['cycle', cycleId, tenantId], queryFn: () => evaluationApi.cycle(api, cycleId, tenantId) });
  const ruleset = useQuery({
    queryKey: ['ruleset', cycle.data?.ruleset.id, cycle.data?.ruleset.version, tenantId],
    queryFn: () => evaluationApi.ruleset(api, cycle.data!.ruleset.id, cycle.data!.ruleset.version, tenantId),
    enabled: cycle.data !== undefined,
    staleTime: Infinity,
  });
  const assessment = useQuery({
    queryKey: ['assessment', cycleId, unitId, tenantId],
    queryFn: () =>
      evaluationApi.assessment(api, cycleId, unitId, tenantId).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'ASSESSMENT.NOT_FOUND') return emptyAssessment(cycleId, unitId);
        throw error;
      }),
  });
  const error = cycle.error ?? ruleset.error ?? assessment.error;
  const data = cycle.data && ruleset.data && assessment.data ? { cycle: cycle.data, ruleset: ruleset.data, assessment: assessment.data } : undefined;
  return { data, error, isPending: !data && !error };
}
