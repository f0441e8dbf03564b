import { screen, waitFor, within } from '@testing-library/react';
import type { CycleSummary } from '../../api/evaluation';
import { complianceFixture } from '../../evaluation-fixtures';
import { fakeFetch, OPERATOR, problem, renderAt } from '../../test-support';
import { UnitHomePage } from './unit-home-page';

const EVALUATION = '/api/evaluation';
const OPEN = '6f1c2a40-0000-4000-8000-000000000001';
const EARLIER = '6f1c2a40-0000-4000-8000-000000000002';

const summary = (cycleId: string, name: string, status: CycleSummary['status']): CycleSummary => ({
  cycleId,
  name,
  status,
  ruleset: { id: 'pekppp-2023', version: 1 },
  windowStart: '2026-01-01',
  windowEnd: '2026-12-31',
  selfAssessmentDue: '2026-06-30',
  units: [{ unitId: 'disdukcapil', kode: 'A', evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' }],
  version: 2,
});

const unit = (cycleId: string) => `${EVALUATION}/cycles/${cycleId}/units/disdukcapil`;

describe('UnitHomePage: the SKPD reads the compliance evaluation computes for it', () => {
  it('per cycle: the Ombudsman grade and the request SLA table, read-only; a cycle with no grade says so', async () => {
    const calls = fakeFetch({
      [`GET ${unit(OPEN)}/compliance`]: { status: 200, body: complianceFixture(OPEN, 'disdukcapil') },
      [`GET ${unit(OPEN)}/proposals`]: { status: 200, body: { cycleId: OPEN, unitId: 'disdukcapil', proposals: [], requestSla: [] } },
      [`GET ${unit(EARLIER)}/compliance`]: problem(404, 'COMPLIANCE.GRADE_NOT_FOUND', 'no compliance grade'),
      [`GET ${unit(EARLIER)}/proposals`]: { status: 200, body: { cycleId: EARLIER, unitId: 'disdukcapil', proposals: [], requestSla: [] } },
      [`GET ${EVALUATION}/cycles`]: { status: 200, body: [summary(OPEN, 'PEKPPP 2026', 'open'), summary(EARLIER, 'PEKPPP 2025', 'published')] },
    });
    renderAt(<UnitHomePage />, { path: '/unit', claims: OPERATOR });

    const open = await screen.findByRole('region', { name: 'Kepatuhan unit pada PEKPPP 2026' });
    const grade = within(open).getByRole('region', { name: 'Kepatuhan Ombudsman' });
    await waitFor(() => expect(grade.textContent).toContain('Nilai 88,02'));
    expect(grade.textContent).toContain('Ombudsman 2025 (Opini Ombudsman)');
    expect(within(grade).queryByRole('form')).toBeNull();
    expect(within(grade).getByRole('heading', { name: 'Kepatuhan Ombudsman' }).tagName).toBe('H3');
    expect(await within(open).findByRole('region', { name: 'Kepatuhan waktu layanan' })).toBeTruthy();

    const earlier = screen.getByRole('region', { name: 'Kepatuhan unit pada PEKPPP 2025' });
    await waitFor(() => expect(within(earlier).getByRole('region', { name: 'Kepatuhan Ombudsman' }).textContent).toContain('Belum ada nilai kepatuhan'));
    expect(calls.every((call) => call.method === 'GET')).toBe(true);
  });
});
