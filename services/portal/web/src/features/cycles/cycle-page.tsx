import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { type CycleDetail, evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { isReadOnly } from '../../auth/claims';
import { useSignedIn } from '../../auth/session';
import { QueryState } from '../../components/query-state';
import { AssignLokusForm, KODE_LABELS } from './assign-lokus-form';
import { useCycleTenant, withCycleTenant } from './cycle-tenant';
import { OpenF03Button } from './open-f03-button';

/** One cycle: its unit lokus with evaluators and F-03 user scores; Bagian Organisasi assigns units here. */
export function CyclePage() {
  const { cycleId = '' } = useParams();
  const api = useApi();
  const { claims } = useSignedIn();
  const tenantId = useCycleTenant();
  const cycle = useQuery({ queryKey: ['cycle', cycleId, tenantId], queryFn: () => evaluationApi.cycle(api, cycleId, tenantId) });
  const admin = claims.role === 'admin';

  return (
    <QueryState query={cycle} what="siklus">
      {(data) => (
        <>
          <p>
            <Link to={withCycleTenant('/siklus', tenantId)}>← Semua siklus</Link>
          </p>
          <h1>{data.name}</h1>
          <p>
            {data.windowStart} s.d. {data.windowEnd} · batas penilaian mandiri {data.selfAssessmentDue} · aturan {data.ruleset.id} v{data.ruleset.version} ·{' '}
            {data.status === 'published' ? 'hasil telah diterbitkan' : 'berjalan'}
          </p>
          <p>
            <Link className="button" to={withCycleTenant(`/siklus/${cycleId}/hasil`, tenantId)}>
              Lihat hasil: unit dengan kategori C ke bawah dan penyebabnya
            </Link>
          </p>
          <LokusTable cycle={data} tenantId={tenantId} canAdminister={admin} />
          {admin && data.status !== 'published' && <AssignLokusForm cycleId={cycleId} kodeBOffered={data.kodeBRuleset !== null} />}
          {isReadOnly(claims.role) && <p className="muted">Anda masuk sebagai auditor: tampilan ini hanya untuk dibaca.</p>}
        </>
      )}
    </QueryState>
  );
}

/** `tenantId`: the cycle's tenant when the reader names it (see useCycleTenant). */
function LokusTable({ cycle, tenantId, canAdminister }: { cycle: CycleDetail; tenantId: string | undefined; canAdminister: boolean }) {
  const { claims } = useSignedIn();
  // The F-03 form is the cycle's tenant's, which a national auditor names and everyone else is in.
  const f03Tenant = tenantId ?? claims.tenantId;
  if (cycle.units.length === 0) return <p>Belum ada unit lokus.</p>;
  return (
    <table>
      <caption>Unit lokus</caption>
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Kode</th>
          <th scope="col">Evaluator (ketua)</th>
          <th scope="col">Nilai pengguna (F-03)</th>
          <th scope="col">Formulir F-03 masyarakat</th>
        </tr>
      </thead>
      <tbody>
        {cycle.units.map((unit) => (
          <tr key={unit.unitId}>
            <th scope="row">
              <Link to={withCycleTenant(`/siklus/${cycle.cycleId}/unit/${unit.unitId}`, tenantId)}>{unit.unitId}</Link>
            </th>
            <td>{KODE_LABELS[unit.kode]}</td>
            <td>
              {unit.evaluatorIds.join(', ')} ({unit.leadEvaluatorId})
            </td>
            <td>
              {unit.userScore
                ? `${unit.userScore.score.toFixed(2)} dari ${unit.userScore.respondents} responden${unit.userScore.quotaMet ? '' : ', kuota belum terpenuhi'}`
                : '—'}
            </td>
            <td>
              <Link to={`/f03/${f03Tenant}/${cycle.cycleId}/${unit.unitId}`}>tautan formulir</Link>
              {canAdminister && cycle.status !== 'published' && <OpenF03Button cycleId={cycle.cycleId} unitId={unit.unitId} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
