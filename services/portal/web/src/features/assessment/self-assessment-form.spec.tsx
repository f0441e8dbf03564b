import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aspectFixture, assessmentFixture, indicatorFixture, rulesetFixture } from '../../evaluation-fixtures';
import { fakeFetch, OPERATOR, problem, renderAt } from '../../test-support';
import { SelfAssessmentForm } from './self-assessment-form';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';
const UNIT_PATH = `/api/evaluation/cycles/${CYCLE}/units/disdukcapil`;

const indicator = (code: string, name: string) => indicatorFixture(code, name, { weightBp: 5000, evidenceExamples: ['SK Standar Pelayanan'] });
const ruleset = rulesetFixture([aspectFixture([indicator('1.a.Ak', 'Standar Pelayanan'), indicator('2.a.P', 'Partisipasi masyarakat')])]);
const assessment = assessmentFixture(CYCLE, 'disdukcapil', {
  status: 'returned',
  answers: { '2.a.P': { indicatorCode: '2.a.P', score: 2, justification: 'FKP dengan dua unsur', evidenceIds: [] } },
  evidence: {
    '2.a.P': [{ evidenceId: 'e1', kind: 'link', name: 'BA FKP 2026', location: 'https://jdih.example/ba-fkp.pdf', sha256: '', sizeBytes: 0, mediaType: '' }],
  },
  returnNotes: [{ indicatorCode: '2.a.P', note: 'Lampirkan daftar hadir FKP' }],
});

const reply = (version: number) => ({ streamId: `assessment-kota-banjarmasin/${CYCLE}/disdukcapil`, version, appended: 1, duplicate: false });

const renderForm = () =>
  renderAt(<SelfAssessmentForm cycleId={CYCLE} unitId="disdukcapil" ruleset={ruleset} assessment={assessment} />, { path: '/f01', claims: OPERATOR });

describe('SelfAssessmentForm (F-01)', () => {
  it('shows each field error of a problem+json answer next to the field it is about', async () => {
    const calls = fakeFetch({
      [`PUT ${UNIT_PATH}/assessment/draft`]: problem(
        400,
        'INPUT.INVALID',
        'answers[1].justification: justification must be shorter than or equal to 10000 characters',
        [
          { field: 'answers[1].justification', rule: 'maxLength', message: 'justification must be shorter than or equal to 10000 characters' },
          { field: 'answers[0].score', rule: 'max', message: 'score must not be greater than 5' },
        ],
      ),
    });
    renderForm();

    await userEvent.click(within(screen.getByRole('group', { name: 'Nilai mandiri 1.a.Ak' })).getByRole('radio', { name: '4 — melibatkan masyarakat' }));
    await userEvent.type(screen.getByLabelText('Penjelasan 1.a.Ak'), 'SK ditetapkan 2026');
    await userEvent.click(screen.getByRole('button', { name: 'Simpan draf' }));

    // The answers were sent in ruleset order, so answers[1] is 2.a.P and answers[0] is 1.a.Ak.
    const justification = screen.getByLabelText('Penjelasan 2.a.P');
    await waitFor(() => expect(justification.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = justification.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain(
      'justification must be shorter than or equal to 10000 characters',
    );
    expect(screen.getByRole('group', { name: 'Nilai mandiri 1.a.Ak' }).textContent).toContain('score must not be greater than 5');
    expect(screen.getByLabelText('Penjelasan 1.a.Ak').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Kode: INPUT.INVALID · rujukan corr-test-1');

    const [save] = calls;
    expect(save.headers.Authorization).toMatch(/^Bearer /);
    expect(save.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(save.body).toEqual({
      answers: [
        { indicatorCode: '1.a.Ak', score: 4, justification: 'SK ditetapkan 2026' },
        { indicatorCode: '2.a.P', score: 2, justification: 'FKP dengan dua unsur' },
      ],
    });
  });

  it('shows the verifier notes of a returned assessment and resubmits after saving', async () => {
    const calls = fakeFetch({
      [`PUT ${UNIT_PATH}/assessment/draft`]: { status: 200, body: reply(4) },
      [`POST ${UNIT_PATH}/assessment/resubmit`]: { status: 200, body: reply(5) },
      [`GET ${UNIT_PATH}/assessment`]: { status: 200, body: { ...assessment, version: 5 } },
    });
    renderForm();

    expect(screen.getByText('Catatan verifikator: Lampirkan daftar hadir FKP')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Ajukan ulang' }));

    expect(await screen.findByText('Penilaian mandiri diajukan.')).toBeTruthy();
    expect(calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.url}`)).toEqual([
      `PUT ${UNIT_PATH}/assessment/draft`,
      `POST ${UNIT_PATH}/assessment/resubmit`,
    ]);
  });

  it('reports the change done only once the assessment read shows the version the command returned', async () => {
    const shown: number[] = [];
    const calls = fakeFetch({
      [`POST ${UNIT_PATH}/assessment/resubmit`]: { status: 200, body: reply(5) },
      [`PUT ${UNIT_PATH}/assessment/draft`]: { status: 200, body: reply(4) },
      // the read model lags: version 4 twice after the resubmit, then 5
      [`GET ${UNIT_PATH}/assessment`]: () => {
        const version = [4, 4, 4, 5][Math.min(shown.length, 3)];
        shown.push(version);
        return { status: 200, body: { ...assessment, version } };
      },
    });
    renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Ajukan ulang' }));

    expect(await screen.findByText('Penilaian mandiri diajukan.')).toBeTruthy();
    expect(shown).toEqual([4, 4, 4, 5]);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `PUT ${UNIT_PATH}/assessment/draft`,
      `GET ${UNIT_PATH}/assessment`,
      `POST ${UNIT_PATH}/assessment/resubmit`,
      `GET ${UNIT_PATH}/assessment`,
      `GET ${UNIT_PATH}/assessment`,
      `GET ${UNIT_PATH}/assessment`,
    ]);
  });
});
