import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type ComplianceBand, type ComplianceDimension, type ComplianceRulesetRef, evaluationApi, type UnitCompliance } from '../../api/evaluation';
import { ApiError } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';
import { ComplianceObservationForm } from './compliance-observation-form';
import { complianceRulesetName, formatPoints, formatWeight, incompleteNote, MISSING_REASONS, otherComplianceRulesets, ZONE_LABELS } from './compliance-text';

const RULE_ORIGINS: Record<ComplianceDimension['ruleSource']['origin'], { label: string; title: string; className: string }> = {
  pantau: {
    label: 'Pemetaan Pantau',
    title: 'Ombudsman menilai dimensi ini dengan wawancara dan pengamatannya sendiri; nilai ini adalah pemetaan Pantau dari peristiwa yang tercatat.',
    className: 'badge badge-pantau',
  },
  ombudsman: {
    label: 'Metode Ombudsman',
    title: 'Dimensi ini dinilai dengan cara yang dipakai Ombudsman.',
    className: 'badge badge-kemenpanrb',
  },
};

const gradeNotFound = (error: unknown) => error instanceof ApiError && error.code === 'COMPLIANCE.GRADE_NOT_FOUND';

/** "B — Kualitas Tinggi"; a zone band (ombudsman-2021) is named by its label alone, its zone follows. */
const bandName = (band: ComplianceBand) => (band.code === band.zone ? band.label : `${band.code} — ${band.label}`);

/** The zone as a coloured chip that also says it in words. */
function ZoneChip({ zone }: { zone: ComplianceBand['zone'] }) {
  return <span className={`zone zone-${zone}`}>{ZONE_LABELS[zone]}</span>;
}

/** Total, band and zone, and for an incomplete grade what it lacks and its range. */
function GradeSummary({ grade }: { grade: UnitCompliance }) {
  const note = incompleteNote(grade);
  return (
    <>
      <p className="figure">
        Nilai <strong>{formatPoints(grade.total)}</strong> · <strong>{bandName(grade.band)}</strong> <ZoneChip zone={grade.band.zone} />
        {grade.band.provisional && (
          <>
            {' '}
            <span className="badge badge-provisional" title="Batas kategori aturan ini belum dicocokkan dengan regulasi resmi.">
              Batas kategori sementara
            </span>
          </>
        )}
      </p>
      {grade.label !== grade.band.label && (
        <p>
          Opini: <strong>{grade.label}</strong>
        </p>
      )}
      {note && <p className="warn">{note}</p>}
    </>
  );
}

function DimensionScore({ dimension }: { dimension: ComplianceDimension }) {
  if (dimension.score !== null) return <>{formatPoints(dimension.score)}</>;
  return <>belum ada data{dimension.missing && `: ${MISSING_REASONS[dimension.missing]}`}</>;
}

function DimensionTable({ dimensions }: { dimensions: readonly ComplianceDimension[] }) {
  return (
    <table>
      <caption>Nilai per dimensi (0–100)</caption>
      <thead>
        <tr>
          <th scope="col">Dimensi</th>
          <th scope="col">Bobot</th>
          <th scope="col">Nilai</th>
          <th scope="col">Kontribusi</th>
          <th scope="col">Aturan</th>
        </tr>
      </thead>
      <tbody>
        {dimensions.map((dimension) => {
          const origin = RULE_ORIGINS[dimension.ruleSource.origin];
          return (
            <tr key={dimension.code}>
              <th scope="row">
                {dimension.name}
                {dimension.sourceEventIds.length > 0 && (
                  <details className="small">
                    <summary>bukti peristiwa ({dimension.sourceEventIds.length})</summary>
                    <ul className="compact">
                      {dimension.sourceEventIds.map((eventId) => (
                        <li key={eventId}>
                          <code>{eventId}</code>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </th>
              <td>
                {formatWeight(dimension.weightBp)}
                {dimension.groupWeightBp < 10_000 && ` dari ${formatWeight(dimension.groupWeightBp)}`}
              </td>
              <td>
                <DimensionScore dimension={dimension} />
              </td>
              <td>{formatPoints(dimension.contribution)}</td>
              <td>
                <span className="badges">
                  <span className={origin.className} title={origin.title}>
                    {origin.label}
                  </span>
                  {dimension.ruleSource.provisional && (
                    <span className="badge badge-provisional" title="Aturan ini belum dicocokkan dengan sumber resmi Ombudsman.">
                      Sementara
                    </span>
                  )}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const refKey = (ruleset: ComplianceRulesetRef) => `${ruleset.id}@${ruleset.version}`;

/** The same input graded under another shipped ruleset, on request; nothing is recorded. */
function WhatIf({ cycleId, unitId, tenantId, pinned }: { cycleId: string; unitId: string; tenantId?: string; pinned: ComplianceRulesetRef }) {
  const api = useApi();
  const choiceId = useId();
  const others = otherComplianceRulesets(pinned);
  const [chosenKey, setChosenKey] = useState('');
  const chosen = others.find((ruleset) => refKey(ruleset) === chosenKey);
  const simulation = useQuery({
    queryKey: ['compliance', cycleId, unitId, tenantId, chosenKey],
    queryFn: () => evaluationApi.compliance(api, cycleId, unitId, { tenantId, whatIf: chosen }),
    enabled: chosen !== undefined,
  });
  if (others.length === 0) return null;
  return (
    <div className="what-if">
      <div className="field">
        <label htmlFor={choiceId}>Bandingkan dengan aturan lain</label>
        <select id={choiceId} value={chosenKey} onChange={(event) => setChosenKey(event.target.value)}>
          <option value="">Tidak membandingkan</option>
          {others.map((ruleset) => (
            <option key={refKey(ruleset)} value={refKey(ruleset)}>
              {ruleset.name}
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <section aria-label={`Simulasi: ${chosen.name}`} className="simulation">
          <p>
            <strong>Simulasi, tidak disimpan</strong>: masukan yang sama dinilai dengan aturan {chosen.name}. Nilai resmi unit tetap menurut aturan siklus.
          </p>
          {simulation.isPending && <p aria-live="polite">Menghitung simulasi…</p>}
          <ProblemMessage error={simulation.error} title="Simulasi tidak dapat dihitung" />
          {simulation.data && <GradeSummary grade={simulation.data} />}
        </section>
      )}
    </div>
  );
}

interface Props {
  cycleId: string;
  unitId: string;
  /** The cycle's tenant when the reader names it (see useCycleTenant). */
  tenantId?: string;
  /** The reader is the unit's evaluator or Bagian Organisasi, in a cycle still open: they may record observations. */
  canRecord?: boolean;
  /** 3 where the panel sits under a heading of its own (a cycle on the unit's home page). */
  headingLevel?: 2 | 3;
}

/**
 * The unit's Ombudsman compliance grade as evaluation computes it under the ruleset the cycle pins:
 * total, band and zone, each dimension with its weight, score or why it has none, contribution and
 * whose rule it is; a what-if under the other shipped rulesets; and, for those who may, the form
 * recording what no event says.
 */
export function CompliancePanel({ cycleId, unitId, tenantId, canRecord = false, headingLevel = 2 }: Props) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const api = useApi();
  const queryClient = useQueryClient();
  const headingId = useId();
  const grade = useQuery({
    queryKey: ['compliance', cycleId, unitId, tenantId],
    queryFn: () => evaluationApi.compliance(api, cycleId, unitId, { tenantId }),
  });
  // The command regrades the unit before it answers, so the grade can be read again at once.
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['compliance', cycleId, unitId] });

  return (
    <section aria-labelledby={headingId} className="panel">
      <Heading id={headingId}>Kepatuhan Ombudsman</Heading>
      {grade.isPending ? (
        <p aria-live="polite">Memuat nilai kepatuhan…</p>
      ) : gradeNotFound(grade.error) ? (
        <p>Belum ada nilai kepatuhan. Nilai dihitung setelah unit ditetapkan sebagai unit lokus pada siklus yang berjalan.</p>
      ) : grade.error ? (
        <ProblemMessage error={grade.error} title="Gagal memuat nilai kepatuhan" />
      ) : (
        <>
          <p>
            Aturan: <strong title={grade.data.ruleset.title}>{complianceRulesetName(grade.data.ruleset)}</strong> versi {grade.data.ruleset.version}
          </p>
          <GradeSummary grade={grade.data} />
          {grade.data.maladministration && (
            <p>
              Temuan maladministrasi: <strong>{grade.data.maladministration.label}</strong>
            </p>
          )}
          <DimensionTable dimensions={grade.data.dimensions} />
          {grade.data.provisional && (
            <p className="muted small">
              Sebagian bobot, batas kategori atau pemetaan aturan ini masih sementara: belum dicocokkan dengan regulasi Ombudsman yang resmi.
            </p>
          )}
          <WhatIf cycleId={cycleId} unitId={unitId} tenantId={tenantId} pinned={grade.data.pinnedRuleset} />
          {canRecord && <ComplianceObservationForm cycleId={cycleId} unitId={unitId} onRecorded={refresh} />}
        </>
      )}
    </section>
  );
}
