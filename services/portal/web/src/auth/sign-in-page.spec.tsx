import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch, fakeToken, renderAt } from '../test-support';
import { SignInPage } from './sign-in-page';

const users = [
  {
    username: 'admin-orpeg',
    subject: 'dev-admin-orpeg',
    name: 'Rahmah (Bagian Organisasi)',
    role: 'admin',
    tenantId: 'kota-banjarmasin',
    unitId: 'bagian-organisasi',
    assignedUnitIds: [],
  },
  {
    username: 'evaluator-1',
    subject: 'dev-evaluator-1',
    name: 'Fajar (Tim Evaluator)',
    role: 'evaluator',
    tenantId: 'kota-banjarmasin',
    unitId: null,
    assignedUnitIds: ['disdukcapil'],
  },
];

describe('SignInPage', () => {
  it('in development lists the demo users and keeps the token of the chosen one for this tab', async () => {
    const token = fakeToken({ sub: 'dev-admin-orpeg', pantau_role: 'admin', pantau_tenant: 'kota-banjarmasin' });
    const calls = fakeFetch({
      'GET /auth/options': { status: 200, body: { devLogin: true } },
      'GET /auth/dev-users': { status: 200, body: users },
      'POST /auth/dev-login': { status: 200, body: { accessToken: token, tokenType: 'Bearer', expiresIn: 28800 } },
    });
    renderAt(<SignInPage />, { path: '/masuk', otherRoutes: { '/': <p>beranda</p> } });

    expect(await screen.findByText(/Evaluator · kota-banjarmasin · disdukcapil/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Rahmah \(Bagian Organisasi\)/ }));

    expect(await screen.findByText('beranda')).toBeTruthy();
    expect(sessionStorage.getItem('pantau.accessToken')).toBe(token);
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ username: 'admin-orpeg' });
  });

  it('offers no demo users when the portal does not issue dev tokens', async () => {
    fakeFetch({ 'GET /auth/options': { status: 200, body: { devLogin: false } } });
    renderAt(<SignInPage />, { path: '/masuk' });
    expect(await screen.findByText(/akun SSO Pemda belum tersedia/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Pilih pengguna demo' })).toBeNull();
  });
});
