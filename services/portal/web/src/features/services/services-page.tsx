import { useQuery } from '@tanstack/react-query';
import { type ComplaintRow, requestApi, type RequestRow, type UnitFigures } from '../../api/request';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { QueryState } from '../../components/query-state';

const percent = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)}%`);

const REQUEST_STATUS: Record<string, string> = {
  submitted: 'Diajukan',
  returned: 'Dikembalikan',
  'in-process': 'Diproses',
  completed: 'Selesai',
  rejected: 'Ditolak',
};
const COMPLAINT_STATUS: Record<string, string> = {
  received: 'Diterima',
  postponed: 'Ditunda',
  verified: 'Diverifikasi',
  assigned: 'Didisposisikan',
  responded: 'Ditanggapi',
  resolved: 'Selesai',
  'not-our-authority': 'Bukan kewenangan',
  archived: 'Diarsipkan',
};

/** The unit's service requests and complaints with their SLA figures per month. */
export function ServicesPage() {
  const api = useApi();
  const { claims } = useSignedIn();
  const unitId = claims.unitId ?? '';
  const figures = useQuery({ queryKey: ['figures', unitId], queryFn: () => requestApi.figures(api, unitId) });
  const requests = useQuery({ queryKey: ['requests', unitId], queryFn: () => requestApi.requests(api, unitId) });
  const complaints = useQuery({ queryKey: ['complaints', unitId], queryFn: () => requestApi.complaints(api, unitId) });
  return (
    <>
      <h1>Permohonan dan pengaduan {unitId}</h1>
      <QueryState query={figures} what="angka SLA">
        {(page) => <FiguresTable figures={page.items} />}
      </QueryState>
      <QueryState query={requests} what="permohonan">
        {(page) => <RequestsTable requests={page.items} total={page.total} />}
      </QueryState>
      <QueryState query={complaints} what="pengaduan">
        {(page) => <ComplaintsTable complaints={page.items} total={page.total} />}
      </QueryState>
    </>
  );
}

function FiguresTable({ figures }: { figures: UnitFigures[] }) {
  if (figures.length === 0) return <p>Belum ada angka layanan.</p>;
  return (
    <table>
      <caption>Kinerja layanan per bulan</caption>
      <thead>
        <tr>
          <th scope="col">Bulan</th>
          <th scope="col">Permohonan selesai tepat waktu</th>
          <th scope="col">Permohonan terbuka / terlambat</th>
          <th scope="col">Pengaduan selesai dalam batas waktu</th>
          <th scope="col">Pengaduan terbuka / terlambat</th>
          <th scope="col">SP4N-LAPOR! selesai</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((row) => (
          <tr key={row.period}>
            <th scope="row">{row.period}</th>
            <td>
              {row.requests.completedOnTime}/{row.requests.completed} ({percent(row.requests.slaCompliancePercent)})
            </td>
            <td>
              {row.requests.open} / {row.requests.overdue}
            </td>
            <td>
              {row.complaints.resolvedWithinDeadline}/{row.complaints.resolved} ({percent(row.complaints.resolvedWithinDeadlinePercent)})
            </td>
            <td>
              {row.complaints.open} / {row.complaints.overdue}
            </td>
            <td>
              {row.complaints.resolvedViaLapor}/{row.complaints.receivedViaLapor} ({percent(row.complaints.laporResolvedPercent)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RequestsTable({ requests, total }: { requests: RequestRow[]; total: number }) {
  return (
    <table>
      <caption>Permohonan terbaru ({total})</caption>
      <thead>
        <tr>
          <th scope="col">Kode pelacakan</th>
          <th scope="col">Layanan</th>
          <th scope="col">Status</th>
          <th scope="col">Jatuh tempo</th>
          <th scope="col">Standar waktu</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((row) => (
          <tr key={row.requestId}>
            <th scope="row">{row.trackingCode}</th>
            <td>{row.serviceId}</td>
            <td>
              {REQUEST_STATUS[row.status] ?? row.status}
              {row.paused && ' (jeda)'}
            </td>
            <td>{row.dueDate}</td>
            <td>{row.metStandard === null ? (row.slaBreached ? 'terlambat' : '—') : row.metStandard ? 'terpenuhi' : 'tidak terpenuhi'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComplaintsTable({ complaints, total }: { complaints: ComplaintRow[]; total: number }) {
  return (
    <table>
      <caption>Pengaduan ({total})</caption>
      <thead>
        <tr>
          <th scope="col">Kanal</th>
          <th scope="col">Kategori</th>
          <th scope="col">Status</th>
          <th scope="col">Batas penyelesaian</th>
          <th scope="col">Tepat waktu</th>
        </tr>
      </thead>
      <tbody>
        {complaints.map((row) => (
          <tr key={row.complaintId}>
            <th scope="row">{row.channel === 'lapor' ? 'SP4N-LAPOR!' : row.channel}</th>
            <td>{row.category}</td>
            <td>{COMPLAINT_STATUS[row.status] ?? row.status}</td>
            <td>{row.resolutionDueDate ?? row.statusDueDate}</td>
            <td>{row.resolvedWithinDeadline === null ? (row.deadlineBreaches > 0 ? 'melewati batas' : '—') : row.resolvedWithinDeadline ? 'ya' : 'tidak'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
