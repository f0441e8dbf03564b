import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CycleDetail, CycleScores } from '../../api/evaluation';
import {
  aspectFixture,
  assessmentFixture,
  complianceFixture,
  cyclePhasesFixture,
  indicatorFixture,
  LOKUS_PHASES_FIXTURE,
  rulesetFixture,
  unitScoreFixture,
} from '../../evaluation-fixtures';
import { ADMIN, AUDITOR, fakeFetch, NATIONAL_AUDITOR, type RecordedCall, renderAt } from '../../test-support';
import { UnitReviewPage } from '../assessment/unit-review-page';
import { ResultsPage } from '../results/results-page';
import { CyclePage } from './cycle-page';
import { CyclesPage } from './cycles-page';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';
const EVALUATION = '/api/evaluation';

// Published, so no admin form (and no request of its own) shows up beside what is under test.
const cycle: CycleDetail = {
  cycleId: CYCLE,
  name: 'PEKPPP 2026',
  status: 'published',
  ruleset: { id: 'pekppp-2023', version: 1 },
  kodeBRuleset: null,
  complianceRuleset: { id: 'ombudsman-2025', version: 1 },
  windowStart: '2026-01-01',
  windowEnd: '2026-12-31',
  selfAssessmentDue: '2026-06-30',
  ...cyclePhasesFixture('2026-01-01', '2026-12-31', '2026-06-30'),
  units: [
    {
      unitId: 'dinkes',
      unitName: 'Dinas Kesehatan',
      kode: 'A',
      evaluatorIds: ['dev-evaluator-1'],
      leadEvaluatorId: 'dev-evaluator-1',
      userScore: null,
      ...LOKUS_PHASES_FIXTURE,
    },
  ],
  version: 2,
};

const scores: CycleScores = { cycleId: CYCLE, name: cycle.name, status: 'published', ruleset: { id: 'pekppp-2023', version: 1, provisional: true }, units: [] };

const ruleset = rulesetFixture([aspectFixture([indicatorFixture('1.a.Ak', 'Standar Pelayanan')])]);

const assessment = assessmentFixture(CYCLE, 'dinkes', { status: 'submitted' });

const unitScore = unitScoreFixture(CYCLE, 'dinkes', {
  assessmentStatus: 'submitted',
  ipp: { self: 3, evaluator: 0, userScore: null, userScoreRespondents: 0, userScoreMerged: false, userScoreNotMergedReason: null, final: 0 },
  category: 'C',
  predicate: 'Cukup',
});

const evaluationUrls = (calls: RecordedCall[]) =>
  calls
    .map((call) => call.url)
    .filter((url) => url.startsWith(`${EVALUATION}/cycles`))
    .sort();
const hrefOf = (name: string | RegExp) => screen.getByRole('link', { name }).getAttribute('href');

// `search` is what the address carries; `tenantQuery` what the reads must send; `carried` what links onwards must keep.
const READERS = [
  {
    who: 'a national auditor',
    claims: NATIONAL_AUDITOR,
    search: '?pemda=kabupaten-banjar',
    tenantQuery: '?tenantId=kabupaten-banjar',
    carried: '?pemda=kabupaten-banjar',
    f03Tenant: 'kabupaten-banjar',
  },
  { who: 'Bagian Organisasi in its own Pemda', claims: ADMIN, search: '', tenantQuery: '', carried: '', f03Tenant: 'kota-banjarmasin' },
  {
    who: 'Bagian Organisasi at an address naming another Pemda',
    claims: ADMIN,
    search: '?pemda=kabupaten-banjar',
    tenantQuery: '',
    carried: '',
    f03Tenant: 'kota-banjarmasin',
  },
];

describe.each(READERS)('the cycle pages read the cycle in the right tenant for $who', ({ claims, search, tenantQuery, carried, f03Tenant }) => {
  it('cycle page: fetches the cycle there and keeps the tenant in every link onwards', async () => {
    const calls = fakeFetch({ [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: cycle } });
    renderAt(<CyclePage />, { path: `/siklus/${CYCLE}${search}`, pattern: '/siklus/:cycleId', claims });

    await screen.findByRole('heading', { name: 'PEKPPP 2026' });
    expect(evaluationUrls(calls)).toEqual([`${EVALUATION}/cycles/${CYCLE}${tenantQuery}`]);
    expect(hrefOf('← Semua siklus')).toBe(`/siklus${carried}`);
    expect(hrefOf(/Lihat hasil/)).toBe(`/siklus/${CYCLE}/hasil${carried}`);
    expect(hrefOf('dinkes')).toBe(`/siklus/${CYCLE}/unit/dinkes${carried}`);
    expect(hrefOf('tautan formulir')).toBe(`/f03/${f03Tenant}/${CYCLE}/dinkes`);
  });

  it('results page: fetches the scores there and links back to the same cycle', async () => {
    const calls = fakeFetch({ [`GET ${EVALUATION}/cycles/${CYCLE}/scores`]: { status: 200, body: scores } });
    renderAt(<ResultsPage />, { path: `/siklus/${CYCLE}/hasil${search}`, pattern: '/siklus/:cycleId/hasil', claims });

    await screen.findByRole('heading', { name: 'Hasil PEKPPP 2026' });
    expect(evaluationUrls(calls)).toEqual([`${EVALUATION}/cycles/${CYCLE}/scores${tenantQuery}`]);
    expect(hrefOf('← PEKPPP 2026')).toBe(`/siklus/${CYCLE}${carried}`);
  });

  it("unit page: fetches the cycle, its ruleset, the unit's assessment, proposals and scores there", async () => {
    const unit = `${EVALUATION}/cycles/${CYCLE}/units/dinkes`;
    const calls = fakeFetch({
      [`GET ${EVALUATION}/rulesets/pekppp-2023/versions/1`]: { status: 200, body: ruleset },
      [`GET ${unit}/assessment`]: { status: 200, body: assessment },
      [`GET ${unit}/proposals`]: { status: 200, body: { cycleId: CYCLE, unitId: 'dinkes', proposals: [], requestSla: [] } },
      [`GET ${unit}/compliance`]: { status: 200, body: complianceFixture(CYCLE, 'dinkes') },
      [`GET ${unit}/score`]: { status: 200, body: unitScore },
      [`GET ${EVALUATION}/cycles/${CYCLE}/scores`]: { status: 200, body: scores },
      [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: cycle },
    });
    renderAt(<UnitReviewPage cycleId={CYCLE} unitId="dinkes" />, {
      path: `/siklus/${CYCLE}/unit/dinkes${search}`,
      pattern: '/siklus/:cycleId/unit/:unitId',
      claims,
    });

    await screen.findByRole('heading', { name: 'PEKPPP 2026: Dinas Kesehatan' });
    const unitScoreLine = tenantQuery ? `?unitId=dinkes&${tenantQuery.slice(1)}` : '?unitId=dinkes';
    await waitFor(() =>
      expect(evaluationUrls(calls)).toEqual(
        [
          `${EVALUATION}/cycles/${CYCLE}${tenantQuery}`,
          `${EVALUATION}/cycles/${CYCLE}/scores${unitScoreLine}`,
          `${unit}/assessment${tenantQuery}`,
          `${unit}/compliance${tenantQuery}`,
          `${unit}/proposals${tenantQuery}`,
          `${unit}/score${tenantQuery}`,
        ].sort(),
      ),
    );
    expect(calls.map((call) => call.url)).toContain(`${EVALUATION}/rulesets/pekppp-2023/versions/1${tenantQuery}`);
    expect(hrefOf('← Kembali')).toBe(`/siklus/${CYCLE}${carried}`);
  });
});

const summaries = [{ ...cycle, units: [] }];

describe('CyclesPage: links to a cycle name the Pemda only for a national auditor', () => {
  it.each([
    { who: 'a national auditor', claims: NATIONAL_AUDITOR, path: '/siklus', tenantQuery: '?tenantId=kota-banjarmasin', carried: '?pemda=kota-banjarmasin' },
    {
      who: 'a national auditor back from a cycle of another Pemda',
      claims: NATIONAL_AUDITOR,
      path: '/siklus?pemda=kabupaten-banjar',
      tenantQuery: '?tenantId=kabupaten-banjar',
      carried: '?pemda=kabupaten-banjar',
    },
    { who: 'Bagian Organisasi', claims: ADMIN, path: '/siklus', tenantQuery: '', carried: '' },
    { who: 'an auditor (Inspektorat)', claims: AUDITOR, path: '/siklus', tenantQuery: '', carried: '' },
  ])('$who', async ({ claims, path, tenantQuery, carried }) => {
    const calls = fakeFetch({
      [`GET ${EVALUATION}/cycles`]: { status: 200, body: summaries },
      [`GET ${EVALUATION}/rulesets`]: { status: 200, body: [] },
    });
    renderAt(<CyclesPage />, { path, pattern: '/siklus', claims });

    expect((await screen.findByRole('link', { name: 'PEKPPP 2026' })).getAttribute('href')).toBe(`/siklus/${CYCLE}${carried}`);
    expect(evaluationUrls(calls)).toEqual([`${EVALUATION}/cycles${tenantQuery}`]);
  });

  it('takes a national auditor from the Pemda it typed to that Pemda’s cycle', async () => {
    const calls = fakeFetch({
      [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: cycle },
      [`GET ${EVALUATION}/cycles`]: { status: 200, body: summaries },
    });
    renderAt(<CyclesPage />, { path: '/siklus', pattern: '/siklus', claims: NATIONAL_AUDITOR, otherRoutes: { '/siklus/:cycleId': <CyclePage /> } });

    const tenant = screen.getByLabelText(/Pemda \(tenant\)/);
    await userEvent.clear(tenant);
    await userEvent.type(tenant, 'kabupaten-banjar');
    await waitFor(() => expect(hrefOf('PEKPPP 2026')).toBe(`/siklus/${CYCLE}?pemda=kabupaten-banjar`));
    await userEvent.click(screen.getByRole('link', { name: 'PEKPPP 2026' }));

    await screen.findByRole('heading', { name: 'PEKPPP 2026' });
    expect(calls.map((call) => call.url)).toContain(`${EVALUATION}/cycles/${CYCLE}?tenantId=kabupaten-banjar`);
  });
});
