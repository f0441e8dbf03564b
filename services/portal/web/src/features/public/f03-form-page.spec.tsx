import { screen } from '@testing-library/react';
import type { PublicF03Form } from '../../api/survey';
import { fakeFetch, renderAt } from '../../test-support';
import { F03FormPage } from './f03-form-page';

const FORM_URL = '/api/survey/public/tenants/kota-banjarmasin/f03/pekppp-2026/disdukcapil';
const form: PublicF03Form = {
  tenantId: 'kota-banjarmasin',
  cycleId: 'pekppp-2026',
  unitId: 'disdukcapil',
  items: [
    { item: 1, aspect: 'I', name: 'Persyaratan' },
    { item: 14, aspect: 'V', name: 'Konsultasi dan pengaduan' },
  ],
  scale: { min: 0, max: 5 },
};

describe('F03FormPage (public F-03 form)', () => {
  it.each<[string, string]>([
    ['names the aspect of an item of the form', '1. Persyaratan (Kebijakan Pelayanan)'],
    ['names the last aspect', '14. Konsultasi dan pengaduan (Konsultasi dan Pengaduan)'],
  ])('%s', async (_name, legend) => {
    fakeFetch({ [`GET ${FORM_URL}`]: { status: 200, body: form } });
    renderAt(<F03FormPage />, { path: '/f03/kota-banjarmasin/pekppp-2026/disdukcapil', pattern: '/f03/:tenantId/:cycleId/:unitId' });

    expect(await screen.findByRole('group', { name: legend })).toBeTruthy();
  });
});
