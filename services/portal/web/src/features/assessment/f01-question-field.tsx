import type { Evidence } from '../../api/evaluation';
import type { F01Question, QuestionDraft, QuestionValue } from './f01-questions';
import { YES_NO_LABELS } from './f01-questions';

interface Props {
  question: F01Question;
  draft: QuestionDraft;
  /** The evidence attached to the question's indicator: the answer's bukti dukung are picked from it. */
  evidence: readonly Evidence[];
  highlighted: boolean;
  editable: boolean;
  onChange(draft: QuestionDraft): void;
}

export const questionAnchor = (questionId: string) => `pertanyaan-${questionId.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** One F-01 question, its input by type (ya/tidak, pilihan, pilih banyak, angka, teks), and the bukti dukung the answer rests on. */
export function F01QuestionField({ question, draft, evidence, highlighted, editable, onChange }: Props) {
  const anchor = questionAnchor(question.id);
  const setValue = (value: QuestionValue | null) => onChange({ ...draft, value });
  const legend = (
    <>
      {question.text}
      {question.required && <span className="muted small"> (wajib)</span>}
    </>
  );
  return (
    <div id={anchor} className={highlighted ? 'question question-gap' : 'question'}>
      {question.type === 'yesNo' && (
        <fieldset className="choices" disabled={!editable}>
          <legend>{legend}</legend>
          {([true, false] as const).map((yes) => (
            <label key={String(yes)} className="choice">
              <input type="radio" name={anchor} checked={draft.value === yes} onChange={() => setValue(yes)} />
              <span>{yes ? YES_NO_LABELS.yes : YES_NO_LABELS.no}</span>
            </label>
          ))}
        </fieldset>
      )}
      {question.type === 'single' && (
        <fieldset className="choices" disabled={!editable}>
          <legend>{legend}</legend>
          {(question.options ?? []).map((option) => (
            <label key={option.id} className="choice">
              <input type="radio" name={anchor} checked={draft.value === option.id} onChange={() => setValue(option.id)} />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {question.type === 'multi' && (
        <fieldset className="choices" disabled={!editable}>
          <legend>{legend}</legend>
          {(question.options ?? []).map((option) => {
            const ticked = Array.isArray(draft.value) ? draft.value : [];
            return (
              <label key={option.id} className="choice">
                <input
                  type="checkbox"
                  checked={ticked.includes(option.id)}
                  onChange={(event) => setValue(event.target.checked ? [...ticked, option.id] : ticked.filter((id) => id !== option.id))}
                />
                <span>{option.label}</span>
              </label>
            );
          })}
        </fieldset>
      )}
      {question.type === 'number' && (
        <div className="field">
          <label htmlFor={`${anchor}-angka`}>{legend}</label>
          <input
            id={`${anchor}-angka`}
            type="number"
            inputMode="decimal"
            min={question.min ?? 0}
            max={question.max}
            value={typeof draft.value === 'number' ? draft.value : ''}
            readOnly={!editable}
            onChange={(event) => setValue(event.target.value === '' ? null : Number(event.target.value))}
          />
        </div>
      )}
      {question.type === 'text' && (
        <div className="field">
          <label htmlFor={`${anchor}-teks`}>{legend}</label>
          <textarea
            id={`${anchor}-teks`}
            rows={3}
            value={typeof draft.value === 'string' ? draft.value : ''}
            readOnly={!editable}
            onChange={(event) => setValue(event.target.value === '' ? null : event.target.value)}
          />
        </div>
      )}
      {question.evidence && (
        <fieldset className="choices evidence-pick" disabled={!editable}>
          <legend className="small">
            Bukti dukung{question.evidence.requiredWhenClaimed && ' (wajib bila menjawab ya/memilih)'}: {question.evidence.names.join('; ')}
          </legend>
          {evidence.length === 0 && <p className="muted small">Unggah atau tautkan bukti dukung indikator ini di bawah, lalu pilih di sini.</p>}
          {evidence.map((item) => (
            <label key={item.evidenceId} className="choice">
              <input
                type="checkbox"
                checked={draft.evidenceIds.includes(item.evidenceId)}
                onChange={(event) =>
                  onChange({
                    ...draft,
                    evidenceIds: event.target.checked ? [...draft.evidenceIds, item.evidenceId] : draft.evidenceIds.filter((id) => id !== item.evidenceId),
                  })
                }
              />
              <span>{item.name}</span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
