import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicF03Form } from '../../api/survey';
import { fakeFetch, renderAt } from '../../test-support';
import { F03FormPage } from './f03-form-page';

const FORM_URL = '/api/survey/public/tenants/kota-banjarmasin/f03/pekppp-2026/disdukcapil';
const form: PublicF03Form = {
  tenantId: 'kota-banjarmasin',
  cycleId: 'pekppp-2026',
  unitId: 'disdukcapil',
  items: [
    { item: 1, code: '1.a.K1', aspect: 'I', name: 'Persyaratan', statement: 'Persyaratan yang diperlukan untuk memperoleh layanan mudah dipenuhi.' },
    {
      item: 14,
      code: '15.e.K',
      aspect: 'V',
      name: 'Konsultasi dan pengaduan',
      statement: 'Tersedia konsultasi dan pengaduan layanan yang memadai dan mudah diakses.',
    },
  ],
  scale: { min: 0, max: 5 },
};

describe('F03FormPage (public F-03 form)', () => {
  it.each<[string, string]>([
    [
      'asks the statement of an item as the form prints it, with its aspect',
      '1. Persyaratan yang diperlukan untuk memperoleh layanan mudah dipenuhi. (Kebijakan Pelayanan)',
    ],
    ['names the last aspect', '14. Tersedia konsultasi dan pengaduan layanan yang memadai dan mudah diakses. (Konsultasi dan Pengaduan)'],
  ])('%s', async (_name, legend) => {
    fakeFetch({ [`GET ${FORM_URL}`]: { status: 200, body: form } });
    renderAt(<F03FormPage />, { path: '/f03/kota-banjarmasin/pekppp-2026/disdukcapil', pattern: '/f03/:tenantId/:cycleId/:unitId' });

    expect(await screen.findByRole('group', { name: legend })).toBeTruthy();
  });

  it('sends the proof-of-service code the respondent typed with the scores, and the form token of this collection', async () => {
    const calls = fakeFetch({
      [`GET ${FORM_URL}`]: { status: 200, body: form },
      [`POST ${FORM_URL}/responses`]: { status: 201, body: { streamId: 's', version: 2, appended: 1, duplicate: false } },
    });
    renderAt(<F03FormPage />, { path: '/f03/kota-banjarmasin/pekppp-2026/disdukcapil', pattern: '/f03/:tenantId/:cycleId/:unitId' });

    for (const legend of [
      '1. Persyaratan yang diperlukan untuk memperoleh layanan mudah dipenuhi. (Kebijakan Pelayanan)',
      '14. Tersedia konsultasi dan pengaduan layanan yang memadai dan mudah diakses. (Konsultasi dan Pengaduan)',
    ]) {
      await userEvent.click(within(await screen.findByRole('group', { name: legend })).getByRole('radio', { name: '4' }));
    }
    await userEvent.type(screen.getByLabelText('Kode bukti layanan (nomor lacak permohonan atau kode sekali pakai)'), ' K7M2Q-9XW4H ');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim penilaian' }));

    await waitFor(() => expect(calls.find((call) => call.method === 'POST')).toBeDefined());
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      items: [
        { item: 1, score: 4 },
        { item: 14, score: 4 },
      ],
      proof: 'K7M2Q-9XW4H',
      respondentToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    });
  });
});
