import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CommandReply, evaluationApi, type Indicator } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { ChoiceGroup, TextArea } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { scoreChoices } from './answers';

interface Props {
  cycleId: string;
  unitId: string;
  indicator: Indicator;
  current?: { score: number; note: string };
  /** Resolves once the screen shows the score. */
  onScored(reply: CommandReply): Promise<void>;
}

/** F-02: the evaluator's own 0–5 score of one indicator, with a note against the descriptors. */
export function ScoreIndicatorForm({ cycleId, unitId, indicator, current, onScored }: Props) {
  const api = useApi();
  const [score, setScore] = useState<number | null>(current?.score ?? null);
  const [note, setNote] = useState(current?.note ?? '');
  const save = useMutation({
    mutationFn: () => evaluationApi.scoreIndicator(api, cycleId, unitId, indicator.code, { score: score ?? -1, note }),
    onSuccess: onScored,
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="score-form" aria-label={`Nilai evaluator ${indicator.code}`}>
      <ChoiceGroup
        legend={`Nilai evaluator ${indicator.code}`}
        name={`f02-${indicator.code}`}
        choices={scoreChoices(indicator.descriptors)}
        value={score}
        onChange={setScore}
        error={errors.score}
        required
      />
      <TextArea
        label={`Catatan penilaian ${indicator.code}`}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errors.note}
        required
        rows={2}
      />
      <button type="submit" disabled={save.isPending || score === null}>
        Simpan nilai
      </button>
      {save.isSuccess && <span role="status"> Nilai tersimpan.</span>}
      <ProblemMessage error={save.error} title="Nilai tidak tersimpan" />
    </form>
  );
}
