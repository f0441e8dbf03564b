import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { type Assessment, assessmentCatchUp, type CommandReply, evaluationApi, type Indicator, type Ruleset } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';
import { AddEvidence } from './add-evidence';
import { ASSESSMENT_STATUS_LABELS, isEditable } from './answers';
import { EvidenceList } from './evidence-list';
import { F01QuestionField, questionAnchor } from './f01-question-field';
import {
  type IncompleteSubmit,
  incompleteSubmit,
  indicatorProgress,
  questionAnswersToSave,
  questionDraftsFrom,
  type QuestionDrafts,
  shownQuestionIds,
} from './f01-questions';
import { useUnsavedChangesWarning } from './use-unsaved-changes-warning';

interface Props {
  cycleId: string;
  unitId: string;
  ruleset: Ruleset;
  assessment: Assessment;
}

const scrollTo = (id: string) => document.getElementById(id)?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });

/**
 * F-01 as questions (rulesets with F-01 forms, pekppp-2023 v3 on): one tab per aspect with its
 * progress, each indicator's questions by type, skip logic recomputed as the answers change (the
 * server's rule, so what is sent is what it accepts), and the claimed level the server derives on save.
 */
export function F01QuestionForm({ cycleId, unitId, ruleset, assessment }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<QuestionDrafts>(() => questionDraftsFrom(ruleset, assessment));
  const [saved, setSaved] = useState(() => JSON.stringify(questionDraftsFrom(ruleset, assessment)));
  const [aspectIndex, setAspectIndex] = useState(0);
  const editable = isEditable(assessment.status);
  const dirty = editable && JSON.stringify(drafts) !== saved;
  useUnsavedChangesWarning(dirty);
  const refresh = (reply: CommandReply) =>
    refreshAfterCommand(queryClient, assessmentCatchUp(api, cycleId, unitId, reply), ['assessment', cycleId, unitId], ['unit-score', cycleId, unitId]);

  const save = useMutation({
    mutationFn: async () => {
      const sent = JSON.stringify(drafts);
      const reply = await evaluationApi.saveDraft(api, cycleId, unitId, questionAnswersToSave(ruleset, drafts));
      setSaved(sent);
      return reply;
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
  const gaps = incompleteSubmit(submit.error);
  const claims = useMemo(() => new Map(assessment.f01.map((view) => [view.indicatorCode, view])), [assessment.f01]);
  const notes = useMemo(() => Object.fromEntries(assessment.returnNotes.map((note) => [note.indicatorCode, note.note])), [assessment.returnNotes]);
  const aspect = ruleset.aspects[aspectIndex] ?? ruleset.aspects[0];
  const gapQuestions = new Set(gaps?.questionIds);

  const goTo = (indicatorCode: string, anchor: string) => {
    const index = ruleset.aspects.findIndex((candidate) => candidate.indicators.some((indicator) => indicator.code === indicatorCode));
    if (index >= 0) setAspectIndex(index);
    setTimeout(() => scrollTo(anchor), 0);
  };

  return (
    <section aria-labelledby="f01-heading" className="f01-form">
      <h2 id="f01-heading">Formulir penilaian mandiri (F-01)</h2>
      <p>
        Status: <strong>{ASSESSMENT_STATUS_LABELS[assessment.status]}</strong>
      </p>
      {assessment.status === 'returned' && (
        <p role="note">Verifikator mengembalikan penilaian ini. Perbaiki indikator yang diberi catatan lalu ajukan ulang.</p>
      )}
      <div role="tablist" aria-label="Aspek F-01" className="tabs">
        {ruleset.aspects.map((candidate, index) => {
          const progress = aspectProgress(candidate.indicators, drafts);
          return (
            <button
              key={candidate.code}
              type="button"
              role="tab"
              aria-selected={index === aspectIndex}
              className={index === aspectIndex ? 'tab active' : 'tab'}
              onClick={() => setAspectIndex(index)}
            >
              Aspek {candidate.code.toUpperCase()} · {progress.complete}/{candidate.indicators.length}
            </button>
          );
        })}
      </div>
      <section role="tabpanel" aria-labelledby={`aspect-${aspect.code}`} className="aspect">
        <h2 id={`aspect-${aspect.code}`}>
          Aspek {aspect.code.toUpperCase()}: {aspect.name} ({(aspect.weightBp / 100).toLocaleString('id-ID')}%)
        </h2>
        <AspectProgressLine indicators={aspect.indicators} drafts={drafts} />
        {aspect.indicators.map((indicator) => {
          const answers = drafts[indicator.code] ?? {};
          const shown = shownQuestionIds(indicator.f01?.questions ?? [], answers);
          const claim = claims.get(indicator.code);
          const evidence = assessment.evidence[indicator.code] ?? [];
          const headingId = `indicator-${indicator.code}`;
          return (
            <article key={indicator.code} id={headingId} className="indicator" aria-labelledby={`${headingId}-judul`}>
              <h3 id={`${headingId}-judul`}>
                {indicator.code} {indicator.name}
              </h3>
              {notes[indicator.code] && (
                <p className="return-note" role="note">
                  Catatan verifikator: {notes[indicator.code]}
                </p>
              )}
              {(indicator.f01?.questions ?? [])
                .filter((question) => shown.has(question.id))
                .map((question) => (
                  <F01QuestionField
                    key={question.id}
                    question={question}
                    draft={answers[question.id] ?? { value: null, evidenceIds: [] }}
                    evidence={evidence}
                    highlighted={gapQuestions.has(question.id)}
                    editable={editable}
                    onChange={(draft) => setDrafts((current) => ({ ...current, [indicator.code]: { ...current[indicator.code], [question.id]: draft } }))}
                  />
                ))}
              <p className="claimed-level" role="status">
                Level klaim (menurut jawaban tersimpan):{' '}
                <strong>
                  {claim?.claimedLevel !== null && claim?.claimedLevel !== undefined
                    ? `${claim.claimedLevel} — ${indicator.descriptors[claim.claimedLevel] ?? ''}`
                    : 'belum ada'}
                </strong>
              </p>
              {indicator.f01 && (
                <p className="muted small">
                  Aturan {indicator.f01.claim.ruleSource === 'pantau' ? 'Pantau' : 'KemenPANRB'}: {indicator.f01.claim.explanation}
                </p>
              )}
              <h4>Bukti dukung indikator</h4>
              <EvidenceList cycleId={cycleId} unitId={unitId} evidence={evidence} />
              {editable && <AddEvidence cycleId={cycleId} unitId={unitId} indicatorCode={indicator.code} onAttached={refresh} />}
            </article>
          );
        })}
      </section>
      {gaps && <IncompleteMessage gaps={gaps} ruleset={ruleset} onGoTo={goTo} />}
      {!gaps && <ProblemMessage error={save.error ?? submit.error} title="Penilaian mandiri tidak tersimpan" />}
      {editable && (
        <div className="actions sticky-save" role="region" aria-label="Simpan F-01">
          <span>{dirty ? 'Ada perubahan yang belum disimpan.' : save.isSuccess ? 'Draf tersimpan.' : 'Tidak ada perubahan.'}</span>
          <button type="button" onClick={() => save.mutate()} disabled={save.isPending || submit.isPending}>
            Simpan draf
          </button>
          <button type="button" className="primary" onClick={() => submit.mutate()} disabled={save.isPending || submit.isPending}>
            {assessment.status === 'returned' ? 'Ajukan ulang' : 'Ajukan untuk verifikasi'}
          </button>
        </div>
      )}
      {submit.isSuccess && <p role="status">Penilaian mandiri diajukan.</p>}
    </section>
  );
}

function aspectProgress(indicators: readonly Indicator[], drafts: QuestionDrafts) {
  const progress = indicators.map((indicator) => indicatorProgress(indicator, drafts[indicator.code] ?? {}));
  return {
    complete: progress.filter((item) => item.complete).length,
    answered: progress.reduce((sum, item) => sum + item.answered, 0),
    shown: progress.reduce((sum, item) => sum + item.shown, 0),
  };
}

function AspectProgressLine({ indicators, drafts }: { indicators: readonly Indicator[]; drafts: QuestionDrafts }) {
  const progress = aspectProgress(indicators, drafts);
  return (
    <p aria-label="Kemajuan aspek">
      {progress.complete} dari {indicators.length} indikator terjawab lengkap · {progress.answered} dari {progress.shown} pertanyaan dijawab
    </p>
  );
}

function IncompleteMessage({ gaps, ruleset, onGoTo }: { gaps: IncompleteSubmit; ruleset: Ruleset; onGoTo(indicatorCode: string, anchor: string): void }) {
  const indicators = ruleset.aspects.flatMap((aspect) => aspect.indicators);
  return (
    <div role="alert" className="problem">
      <p>
        {gaps.kind === 'unanswered' ? (
          <>
            <strong>Penilaian mandiri belum lengkap.</strong> Lengkapi {gaps.indicatorCodes.length} indikator berikut lalu ajukan lagi:
          </>
        ) : (
          <>
            <strong>Bukti dukung belum dilampirkan.</strong> Pilih paling sedikit satu bukti dukung pada pertanyaan berikut lalu ajukan lagi:
          </>
        )}
      </p>
      <ul>
        {gaps.indicatorCodes.map((code) => {
          const indicator = indicators.find((candidate) => candidate.code === code);
          const questions = (indicator?.f01?.questions ?? []).filter((question) => gaps.questionIds.includes(question.id));
          return (
            <li key={code}>
              <a
                href={`#indicator-${code}`}
                onClick={(event) => {
                  event.preventDefault();
                  onGoTo(code, `indicator-${code}`);
                }}
              >
                Indikator {code} {indicator?.name}
              </a>
              {questions.length > 0 && (
                <>
                  {' '}
                  — {gaps.kind === 'unanswered' ? 'belum dijawab' : 'belum ada bukti dukung'}:{' '}
                  {questions.map((question, index) => (
                    <Fragment key={question.id}>
                      {index > 0 && '; '}
                      <a
                        href={`#${questionAnchor(question.id)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          onGoTo(code, questionAnchor(question.id));
                        }}
                      >
                        {question.text}
                      </a>
                    </Fragment>
                  ))}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
