import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CycleScores, UnitScoreLine } from '../../api/evaluation';
import { ADMIN, AUDITOR, fakeFetch, renderAt } from '../../test-support';
import { ResultsPage } from './results-page';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';

function line(unitId: string, overrides: Omit<Partial<UnitScoreLine>, 'explanation'> & { explanation?: Partial<UnitScoreLine['explanation']> }): UnitScoreLine {
  const { explanation, ...rest } = overrides;
  return {
    unitId,
    ruleset: { id: 'pekppp-2023', version: 1 },
    assessmentStatus: 'verified',
    complete: true,
    provisional: true,
    ipp: { self: 4, evaluator: 3.6, userScore: null, userScoreRespondents: 0, userScoreMerged: false, userScoreNotMergedReason: 'no-user-score', final: 3.6 },
    category: 'B',
    predicate: 'Baik',
    published: null,
    correctionReason: null,
    proposedOnlyIndicatorCodes: [],
    scoreBasis: 'f01',
    nonSubmission: null,
    ...rest,
    explanation: {
      basis: 'evaluator',
      selfAnswered: 30,
      selfCategory: 'A-',
      weakestAspects: [{ aspectCode: 'f', name: 'Inovasi', value: 3 }],
      weakestIndicators: [{ indicatorCode: '29.f.B', name: 'Penciptaan inovasi', aspectCode: 'f', score: 3, selfScore: 4, evaluatorScore: 3, ippLost: 0.12 }],
      selfMinusEvaluator: 0.4,
      largestGaps: [],
      ...explanation,
    },
  };
}

const scores: CycleScores = {
  cycleId: CYCLE,
  name: 'PEKPPP 2026',
  status: 'open',
  ruleset: { id: 'pekppp-2023', version: 1, provisional: true },
  units: [
    line('dinkes', {
      ipp: { self: 3.9, evaluator: 2.3, userScore: null, userScoreRespondents: 0, userScoreMerged: false, userScoreNotMergedReason: null, final: 2.3 },
      category: 'C-',
      predicate: 'Cukup (Dengan Catatan)',
      explanation: {
        weakestAspects: [{ aspectCode: 'e', name: 'Konsultasi dan Pengaduan', value: 1.2 }],
        weakestIndicators: [
          { indicatorCode: '28.e.Ak', name: 'Tindak lanjut konsultasi/pengaduan', aspectCode: 'e', score: 0, selfScore: 4, evaluatorScore: 0, ippLost: 0.15 },
        ],
        selfMinusEvaluator: 1.6,
        largestGaps: [{ indicatorCode: '28.e.Ak', name: 'Tindak lanjut konsultasi/pengaduan', selfScore: 4, evaluatorScore: 0, gap: 4 }],
      },
    }),
    line('puskesmas-teluk-dalam', {
      assessmentStatus: 'submitted',
      complete: false,
      ipp: { self: 1.8, evaluator: 0, userScore: null, userScoreRespondents: 0, userScoreMerged: false, userScoreNotMergedReason: null, final: 0 },
      category: 'F',
      predicate: 'Gagal',
      explanation: { basis: 'self', selfCategory: 'D', weakestAspects: [{ aspectCode: 'c', name: 'Sarana Prasarana', value: 1.1 }], selfMinusEvaluator: null },
    }),
    line('disdukcapil', {}),
    line('kecamatan-banjarmasin-utara', {
      assessmentStatus: 'draft',
      complete: false,
      ipp: { self: 0, evaluator: 0, userScore: null, userScoreRespondents: 0, userScoreMerged: false, userScoreNotMergedReason: null, final: 0 },
      category: 'F',
      predicate: 'Gagal',
      explanation: { basis: 'self', selfAnswered: 0, selfCategory: 'F', selfMinusEvaluator: null },
    }),
  ],
};

const rows = () => screen.getAllByRole('row').slice(1);

describe('ResultsPage: which SKPDs score C or below, and why', () => {
  it('lists only units at C or below by default, with the weakest aspect, the costliest indicator and the self/evaluator gap', async () => {
    fakeFetch({ [`GET /api/evaluation/cycles/${CYCLE}/scores`]: { status: 200, body: scores } });
    renderAt(<ResultsPage />, { path: `/siklus/${CYCLE}/hasil`, pattern: '/siklus/:cycleId/hasil', claims: ADMIN });

    expect(await screen.findByText(/2 dari 4 unit lokus berada di kategori C ke bawah; 1 unit belum mengisi penilaian mandiri/)).toBeTruthy();
    expect(rows().map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      expect.stringContaining('dinkes'),
      expect.stringContaining('puskesmas-teluk-dalam'),
    ]);

    const dinkes = rows()[0];
    expect(within(dinkes).getByText('C-')).toBeTruthy();
    expect(within(dinkes).getByText(/Konsultasi dan Pengaduan \(1\.20\)/)).toBeTruthy();
    expect(within(dinkes).getByText(/28\.e\.Ak Tindak lanjut konsultasi\/pengaduan: nilai 0, −0\.15 IPP/)).toBeTruthy();
    expect(within(dinkes).getByText(/selisih \+1\.60 terhadap evaluator/)).toBeTruthy();
    expect(within(dinkes).getByText(/selisih ≥ 2: 28\.e\.Ak \(4→0\)/)).toBeTruthy();
    expect(within(dinkes).getByText('sementara')).toBeTruthy();

    // Not yet scored by the evaluators: judged by its self-assessment, and said so.
    const puskesmas = rows()[1];
    expect(within(puskesmas).getByText('D')).toBeTruthy();
    expect(within(puskesmas).getByText(/dari penilaian mandiri/)).toBeTruthy();
  });

  it('filters by one category and shows every unit on request', async () => {
    fakeFetch({ [`GET /api/evaluation/cycles/${CYCLE}/scores`]: { status: 200, body: scores } });
    renderAt(<ResultsPage />, { path: `/siklus/${CYCLE}/hasil`, pattern: '/siklus/:cycleId/hasil', claims: ADMIN });
    const filter = await screen.findByLabelText('Tampilkan');

    await userEvent.selectOptions(filter, 'B');
    expect(rows().map((row) => within(row).getByRole('rowheader').textContent)).toEqual([expect.stringContaining('disdukcapil')]);

    await userEvent.selectOptions(filter, 'F');
    expect(screen.getByText('Tidak ada unit yang cocok dengan filter ini.')).toBeTruthy();

    // A unit that has not scored itself yet is not "F": it has no standing, and says so.
    await userEvent.selectOptions(filter, 'all');
    expect(rows()).toHaveLength(4);
    expect(within(rows()[3]).getByText('belum mengisi penilaian mandiri')).toBeTruthy();
  });

  it('offers Bagian Organisasi to publish, and renders no write button for an auditor', async () => {
    fakeFetch({ [`GET /api/evaluation/cycles/${CYCLE}/scores`]: { status: 200, body: scores } });
    const admin = renderAt(<ResultsPage />, { path: `/siklus/${CYCLE}/hasil`, pattern: '/siklus/:cycleId/hasil', claims: ADMIN });
    expect(await screen.findByRole('button', { name: /Terbitkan hasil/ })).toBeTruthy();
    admin.unmount();

    renderAt(<ResultsPage />, { path: `/siklus/${CYCLE}/hasil`, pattern: '/siklus/:cycleId/hasil', claims: AUDITOR });
    await screen.findByText(/2 dari 4 unit lokus/);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
