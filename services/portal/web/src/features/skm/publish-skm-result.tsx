import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problem';
import { type SurveyRef, surveyApi, surveyResultCatchUp } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

/** Records where the closed result was published (indicator 7.a.T counts the media). */
export function PublishSkmResult({ surveyRef, surveyId, publishedMedia }: { surveyRef: SurveyRef; surveyId: string; publishedMedia: string[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [media, setMedia] = useState('');
  const [publishedOn, setPublishedOn] = useState('');
  const publish = useMutation({
    mutationFn: () =>
      surveyApi.publish(api, surveyRef, {
        media: media
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
        publishedOn,
      }),
    onSuccess: async (reply) => {
      setMedia('');
      await refreshAfterCommand(queryClient, surveyResultCatchUp(api, surveyRef, reply), ['skm-result', surveyId]);
    },
  });
  const errors = fieldErrors(publish.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="publish-skm">
      <h3 id="publish-skm">Publikasi hasil</h3>
      <p>{publishedMedia.length > 0 ? `Sudah dipublikasikan di: ${publishedMedia.join(', ')}` : 'Belum dipublikasikan.'}</p>
      <TextField
        label="Media publikasi"
        value={media}
        onChange={(event) => setMedia(event.target.value)}
        error={errors.media}
        required
        hint="Dipisah koma, mis. website, papan pengumuman"
      />
      <TextField
        label="Tanggal publikasi"
        type="date"
        value={publishedOn}
        onChange={(event) => setPublishedOn(event.target.value)}
        error={errors.publishedOn}
        required
      />
      <button type="submit" disabled={publish.isPending}>
        Catat publikasi
      </button>
      <ProblemMessage error={publish.error} title="Publikasi tidak tercatat" />
    </form>
  );
}
