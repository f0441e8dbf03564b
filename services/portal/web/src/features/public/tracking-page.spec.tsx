import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicRequestStatus } from '../../api/request';
import { fakeFetch, renderAt } from '../../test-support';
import { TrackingPage } from './tracking-page';

const LOOKUP = '/api/request/public/requests/lookup';
const status: PublicRequestStatus = {
  trackingCode: 'PTN-7K3MQ2XD9RTV',
  serviceId: 'ktp-el',
  status: 'in-process',
  submittedAt: '2026-11-23T02:00:00.000Z',
  dueDate: '2026-11-26',
  dueDateProvisional: false,
  paused: false,
  overdue: false,
  metStandard: null,
  closedAt: null,
};

describe('TrackingPage (citizens follow a request)', () => {
  it('sends the tracking code in a POST body and never puts it in a URL', async () => {
    const calls = fakeFetch({ [`POST ${LOOKUP}`]: { status: 200, body: status } });
    renderAt(<TrackingPage />, { path: '/lacak', pattern: '/lacak/:trackingCode?' });

    await userEvent.type(screen.getByLabelText(/Kode pelacakan/), 'ptn-7k3mq2xd9rtv');
    await userEvent.click(screen.getByRole('button', { name: 'Lacak' }));

    expect(await screen.findByText('Sedang diproses')).toBeTruthy();
    expect(calls.map((call) => [call.method, call.url, call.body])).toEqual([['POST', LOOKUP, { trackingCode: 'PTN-7K3MQ2XD9RTV' }]]);
  });

  it('takes a code from an old link once and looks it up by POST', async () => {
    const calls = fakeFetch({ [`POST ${LOOKUP}`]: { status: 200, body: status } });
    renderAt(<TrackingPage />, { path: '/lacak/PTN-7K3MQ2XD9RTV', pattern: '/lacak/:trackingCode?' });

    expect(await screen.findByText('Sedang diproses')).toBeTruthy();
    expect(calls.map((call) => [call.method, call.url])).toEqual([['POST', LOOKUP]]);
  });
});
