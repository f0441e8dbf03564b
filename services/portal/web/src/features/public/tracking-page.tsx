import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { publicRequestApi, type PublicRequestStatus } from '../../api/request';
import { TextField } from '../../components/fields';
import { QueryState } from '../../components/query-state';
import { PublicLayout } from './public-layout';

const STATUS: Record<string, string> = {
  submitted: 'Diterima, menunggu diproses',
  returned: 'Dikembalikan: persyaratan belum lengkap',
  'in-process': 'Sedang diproses',
  completed: 'Selesai',
  rejected: 'Ditolak',
};

/**
 * A citizen follows a request with the tracking code printed on the receipt. The code is a bearer
 * secret, so it stays in the page's state: a link of old with the code in its path is taken once and
 * replaced by /lacak.
 */
export function TrackingPage() {
  const { trackingCode: linked = '' } = useParams();
  const navigate = useNavigate();
  const [code, setCode] = useState(linked);
  const [trackingCode, setTrackingCode] = useState(linked.trim().toUpperCase());
  useEffect(() => {
    if (linked) navigate('/lacak', { replace: true });
  }, [linked, navigate]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTrackingCode(code.trim().toUpperCase());
  };
  return (
    <PublicLayout title="Lacak permohonan layanan">
      <form onSubmit={submit} className="inline-form">
        <TextField
          label="Kode pelacakan"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
          autoComplete="off"
          hint="Tertera pada tanda terima permohonan."
        />
        <button type="submit">Lacak</button>
      </form>
      {trackingCode && <TrackingResult trackingCode={trackingCode} />}
    </PublicLayout>
  );
}

function TrackingResult({ trackingCode }: { trackingCode: string }) {
  const status = useQuery({ queryKey: ['tracking', trackingCode], queryFn: () => publicRequestApi.track(trackingCode), retry: false });
  return (
    <QueryState query={status} what="status permohonan">
      {(data) => <RequestStatus status={data} />}
    </QueryState>
  );
}

function RequestStatus({ status }: { status: PublicRequestStatus }) {
  return (
    <dl className="status-card" aria-live="polite">
      <dt>Kode</dt>
      <dd>{status.trackingCode}</dd>
      <dt>Layanan</dt>
      <dd>{status.serviceId}</dd>
      <dt>Status</dt>
      <dd>
        {STATUS[status.status] ?? status.status}
        {status.paused && ' (waktu layanan dijeda sampai persyaratan dilengkapi)'}
      </dd>
      <dt>Diajukan</dt>
      <dd>{new Date(status.submittedAt).toLocaleString('id-ID')}</dd>
      <dt>Target selesai</dt>
      <dd>
        {status.dueDate}
        {status.overdue && ' — terlambat'}
      </dd>
      {status.metStandard !== null && (
        <>
          <dt>Sesuai standar waktu</dt>
          <dd>{status.metStandard ? 'Ya' : 'Tidak'}</dd>
        </>
      )}
    </dl>
  );
}
