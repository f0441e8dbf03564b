import { render, screen, within } from '@testing-library/react';
import type { ServiceSlaCompliance } from '../../api/evaluation';
import { RequestSlaTable } from './request-sla-table';

const ktp: ServiceSlaCompliance = {
  serviceId: 'svc-ktp',
  name: 'Penerbitan KTP-el',
  completed: 8,
  completedOnTime: 7,
  onTimePercent: 87.5,
  breaches: [
    {
      requestId: '5d2f1a9c-0000-4000-8000-00000000c0de',
      serviceId: 'svc-ktp',
      dueDate: '2026-02-03',
      detectedOn: '2026-02-04',
      eventId: '0b9f6a3e-0000-4000-8000-000000000011',
    },
    {
      requestId: '7e4b2c1d-0000-4000-8000-0000000000ab',
      serviceId: 'svc-ktp',
      dueDate: '2026-03-10',
      detectedOn: '2026-03-11',
      eventId: '0b9f6a3e-0000-4000-8000-000000000012',
    },
  ],
  sourceEventIds: [],
};

const akta: ServiceSlaCompliance = {
  serviceId: 'svc-akta',
  name: 'Akta Kelahiran',
  completed: 0,
  completedOnTime: 0,
  onTimePercent: null,
  breaches: [],
  sourceEventIds: [],
};

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('RequestSlaTable: request SLA compliance per service', () => {
  it('lists each service by name with completed, on time and the share in id-ID, and its breaches with id-ID dates', () => {
    render(<RequestSlaTable services={[ktp, akta]} />);

    const table = screen.getByRole('table', { name: 'Kepatuhan waktu layanan' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Layanan', 'Permohonan selesai', 'Selesai tepat waktu', '% tepat waktu', 'Pelanggaran tenggat']);
    const [, ktpRow, aktaRow] = within(table).getAllByRole('row');
    expect(within(ktpRow).getByRole('rowheader').textContent).toBe('Penerbitan KTP-el');
    expect(cellsOf(ktpRow).slice(0, 3)).toEqual(['8', '7', '87,5%']);
    expect(
      within(ktpRow)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Permohonan 5d2f1a9c… · jatuh tempo 3/2/2026 · terdeteksi 4/2/2026', 'Permohonan 7e4b2c1d… · jatuh tempo 10/3/2026 · terdeteksi 11/3/2026']);
    expect(within(aktaRow).getByRole('rowheader').textContent).toBe('Akta Kelahiran');
    expect(cellsOf(aktaRow)).toEqual(['0', '0', '— (belum ada yang selesai)', 'tidak ada']);
  });

  it('says so when no request was completed or breached in the cycle window', () => {
    render(<RequestSlaTable services={[]} />);

    expect(screen.getByRole('region', { name: 'Kepatuhan waktu layanan' }).textContent).toContain(
      'Belum ada permohonan yang selesai atau melewati tenggat pada periode siklus.',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });
});
