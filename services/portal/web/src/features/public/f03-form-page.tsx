import { f03AspectName } from '@lib/kernel';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router-dom';
import { fieldErrors } from '../../api/problem';
import { publicSurveyApi, type PublicF03Form } from '../../api/survey';
import { ChoiceGroup, TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { QueryState } from '../../components/query-state';
import { PublicLayout } from './public-layout';
import { respondentTokenFor } from './respondent-token';

/** PEKPPP F-03 "Formulir Penilaian dari Masyarakat": 14 items scored 0–5 by service users of a unit lokus. */
export function F03FormPage() {
  const { tenantId = '', cycleId = '', unitId = '' } = useParams();
  const form = useQuery({
    queryKey: ['public-f03', tenantId, cycleId, unitId],
    queryFn: () => publicSurveyApi.f03Form(tenantId, cycleId, unitId),
    retry: false,
  });
  return (
    <PublicLayout title="Penilaian Pelayanan Publik oleh Masyarakat (F-03)">
      <QueryState query={form} what="formulir">
        {(data) => <F03Form form={data} />}
      </QueryState>
    </PublicLayout>
  );
}

function F03Form({ form }: { form: PublicF03Form }) {
  const [scores, setScores] = useState<Record<number, number | null>>(() => Object.fromEntries(form.items.map((item) => [item.item, null])));
  const [proof, setProof] = useState('');
  const respond = useMutation({
    mutationFn: () =>
      publicSurveyApi.respondF03(form.tenantId, form.cycleId, form.unitId, {
        items: form.items.map((item) => ({ item: item.item, score: scores[item.item] ?? -1 })),
        proof: proof.trim() || undefined,
        // one response per respondent and collection, as for SKM
        respondentToken: respondentTokenFor(`f03:${form.tenantId}/${form.cycleId}/${form.unitId}`),
      }),
  });
  const errors = fieldErrors(respond.error);
  const choices = Array.from({ length: form.scale.max - form.scale.min + 1 }, (_, i) => ({ value: form.scale.min + i, label: String(form.scale.min + i) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    respond.mutate();
  };
  if (respond.isSuccess) return <p role="status">Terima kasih! Penilaian Anda sudah kami terima.</p>;
  return (
    <form onSubmit={submit}>
      <p>
        Unit <strong>{form.unitId}</strong>. Beri nilai 0 (sangat buruk) sampai 5 (sangat baik) untuk setiap hal berikut.
      </p>
      {form.items.map((item, index) => (
        <ChoiceGroup
          key={item.item}
          legend={`${item.item}. ${item.statement} (${f03AspectName(item.aspect)})`}
          name={`f03-${item.item}`}
          choices={choices}
          value={scores[item.item]}
          onChange={(score) => setScores({ ...scores, [item.item]: score })}
          error={errors[`items[${index}].score`]}
          required
        />
      ))}
      <TextField
        label="Kode bukti layanan (nomor lacak permohonan atau kode sekali pakai)"
        value={proof}
        onChange={(event) => setProof(event.target.value)}
        error={errors.proof}
        hint="Penilaian dihitung dalam nilai unit jika disertai nomor lacak permohonan yang sudah selesai di unit ini atau kode sekali pakai dari petugas. Setiap kode hanya berlaku satu kali."
        autoComplete="off"
      />
      <button type="submit" className="primary large" disabled={respond.isPending}>
        Kirim penilaian
      </button>
      <ProblemMessage error={respond.error} title="Penilaian belum terkirim" />
    </form>
  );
}
