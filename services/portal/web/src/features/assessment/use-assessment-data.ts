import { useQuery } from '@tanstack/react-query';
import { type Assessment, type CycleDetail, evaluationApi } from '../../api/evaluation';
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
  f01: [],
  version: 0,
  f01Review: null,
  identicalEvidence: null,
});

/** The ruleset the unit is scored under: the cycle's Kode B one for a Kode B (daring) lokus, else the pinned one. */
export const rulesetOfUnit = (cycle: CycleDetail, unitId: string) => {
  const kode = cycle.units.find((unit) => unit.unitId === unitId)?.kode;
  return kode === 'B' && cycle.kodeBRuleset ? cycle.kodeBRuleset : cycle.ruleset;
};

/**
 * The cycle, the ruleset it scores the unit under (with the descriptors) and the unit's assessment, for the F-01 and F-02 screens;
 * `tenantId` is the cycle's tenant when the reader names it (see useCycleTenant).
 */
export function useAssessmentData(cycleId: string, unitId: string, tenantId?: string) {
  const api = useApi();
  const cycle = useQuery({ queryKey: ['cycle', cycleId, tenantId], queryFn: () => evaluationApi.cycle(api, cycleId, tenantId) });
  const pinned = cycle.data && rulesetOfUnit(cycle.data, unitId);
  const ruleset = useQuery({
    queryKey: ['ruleset', pinned?.id, pinned?.version, tenantId],
    queryFn: () => evaluationApi.ruleset(api, pinned!.id, pinned!.version, tenantId),
    enabled: pinned !== undefined,
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
