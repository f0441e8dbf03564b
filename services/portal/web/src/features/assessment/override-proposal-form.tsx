import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CommandReply, evaluationApi, type Indicator } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { ChoiceGroup, TextArea } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { scoreChoices } from './answers';

/** The service's limit on the note (OverrideProposalRequest). */
const NOTE_MAX_LENGTH = 5000;

interface OverrideFieldErrors {
  score?: string;
  note?: string;
}

/** What the service would refuse, said before sending: a score must be chosen and the note may not be blank. */
export function overrideProblems(score: number | null, note: string): OverrideFieldErrors {
  return {
    ...(score === null && { score: 'Pilih nilai 0–5.' }),
    ...(note.trim() === '' && { note: 'Catatan wajib diisi: jelaskan dasar nilai yang Anda berikan.' }),
  };
}

interface Props {
  cycleId: string;
  unitId: string;
  indicator: Indicator;
  /** Resolves once the screen shows the decision. */
  onOverridden(reply: CommandReply): Promise<void>;
  onCancel(): void;
}

/** F-02 other than the proposal: the evaluator's 0–5 score of the indicator, with the note that says why. */
export function OverrideProposalForm({ cycleId, unitId, indicator, onOverridden, onCancel }: Props) {
  const api = useApi();
  const [score, setScore] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState<OverrideFieldErrors>({});
  const save = useMutation({
    mutationFn: (body: { score: number; note: string }) => evaluationApi.overrideProposal(api, cycleId, unitId, indicator.code, body),
    onSuccess: onOverridden,
  });
  const sentErrors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = overrideProblems(score, note);
    setChecked(problems);
    if (score === null || problems.note) return;
    save.mutate({ score, note: note.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="score-form" aria-label={`Ubah nilai usulan ${indicator.code}`}>
      <ChoiceGroup
        legend={`Nilai baru ${indicator.code}`}
        name={`override-${indicator.code}`}
        choices={scoreChoices(indicator.descriptors)}
        value={score}
        onChange={setScore}
        error={checked.score ?? sentErrors.score}
        required
      />
      <TextArea
        label={`Catatan perubahan ${indicator.code}`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={checked.note ?? sentErrors.note}
        hint="Wajib diisi: dasar nilai Anda terhadap deskriptor F-02 dan bukti dukung, juga bila nilainya sama dengan usulan."
        aria-required
        maxLength={NOTE_MAX_LENGTH}
        rows={3}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Simpan perubahan
        </button>
        <button type="button" onClick={onCancel}>
          Batal
        </button>
      </div>
      <ProblemMessage error={save.error} title="Perubahan nilai tidak tersimpan" />
    </form>
  );
}
