import { useQueryClient } from '@tanstack/react-query';
import { assessmentCatchUp, type CommandReply } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { Link } from 'react-router-dom';
import { isReadOnly } from '../../auth/claims';
import { useSignedIn } from '../../auth/session';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';
import { useCycleTenant, withCycleTenant } from '../cycles/cycle-tenant';
import { ASSESSMENT_STATUS_LABELS } from './answers';
import { IndicatorReview } from './indicator-review';
import { ScoreIndicatorForm } from './score-indicator-form';
import { UnitScorePanel } from './unit-score-panel';
import { useAssessmentData } from './use-assessment-data';
import { VerificationPanel } from './verification-panel';

/**
 * A unit's assessment for everyone but the unit itself: the evaluator scores F-02 beside the
 * unit's self-score and evidence; Bagian Organisasi verifies or returns; auditors only read.
 */
export function UnitReviewPage({ cycleId, unitId }: { cycleId: string; unitId: string }) {
  const { claims } = useSignedIn();
  const api = useApi();
  const queryClient = useQueryClient();
  const tenantId = useCycleTenant();
  const { data, error, isPending } = useAssessmentData(cycleId, unitId, tenantId);
  if (isPending) return <p aria-live="polite">Memuat penilaian…</p>;
  if (!data) return <ProblemMessage error={error} title="Penilaian tidak dapat dimuat" />;

  const { cycle, ruleset, assessment } = data;
  const scoring = claims.role === 'evaluator';
  const canVerify = (claims.role === 'evaluator' || claims.role === 'admin') && cycle.status !== 'published';
  const refresh = (reply: CommandReply) =>
    refreshAfterCommand(
      queryClient,
      assessmentCatchUp(api, cycleId, unitId, reply, tenantId),
      ['assessment', cycleId, unitId],
      ['unit-score', cycleId, unitId],
      ['unit-score-line', cycleId, unitId],
    );
  const lokus = cycle.units.find((unit) => unit.unitId === unitId);
  const namedEvaluator = lokus?.evaluatorIds.includes(claims.subject) ?? false;

  return (
    <>
      <p>
        <Link to={scoring ? '/penugasan' : withCycleTenant(`/siklus/${cycleId}`, tenantId)}>← Kembali</Link>
      </p>
      <h1>
        {cycle.name}: {unitId}
      </h1>
      <p>
        Status penilaian mandiri: <strong>{ASSESSMENT_STATUS_LABELS[assessment.status]}</strong>
        {isReadOnly(claims.role) && ' · tampilan baca saja'}
      </p>
      {scoring && !namedEvaluator && <p role="note">Anda belum ditetapkan sebagai evaluator unit ini pada siklus ini; nilai Anda akan ditolak.</p>}
      <UnitScorePanel cycleId={cycleId} unitId={unitId} tenantId={tenantId} ruleset={ruleset} />
      {canVerify && <VerificationPanel assessment={assessment} ruleset={ruleset} onChanged={refresh} />}
      {ruleset.aspects.map((aspect) => (
        <section key={aspect.code} aria-labelledby={`aspect-${aspect.code}`} className="aspect">
          <h2 id={`aspect-${aspect.code}`}>
            Aspek {aspect.code.toUpperCase()}: {aspect.name}
          </h2>
          {aspect.indicators.map((indicator) => (
            <article key={indicator.code} className="indicator" aria-labelledby={`indicator-${indicator.code}`}>
              <h3 id={`indicator-${indicator.code}`}>
                {indicator.code} {indicator.name}
              </h3>
              <IndicatorReview assessment={assessment} indicator={indicator} tenantId={tenantId} />
              {scoring && cycle.status !== 'published' && (
                <ScoreIndicatorForm
                  cycleId={cycleId}
                  unitId={unitId}
                  indicator={indicator}
                  current={assessment.scores[indicator.code]?.[claims.subject]}
                  onScored={refresh}
                />
              )}
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
