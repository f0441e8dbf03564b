import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CycleDetail } from '../../api/evaluation';
import { cyclePhasesFixture, LOKUS_PHASES_FIXTURE } from '../../evaluation-fixtures';
import { ADMIN, fakeFetch, renderAt } from '../../test-support';
import { rulesetOfUnit } from '../assessment/use-assessment-data';
import { CyclePage } from './cycle-page';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000002';
const EVALUATION = '/api/evaluation';

const lokus = (unitId: string, unitName: string, kode: 'A' | 'B') => ({
  unitId,
  unitName,
  kode,
  evaluatorIds: ['dev-evaluator-1'],
  leadEvaluatorId: 'dev-evaluator-1',
  userScore: null,
  ...LOKUS_PHASES_FIXTURE,
});

const cycle: CycleDetail = {
  cycleId: CYCLE,
  name: 'PEKPPP luring dan daring',
  status: 'open',
  ruleset: { id: 'pekppp-2023', version: 2 },
  kodeBRuleset: { id: 'pekppp-2023-kode-b', version: 1 },
  complianceRuleset: { id: 'ombudsman-2025', version: 1 },
  windowStart: '2026-01-01',
  windowEnd: '2026-12-31',
  selfAssessmentDue: '2026-06-30',
  ...cyclePhasesFixture('2026-01-01', '2026-12-31', '2026-06-30'),
  units: [lokus('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil', 'A'), lokus('mpp-daring', 'Mal Pelayanan Publik Daring', 'B')],
  version: 3,
};

const reply = { streamId: `cycle-kota-banjarmasin/${CYCLE}`, version: 4, appended: 1, duplicate: false };

async function assign(unitId: string) {
  await userEvent.type(screen.getByLabelText('ID unit'), unitId);
  await userEvent.type(screen.getByLabelText(/ID evaluator/), 'dev-evaluator-1');
}

describe('the kode of a unit lokus on the cycle page', () => {
  it('shows each lokus with its kode', async () => {
    fakeFetch({ [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: cycle }, 'GET /api/auth/dev-users': { status: 200, body: [] } });
    renderAt(<CyclePage />, { path: `/siklus/${CYCLE}`, pattern: '/siklus/:cycleId', claims: ADMIN });

    const table = await screen.findByRole('table', { name: 'Unit lokus' });
    within(table).getByRole('columnheader', { name: 'Kode' });
    within(within(table).getByRole('row', { name: /disdukcapil/ })).getByText('Kode A (luring)');
    within(within(table).getByRole('row', { name: /mpp-daring/ })).getByText('Kode B (daring)');
  });

  it('lets Bagian Organisasi assign a unit as Kode B, Kode A being the default', async () => {
    const calls = fakeFetch({
      [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: cycle },
      [`PUT ${EVALUATION}/cycles/${CYCLE}/units/`]: { status: 200, body: reply },
      'GET /api/auth/dev-users': { status: 200, body: [] },
    });
    renderAt(<CyclePage />, { path: `/siklus/${CYCLE}`, pattern: '/siklus/:cycleId', claims: ADMIN });

    const kode = await screen.findByRole('group', { name: 'Kode unit lokus' });
    expect(within(kode).getByRole<HTMLInputElement>('radio', { name: /Kode A/ }).checked).toBe(true);
    await assign('dishub-daring');
    await userEvent.click(within(kode).getByRole('radio', { name: 'Kode B: layanan sepenuhnya daring' }));
    await userEvent.click(screen.getByRole('button', { name: 'Tetapkan' }));

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    const put = calls.find((call) => call.method === 'PUT')!;
    expect(put.url).toBe(`${EVALUATION}/cycles/${CYCLE}/units/dishub-daring`);
    expect(put.body).toEqual({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1', kode: 'B' });
  });

  it('offers no kode when the cycle has no Kode B ruleset, and sends none', async () => {
    const luringOnly: CycleDetail = { ...cycle, ruleset: { id: 'pekppp-2023', version: 1 }, kodeBRuleset: null, units: [] };
    const calls = fakeFetch({
      [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: luringOnly },
      [`PUT ${EVALUATION}/cycles/${CYCLE}/units/`]: { status: 200, body: reply },
      'GET /api/auth/dev-users': { status: 200, body: [] },
    });
    renderAt(<CyclePage />, { path: `/siklus/${CYCLE}`, pattern: '/siklus/:cycleId', claims: ADMIN });

    await screen.findByRole('heading', { name: 'Tetapkan unit lokus dan evaluator' });
    expect(screen.queryByRole('group', { name: 'Kode unit lokus' })).toBeNull();
    await assign('dinkes');
    await userEvent.click(screen.getByRole('button', { name: 'Tetapkan' }));

    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' }),
    );
  });

  it.each([
    ['a Kode A lokus reads the pinned ruleset', 'disdukcapil', { id: 'pekppp-2023', version: 2 }],
    ['a Kode B lokus reads the Kode B ruleset', 'mpp-daring', { id: 'pekppp-2023-kode-b', version: 1 }],
    ['a unit that is no lokus reads the pinned ruleset', 'dinkes', { id: 'pekppp-2023', version: 2 }],
  ])('F-01 and F-02 screens: %s', (_name, unitId, expected) => {
    expect(rulesetOfUnit(cycle, unitId)).toEqual(expected);
  });
});
