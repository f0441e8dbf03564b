import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { publicSurveyApi, qrCodeUrl, type SurveyRef, surveyApi, surveyResultCatchUp, type SkmSurveyResult, type UnitSkmSurvey } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';
import { QueryState } from '../../components/query-state';
import { refreshAfterCommand } from '../../query-client';
import { DeclarePopulation, populationBasis } from './declare-population';
import { FollowUps } from './follow-ups';
import { PublishSkmResult } from './publish-skm-result';

const count = new Intl.NumberFormat('id-ID');

/** While a survey is open its IKM changes with every response: refreshed this often. */
const LIVE_REFRESH_MS = 15_000;

/** One survey period: the live or final IKM, the poster QR code, closing, publication and follow-ups. */
export function SurveyDetail({ survey }: { survey: UnitSkmSurvey }) {
  const api = useApi();
  const ref: SurveyRef = { unitId: survey.unitId, periodKind: survey.periodKind, periodStart: survey.periodStart };
  const result = useQuery({
    queryKey: ['skm-result', survey.surveyId],
    queryFn: () => surveyApi.result(api, ref),
    refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : LIVE_REFRESH_MS),
  });
  // The public form names the unsur; the result only has their codes.
  const form = useQuery({ queryKey: ['skm-form', survey.publicLinkId], queryFn: () => publicSurveyApi.form(survey.publicLinkId), staleTime: Infinity });
  const unsurName = (code: string) => form.data?.unsur.find((unsur) => unsur.code === code)?.name ?? code;

  return (
    <section aria-labelledby="survey-heading" className="panel">
      <h2 id="survey-heading">
        Survei {survey.periodStart} s.d. {survey.periodEnd}
      </h2>
      <QueryState query={result} what="hasil survei">
        {(data) => (
          <>
            <SkmFigures data={data} unsurName={unsurName} />
            {data.status === 'open' && <Poster publicLinkId={survey.publicLinkId} publicUrl={form.data?.publicUrl} />}
            {data.status === 'open' && <DeclarePopulation surveyRef={ref} surveyId={survey.surveyId} result={data.result} />}
            {data.status === 'open' && <CloseSurvey surveyRef={ref} surveyId={survey.surveyId} />}
            {data.status === 'closed' && <PublishSkmResult surveyRef={ref} surveyId={survey.surveyId} publishedMedia={data.publishedMedia} />}
            <FollowUps surveyRef={ref} surveyId={survey.surveyId} followUps={data.followUps} unsur={form.data?.unsur ?? []} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function SkmFigures({ data, unsurName }: { data: SkmSurveyResult; unsurName(code: string): string }) {
  const { result } = data;
  if (result.respondents === 0) return <p>Belum ada tanggapan. Pasang poster kode QR di tempat layanan agar pengguna layanan dapat mengisi survei.</p>;
  return (
    <>
      <p className="figure">
        IKM <strong>{result.ikmConverted.toFixed(2)}</strong> · mutu <strong>{result.band}</strong> ({result.bandLabel}) ·{' '}
        {data.final ? 'hasil akhir' : 'sementara, survei masih berjalan'}
      </p>
      <p>
        {count.format(result.respondents)} responden dari sampel minimal {count.format(result.requiredSample)} (populasi {count.format(result.population)},{' '}
        {populationBasis(result)}) · sampel {result.sampleAdequate ? 'memadai' : 'belum memadai'}
        {result.provisional && ' · sebagian aturan masih sementara'}
      </p>
      <p>
        {data.verifiedRespondents} responden terverifikasi (menyebut permohonan yang selesai) · {data.anonymousRespondents} responden anonim
      </p>
      <p>
        Unsur terlemah: <strong>{unsurName(result.weakestUnsur)}</strong>
      </p>
      <table>
        <caption>Nilai rata-rata per unsur (1–4)</caption>
        <thead>
          <tr>
            <th scope="col">Unsur</th>
            <th scope="col">NRR</th>
          </tr>
        </thead>
        <tbody>
          {result.unsur.map((unsur) => (
            <tr key={unsur.code}>
              <th scope="row">
                {unsur.code} {unsurName(unsur.code)}
              </th>
              <td>{unsur.nrr.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Poster({ publicLinkId, publicUrl }: { publicLinkId: string; publicUrl?: string }) {
  return (
    <div className="poster-preview">
      <img src={qrCodeUrl(publicLinkId, 'svg')} alt="Kode QR formulir survei" width={160} height={160} />
      <div>
        <p>Responden memindai kode ini atau membuka {publicUrl ? <a href={publicUrl}>{publicUrl}</a> : 'tautan survei'}.</p>
        <p>
          <Link to={`/survei/${publicLinkId}/poster`}>Buka poster untuk dicetak</Link> ·{' '}
          <a href={qrCodeUrl(publicLinkId, 'png')} download={`qr-skm-${publicLinkId}.png`}>
            Unduh PNG
          </a>{' '}
          ·{' '}
          <a href={qrCodeUrl(publicLinkId, 'svg')} download={`qr-skm-${publicLinkId}.svg`}>
            Unduh SVG
          </a>{' '}
          · <Link to={`/survei/${publicLinkId}?kiosk=1`}>Mode kios</Link>
        </p>
      </div>
    </div>
  );
}

function CloseSurvey({ surveyRef, surveyId }: { surveyRef: SurveyRef; surveyId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => surveyApi.close(api, surveyRef),
    onSuccess: (reply) =>
      refreshAfterCommand(queryClient, surveyResultCatchUp(api, surveyRef, reply), ['skm-result', surveyId], ['skm-surveys', surveyRef.unitId]),
  });
  return (
    <div>
      {confirming ? (
        <p>
          Setelah ditutup, tanggapan baru ditolak dan hasil ditetapkan.{' '}
          <button type="button" className="danger" onClick={() => close.mutate()} disabled={close.isPending}>
            Ya, tutup periode
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Batal
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Tutup periode survei…
        </button>
      )}
      <ProblemMessage error={close.error} title="Survei tidak dapat ditutup" />
    </div>
  );
}
