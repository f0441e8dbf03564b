import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { QueryState } from '../../components/query-state';
import { useCycleTenant, withCycleTenant } from '../cycles/cycle-tenant';
import { CATEGORIES, type CategoryFilter, matchesFilter, standingOf } from './categories';
import { PublishResults } from './publish-results';
import { ResultsTable } from './results-table';

/** "Which SKPDs score C or below, and why?": every unit lokus of a cycle, filterable by category. */
export function ResultsPage() {
  const { cycleId = '' } = useParams();
  const api = useApi();
  const { claims } = useSignedIn();
  const tenantId = useCycleTenant();
  const [filter, setFilter] = useState<CategoryFilter>('c-or-below');
  const scores = useQuery({ queryKey: ['cycle-scores', cycleId, tenantId], queryFn: () => evaluationApi.scores(api, cycleId, { tenantId }) });

  return (
    <QueryState query={scores} what="hasil siklus">
      {(data) => {
        const lines = data.units.filter((line) => matchesFilter(line, filter));
        const low = data.units.filter((line) => matchesFilter(line, 'c-or-below')).length;
        const notStarted = data.units.filter((line) => standingOf(line).basis === 'none').length;
        return (
          <>
            <p>
              <Link to={withCycleTenant(`/siklus/${cycleId}`, tenantId)}>← {data.name}</Link>
            </p>
            <h1>Hasil {data.name}</h1>
            <p>
              {low} dari {data.units.length} unit lokus berada di kategori C ke bawah
              {notStarted > 0 && `; ${notStarted} unit belum mengisi penilaian mandiri (tampil pada "Semua unit")`}. Aturan penilaian {data.ruleset.id} v
              {data.ruleset.version}
              {data.ruleset.provisional && ' (sebagian nilai aturan masih sementara)'}. Status siklus:{' '}
              {data.status === 'published' ? 'hasil telah diterbitkan' : 'berjalan'}.
            </p>
            <div className="field inline">
              <label htmlFor="category-filter">Tampilkan</label>
              <select id="category-filter" value={filter} onChange={(event) => setFilter(event.target.value as CategoryFilter)}>
                <option value="c-or-below">Kategori C ke bawah</option>
                <option value="all">Semua unit</option>
                {CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    Kategori {category}
                  </option>
                ))}
              </select>
            </div>
            <ResultsTable lines={lines} />
            {claims.role === 'admin' && data.status !== 'published' && <PublishResults cycleId={cycleId} />}
          </>
        );
      }}
    </QueryState>
  );
}
