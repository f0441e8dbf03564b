import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type Assessment, assessmentCatchUp, type CommandReply, evaluationApi, type Ruleset } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';
import { type AnswerDrafts, answerErrors, answersToSave, ASSESSMENT_STATUS_LABELS, draftsFrom, isEditable } from './answers';
import { IndicatorAnswer } from './indicator-answer';

interface Props {
  cycleId: string;
  unitId: string;
  ruleset: Ruleset;
  assessment: Assessment;
}

/** F-01 "Formulir Pengisian Mandiri": every indicator of the pinned ruleset, saved as a draft, then submitted. */
export function SelfAssessmentForm({ cycleId, unitId, ruleset, assessment }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<AnswerDrafts>(() => draftsFrom(ruleset, assessment));
  const [sentCodes, setSentCodes] = useState<string[]>([]);
  const editable = isEditable(assessment.status);
  const refresh = (reply: CommandReply) =>
    refreshAfterCommand(queryClient, assessmentCatchUp(api, cycleId, unitId, reply), ['assessment', cycleId, unitId], ['unit-score', cycleId, unitId]);

  const save = useMutation({
    mutationFn: () => {
      const answers = answersToSave(ruleset, drafts);
      setSentCodes(answers.map((answer) => answer.indicatorCode));
      return evaluationApi.saveDraft(api, cycleId, unitId, answers);
    },
    onSuccess: refresh,
  });
  const submit = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return evaluationApi.submit(api, cycleId, unitId, assessment.status === 'returned');
    },
    onSuccess: refresh,
  });
  const errorsByIndicator = useMemo(() => answerErrors(fieldErrors(save.error), sentCodes), [save.error, sentCodes]);
  const notes = useMemo(() => Object.fromEntries(assessment.returnNotes.map((note) => [note.indicatorCode, note.note])), [assessment.returnNotes]);
  const answered = Object.values(drafts).filter((draft) => draft.score !== null).length;
  const total = Object.keys(drafts).length;

  return (
    <section aria-labelledby="f01-heading">
      <h2 id="f01-heading">Formulir penilaian mandiri (F-01)</h2>
      <p>
        Status: <strong>{ASSESSMENT_STATUS_LABELS[assessment.status]}</strong> · {answered} dari {total} indikator dinilai
        {ruleset.provisional && ' · sebagian bobot dan deskriptor aturan ini masih sementara'}
      </p>
      {assessment.status === 'returned' && (
        <p role="note">Verifikator mengembalikan penilaian ini. Perbaiki indikator yang diberi catatan lalu ajukan ulang.</p>
      )}
      {ruleset.aspects.map((aspect) => (
        <section key={aspect.code} aria-labelledby={`aspect-${aspect.code}`} className="aspect">
          <h2 id={`aspect-${aspect.code}`}>
            Aspek {aspect.code.toUpperCase()}: {aspect.name} ({aspect.weightBp / 100}%)
          </h2>
          {aspect.indicators.map((indicator) => (
            <IndicatorAnswer
              key={indicator.code}
              cycleId={cycleId}
              unitId={unitId}
              indicator={indicator}
              draft={drafts[indicator.code]}
              evidence={assessment.evidence[indicator.code] ?? []}
              returnNote={notes[indicator.code]}
              errors={errorsByIndicator[indicator.code]}
              editable={editable}
              onChange={(draft) => setDrafts((current) => ({ ...current, [indicator.code]: draft }))}
              onEvidenceAttached={refresh}
            />
          ))}
        </section>
      ))}
      {editable && (
        <div className="actions">
          <button type="button" onClick={() => save.mutate()} disabled={save.isPending || submit.isPending}>
            Simpan draf
          </button>
          <button type="button" className="primary" onClick={() => submit.mutate()} disabled={save.isPending || submit.isPending}>
            {assessment.status === 'returned' ? 'Ajukan ulang' : 'Ajukan untuk verifikasi'}
          </button>
          {save.isSuccess && !submit.isPending && <span role="status">Draf tersimpan.</span>}
        </div>
      )}
      {submit.isSuccess && <p role="status">Penilaian mandiri diajukan.</p>}
      <ProblemMessage error={save.error ?? submit.error} title="Penilaian mandiri tidak tersimpan" />
    </section>
  );
}
