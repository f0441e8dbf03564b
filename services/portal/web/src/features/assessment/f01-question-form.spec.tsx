import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router-dom';
import type { Indicator } from '../../api/evaluation';
import { aspectFixture, assessmentFixture, indicatorFixture, rulesetFixture } from '../../evaluation-fixtures';
import { fakeFetch, OPERATOR, problem, renderAt } from '../../test-support';
import { F01AnswersReview } from './f01-answers-review';
import { F01QuestionForm } from './f01-question-form';
import { UNSAVED_CHANGES_MESSAGE } from './use-unsaved-changes-warning';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000003';
const UNIT_PATH = `/api/evaluation/cycles/${CYCLE}/units/disdukcapil`;

const claim = {
  name: 'pantau/f01/1.a.Ak',
  ruleSource: 'pantau' as const,
  explanation: 'Level naik satu untuk setiap "Ya" berturut-turut.',
  rule: { kind: 'chainOfYes' as const, questions: ['1.a.Ak/a'], levelOfLength: [0, 2, 3, 4, 5, 5] },
};
const standar: Indicator = indicatorFixture('1.a.Ak', 'Standar Pelayanan', {
  f01: {
    claim,
    questions: [
      {
        id: '1.a.Ak/a',
        text: 'Apakah sudah dibuat Standar Pelayanan?',
        type: 'yesNo',
        required: true,
        evidence: { names: ['Dokumen SP'], requiredWhenClaimed: true },
      },
      {
        id: '1.a.Ak/b',
        text: 'Bagaimana SP ditetapkan?',
        type: 'single',
        required: true,
        showIf: { question: '1.a.Ak/a', is: 'yes' },
        options: [
          { id: 'sk-kepala', label: 'SK Kepala Perangkat Daerah' },
          { id: 'perkada', label: 'Peraturan Kepala Daerah' },
        ],
      },
      {
        id: '1.a.Ak/c',
        text: 'Di mana SP dipublikasikan?',
        type: 'multi',
        required: false,
        options: [
          { id: 'web', label: 'Situs web' },
          { id: 'papan', label: 'Papan pengumuman' },
        ],
      },
      { id: '1.a.Ak/d', text: 'Berapa jenis pelayanan yang memiliki SP?', type: 'number', required: false, min: 0 },
      { id: '1.a.Ak/e', text: 'Keterangan tambahan', type: 'text', required: false },
    ],
  },
});
const partisipasi: Indicator = indicatorFixture('2.b.P', 'Forum Konsultasi Publik', {
  f01: { claim: { ...claim, name: 'pantau/f01/2.b.P' }, questions: [{ id: '2.b.P/a', text: 'Apakah FKP sudah dilaksanakan?', type: 'yesNo', required: true }] },
});
const ruleset = {
  ...rulesetFixture([aspectFixture([standar]), { ...aspectFixture([partisipasi]), code: 'b', name: 'Profesionalisme SDM' }]),
  version: 3,
};
const assessment = assessmentFixture(CYCLE, 'disdukcapil', {
  evidence: {
    '1.a.Ak': [
      { evidenceId: 'e1', kind: 'link', name: 'SK Standar Pelayanan 2026', location: 'https://jdih.example/sp.pdf', sha256: '', sizeBytes: 0, mediaType: '' },
    ],
  },
});
const reply = (version: number) => ({ streamId: `assessment-kota-banjarmasin/${CYCLE}/disdukcapil`, version, appended: 1, duplicate: false });

const renderForm = () =>
  renderAt(
    <>
      <Link to="/unit">Penilaian unit</Link>
      <F01QuestionForm cycleId={CYCLE} unitId="disdukcapil" ruleset={ruleset} assessment={assessment} />
    </>,
    { path: '/f01', claims: OPERATOR, otherRoutes: { '/unit': <h1>Daftar penilaian unit</h1> } },
  );

const group = (name: string) => screen.getByRole('group', { name });

describe('F01QuestionForm (F-01 as questions)', () => {
  it('renders each question type with its input and the first aspect as the open tab', () => {
    renderForm();

    expect(screen.getByRole('tab', { name: 'Aspek A · 0/1' }).getAttribute('aria-selected')).toBe('true');
    expect(
      within(group('Apakah sudah dibuat Standar Pelayanan? (wajib)'))
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['Ya', 'Tidak']);
    expect(within(group('Di mana SP dipublikasikan?')).getAllByRole('checkbox')).toHaveLength(2);
    expect(screen.getByRole('spinbutton', { name: 'Berapa jenis pelayanan yang memiliki SP?' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Keterangan tambahan' })).toBeTruthy();
    expect(screen.getByText(/Bukti dukung \(wajib bila menjawab ya\/memilih\): Dokumen SP/)).toBeTruthy();
    expect(screen.queryByText('Apakah FKP sudah dilaksanakan?')).toBeNull();
  });

  it('shows a question only while the answer its skip logic reads holds', async () => {
    renderForm();
    expect(screen.queryByRole('group', { name: 'Bagaimana SP ditetapkan? (wajib)' })).toBeNull();

    await userEvent.click(within(group('Apakah sudah dibuat Standar Pelayanan? (wajib)')).getByRole('radio', { name: 'Ya' }));
    expect(within(group('Bagaimana SP ditetapkan? (wajib)')).getAllByRole('radio')).toHaveLength(2);

    await userEvent.click(within(group('Apakah sudah dibuat Standar Pelayanan? (wajib)')).getByRole('radio', { name: 'Tidak' }));
    expect(screen.queryByRole('group', { name: 'Bagaimana SP ditetapkan? (wajib)' })).toBeNull();
  });

  it('saves each answered shown question with its value by type and its bukti dukung', async () => {
    const calls = fakeFetch({
      [`PUT ${UNIT_PATH}/assessment/draft`]: { status: 200, body: reply(2) },
      [`GET ${UNIT_PATH}/assessment`]: { status: 200, body: { ...assessment, version: 2 } },
    });
    renderForm();

    await userEvent.click(within(group('Apakah sudah dibuat Standar Pelayanan? (wajib)')).getByRole('radio', { name: 'Ya' }));
    const [evidencePick] = screen.getAllByRole('checkbox', { name: 'SK Standar Pelayanan 2026' });
    await userEvent.click(evidencePick);
    await userEvent.click(within(group('Bagaimana SP ditetapkan? (wajib)')).getByRole('radio', { name: 'Peraturan Kepala Daerah' }));
    await userEvent.click(within(group('Di mana SP dipublikasikan?')).getByRole('checkbox', { name: 'Situs web' }));
    await userEvent.click(within(group('Di mana SP dipublikasikan?')).getByRole('checkbox', { name: 'Papan pengumuman' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Berapa jenis pelayanan yang memiliki SP?' }), '12');
    await userEvent.type(screen.getByRole('textbox', { name: 'Keterangan tambahan' }), 'Direviu tiap tahun');
    expect(screen.getByText('Aspek A: Kebijakan Pelayanan (100%)').nextElementSibling?.textContent).toBe(
      '1 dari 1 indikator terjawab lengkap · 5 dari 5 pertanyaan dijawab',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Simpan draf' }));

    expect(await screen.findByText('Draf tersimpan.')).toBeTruthy();
    expect(calls[0].body).toEqual({
      answers: [
        {
          indicatorCode: '1.a.Ak',
          questions: [
            { questionId: '1.a.Ak/a', value: true, evidenceIds: ['e1'] },
            { questionId: '1.a.Ak/b', value: 'perkada', evidenceIds: [] },
            { questionId: '1.a.Ak/c', value: ['web', 'papan'], evidenceIds: [] },
            { questionId: '1.a.Ak/d', value: 12, evidenceIds: [] },
            { questionId: '1.a.Ak/e', value: 'Direviu tiap tahun', evidenceIds: [] },
          ],
        },
      ],
    });
  });

  it('names the incomplete indicators and questions in Indonesian and opens the aspect of the one followed', async () => {
    fakeFetch({
      [`PUT ${UNIT_PATH}/assessment/draft`]: { status: 200, body: reply(2) },
      [`GET ${UNIT_PATH}/assessment`]: { status: 200, body: { ...assessment, version: 2 } },
      [`POST ${UNIT_PATH}/assessment/submit`]: problem(
        409,
        'ASSESSMENT.INCOMPLETE',
        '2 indicator(s) are not fully answered',
        undefined,
        'Penilaian belum lengkap.',
        {
          indicatorCodes: ['1.a.Ak', '2.b.P'],
          questionIds: ['1.a.Ak/a', '2.b.P/a'],
        },
      ),
    });
    renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Ajukan untuk verifikasi' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Penilaian mandiri belum lengkap. Lengkapi 2 indikator berikut lalu ajukan lagi:');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Indikator 1.a.Ak Standar Pelayanan — belum dijawab: Apakah sudah dibuat Standar Pelayanan?',
      'Indikator 2.b.P Forum Konsultasi Publik — belum dijawab: Apakah FKP sudah dilaksanakan?',
    ]);
    await userEvent.click(within(alert).getByRole('link', { name: 'Apakah FKP sudah dilaksanakan?' }));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Aspek B · 0/1' }).getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByText('Apakah FKP sudah dilaksanakan?', { selector: 'legend' })).toBeTruthy();
  });

  it('names the questions whose claim lacks bukti dukung when the submit is refused for it', async () => {
    fakeFetch({
      [`PUT ${UNIT_PATH}/assessment/draft`]: { status: 200, body: reply(2) },
      [`GET ${UNIT_PATH}/assessment`]: { status: 200, body: { ...assessment, version: 2 } },
      [`POST ${UNIT_PATH}/assessment/submit`]: problem(
        400,
        'ASSESSMENT.EVIDENCE_REQUIRED',
        'questions[1.a.Ak/a].evidenceIds: needs bukti dukung',
        undefined,
        'Bukti dukung belum ada.',
        {
          problems: [
            {
              field: 'questions[1.a.Ak/a].evidenceIds',
              rule: 'evidence-required',
              questionId: '1.a.Ak/a',
              message: '1.a.Ak/a needs at least one bukti dukung',
            },
          ],
        },
      ),
    });
    renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Ajukan untuk verifikasi' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Bukti dukung belum dilampirkan.');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Indikator 1.a.Ak Standar Pelayanan — belum ada bukti dukung: Apakah sudah dibuat Standar Pelayanan?']);
  });

  it('warns before leaving with unsaved answers, on reload and on a link inside the portal', async () => {
    renderForm();
    const confirm = jest.spyOn(window, 'confirm').mockReturnValue(false);
    expect(fireEvent(window, new Event('beforeunload', { cancelable: true }))).toBe(true);

    await userEvent.click(within(group('Apakah sudah dibuat Standar Pelayanan? (wajib)')).getByRole('radio', { name: 'Tidak' }));
    expect(screen.getByText('Ada perubahan yang belum disimpan.')).toBeTruthy();
    expect(fireEvent(window, new Event('beforeunload', { cancelable: true }))).toBe(false);

    await userEvent.click(screen.getByRole('link', { name: 'Penilaian unit' }));
    expect(confirm).toHaveBeenCalledWith(UNSAVED_CHANGES_MESSAGE);
    expect(screen.queryByText('Daftar penilaian unit')).toBeNull();

    confirm.mockReturnValue(true);
    await userEvent.click(screen.getByRole('link', { name: 'Penilaian unit' }));
    expect(await screen.findByText('Daftar penilaian unit')).toBeTruthy();
    confirm.mockRestore();
  });
});

describe('F01AnswersReview (the evaluator reads the F-01)', () => {
  it('shows the shown questions with answers and bukti dukung, and the claimed level with its Pantau rule', () => {
    render(
      <F01AnswersReview
        indicator={standar}
        view={{
          indicatorCode: '1.a.Ak',
          claimedLevel: 3,
          rule: 'pantau/f01/1.a.Ak',
          ruleSource: 'pantau',
          ruleExplanation: claim.explanation,
          questions: [
            {
              questionId: '1.a.Ak/a',
              text: 'Apakah sudah dibuat Standar Pelayanan?',
              type: 'yesNo',
              options: [],
              required: true,
              shown: true,
              value: true,
              evidence: [{ evidenceId: 'e1', kind: 'link', name: 'SK Standar Pelayanan 2026' }],
              evidenceRequested: ['Dokumen SP'],
              evidenceMissing: false,
            },
            {
              questionId: '1.a.Ak/b',
              text: 'Bagaimana SP ditetapkan?',
              type: 'single',
              options: [{ id: 'perkada', label: 'Peraturan Kepala Daerah' }],
              required: true,
              shown: false,
              value: null,
              evidence: [],
              evidenceRequested: [],
              evidenceMissing: false,
            },
          ],
        }}
      />,
    );

    expect(screen.getByText(/Level klaim SKPD/).textContent).toBe('Level klaim SKPD: 3 — ditetapkan');
    expect(screen.getByText(/Aturan Pantau/).textContent).toBe(`Aturan Pantau (pantau/f01/1.a.Ak): ${claim.explanation}`);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Apakah sudah dibuat Standar Pelayanan?Jawaban: Ya · Bukti dukung: SK Standar Pelayanan 2026',
    ]);
    expect(screen.getByText('1 pertanyaan dilewati sesuai jawaban sebelumnya.')).toBeTruthy();
  });
});
