import type { UnitScoreLine } from '../../api/evaluation';
import { formatIpp, standingOf } from './categories';

const STATUS_LABELS: Record<string, string> = { draft: 'Draf', submitted: 'Diajukan', returned: 'Dikembalikan', verified: 'Terverifikasi' };

/** One row per unit: where it stands, and why (weakest aspects and indicators, self vs evaluator). */
export function ResultsTable({ lines }: { lines: UnitScoreLine[] }) {
  if (lines.length === 0) return <p>Tidak ada unit yang cocok dengan filter ini.</p>;
  return (
    <table className="results">
      <caption className="visually-hidden">Nilai unit lokus, IPP terendah lebih dulu</caption>
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">IPP</th>
          <th scope="col">Kategori</th>
          <th scope="col">Mandiri vs evaluator</th>
          <th scope="col">Mengapa: aspek terlemah</th>
          <th scope="col">Mengapa: indikator yang paling menurunkan IPP</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <ResultRow key={line.unitId} line={line} />
        ))}
      </tbody>
    </table>
  );
}

function ResultRow({ line }: { line: UnitScoreLine }) {
  const standing = standingOf(line);
  const { explanation } = line;
  return (
    <tr>
      <th scope="row">
        {line.unitId}
        <div className="muted small">{STATUS_LABELS[line.assessmentStatus] ?? line.assessmentStatus}</div>
      </th>
      <td>
        {standing.basis === 'evaluator' ? formatIpp(line.ipp.final) : '—'}
        {!line.complete && standing.basis === 'evaluator' && <div className="muted small">belum lengkap</div>}
        {line.published && <div className="small">terbit: {formatIpp(line.published.ipp)}</div>}
      </td>
      <td>
        {standing.category === null ? (
          <span className="muted small">belum mengisi penilaian mandiri</span>
        ) : (
          <>
            <span className={`category category-${standing.category.replace('-', 'minus')}`}>{standing.category}</span>{' '}
            {standing.basis === 'evaluator' ? line.predicate : <span className="muted small">dari penilaian mandiri (belum dinilai evaluator)</span>}
          </>
        )}
        {line.provisional && (
          <div className="small" title="Sebagian bobot atau batas kategori belum dikonfirmasi dari regulasi">
            sementara
          </div>
        )}
      </td>
      <td>
        mandiri {formatIpp(line.ipp.self)}
        {explanation.selfMinusEvaluator !== null && (
          <div className={explanation.selfMinusEvaluator > 0 ? 'warn small' : 'small'}>
            selisih {explanation.selfMinusEvaluator > 0 ? '+' : ''}
            {formatIpp(explanation.selfMinusEvaluator)} terhadap evaluator
          </div>
        )}
        {explanation.largestGaps.length > 0 && (
          <div className="small">
            selisih ≥ 2: {explanation.largestGaps.map((gap) => `${gap.indicatorCode} (${gap.selfScore}→${gap.evaluatorScore})`).join(', ')}
          </div>
        )}
      </td>
      <td>
        <ul className="compact">
          {explanation.weakestAspects.map((aspect) => (
            <li key={aspect.aspectCode}>
              {aspect.name} ({aspect.value.toFixed(2)})
            </li>
          ))}
        </ul>
      </td>
      <td>
        <ul className="compact">
          {explanation.weakestIndicators.slice(0, 3).map((indicator) => (
            <li key={indicator.indicatorCode}>
              {indicator.indicatorCode} {indicator.name}: nilai {indicator.score ?? 'kosong'}, −{indicator.ippLost.toFixed(2)} IPP
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
