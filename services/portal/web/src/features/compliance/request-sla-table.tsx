import { useId } from 'react';
import type { ServiceSlaCompliance } from '../../api/evaluation';
import { formatPercent } from './compliance-text';

// A local date has no time of day: read and written at UTC, so no time zone moves it a day.
const localDate = new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC' });
const showDate = (date: string) => localDate.format(new Date(`${date}T00:00:00Z`));
const count = new Intl.NumberFormat('id-ID');

/** Enough of a request id to find the request again; the full id is in the title. */
const shortId = (id: string) => `${id.slice(0, 8)}…`;

/**
 * Request SLA compliance per service in the cycle window, from the proposals answer: a figure shown
 * beside the proposals, not an indicator level, with every breach the request service flagged.
 */
export function RequestSlaTable({ services, headingLevel = 2 }: { services: readonly ServiceSlaCompliance[]; headingLevel?: 2 | 3 }) {
  const headingId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby={headingId} className="panel">
      <Heading id={headingId}>Kepatuhan waktu layanan</Heading>
      {services.length === 0 ? (
        <p className="muted">Belum ada permohonan yang selesai atau melewati tenggat pada periode siklus.</p>
      ) : (
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Layanan</th>
              <th scope="col">Permohonan selesai</th>
              <th scope="col">Selesai tepat waktu</th>
              <th scope="col">% tepat waktu</th>
              <th scope="col">Pelanggaran tenggat</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.serviceId}>
                <th scope="row">{service.name}</th>
                <td>{count.format(service.completed)}</td>
                <td>{count.format(service.completedOnTime)}</td>
                <td>{service.onTimePercent === null ? '— (belum ada yang selesai)' : formatPercent(service.onTimePercent)}</td>
                <td>
                  {service.breaches.length === 0 ? (
                    'tidak ada'
                  ) : (
                    <ul className="compact">
                      {service.breaches.map((breach) => (
                        <li key={breach.eventId}>
                          Permohonan <code title={breach.requestId}>{shortId(breach.requestId)}</code> · jatuh tempo {showDate(breach.dueDate)} · terdeteksi{' '}
                          {showDate(breach.detectedOn)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
