import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { openedSurveyCatchUp, type PeriodKind, surveyApi } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

/** Opens an SKM period with the nine unsur of the regulation. */
export function OpenSurveyForm({ unitId, onOpened }: { unitId: string; onOpened(surveyId: string): void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [periodKind, setPeriodKind] = useState<PeriodKind>('quarter');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [population, setPopulation] = useState('');
  const [populationSource, setPopulationSource] = useState('');
  const declaring = population.trim() !== '';
  const open = useMutation({
    mutationFn: () =>
      surveyApi.open(
        api,
        { unitId, periodKind, periodStart },
        declaring ? { periodEnd, declaredPopulation: Number(population), declaredPopulationSource: populationSource } : { periodEnd },
      ),
    onSuccess: async (opened) => {
      await refreshAfterCommand(queryClient, openedSurveyCatchUp(api, unitId, opened), ['skm-surveys', unitId]);
      onOpened(opened.surveyId);
    },
  });
  const errors = fieldErrors(open.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="open-survey">
      <h2 id="open-survey">Buka periode survei</h2>
      <div className="field">
        <label htmlFor="period-kind">Jenis periode</label>
        <select id="period-kind" value={periodKind} onChange={(event) => setPeriodKind(event.target.value as PeriodKind)}>
          <option value="quarter">Triwulan</option>
          <option value="semester">Semester</option>
          <option value="year">Tahun</option>
        </select>
      </div>
      <TextField
        label="Awal periode"
        type="date"
        value={periodStart}
        onChange={(event) => setPeriodStart(event.target.value)}
        error={errors.periodStart}
        required
      />
      <TextField label="Akhir periode" type="date" value={periodEnd} onChange={(event) => setPeriodEnd(event.target.value)} error={errors.periodEnd} required />
      <TextField
        label="Populasi penerima layanan (opsional)"
        type="number"
        min={1}
        value={population}
        onChange={(event) => setPopulation(event.target.value)}
        error={errors.declaredPopulation}
        hint="Kosong: dapat dinyatakan nanti selama survei berjalan; tanpa itu, jumlah permohonan yang selesai dalam periode menjadi dasar ukuran sampel Krejcie–Morgan."
      />
      {declaring && (
        <TextField
          label="Sumber data populasi"
          value={populationSource}
          maxLength={200}
          onChange={(event) => setPopulationSource(event.target.value)}
          error={errors.declaredPopulationSource}
          required
          hint="Mis. Data pemohon SIAK 2026 triwulan I"
        />
      )}
      <button type="submit" disabled={open.isPending}>
        Buka survei
      </button>
      <ProblemMessage error={open.error} title="Survei tidak dapat dibuka" />
    </form>
  );
}
