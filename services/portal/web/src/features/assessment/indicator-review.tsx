import type { Assessment, Indicator } from '../../api/evaluation';
import { EvidenceList } from './evidence-list';
import { F01AnswersReview } from './f01-answers-review';

interface Props {
  assessment: Assessment;
  indicator: Indicator;
  tenantId?: string;
  /** Names the evaluators' F-02 scores; without it they are left out (shown elsewhere, e.g. with a proposal's decision). */
  nameEvaluator?(evaluatorId: string): string;
}

/**
 * What the unit said about one indicator (score and justification, or its F-01 answers and claimed level; evidence) and what the evaluators gave it.
 * `tenantId` is the cycle's tenant when the reader names it (see useCycleTenant).
 */
export function IndicatorReview({ assessment, indicator, tenantId, nameEvaluator }: Props) {
  const answer = assessment.answers[indicator.code];
  const scores = Object.entries(assessment.scores[indicator.code] ?? {});
  const f01 = assessment.f01.find((view) => view.indicatorCode === indicator.code);
  return (
    <div className="review">
      {f01 ? (
        <F01AnswersReview view={f01} indicator={indicator} />
      ) : (
        <p>
          Nilai mandiri: <strong>{answer ? `${answer.score} — ${indicator.descriptors[answer.score] ?? ''}` : 'belum diisi'}</strong>
        </p>
      )}
      {answer?.justification && <p className="quote">{answer.justification}</p>}
      <EvidenceList cycleId={assessment.cycleId} unitId={assessment.unitId} tenantId={tenantId} evidence={assessment.evidence[indicator.code] ?? []} />
      {nameEvaluator && scores.length > 0 && (
        <ul className="compact">
          {scores.map(([evaluatorId, mark]) => (
            <li key={evaluatorId}>
              {nameEvaluator(evaluatorId)}: {mark.score} — {mark.note}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
