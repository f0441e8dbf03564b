import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type Assessment, type CommandReply, evaluationApi, type Ruleset } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { TextArea } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';

interface Props {
  assessment: Assessment;
  ruleset: Ruleset;
  /** Resolves once the screen shows the change. */
  onChanged(reply: CommandReply): Promise<void>;
}

/** The verifier's decision on a submitted self-assessment: verify it, or return it with notes per indicator. */
export function VerificationPanel({ assessment, ruleset, onChanged }: Props) {
  const api = useApi();
  const { cycleId, unitId } = assessment;
  const [indicatorCode, setIndicatorCode] = useState(ruleset.aspects[0]?.indicators[0]?.code ?? '');
  const [note, setNote] = useState('');
  const [notes, setNotes] = useState<{ indicatorCode: string; note: string }[]>([]);
  const verify = useMutation({ mutationFn: () => evaluationApi.verify(api, cycleId, unitId), onSuccess: onChanged });
  const giveBack = useMutation({ mutationFn: () => evaluationApi.returnToUnit(api, cycleId, unitId, notes), onSuccess: onChanged });
  const errors = fieldErrors(giveBack.error);
  if (assessment.status !== 'submitted') return null;

  return (
    <section aria-labelledby="verify-heading" className="panel">
      <h2 id="verify-heading">Verifikasi penilaian mandiri</h2>
      <button type="button" className="primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        Verifikasi
      </button>
      <ProblemMessage error={verify.error} title="Tidak dapat memverifikasi" />
      <h3>Atau kembalikan dengan catatan</h3>
      <div className="field">
        <label htmlFor="return-indicator">Indikator</label>
        <select id="return-indicator" value={indicatorCode} onChange={(event) => setIndicatorCode(event.target.value)}>
          {ruleset.aspects.flatMap((aspect) =>
            aspect.indicators.map((indicator) => (
              <option key={indicator.code} value={indicator.code}>
                {indicator.code} {indicator.name}
              </option>
            )),
          )}
        </select>
      </div>
      <TextArea label="Catatan untuk unit" value={note} onChange={(event) => setNote(event.target.value)} rows={2} error={errors.notes} />
      <button
        type="button"
        onClick={() => {
          setNotes([...notes.filter((existing) => existing.indicatorCode !== indicatorCode), { indicatorCode, note: note.trim() }]);
          setNote('');
        }}
        disabled={note.trim() === ''}
      >
        Tambah catatan
      </button>
      {notes.length > 0 && (
        <ul className="compact">
          {notes.map((item) => (
            <li key={item.indicatorCode}>
              {item.indicatorCode}: {item.note}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => giveBack.mutate()} disabled={notes.length === 0 || giveBack.isPending}>
        Kembalikan ke unit
      </button>
      <ProblemMessage error={giveBack.error} title="Tidak dapat mengembalikan" />
    </section>
  );
}
