import type { Indicator } from '../../api/evaluation';
import { answerText, type F01IndicatorView } from './f01-questions';

/** The unit's F-01 answers to one indicator's questions, the bukti dukung of each, and the level they claim under the named rule. */
export function F01AnswersReview({ view, indicator }: { view: F01IndicatorView; indicator: Indicator }) {
  const shown = view.questions.filter((question) => question.shown);
  const skipped = view.questions.length - shown.length;
  return (
    <div className="f01-answers">
      <p>
        Level klaim SKPD:{' '}
        <strong>
          {view.claimedLevel === null ? 'belum ada (pertanyaan belum dijawab)' : `${view.claimedLevel} — ${indicator.descriptors[view.claimedLevel] ?? ''}`}
        </strong>
      </p>
      <p className="muted small">
        {view.ruleSource === 'pantau' ? 'Aturan Pantau' : 'Aturan KemenPANRB'} ({view.rule}): {view.ruleExplanation}
      </p>
      <ol className="compact">
        {shown.map((question) => (
          <li key={question.questionId}>
            <span>{question.text}</span>
            <br />
            Jawaban: <strong>{answerText(question, question.value)}</strong>
            {question.evidence.length > 0 && <> · Bukti dukung: {question.evidence.map((item) => item.name).join('; ')}</>}
            {question.evidenceMissing && (
              <span className="field-error"> · Bukti dukung yang diminta belum dilampirkan ({question.evidenceRequested.join('; ')})</span>
            )}
          </li>
        ))}
      </ol>
      {skipped > 0 && <p className="muted small">{skipped} pertanyaan dilewati sesuai jawaban sebelumnya.</p>}
    </div>
  );
}
