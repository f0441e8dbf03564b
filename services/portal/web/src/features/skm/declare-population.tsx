import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { type SkmResult, type SurveyRef, surveyApi, surveyResultCatchUp } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

const count = new Intl.NumberFormat('id-ID');

/** Where the population the sample is judged on comes from, in words. */
export function populationBasis(result: SkmResult): string {
  if (result.populationSource === 'completed-requests') return `${count.format(result.completedRequests)} permohonan yang selesai dalam periode`;
  const declaredOn = result.populationDeclaredAt ? ` pada ${new Date(result.populationDeclaredAt).toLocaleDateString('id-ID')}` : '';
  return `dinyatakan${declaredOn}${result.declaredPopulationSource ? `, sumber: ${result.declaredPopulationSource}` : ''}`;
}

/**
 * Declares or corrects the period's population (the base of the Krejcie–Morgan sample) while the survey
 * is open: a unit whose requests Pantau does not record has none otherwise.
 */
export function DeclarePopulation({ surveyRef, surveyId, result }: { surveyRef: SurveyRef; surveyId: string; result: SkmResult }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [population, setPopulation] = useState('');
  const [source, setSource] = useState('');
  const declare = useMutation({
    mutationFn: () => surveyApi.declarePopulation(api, surveyRef, { population: Number(population), source }),
    onSuccess: async (reply) => {
      setPopulation('');
      setSource('');
      await refreshAfterCommand(queryClient, surveyResultCatchUp(api, surveyRef, reply), ['skm-result', surveyId], ['skm-surveys', surveyRef.unitId]);
    },
  });
  const errors = fieldErrors(declare.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate();
  };
  const declared = result.populationSource === 'declared';
  return (
    <form onSubmit={submit} aria-labelledby="declare-population">
      <h3 id="declare-population">Populasi periode</h3>
      <p>
        Populasi yang dipakai: <strong>{count.format(result.population)}</strong> ({populationBasis(result)}).
        {!declared && result.population === 0 && ' Tanpa populasi yang dinyatakan, sampel tidak dapat dinilai memadai.'}
      </p>
      <TextField
        label="Jumlah populasi"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={population}
        onChange={(event) => setPopulation(event.target.value)}
        error={errors.population}
        required
        hint="Jumlah penerima layanan unit dalam periode survei, dasar ukuran sampel Krejcie–Morgan. Dapat dikoreksi sampai periode ditutup."
      />
      <TextField
        label="Sumber data populasi"
        value={source}
        maxLength={200}
        onChange={(event) => setSource(event.target.value)}
        error={errors.source}
        required
        hint="Mis. Data pemohon SIAK 2026 triwulan I"
      />
      <button type="submit" disabled={declare.isPending}>
        {declared ? 'Koreksi populasi' : 'Nyatakan populasi'}
      </button>
      <ProblemMessage error={declare.error} title="Populasi tidak tercatat" />
    </form>
  );
}
