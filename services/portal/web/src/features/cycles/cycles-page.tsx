import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { TextField } from '../../components/fields';
import { QueryState } from '../../components/query-state';
import { useCycleTenant, withCycleTenant } from './cycle-tenant';
import { OpenCycleForm } from './open-cycle-form';

const DEFAULT_TENANT_FOR_NATIONAL_AUDITOR = 'kota-banjarmasin';

/** PEKPPP cycles of the tenant; Bagian Organisasi opens new ones here. */
export function CyclesPage() {
  const api = useApi();
  const { claims } = useSignedIn();
  // KemenPAN-RB reads across Pemda: it names the tenant it looks at.
  const national = claims.role === 'national-auditor';
  // Coming back from a cycle, the national auditor finds the Pemda it was reading.
  const returningTo = useCycleTenant();
  const [tenantId, setTenantId] = useState(national ? (returningTo ?? DEFAULT_TENANT_FOR_NATIONAL_AUDITOR) : claims.tenantId);
  const namedTenant = national ? tenantId : undefined;
  const cycles = useQuery({ queryKey: ['cycles', tenantId], queryFn: () => evaluationApi.cycles(api, namedTenant) });

  return (
    <>
      <h1>Siklus evaluasi PEKPPP</h1>
      {national && (
        <TextField label="Pemda (tenant)" value={tenantId} onChange={(event) => setTenantId(event.target.value.trim())} hint="Contoh: kota-banjarmasin" />
      )}
      <QueryState query={cycles} what="siklus">
        {(list) =>
          list.length === 0 ? (
            <p>Belum ada siklus evaluasi.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Siklus</th>
                  <th scope="col">Status</th>
                  <th scope="col">Periode</th>
                  <th scope="col">Batas penilaian mandiri</th>
                  <th scope="col">Unit lokus</th>
                </tr>
              </thead>
              <tbody>
                {list.map((cycle) => (
                  <tr key={cycle.cycleId}>
                    <th scope="row">
                      <Link to={withCycleTenant(`/siklus/${cycle.cycleId}`, namedTenant)}>{cycle.name}</Link>
                      <div className="muted small">
                        {cycle.ruleset.id} v{cycle.ruleset.version}
                      </div>
                    </th>
                    <td>{cycle.status === 'published' ? 'Hasil terbit' : 'Berjalan'}</td>
                    <td>
                      {cycle.windowStart} s.d. {cycle.windowEnd}
                    </td>
                    <td>{cycle.selfAssessmentDue}</td>
                    <td>{cycle.units.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {claims.role === 'admin' && <OpenCycleForm />}
    </>
  );
}
