import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { authApi } from '../../api/auth';
import { cycleCatchUp, type CycleDetail, evaluationApi } from '../../api/evaluation';
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

type Kode = CycleDetail['units'][number]['kode'];

export const KODE_LABELS: Record<Kode, string> = { A: 'Kode A (luring)', B: 'Kode B (daring)' };

/**
 * Makes a unit a unit lokus with its kode and evaluators. Kode B (fully online services) is offered only
 * when the cycle's ruleset has a Kode B form; otherwise every lokus is Kode A. Evaluators are named by their user id at the
 * identity provider (the `sub` of their token): that is who the evaluation service lets score.
 */
export function AssignLokusForm({ cycleId, kodeBOffered }: { cycleId: string; kodeBOffered: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState('');
  const [evaluators, setEvaluators] = useState('');
  const [lead, setLead] = useState('');
  const [kode, setKode] = useState<Kode>('A');
  // In development the demo evaluators are offered as suggestions; there is no user directory otherwise.
  const suggestions = useQuery({ queryKey: ['auth', 'dev-users'], queryFn: authApi.devUsers, retry: false });
  const assign = useMutation({
    mutationFn: () =>
      evaluationApi.assignUnit(api, cycleId, unitId.trim(), {
        evaluatorIds: splitIds(evaluators),
        leadEvaluatorId: lead.trim() || splitIds(evaluators)[0] || '',
        ...(kodeBOffered ? { kode } : {}),
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
      {kodeBOffered && (
        <fieldset className="choices" aria-describedby={errors.kode ? 'kode-error' : undefined}>
          <legend>Kode unit lokus</legend>
          {(['A', 'B'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input type="radio" name="kode" value={choice} checked={kode === choice} onChange={() => setKode(choice)} />
              <span>{choice === 'A' ? 'Kode A: layanan luring (tatap muka)' : 'Kode B: layanan sepenuhnya daring'}</span>
            </label>
          ))}
          {errors.kode && (
            <span id="kode-error" className="field-error">
              {errors.kode}
            </span>
          )}
        </fieldset>
      )}
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
