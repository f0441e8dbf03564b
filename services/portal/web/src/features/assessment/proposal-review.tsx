import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type CommandReply, type DecisionMark, evaluationApi, type Indicator, type IndicatorDecision, type IndicatorProposal } from '../../api/evaluation';
import { ApiError } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';
import { evaluatorLabel } from './evaluators';
import { OverrideProposalForm } from './override-proposal-form';
import { type FigureRow, showFigures } from './proposal-figures';

const DECISION_STATUS_LABELS: Record<IndicatorDecision['status'], string> = {
  proposed: 'Diusulkan',
  confirmed: 'Dikonfirmasi',
  overridden: 'Diubah evaluator',
  scored: 'Dinilai manual',
};

const MARK_KIND_LABELS: Record<DecisionMark['kind'], string> = {
  confirmed: 'mengonfirmasi usulan',
  overridden: 'mengubah nilai',
  scored: 'menilai manual',
};

const RULE_SOURCES: Record<IndicatorProposal['ruleSource']['kind'], { label: string; title: string; className: string }> = {
  pantau: {
    label: 'Aturan Pantau (sementara)',
    title: 'Pemetaan angka ke level adalah tafsiran Pantau atas teks level F-02, bukan ketentuan KemenPANRB.',
    className: 'badge badge-pantau',
  },
  'kemenpanrb-level-text': {
    label: 'Aturan KemenPANRB',
    title: 'Angka dipetakan ke besaran yang disebut teks level F-02 KemenPANRB.',
    className: 'badge badge-kemenpanrb',
  },
};

// Under the `mean` combination a final score is fractional.
const finalScore = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** Whether the unit's F-01 claim is above, below or at the proposed level, in words. */
function claimBeside(proposal: IndicatorProposal): string {
  if (!proposal.selfClaim) return 'SKPD belum mengisi klaim F-01 untuk indikator ini.';
  const gap = proposal.selfClaim.score - proposal.level;
  if (gap === 0) return 'Klaim SKPD sama dengan usulan.';
  return `Klaim SKPD ${Math.abs(gap)} level ${gap > 0 ? 'di atas' : 'di bawah'} usulan.`;
}

/** The level a 409 PROPOSAL.CHANGED says the proposal moved to; undefined for any other error. */
function movedTo(error: unknown): { level: number | null } | undefined {
  if (!(error instanceof ApiError) || error.code !== 'PROPOSAL.CHANGED') return undefined;
  const level = error.problem.details?.currentLevel;
  return { level: typeof level === 'number' ? level : null };
}

function FigureList({ rows }: { rows: readonly FigureRow[] }) {
  return (
    <ul className="compact">
      {rows.map((row, index) => (
        <li key={`${row.label}-${index}`}>
          {row.value === undefined ? row.label : `${row.label}: ${row.value}`}
          {row.rows && <FigureList rows={row.rows} />}
        </li>
      ))}
    </ul>
  );
}

interface Props {
  cycleId: string;
  unitId: string;
  indicator: Indicator;
  proposal: IndicatorProposal;
  viewerId: string;
  leadEvaluatorId?: string;
  /** The reader is an evaluator of an open cycle: they may confirm or override. */
  canDecide: boolean;
  /** Resolves once the screen shows the decision. */
  onDecided(reply: CommandReply): Promise<void>;
  /** Reads the proposals again: the one on screen is no longer current. */
  onProposalChanged(): Promise<void>;
}

/**
 * The level events propose for one indicator, why (the explanation and the figures), whose rule
 * chose it, the evaluators' decision on it, and, for an evaluator, confirming it or scoring otherwise.
 */
export function ProposalReview({ cycleId, unitId, indicator, proposal, viewerId, leadEvaluatorId, canDecide, onDecided, onProposalChanged }: Props) {
  const api = useApi();
  const [overriding, setOverriding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const confirm = useMutation({
    mutationFn: (expectedLevel: number) => evaluationApi.confirmProposal(api, cycleId, unitId, indicator.code, { expectedLevel }),
    onMutate: () => setNotice(null),
    onSuccess: async (reply) => {
      await onDecided(reply);
      setNotice('Usulan dikonfirmasi.');
    },
    onError: async (error) => {
      if (movedTo(error)) await onProposalChanged();
    },
  });
  const moved = movedTo(confirm.error);
  const { rows, technical } = showFigures(proposal.figures);
  const source = RULE_SOURCES[proposal.ruleSource.kind];
  const { decision } = proposal;
  const headingId = `proposal-${indicator.code}`;

  return (
    <section aria-labelledby={headingId} className="proposal">
      <h4 id={headingId}>Usulan dari peristiwa</h4>
      <p className="figure">
        Level <strong>{proposal.level}</strong>
        {indicator.descriptors[proposal.level] && ` — ${indicator.descriptors[proposal.level]}`}
      </p>
      <p className="badges">
        <span className={source.className} title={source.title}>
          {source.label}
        </span>
        {proposal.provisional && (
          <span className="badge badge-provisional" title="Ambang atau teks level yang dipakai aturan ini belum dicocokkan dengan lampiran resmi regulasi.">
            Ambang/teks level belum diverifikasi
          </span>
        )}
      </p>
      <p>{proposal.explanation}</p>
      <p className="muted">{claimBeside(proposal)}</p>
      {rows.length > 0 && (
        <div className="small">
          <strong>Angka dasar usulan</strong>
          <FigureList rows={rows} />
        </div>
      )}
      {technical.length > 0 && (
        <details className="small">
          <summary>angka lain ({technical.length})</summary>
          <ul className="compact">
            {technical.map((figure) => (
              <li key={figure.name}>
                <code>{figure.name}</code>: {figure.value}
              </li>
            ))}
          </ul>
        </details>
      )}
      {proposal.sourceEventIds.length > 0 && (
        <details className="small">
          <summary>bukti peristiwa ({proposal.sourceEventIds.length})</summary>
          <ul className="compact">
            {proposal.sourceEventIds.map((eventId) => (
              <li key={eventId}>
                <code>{eventId}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted small">Usulan diperbarui {new Date(proposal.updatedAt).toLocaleString('id-ID')}</p>
      <p>
        Keputusan: <strong className={`decision decision-${decision.status}`}>{DECISION_STATUS_LABELS[decision.status]}</strong>
        {decision.score === null ? ' · belum dihitung dalam IPP' : ` · nilai akhir ${finalScore.format(decision.score)}`}
      </p>
      {decision.marks.length > 0 && (
        <ul className="compact">
          {decision.marks.map((mark) => (
            <li key={mark.evaluatorId}>
              {evaluatorLabel(mark.evaluatorId, { viewerId, leadEvaluatorId })}: {MARK_KIND_LABELS[mark.kind]}, nilai {mark.score}
              {mark.note && ` — ${mark.note}`}
              {mark.decidedAt && <span className="muted"> · {new Date(mark.decidedAt).toLocaleString('id-ID')}</span>}
              {!mark.decisive && <span className="muted"> (tidak dihitung dalam nilai akhir)</span>}
            </li>
          ))}
        </ul>
      )}
      {canDecide && (
        <>
          <div className="actions">
            <button type="button" className="primary" onClick={() => confirm.mutate(proposal.level)} disabled={confirm.isPending}>
              Konfirmasi usulan
            </button>
            <button type="button" onClick={() => setOverriding((open) => !open)} aria-expanded={overriding}>
              Ubah nilai
            </button>
            {notice && <span role="status">{notice}</span>}
          </div>
          {moved ? (
            <div role="alert" className="problem">
              <p>
                {moved.level === null ? 'Usulan sudah berubah' : `Usulan sudah berubah menjadi level ${moved.level}`} sejak halaman ini dibuka. Periksa usulan
                terbaru, lalu konfirmasi kembali.
              </p>
            </div>
          ) : (
            <ProblemMessage error={confirm.error} title="Usulan tidak terkonfirmasi" />
          )}
          {overriding && (
            <OverrideProposalForm
              cycleId={cycleId}
              unitId={unitId}
              indicator={indicator}
              onOverridden={async (reply) => {
                await onDecided(reply);
                setOverriding(false);
                setNotice('Perubahan nilai tersimpan.');
              }}
              onCancel={() => setOverriding(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
