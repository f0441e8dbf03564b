import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { cycleCatchUp, evaluationApi } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

/** Opens a cycle pinning one ruleset version; the window and the F-01 deadline are local dates. */
export function OpenCycleForm() {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rulesets = useQuery({ queryKey: ['rulesets'], queryFn: () => evaluationApi.rulesets(api) });
  const [form, setForm] = useState({ name: '', ruleset: '', windowStart: '', windowEnd: '', selfAssessmentDue: '' });
  const open = useMutation({
    mutationFn: () => {
      const [rulesetId, version] = form.ruleset.split('@');
      return evaluationApi.openCycle(api, {
        name: form.name,
        rulesetId,
        rulesetVersion: version ? Number(version) : undefined,
        windowStart: form.windowStart,
        windowEnd: form.windowEnd,
        selfAssessmentDue: form.selfAssessmentDue,
      });
    },
    onSuccess: async (opened) => {
      // the cycle page reads the cycle: it must exist on the read side before the page opens
      await refreshAfterCommand(queryClient, cycleCatchUp(api, opened.cycleId, opened), ['cycles']);
      navigate(`/siklus/${opened.cycleId}`);
    },
  });
  const errors = fieldErrors(open.error);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };

  return (
    <form onSubmit={submit} className="panel" aria-labelledby="open-cycle">
      <h2 id="open-cycle">Buka siklus baru</h2>
      <TextField label="Nama siklus" value={form.name} onChange={set('name')} error={errors.name} required placeholder="PEKPPP 2027" />
      <div className="field">
        <label htmlFor="ruleset">Aturan penilaian</label>
        <select id="ruleset" value={form.ruleset} onChange={set('ruleset')} required aria-describedby={errors.rulesetId ? 'ruleset-error' : undefined}>
          <option value="">Pilih…</option>
          {(rulesets.data ?? []).map((ruleset) => (
            <option key={`${ruleset.id}@${ruleset.version}`} value={`${ruleset.id}@${ruleset.version}`}>
              {ruleset.title} ({ruleset.id} v{ruleset.version}
              {ruleset.provisional ? ', sebagian sementara' : ''})
            </option>
          ))}
        </select>
        {errors.rulesetId && (
          <span id="ruleset-error" className="field-error">
            {errors.rulesetId}
          </span>
        )}
      </div>
      <TextField label="Awal periode" type="date" value={form.windowStart} onChange={set('windowStart')} error={errors.windowStart} required />
      <TextField label="Akhir periode" type="date" value={form.windowEnd} onChange={set('windowEnd')} error={errors.windowEnd} required />
      <TextField
        label="Batas penilaian mandiri (F-01)"
        type="date"
        value={form.selfAssessmentDue}
        onChange={set('selfAssessmentDue')}
        error={errors.selfAssessmentDue}
        required
      />
      <button type="submit" disabled={open.isPending}>
        Buka siklus
      </button>
      <ProblemMessage error={open.error} title="Siklus tidak dapat dibuka" />
    </form>
  );
}
