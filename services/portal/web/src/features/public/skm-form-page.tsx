import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError, fieldErrors, messageOf } from '../../api/problem';
import { publicSurveyApi, type PublicSkmForm } from '../../api/survey';
import { ChoiceGroup, TextArea, TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { QueryState } from '../../components/query-state';
import { PublicLayout } from './public-layout';
import { emptyProfile, profileToSend, RespondentProfileFields } from './respondent-profile';
import { renewRespondentToken, respondentTokenFor } from './respondent-token';

const DUPLICATE = 'SURVEY.DUPLICATE_RESPONDENT';

/** The citizen's SKM form, opened from the office poster's QR code; `?kiosk=1` on a shared device. */
export function SkmFormPage() {
  const { publicLinkId = '' } = useParams();
  const [search] = useSearchParams();
  const kiosk = search.has('kiosk') && search.get('kiosk') !== '0';
  const form = useQuery({ queryKey: ['public-skm', publicLinkId], queryFn: () => publicSurveyApi.form(publicLinkId), retry: false });
  return (
    <PublicLayout title="Survei Kepuasan Masyarakat">
      <QueryState query={form} what="formulir survei">
        {(data) =>
          data.accepting ? (
            <SkmForm form={data} publicLinkId={publicLinkId} kiosk={kiosk} />
          ) : (
            <p role="status">Survei periode ini sudah ditutup. Terima kasih atas perhatian Anda.</p>
          )
        }
      </QueryState>
    </PublicLayout>
  );
}

type Answers = Record<string, number | null>;
const emptyAnswers = (form: PublicSkmForm): Answers => Object.fromEntries(form.unsur.map((unsur) => [unsur.code, null]));

function SkmForm({ form, publicLinkId, kiosk }: { form: PublicSkmForm; publicLinkId: string; kiosk: boolean }) {
  const [answers, setAnswers] = useState<Answers>(() => emptyAnswers(form));
  const [suggestion, setSuggestion] = useState('');
  const [trackingCode, setTrackingCode] = useState('');
  const [profile, setProfile] = useState(emptyProfile);
  const [thanked, setThanked] = useState(false);
  // A kiosk serves many respondents on one device: each visit starts a new respondent, whatever the last one left.
  useEffect(() => {
    if (kiosk) renewRespondentToken(publicLinkId);
  }, [kiosk, publicLinkId]);
  const respond = useMutation({
    mutationFn: () =>
      publicSurveyApi.respond(publicLinkId, {
        answers: form.unsur.map((unsur) => ({ code: unsur.code, value: answers[unsur.code] ?? 0 })),
        respondentToken: respondentTokenFor(publicLinkId),
        suggestion: suggestion.trim() || undefined,
        trackingCode: trackingCode.trim() || undefined,
        profile: profileToSend(profile),
      }),
    onSuccess: () => {
      if (!kiosk) return setThanked(true);
      renewRespondentToken(publicLinkId);
      setAnswers(emptyAnswers(form));
      setSuggestion('');
      setTrackingCode('');
      setProfile(emptyProfile());
    },
  });
  const errors = fieldErrors(respond.error);
  const duplicate = respond.error instanceof ApiError && respond.error.code === DUPLICATE ? respond.error.problem : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    respond.mutate();
  };

  if (thanked) return <p role="status">Terima kasih! Tanggapan Anda sudah kami terima.</p>;
  return (
    <form onSubmit={submit} aria-describedby="skm-intro">
      <p id="skm-intro">
        Unit layanan <strong>{form.unitId}</strong>, periode {form.periodStart} s.d. {form.periodEnd}. Pilih satu jawaban untuk setiap pertanyaan. Survei ini
        anonim.
      </p>
      {kiosk && respond.isSuccess && <p role="status">Terima kasih! Formulir siap untuk responden berikutnya.</p>}
      {form.unsur.map((unsur, index) => (
        <ChoiceGroup
          key={unsur.code}
          legend={`${index + 1}. ${unsur.name}`}
          name={`unsur-${unsur.code}`}
          choices={form.answerScale.map((level) => ({ value: level.value, label: level.label }))}
          value={answers[unsur.code]}
          onChange={(value) => setAnswers({ ...answers, [unsur.code]: value })}
          error={errors[`answers[${index}].value`] ?? errors[`answers[${index}]`]}
          required
        />
      ))}
      <RespondentProfileFields profile={profile} onChange={setProfile} />
      <TextArea
        label="Saran (opsional)"
        value={suggestion}
        onChange={(event) => setSuggestion(event.target.value)}
        error={errors.suggestion}
        rows={3}
        maxLength={2000}
      />
      <TextField
        label="Kode pelacakan permohonan (opsional)"
        value={trackingCode}
        onChange={(event) => setTrackingCode(event.target.value)}
        error={errors.trackingCode}
        hint="Jika Anda baru selesai mengurus permohonan di unit ini."
      />
      <button type="submit" className="primary large" disabled={respond.isPending}>
        Kirim
      </button>
      {duplicate ? (
        <p role="alert" className="problem">
          {messageOf(duplicate)}
        </p>
      ) : (
        <ProblemMessage error={respond.error} title="Tanggapan belum terkirim" />
      )}
    </form>
  );
}
