import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicSkmForm } from '../../api/survey';
import { fakeFetch, problem, renderAt } from '../../test-support';
import { SkmFormPage } from './skm-form-page';

const LINK = 'b7c4d2e0-5f1a-4c3b-9d8e-123456789abc';
const FORM_URL = `/api/survey/public/skm-surveys/${LINK}`;
const form: PublicSkmForm = {
  surveyId: LINK,
  publicUrl: `http://127.0.0.1:3000/survei/${LINK}`,
  unitId: 'disdukcapil',
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  accepting: true,
  unsur: [
    { code: 'U1', name: 'Persyaratan', extra: false },
    { code: 'U2', name: 'Sistem, Mekanisme, dan Prosedur', extra: false },
  ],
  answerScale: [
    { value: 1, label: 'Tidak sesuai' },
    { value: 2, label: 'Kurang sesuai' },
    { value: 3, label: 'Sesuai' },
    { value: 4, label: 'Sangat sesuai' },
  ],
};

async function answerAll(value: string) {
  for (const legend of ['1. Persyaratan', '2. Sistem, Mekanisme, dan Prosedur']) {
    await userEvent.click(within(await screen.findByRole('group', { name: legend })).getByRole('radio', { name: value }));
  }
}

describe('SkmFormPage (public SKM form)', () => {
  beforeEach(() => localStorage.clear());

  it('sends the browser’s respondent token and explains a duplicate response', async () => {
    const calls = fakeFetch({
      [`GET ${FORM_URL}`]: { status: 200, body: form },
      [`POST ${FORM_URL}/responses`]: problem(
        409,
        'SURVEY.DUPLICATE_RESPONDENT',
        'this respondent already answered the survey',
        undefined,
        'Anda sudah mengisi survei ini dari perangkat ini. Setiap responden cukup mengisi satu kali. Terima kasih!',
      ),
    });
    renderAt(<SkmFormPage />, { path: `/survei/${LINK}`, pattern: '/survei/:publicLinkId' });

    await answerAll('Sangat sesuai');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/Anda sudah mengisi survei ini dari perangkat ini/);
    const post = calls.find((call) => call.method === 'POST');
    const body = post?.body as { respondentToken: string; answers: unknown };
    expect(body.respondentToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(localStorage.getItem(`pantau.skm.respondent.${LINK}`)).toBe(body.respondentToken);
    expect(body.answers).toEqual([
      { code: 'U1', value: 4 },
      { code: 'U2', value: 4 },
    ]);
    expect(post?.headers.Authorization).toBeUndefined();
  });

  it('in kiosk mode starts the next respondent with a fresh token and an empty form', async () => {
    const previousVisitor = 'previous-visitor-token-000000000';
    localStorage.setItem(`pantau.skm.respondent.${LINK}`, previousVisitor);
    const calls = fakeFetch({
      [`GET ${FORM_URL}`]: { status: 200, body: form },
      [`POST ${FORM_URL}/responses`]: { status: 201, body: { responseId: 'r1', recorded: true } },
    });
    renderAt(<SkmFormPage />, { path: `/survei/${LINK}?kiosk=1`, pattern: '/survei/:publicLinkId' });

    await answerAll('Sesuai');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim' }));
    expect(await screen.findByText('Terima kasih! Formulir siap untuk responden berikutnya.')).toBeTruthy();
    await answerAll('Kurang sesuai');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim' }));

    const posts = () => calls.filter((call) => call.method === 'POST');
    await waitFor(() => expect(posts()).toHaveLength(2));
    const [first, second] = posts().map((call) => (call.body as { respondentToken: string }).respondentToken);
    expect(first).not.toBe(second);
    expect(first).not.toBe(previousVisitor);
    await waitFor(() => expect(localStorage.getItem(`pantau.skm.respondent.${LINK}`)).not.toBe(second));
    expect(within(screen.getByRole('group', { name: '1. Persyaratan' })).getByRole('radio', { name: 'Kurang sesuai' })).toHaveProperty('checked', false);
  });

  it('shows a field error of the answers next to the unsur it is about', async () => {
    fakeFetch({
      [`GET ${FORM_URL}`]: { status: 200, body: form },
      [`POST ${FORM_URL}/responses`]: problem(400, 'INPUT.INVALID', 'answers[1].value: value must not be greater than 4', [
        { field: 'answers[1].value', rule: 'max', message: 'value must not be greater than 4' },
      ]),
    });
    renderAt(<SkmFormPage />, { path: `/survei/${LINK}`, pattern: '/survei/:publicLinkId' });
    await answerAll('Sesuai');
    await userEvent.click(screen.getByRole('button', { name: 'Kirim' }));

    expect(
      (await screen.findByRole('group', { name: '2. Sistem, Mekanisme, dan Prosedur', description: 'value must not be greater than 4' })).getAttribute(
        'aria-invalid',
      ),
    ).toBe('true');
  });

  it('tells the respondent when the period is closed', async () => {
    fakeFetch({ [`GET ${FORM_URL}`]: { status: 200, body: { ...form, accepting: false } } });
    renderAt(<SkmFormPage />, { path: `/survei/${LINK}`, pattern: '/survei/:publicLinkId' });
    expect(await screen.findByText(/Survei periode ini sudah ditutup/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Kirim' })).toBeNull();
  });
});
