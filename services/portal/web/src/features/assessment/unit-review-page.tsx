import { useQuery, useQueryClient } from '@tanstack/react-query';
import { assessmentCatchUp, type CommandReply, evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { Link } from 'react-router-dom';
import { isReadOnly } from '../../auth/claims';
import { useSignedIn } from '../../auth/session';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';
import { CompliancePanel } from '../compliance/compliance-panel';
import { RequestSlaTable } from '../compliance/request-sla-table';
import { useCycleTenant, withCycleTenant } from '../cycles/cycle-tenant';
import { ASSESSMENT_STATUS_LABELS } from './answers';
import { evaluatorLabel } from './evaluators';
import { IndicatorReview } from './indicator-review';
import { ProposalReview } from './proposal-review';
import { ScoreIndicatorForm } from './score-indicator-form';
import { UnitScorePanel } from './unit-score-panel';
import { useAssessmentData } from './use-assessment-data';
import { VerificationPanel } from './verification-panel';

/**
 * A unit's assessment for everyone but the unit itself: the evaluator scores F-02 beside the
 * unit's self-score and evidence, or, where events propose a level, confirms or overrides the
 * proposal beside the unit's claim; Bagian Organisasi verifies or returns; auditors only read. The unit's
 * Ombudsman compliance grade and its request SLA compliance show above, with the observations only the
 * unit's evaluators and Bagian Organisasi record.
 */
export function UnitReviewPage({ cycleId, unitId }: { cycleId: string; unitId: string }) {
  const { claims } = useSignedIn();
  const api = useApi();
  const queryClient = useQueryClient();
  const tenantId = useCycleTenant();
  const { data, error, isPending } = useAssessmentData(cycleId, unitId, tenantId);
  const proposals = useQuery({
    queryKey: ['proposals', cycleId, unitId, tenantId],
    queryFn: () => evaluationApi.proposals(api, cycleId, unitId, tenantId),
    select: (answer) => ({
      byIndicator: new Map(answer.proposals.map((proposal) => [proposal.indicatorCode, proposal])),
      requestSla: answer.requestSla,
    }),
  });
  // Waiting for the proposals too: an indicator shows either its proposal or the plain F-02 form, never one then the other.
  if (isPending || proposals.isPending) return <p aria-live="polite">Memuat penilaian…</p>;
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
      ['proposals', cycleId, unitId],
    );
  const refreshProposals = () => queryClient.invalidateQueries({ queryKey: ['proposals', cycleId, unitId] });
  const lokus = cycle.units.find((unit) => unit.unitId === unitId);
  const namedEvaluator = lokus?.evaluatorIds.includes(claims.subject) ?? false;
  const deciding = scoring && cycle.status !== 'published';
  // the service refuses an evaluator not assigned to the unit; Bagian Organisasi records for any unit lokus
  const recordsCompliance = canVerify && (claims.role === 'admin' || namedEvaluator);
  const indicatorCount = ruleset.aspects.reduce((sum, aspect) => sum + aspect.indicators.length, 0);
  const scoredIndicators = ruleset.aspects
    .flatMap((aspect) => aspect.indicators)
    .filter((indicator) => Object.keys(assessment.scores[indicator.code] ?? {}).length > 0).length;
  const nameEvaluator = (evaluatorId: string) => evaluatorLabel(evaluatorId, { viewerId: claims.subject, leadEvaluatorId: lokus?.leadEvaluatorId });

  return (
    <>
      <p>
        <Link to={scoring ? '/penugasan' : withCycleTenant(`/siklus/${cycleId}`, tenantId)}>← Kembali</Link>
      </p>
      <h1>
        {cycle.name}: {lokus?.unitName ?? unitId}
      </h1>
      <p>
        Status penilaian mandiri: <strong>{ASSESSMENT_STATUS_LABELS[assessment.status]}</strong>
        {isReadOnly(claims.role) && ' · tampilan baca saja'}
      </p>
      <p aria-label="Kemajuan penilaian F-02">
        <strong>{scoredIndicators.toLocaleString('id-ID')}</strong> dari {indicatorCount.toLocaleString('id-ID')} indikator dinilai
      </p>
      {scoring && !namedEvaluator && <p role="note">Anda belum ditetapkan sebagai evaluator unit ini pada siklus ini; nilai Anda akan ditolak.</p>}
      <UnitScorePanel cycleId={cycleId} unitId={unitId} tenantId={tenantId} ruleset={ruleset} />
      <CompliancePanel cycleId={cycleId} unitId={unitId} tenantId={tenantId} canRecord={recordsCompliance} />
      <ProblemMessage error={proposals.error} title="Usulan nilai dari peristiwa tidak dapat dimuat" />
      {proposals.data && <RequestSlaTable services={proposals.data.requestSla} />}
      {canVerify && <VerificationPanel assessment={assessment} ruleset={ruleset} onChanged={refresh} />}
      {ruleset.aspects.map((aspect) => (
        <section key={aspect.code} aria-labelledby={`aspect-${aspect.code}`} className="aspect">
          <h2 id={`aspect-${aspect.code}`}>
            Aspek {aspect.code.toUpperCase()}: {aspect.name}
          </h2>
          {aspect.indicators.map((indicator) => {
            const proposal = proposals.data?.byIndicator.get(indicator.code);
            return (
              <article key={indicator.code} className="indicator" aria-labelledby={`indicator-${indicator.code}`}>
                <h3 id={`indicator-${indicator.code}`}>
                  {indicator.code} {indicator.name}
                </h3>
                {proposal ? (
                  <div className="beside">
                    <section aria-labelledby={`claim-${indicator.code}`}>
                      <h4 id={`claim-${indicator.code}`}>Klaim SKPD (F-01)</h4>
                      {/* the evaluators' marks show with the decision on the proposal */}
                      <IndicatorReview assessment={assessment} indicator={indicator} tenantId={tenantId} />
                    </section>
                    <ProposalReview
                      cycleId={cycleId}
                      unitId={unitId}
                      indicator={indicator}
                      proposal={proposal}
                      viewerId={claims.subject}
                      leadEvaluatorId={lokus?.leadEvaluatorId}
                      canDecide={deciding}
                      onDecided={refresh}
                      onProposalChanged={refreshProposals}
                    />
                  </div>
                ) : (
                  <IndicatorReview assessment={assessment} indicator={indicator} tenantId={tenantId} nameEvaluator={nameEvaluator} />
                )}
                {deciding && !proposal && (
                  <ScoreIndicatorForm
                    cycleId={cycleId}
                    unitId={unitId}
                    indicator={indicator}
                    current={assessment.scores[indicator.code]?.[claims.subject]}
                    onScored={refresh}
                  />
                )}
              </article>
            );
          })}
        </section>
      ))}
    </>
  );
}
