import { Link } from 'react-router-dom';
import { ProblemMessage } from '../../components/problem-message';
import { F01QuestionForm } from './f01-question-form';
import { asksQuestions } from './f01-questions';
import { SelfAssessmentForm } from './self-assessment-form';
import { UnitScorePanel } from './unit-score-panel';
import { useAssessmentData } from './use-assessment-data';

/** The SKPD operator's page for one cycle: their score and what to fix, then the F-01 form. */
export function SelfAssessmentPage({ cycleId, unitId }: { cycleId: string; unitId: string }) {
  const { data, error, isPending } = useAssessmentData(cycleId, unitId);
  if (isPending) return <p aria-live="polite">Memuat penilaian…</p>;
  if (!data) return <ProblemMessage error={error} title="Penilaian tidak dapat dimuat" />;
  return (
    <>
      <p>
        <Link to="/unit">← Penilaian unit</Link>
      </p>
      <h1>
        {data.cycle.name}: {unitId}
      </h1>
      <p>Batas penilaian mandiri: {data.cycle.selfAssessmentDue}</p>
      <UnitScorePanel cycleId={cycleId} unitId={unitId} ruleset={data.ruleset} />
      {asksQuestions(data.ruleset, data.assessment) ? (
        <F01QuestionForm key={data.assessment.status} cycleId={cycleId} unitId={unitId} ruleset={data.ruleset} assessment={data.assessment} />
      ) : (
        <SelfAssessmentForm key={data.assessment.status} cycleId={cycleId} unitId={unitId} ruleset={data.ruleset} assessment={data.assessment} />
      )}
    </>
  );
}
