import { useQuery } from '@tanstack/react-query';
import { evaluationApi, type Ruleset } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { QueryState } from '../../components/query-state';
import { formatIpp } from '../results/categories';

/**
 * A unit's score per aspect (its own vs the evaluators') and "what to fix": the indicators that cost the most IPP.
 * Indicators events propose a level for and no evaluator has decided yet are named: they are missing from the IPP.
 * `tenantId` is the cycle's tenant when the reader names it (see useCycleTenant).
 */
export function UnitScorePanel({ cycleId, unitId, tenantId, ruleset }: { cycleId: string; unitId: string; tenantId?: string; ruleset: Ruleset }) {
  const api = useApi();
  const score = useQuery({ queryKey: ['unit-score', cycleId, unitId, tenantId], queryFn: () => evaluationApi.unitScore(api, cycleId, unitId, tenantId) });
  const line = useQuery({
    queryKey: ['unit-score-line', cycleId, unitId, tenantId],
    queryFn: () => evaluationApi.scores(api, cycleId, { unitId, tenantId }).then((scores) => scores.units[0] ?? null),
  });
  const aspectName = (code: string) => ruleset.aspects.find((aspect) => aspect.code === code)?.name ?? code;
  const indicatorName = (code: string) => ruleset.aspects.flatMap((aspect) => aspect.indicators).find((indicator) => indicator.code === code)?.name;

  return (
    <section aria-labelledby="score-heading" className="panel">
      <h2 id="score-heading">Nilai dan yang perlu diperbaiki</h2>
      <QueryState query={score} what="nilai unit">
        {(data) => (
          <>
            <p>
              IPP mandiri <strong>{formatIpp(data.ipp.self)}</strong> · IPP evaluator <strong>{formatIpp(data.ipp.evaluator)}</strong>
              {data.complete ? (
                <>
                  {' '}
                  · kategori <strong>{data.category}</strong> ({data.predicate})
                </>
              ) : (
                ' · belum lengkap dinilai evaluator'
              )}
              {data.provisional && ' · sementara'}
            </p>
            {data.proposedOnlyIndicatorCodes.length > 0 && (
              <p className="warn">
                Masih usulan, belum dikonfirmasi:{' '}
                {data.proposedOnlyIndicatorCodes.map((code) => [code, indicatorName(code)].filter(Boolean).join(' ')).join(', ')} (belum dihitung dalam IPP)
              </p>
            )}
            <table>
              <caption>Nilai per aspek (0–5)</caption>
              <thead>
                <tr>
                  <th scope="col">Aspek</th>
                  <th scope="col">Bobot</th>
                  <th scope="col">Mandiri</th>
                  <th scope="col">Evaluator</th>
                </tr>
              </thead>
              <tbody>
                {data.aspects.map((aspect) => (
                  <tr key={aspect.aspectCode}>
                    <th scope="row">{aspectName(aspect.aspectCode)}</th>
                    <td>{aspect.weightBp / 100}%</td>
                    <td>{aspect.self.toFixed(2)}</td>
                    <td>{aspect.evaluator.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryState>
      <QueryState query={line} what="prioritas perbaikan">
        {(data) =>
          data && data.explanation.weakestIndicators.length > 0 ? (
            <>
              <h3>Prioritas perbaikan</h3>
              <p className="muted small">
                Indikator yang paling menurunkan IPP, menurut nilai {data.explanation.basis === 'evaluator' ? 'evaluator' : 'mandiri'}.
              </p>
              <ol>
                {data.explanation.weakestIndicators.map((indicator) => (
                  <li key={indicator.indicatorCode}>
                    {indicator.indicatorCode} {indicator.name}: nilai {indicator.score ?? 'belum diisi'}, mengurangi IPP {indicator.ippLost.toFixed(2)}
                  </li>
                ))}
              </ol>
            </>
          ) : null
        }
      </QueryState>
    </section>
  );
}
