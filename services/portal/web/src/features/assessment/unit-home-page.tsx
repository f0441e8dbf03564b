import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { QueryState } from '../../components/query-state';

/** The cycles in which the operator's unit is a unit lokus. */
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
          );
        }}
      </QueryState>
    </>
  );
}
