import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { type CycleSummary, evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { ProblemMessage } from '../../components/problem-message';
import { QueryState } from '../../components/query-state';
import { CompliancePanel } from '../compliance/compliance-panel';
import { RequestSlaTable } from '../compliance/request-sla-table';

/** What evaluation computes for the unit in one cycle, read-only: its Ombudsman compliance grade and its request SLA compliance. */
function CycleCompliance({ cycle, unitId }: { cycle: CycleSummary; unitId: string }) {
  const api = useApi();
  const headingId = useId();
  const proposals = useQuery({
    queryKey: ['proposals', cycle.cycleId, unitId, undefined],
    queryFn: () => evaluationApi.proposals(api, cycle.cycleId, unitId),
  });
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Kepatuhan unit pada {cycle.name}</h2>
      <CompliancePanel cycleId={cycle.cycleId} unitId={unitId} headingLevel={3} />
      <ProblemMessage error={proposals.error} title="Kepatuhan waktu layanan tidak dapat dimuat" />
      {proposals.data && <RequestSlaTable services={proposals.data.requestSla} headingLevel={3} />}
    </section>
  );
}

/** The cycles in which the operator's unit is a unit lokus, each with the compliance evaluation computes for the unit. */
export function UnitHomePage() {
  const api = useApi();
  const { claims } = useSignedIn();
  const unitId = claims.unitId ?? '';
  const cycles = useQuery({ queryKey: ['cycles', claims.tenantId], queryFn: () => evaluationApi.cycles(api) });
  return (
    <>
      <h1>Penilaian mandiri {unitId}</h1>
      <QueryState query={cycles} what="siklus">
        {(list) => {
          const mine = list.filter((cycle) => cycle.units.some((unit) => unit.unitId === unitId));
          if (mine.length === 0) return <p>Unit Anda belum ditetapkan sebagai unit lokus pada siklus mana pun.</p>;
          return (
            <>
              <ul className="cards">
                {mine.map((cycle) => (
                  <li key={cycle.cycleId}>
                    <Link to={`/siklus/${cycle.cycleId}/unit/${unitId}`}>{cycle.name}</Link>
                    <span className="muted">
                      {' '}
                      · batas F-01 {cycle.selfAssessmentDue} · {cycle.status === 'published' ? 'hasil terbit' : 'berjalan'}
                    </span>
                  </li>
                ))}
              </ul>
              {mine.map((cycle) => (
                <CycleCompliance key={cycle.cycleId} cycle={cycle} unitId={unitId} />
              ))}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
