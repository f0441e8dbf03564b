import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { cycleCatchUp, evaluationApi } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

const splitIds = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((id) => id.trim())
    .filter(Boolean);

/**
 * Makes a unit a unit lokus with its evaluators. Evaluators are named by their user id at the
 * identity provider (the `sub` of their token): that is who the evaluation service lets score.
 */
export function AssignLokusForm({ cycleId }: { cycleId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState('');
  const [evaluators, setEvaluators] = useState('');
  const [lead, setLead] = useState('');
  // In development the demo evaluators are offered as suggestions; there is no user directory otherwise.
  const suggestions = useQuery({ queryKey: ['auth', 'dev-users'], queryFn: authApi.devUsers, retry: false });
  const assign = useMutation({
    mutationFn: () =>
      evaluationApi.assignUnit(api, cycleId, unitId.trim(), {
        evaluatorIds: splitIds(evaluators),
        leadEvaluatorId: lead.trim() || splitIds(evaluators)[0] || '',
      }),
    onSuccess: async (reply) => {
      setUnitId('');
      await refreshAfterCommand(queryClient, cycleCatchUp(api, cycleId, reply), ['cycle', cycleId], ['cycle-scores', cycleId]);
    },
  });
  const errors = fieldErrors(assign.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assign.mutate();
  };
  const evaluatorSubjects = (suggestions.data ?? []).filter((user) => user.role === 'evaluator').map((user) => user.subject);

  return (
    <form onSubmit={submit} className="panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Tetapkan unit lokus dan evaluator</h2>
      <TextField label="ID unit" value={unitId} onChange={(event) => setUnitId(event.target.value)} error={errors.unitId} required placeholder="disdukcapil" />
      <TextField
        label="ID evaluator"
        value={evaluators}
        onChange={(event) => setEvaluators(event.target.value)}
        error={errors.evaluatorIds}
        required
        list="evaluator-suggestions"
        hint="ID pengguna evaluator di SSO, dipisah koma."
      />
      <TextField
        label="Ketua tim evaluator"
        value={lead}
        onChange={(event) => setLead(event.target.value)}
        error={errors.leadEvaluatorId}
        list="evaluator-suggestions"
        hint="Kosong: evaluator pertama."
      />
      <datalist id="evaluator-suggestions">
        {evaluatorSubjects.map((subject) => (
          <option key={subject} value={subject} />
        ))}
      </datalist>
      <button type="submit" disabled={assign.isPending}>
        Tetapkan
      </button>
      {assign.isSuccess && <p role="status">Unit lokus ditetapkan.</p>}
      <ProblemMessage error={assign.error} title="Unit tidak dapat ditetapkan" />
    </form>
  );
}
