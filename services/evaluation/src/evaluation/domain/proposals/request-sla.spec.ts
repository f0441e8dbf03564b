import type { RequestSlaFigures } from './figures';
import { requestSlaCompliance } from './request-sla';

const completed = (requestId: string, serviceId: string, metStandard: boolean) => ({
  requestId,
  serviceId,
  completedOn: '2025-05-01',
  metStandard,
  eventId: `done-${requestId}`,
});
const breach = (requestId: string, serviceId: string, dueDate: string) => ({
  requestId,
  serviceId,
  dueDate,
  detectedOn: dueDate,
  eventId: `breach-${requestId}`,
});

describe('request SLA compliance per service type', () => {
  const figures: RequestSlaFigures = {
    services: [
      { serviceId: 'ktp', name: 'Penerbitan KTP-el' },
      { serviceId: 'kk', name: 'Kartu Keluarga' },
    ],
    completed: [completed('r1', 'ktp', true), completed('r2', 'ktp', true), completed('r3', 'ktp', false), completed('r4', 'akta', true)],
    breaches: [breach('r3', 'ktp', '2025-04-20'), breach('r5', 'ktp', '2025-04-02'), breach('r6', 'kk', '2025-04-10')],
  };

  it.each<[string, string, { completed: number; completedOnTime: number; onTimePercent: number | null; breachedRequestIds: string[] }]>([
    [
      'two of three on time; a breach still open is listed too, by due date',
      'ktp',
      { completed: 3, completedOnTime: 2, onTimePercent: 66.67, breachedRequestIds: ['r5', 'r3'] },
    ],
    ['nothing completed: no share, the breach is listed', 'kk', { completed: 0, completedOnTime: 0, onTimePercent: null, breachedRequestIds: ['r6'] }],
    ['a service type only the requests name is still shown', 'akta', { completed: 1, completedOnTime: 1, onTimePercent: 100, breachedRequestIds: [] }],
  ])('%s', (_name, serviceId, expected) => {
    const row = requestSlaCompliance(figures).find((r) => r.serviceId === serviceId);
    expect(
      row && {
        completed: row.completed,
        completedOnTime: row.completedOnTime,
        onTimePercent: row.onTimePercent,
        breachedRequestIds: row.breaches.map((b) => b.requestId),
      },
    ).toEqual(expected);
  });

  it('names the events behind each row', () => {
    expect(requestSlaCompliance(figures).find((r) => r.serviceId === 'ktp')?.sourceEventIds).toEqual([
      'breach-r3',
      'breach-r5',
      'done-r1',
      'done-r2',
      'done-r3',
    ]);
  });
});
