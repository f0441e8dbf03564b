import type { CommandReply, Evidence, Indicator } from '../../api/evaluation';
import { ChoiceGroup, TextArea } from '../../components/fields';
import { AddEvidence } from './add-evidence';
import type { AnswerDraft, AnswerFieldErrors } from './answers';
import { scoreChoices } from './answers';
import { EvidenceList } from './evidence-list';

interface Props {
  cycleId: string;
  unitId: string;
  indicator: Indicator;
  draft: AnswerDraft;
  evidence: readonly Evidence[];
  returnNote?: string;
  errors?: AnswerFieldErrors;
  editable: boolean;
  onChange(draft: AnswerDraft): void;
  /** Resolves once the screen shows the evidence. */
  onEvidenceAttached(reply: CommandReply): Promise<void>;
}

/** One F-01 indicator: the 0–5 score against the ruleset's descriptors, the justification, the evidence. */
export function IndicatorAnswer({ cycleId, unitId, indicator, draft, evidence, returnNote, errors = {}, editable, onChange, onEvidenceAttached }: Props) {
  const headingId = `indicator-${indicator.code}`;
  return (
    <article className="indicator" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {indicator.code} {indicator.name}
      </h3>
      {returnNote && (
        <p className="return-note" role="note">
          Catatan verifikator: {returnNote}
        </p>
      )}
      <ChoiceGroup
        legend={`Nilai mandiri ${indicator.code}`}
        name={`score-${indicator.code}`}
        choices={scoreChoices(indicator.descriptors)}
        value={draft.score}
        onChange={(score) => onChange({ ...draft, score })}
        error={errors.score ?? errors.indicatorCode}
        disabled={!editable}
      />
      {indicator.descriptorsProvenance.provisional && <p className="muted small">Deskriptor sementara: teks resmi F-02 indikator ini belum tersedia.</p>}
      <TextArea
        label={`Penjelasan ${indicator.code}`}
        value={draft.justification}
        onChange={(event) => onChange({ ...draft, justification: event.target.value })}
        error={errors.justification}
        readOnly={!editable}
        rows={3}
        hint={indicator.evidenceExamples.length > 0 ? `Contoh bukti dukung: ${indicator.evidenceExamples.join('; ')}` : undefined}
      />
      <h4>Bukti dukung</h4>
      <EvidenceList cycleId={cycleId} unitId={unitId} evidence={evidence} />
      {editable && <AddEvidence cycleId={cycleId} unitId={unitId} indicatorCode={indicator.code} onAttached={onEvidenceAttached} />}
    </article>
  );
}
