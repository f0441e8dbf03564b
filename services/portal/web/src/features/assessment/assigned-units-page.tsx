import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { QueryState } from '../../components/query-state';

/** The evaluator's units (the token's assigned units) in every cycle where they are unit lokus. */
export function AssignedUnitsPage() {
  const api = useApi();
  const { claims } = useSignedIn();
  const cycles = useQuery({ queryKey: ['cycles', claims.tenantId], queryFn: () => evaluationApi.cycles(api) });
  return (
    <>
      <h1>Unit penugasan</h1>
      <QueryState query={cycles} what="siklus">
        {(list) => {
          const rows = list.flatMap((cycle) =>
            cycle.units
              .filter((unit) => claims.assignedUnitIds.includes(unit.unitId))
              .map((unit) => ({ cycle, unit, named: unit.evaluatorIds.includes(claims.subject) })),
          );
          if (rows.length === 0) return <p>Belum ada unit yang ditugaskan kepada Anda.</p>;
          return (
            <table>
              <thead>
                <tr>
                  <th scope="col">Siklus</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Peran Anda</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ cycle, unit, named }) => (
                  <tr key={`${cycle.cycleId}/${unit.unitId}`}>
                    <td>{cycle.name}</td>
                    <th scope="row">
                      <Link to={`/siklus/${cycle.cycleId}/unit/${unit.unitId}`}>{unit.unitId}</Link>
                    </th>
                    <td>{unit.leadEvaluatorId === claims.subject ? 'Ketua tim' : named ? 'Anggota tim' : 'Belum ditetapkan pada siklus ini'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryState>
    </>
  );
}
