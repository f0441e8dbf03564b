import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { type FollowUp, type SurveyRef, surveyApi, surveyResultCatchUp } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

interface Props {
  surveyRef: SurveyRef;
  surveyId: string;
  followUps: Record<string, FollowUp>;
  unsur: { code: string; name: string }[];
}

/** Rencana tindak lanjut: actions on weak unsur, and their completion with evidence (indicators 8.a.Ak and 9.a.Ak). */
export function FollowUps({ surveyRef, surveyId, followUps, unsur }: Props) {
  const items = Object.entries(followUps);
  return (
    <section aria-labelledby={`follow-ups-${surveyId}`}>
      <h3 id={`follow-ups-${surveyId}`}>Tindak lanjut</h3>
      {items.length === 0 ? (
        <p>Belum ada rencana tindak lanjut.</p>
      ) : (
        <ul className="cards">
          {items.map(([itemId, item]) => (
            <li key={itemId}>
              <strong>{item.unsurCode}</strong>: {item.action} · target {item.dueDate}
              {item.completedOn ? (
                <span>
                  {' '}
                  · selesai {item.completedOn} ({item.evidence})
                </span>
              ) : (
                <CompleteFollowUp surveyRef={surveyRef} surveyId={surveyId} itemId={itemId} />
              )}
            </li>
          ))}
        </ul>
      )}
      <PlanFollowUp surveyRef={surveyRef} surveyId={surveyId} unsur={unsur} />
    </section>
  );
}

const newItemId = (): string => `rtl-${crypto.randomUUID().slice(0, 8)}`;

function PlanFollowUp({ surveyRef, surveyId, unsur }: Omit<Props, 'followUps'>) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [unsurCode, setUnsurCode] = useState('');
  const [action, setAction] = useState('');
  const [dueDate, setDueDate] = useState('');
  const plan = useMutation({
    mutationFn: () => surveyApi.planFollowUp(api, surveyRef, { itemId: newItemId(), unsurCode, action, dueDate }),
    onSuccess: async (reply) => {
      setAction('');
      await refreshAfterCommand(queryClient, surveyResultCatchUp(api, surveyRef, reply), ['skm-result', surveyId]);
    },
  });
  const errors = fieldErrors(plan.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    plan.mutate();
  };
  const selectId = `follow-up-unsur-${surveyId}`;
  return (
    <form onSubmit={submit} aria-label="Rencana tindak lanjut baru" className="inline-form">
      <div className="field">
        <label htmlFor={selectId}>Unsur</label>
        <select id={selectId} value={unsurCode} onChange={(event) => setUnsurCode(event.target.value)} required>
          <option value="">Pilih…</option>
          {unsur.map((item) => (
            <option key={item.code} value={item.code}>
              {item.code} {item.name}
            </option>
          ))}
        </select>
        {errors.unsurCode && <span className="field-error">{errors.unsurCode}</span>}
      </div>
      <TextField label="Tindakan" value={action} onChange={(event) => setAction(event.target.value)} error={errors.action} required />
      <TextField label="Target selesai" type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} error={errors.dueDate} required />
      <button type="submit" disabled={plan.isPending}>
        Rencanakan
      </button>
      <ProblemMessage error={plan.error} title="Rencana tidak tersimpan" />
    </form>
  );
}

function CompleteFollowUp({ surveyRef, surveyId, itemId }: { surveyRef: SurveyRef; surveyId: string; itemId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [completedOn, setCompletedOn] = useState('');
  const [evidence, setEvidence] = useState('');
  const complete = useMutation({
    mutationFn: () => surveyApi.completeFollowUp(api, surveyRef, itemId, { completedOn, evidence }),
    onSuccess: (reply) => refreshAfterCommand(queryClient, surveyResultCatchUp(api, surveyRef, reply), ['skm-result', surveyId]),
  });
  const errors = fieldErrors(complete.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={`Selesaikan ${itemId}`} className="inline-form">
      <TextField
        label="Tanggal selesai"
        type="date"
        value={completedOn}
        onChange={(event) => setCompletedOn(event.target.value)}
        error={errors.completedOn}
        required
      />
      <TextField label="Bukti" value={evidence} onChange={(event) => setEvidence(event.target.value)} error={errors.evidence} required />
      <button type="submit" disabled={complete.isPending}>
        Tandai selesai
      </button>
      <ProblemMessage error={complete.error} title="Tidak tersimpan" />
    </form>
  );
}
