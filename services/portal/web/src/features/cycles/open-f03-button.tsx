import { useMutation } from '@tanstack/react-query';
import { surveyApi } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';

/** Opens the F-03 collection of a unit lokus, so the public form accepts answers; its quota is the one of the cycle's ruleset. */
export function OpenF03Button({ cycleId, unitId }: { cycleId: string; unitId: string }) {
  const api = useApi();
  const open = useMutation({ mutationFn: () => surveyApi.openF03(api, cycleId, unitId) });
  return (
    <div>
      <button type="button" className="small" onClick={() => open.mutate()} disabled={open.isPending || open.isSuccess}>
        {open.isSuccess ? 'F-03 dibuka' : 'Buka pengumpulan F-03'}
      </button>
      <ProblemMessage error={open.error} title="F-03 tidak dapat dibuka" />
    </div>
  );
}
