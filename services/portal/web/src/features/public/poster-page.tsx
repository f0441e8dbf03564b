import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { publicSurveyApi, qrCodeUrl } from '../../api/survey';
import { QueryState } from '../../components/query-state';

/** The A4 poster for the service counter: the QR code and the address of the SKM form. */
export function PosterPage() {
  const { publicLinkId = '' } = useParams();
  const form = useQuery({ queryKey: ['public-skm', publicLinkId], queryFn: () => publicSurveyApi.form(publicLinkId), retry: false });
  return (
    <main id="main" className="poster">
      <QueryState query={form} what="survei">
        {(data) => (
          <>
            <h1>Bagaimana pelayanan kami hari ini?</h1>
            <p className="lead">Isi Survei Kepuasan Masyarakat — anonim, kurang dari 2 menit.</p>
            <img src={qrCodeUrl(publicLinkId, 'svg')} alt={`Kode QR menuju ${data.publicUrl}`} className="poster-qr" />
            <p className="poster-url">{data.publicUrl}</p>
            <p className="muted">
              Unit {data.unitId} · periode {data.periodStart} s.d. {data.periodEnd}
            </p>
            <button type="button" className="no-print" onClick={() => window.print()}>
              Cetak poster
            </button>
          </>
        )}
      </QueryState>
    </main>
  );
}
