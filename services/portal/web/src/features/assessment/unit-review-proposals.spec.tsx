import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CycleDetail, CycleScores, IndicatorProposal, UnitProposals } from '../../api/evaluation';
import {
  aspectFixture,
  assessmentFixture,
  complianceFixture,
  cyclePhasesFixture,
  indicatorFixture,
  LOKUS_PHASES_FIXTURE,
  proposalFixture,
  rulesetFixture,
  unitScoreFixture,
} from '../../evaluation-fixtures';
import { ADMIN, AUDITOR, EVALUATOR, fakeFetch, problem, type RecordedCall, renderAt } from '../../test-support';
import { UnitReviewPage } from './unit-review-page';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';
const EVALUATION = '/api/evaluation';
const UNIT = `${EVALUATION}/cycles/${CYCLE}/units/disdukcapil`;

const cycle: CycleDetail = {
  cycleId: CYCLE,
  name: 'PEKPPP 2026',
  status: 'open',
  ruleset: { id: 'pekppp-2023', version: 1 },
  kodeBRuleset: null,
  complianceRuleset: { id: 'ombudsman-2025', version: 1 },
  windowStart: '2026-01-01',
  windowEnd: '2026-12-31',
  selfAssessmentDue: '2026-06-30',
  ...cyclePhasesFixture('2026-01-01', '2026-12-31', '2026-06-30'),
  units: [
    {
      unitId: 'disdukcapil',
      unitName: 'Dinas Kependudukan dan Pencatatan Sipil',
      kode: 'A',
      evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'],
      leadEvaluatorId: 'dev-evaluator-1',
      userScore: null,
      ...LOKUS_PHASES_FIXTURE,
    },
  ],
  version: 3,
};

const ruleset = rulesetFixture([
  aspectFixture([
    indicatorFixture('1.a.Ak', 'Tersedia Standar Pelayanan sesuai peraturan'),
    indicatorFixture('6.a.B', 'Survei Kepuasan Masyarakat sesuai PermenPANRB'),
    indicatorFixture('28.e.Ak', 'Tindak lanjut konsultasi/pengaduan'),
  ]),
]);

const assessment = assessmentFixture(CYCLE, 'disdukcapil', {
  status: 'submitted',
  answers: { '6.a.B': { indicatorCode: '6.a.B', score: 4, justification: 'SKM semester I dilaksanakan dan dipublikasikan', evidenceIds: ['e1'] } },
  evidence: {
    '6.a.B': [{ evidenceId: 'e1', kind: 'link', name: 'Laporan SKM 2026', location: 'https://jdih.example/skm.pdf', sha256: '', sizeBytes: 0, mediaType: '' }],
  },
  version: 7,
});

const skmProposal = proposalFixture('6.a.B', {
  level: 1,
  figures: {
    surveyId: 'skm-disdukcapil-2026-1',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    surveyRuleset: 'skm-2017@1',
    perRegulationRuleset: true,
    ikmConverted: 82.5,
    sample: {
      population: 0,
      populationUsed: 'completed-requests',
      declaredPopulation: null,
      declaredSource: null,
      declaredOn: null,
      completedRequests: 0,
      requiredSample: 0,
      responses: 55,
      adequate: false,
      sourceEventIds: [],
    },
    publicationMediaKinds: [],
    publishedNonElectronic: false,
    publishedElectronic: false,
    completedFollowUps: 0,
  },
  explanation:
    'SKM periode 2026-01-01 s.d. 2026-06-30 belum sesuai PermenPANRB 14/2017 karena populasinya 0 menurut permohonan selesai yang tercatat di Pantau, sehingga 55 responden tidak dapat dinilai sebagai sampel yang memadai.',
  sourceEventIds: ['0b9f6a3e-0000-4000-8000-00000000000a', '0b9f6a3e-0000-4000-8000-00000000000b', '0b9f6a3e-0000-4000-8000-00000000000c'],
  selfClaim: {
    score: 4,
    justification: 'SKM semester I dilaksanakan dan dipublikasikan',
    evidence: [{ evidenceId: 'e1', kind: 'link', name: 'Laporan SKM 2026' }],
    claimedBy: null,
  },
});

const complaintProposal = proposalFixture('28.e.Ak', {
  level: 4,
  ruleId: 'complaint-resolution-share',
  ruleSource: { kind: 'kemenpanrb-level-text', reason: 'share resolved of complaints received' },
  provisional: false,
  figures: { received: 8, resolved: 6, resolvedPercent: 75, viaLapor: { received: 4, resolved: 3, resolvedPercent: 75 } },
  explanation: '3 dari 4 pengaduan yang masuk ke SP4N-LAPOR! ditindaklanjuti hingga selesai (75%).',
  sourceEventIds: ['0b9f6a3e-0000-4000-8000-00000000000d'],
  decision: {
    status: 'confirmed',
    score: 4,
    marks: [{ evaluatorId: 'dev-evaluator-1', kind: 'confirmed', score: 4, note: '', decidedAt: '2026-07-02T03:00:00.000Z', decisive: true }],
  },
});

const requestSla: UnitProposals['requestSla'] = [
  {
    serviceId: 'svc-ktp',
    name: 'Penerbitan KTP-el',
    completed: 8,
    completedOnTime: 7,
    onTimePercent: 87.5,
    breaches: [
      {
        requestId: '5d2f1a9c-0000-4000-8000-00000000c0de',
        serviceId: 'svc-ktp',
        dueDate: '2026-02-03',
        detectedOn: '2026-02-04',
        eventId: '0b9f6a3e-0000-4000-8000-000000000011',
      },
    ],
    sourceEventIds: ['0b9f6a3e-0000-4000-8000-000000000011'],
  },
];

const proposals = (...shown: IndicatorProposal[]): UnitProposals => ({ cycleId: CYCLE, unitId: 'disdukcapil', proposals: shown, requestSla });

const unitScore = unitScoreFixture(CYCLE, 'disdukcapil', { assessmentStatus: 'submitted', proposedOnlyIndicatorCodes: ['6.a.B'] });
const scores: CycleScores = { cycleId: CYCLE, name: cycle.name, status: 'open', ruleset: { id: 'pekppp-2023', version: 1, provisional: true }, units: [] };

const reply = (version: number) => ({ streamId: `assessment-kota-banjarmasin/${CYCLE}/disdukcapil`, version, appended: 1, duplicate: false });

type Answer = Parameters<typeof fakeFetch>[0][string];

/**
 * The unit review page's reads, with `changes` (the commands under test, and reads that change) in their place:
 * a changed read keeps its place in the order, so the cycle's own read, a prefix of every other, stays last.
 */
function serve(changes: Record<string, Answer>): RecordedCall[] {
  return fakeFetch({
    [`GET ${UNIT}/proposals`]: { status: 200, body: proposals(skmProposal, complaintProposal) },
    [`GET ${UNIT}/compliance`]: { status: 200, body: complianceFixture(CYCLE, 'disdukcapil') },
    [`GET ${UNIT}/assessment`]: { status: 200, body: assessment },
    [`GET ${UNIT}/score`]: { status: 200, body: unitScore },
    [`GET ${EVALUATION}/rulesets/pekppp-2023/versions/1`]: { status: 200, body: ruleset },
    [`GET ${EVALUATION}/cycles/${CYCLE}/scores`]: { status: 200, body: scores },
    [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: cycle },
    ...changes,
  });
}

const renderPage = (claims: Record<string, unknown> = EVALUATOR) =>
  renderAt(<UnitReviewPage cycleId={CYCLE} unitId="disdukcapil" />, {
    path: `/siklus/${CYCLE}/unit/disdukcapil`,
    pattern: '/siklus/:cycleId/unit/:unitId',
    claims,
  });

const indicatorCard = (name: string) => screen.findByRole('article', { name });
const SKM = '6.a.B Survei Kepuasan Masyarakat sesuai PermenPANRB';
const COMPLAINTS = '28.e.Ak Tindak lanjut konsultasi/pengaduan';

const sent = (calls: RecordedCall[]) => calls.filter((call) => call.method !== 'GET');
const reads = (calls: RecordedCall[], path: string) => calls.filter((call) => call.method === 'GET' && call.url.startsWith(path)).length;

describe('UnitReviewPage: the proposals from events beside the F-01 claims', () => {
  it("shows each proposal beside the unit's F-01 claim: level, explanation, rule, figures by name, events collapsed", async () => {
    serve({});
    renderPage();

    const card = await indicatorCard(SKM);
    const claim = within(card).getByRole('region', { name: 'Klaim SKPD (F-01)' });
    expect(claim.textContent).toContain('Nilai mandiri: 4 — melibatkan masyarakat');
    expect(claim.textContent).toContain('SKM semester I dilaksanakan dan dipublikasikan');

    const proposal = within(card).getByRole('region', { name: 'Usulan dari peristiwa' });
    const text = proposal.textContent ?? '';
    expect(text).toContain('Level 1 — tersedia sebagian');
    expect(text).toContain('Klaim SKPD 3 level di atas usulan');
    expect(text).toContain(skmProposal.explanation);
    expect(text).toContain('Aturan Pantau (sementara)');
    expect(text).toContain('Ambang/teks level belum diverifikasi');
    expect(text).toContain('Diusulkan');
    expect(text).toContain('Akhir periode SKM: 30/6/2026');
    expect(text).toContain('Nilai IKM: 82,5');
    expect(text).toContain('Responden: 55');
    expect(text).toContain('Dasar populasi: permohonan selesai di Pantau');
    expect(within(proposal).getByText('bukti peristiwa (3)').tagName).toBe('SUMMARY');
    expect(text).not.toContain('skm-disdukcapil-2026-1');
    expect(text).not.toContain('surveyId');
    expect(within(card).queryByRole('group', { name: 'Nilai evaluator 6.a.B' })).toBeNull();

    const complaints = within(await indicatorCard(COMPLAINTS)).getByRole('region', { name: 'Usulan dari peristiwa' });
    expect(complaints.textContent).toContain('Aturan KemenPANRB');
    expect(complaints.textContent).not.toContain('belum diverifikasi');
    expect(complaints.textContent).toContain('Dikonfirmasi · nilai akhir 4');
    expect(complaints.textContent).toContain('Anda (ketua tim): mengonfirmasi usulan, nilai 4');
    expect(complaints.textContent).toContain('Persentase diselesaikan: 75%');

    // An indicator events cannot evidence keeps the evaluator's own F-02 form.
    const standard = await indicatorCard('1.a.Ak Tersedia Standar Pelayanan sesuai peraturan');
    expect(within(standard).queryByRole('region', { name: 'Usulan dari peristiwa' })).toBeNull();
    expect(within(standard).getByRole('group', { name: 'Nilai evaluator 1.a.Ak' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('PEKPPP 2026: Dinas Kependudukan dan Pencatatan Sipil');
  });

  it('confirming sends the level on screen as expectedLevel, then shows the decision once the service has it', async () => {
    let confirmed = false;
    const calls = serve({
      [`POST ${UNIT}/proposals/6.a.B/confirmation`]: () => {
        confirmed = true;
        return { status: 200, body: reply(8) };
      },
      [`GET ${UNIT}/assessment`]: () => ({ status: 200, body: { ...assessment, version: confirmed ? 8 : 7 } }),
      [`GET ${UNIT}/proposals`]: () => ({
        status: 200,
        body: proposals(
          confirmed
            ? {
                ...skmProposal,
                decision: {
                  status: 'confirmed',
                  score: 1,
                  marks: [{ evaluatorId: 'dev-evaluator-1', kind: 'confirmed', score: 1, note: '', decidedAt: '2026-07-03T01:00:00.000Z', decisive: true }],
                },
              }
            : skmProposal,
          complaintProposal,
        ),
      }),
    });
    renderPage();

    const card = await indicatorCard(SKM);
    await userEvent.click(within(card).getByRole('button', { name: 'Konfirmasi usulan' }));

    const proposal = within(card).getByRole('region', { name: 'Usulan dari peristiwa' });
    await waitFor(() => expect(proposal.textContent).toContain('Dikonfirmasi · nilai akhir 1'));
    expect(sent(calls).map((call) => [call.method, call.url, call.body])).toEqual([['POST', `${UNIT}/proposals/6.a.B/confirmation`, { expectedLevel: 1 }]]);
    expect(sent(calls)[0].headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(reads(calls, `${UNIT}/proposals`)).toBe(2);
    expect(reads(calls, `${UNIT}/score`)).toBe(2);
  });

  it('409 PROPOSAL.CHANGED: says in Indonesian which level the proposal moved to, and shows the new proposal', async () => {
    let moved = false;
    const calls = serve({
      [`POST ${UNIT}/proposals/6.a.B/confirmation`]: () => {
        moved = true;
        return problem(
          409,
          'PROPOSAL.CHANGED',
          'the proposal of 6.a.B is now level 3, not the 1 confirmed',
          undefined,
          'Usulan nilai indikator ini sudah berubah sejak Anda melihatnya.',
          { indicatorCode: '6.a.B', expectedLevel: 1, currentLevel: 3 },
        );
      },
      [`GET ${UNIT}/proposals`]: () => ({ status: 200, body: proposals(moved ? { ...skmProposal, level: 3 } : skmProposal, complaintProposal) }),
    });
    renderPage();

    const card = await indicatorCard(SKM);
    await userEvent.click(within(card).getByRole('button', { name: 'Konfirmasi usulan' }));

    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Usulan sudah berubah menjadi level 3 sejak halaman ini dibuka. Periksa usulan terbaru, lalu konfirmasi kembali.');
    const proposal = within(card).getByRole('region', { name: 'Usulan dari peristiwa' });
    await waitFor(() => expect(proposal.textContent).toContain('Level 3 — ditetapkan'));
    expect(reads(calls, `${UNIT}/proposals`)).toBe(2);
  });

  it('overriding needs a score and a note: said next to each field before anything is sent, then the server’s field errors too', async () => {
    const calls = serve({
      [`POST ${UNIT}/proposals/6.a.B/override`]: problem(400, 'INPUT.INVALID', 'note: note must be shorter than or equal to 5000 characters', [
        { field: 'note', rule: 'maxLength', message: 'Catatan paling banyak 5000 karakter.' },
      ]),
    });
    renderPage();

    const card = await indicatorCard(SKM);
    await userEvent.click(within(card).getByRole('button', { name: 'Ubah nilai' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Simpan perubahan' }));

    const note = within(card).getByLabelText('Catatan perubahan 6.a.B');
    const messageOf = (field: HTMLElement) => (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(note)).toContain('Catatan wajib diisi: jelaskan dasar nilai yang Anda berikan.');
    expect(within(card).getByRole('group', { name: 'Nilai baru 6.a.B' }).textContent).toContain('Pilih nilai 0–5.');

    await userEvent.click(within(within(card).getByRole('group', { name: 'Nilai baru 6.a.B' })).getByRole('radio', { name: '3 — ditetapkan' }));
    await userEvent.type(note, '   ');
    await userEvent.click(within(card).getByRole('button', { name: 'Simpan perubahan' }));
    expect(messageOf(note)).toContain('Catatan wajib diisi: jelaskan dasar nilai yang Anda berikan.');
    expect(sent(calls)).toEqual([]);

    await userEvent.type(note, 'Populasi dinyatakan Bagian Organisasi menurut data SIAK');
    await userEvent.click(within(card).getByRole('button', { name: 'Simpan perubahan' }));

    await waitFor(() => expect(messageOf(note)).toContain('Catatan paling banyak 5000 karakter.'));
    expect(sent(calls).map((call) => [call.url, call.body])).toEqual([
      [`${UNIT}/proposals/6.a.B/override`, { score: 3, note: 'Populasi dinyatakan Bagian Organisasi menurut data SIAK' }],
    ]);
  });

  it('an override that is recorded shows as "Diubah evaluator" with its note', async () => {
    let overridden = false;
    serve({
      [`POST ${UNIT}/proposals/6.a.B/override`]: () => {
        overridden = true;
        return { status: 200, body: reply(8) };
      },
      [`GET ${UNIT}/assessment`]: () => ({ status: 200, body: { ...assessment, version: overridden ? 8 : 7 } }),
      [`GET ${UNIT}/proposals`]: () => ({
        status: 200,
        body: proposals(
          overridden
            ? {
                ...skmProposal,
                decision: {
                  status: 'overridden',
                  score: 3,
                  marks: [{ evaluatorId: 'dev-evaluator-2', kind: 'overridden', score: 3, note: 'Populasi dari data SIAK', decidedAt: null, decisive: true }],
                },
              }
            : skmProposal,
          complaintProposal,
        ),
      }),
    });
    renderPage();

    const card = await indicatorCard(SKM);
    await userEvent.click(within(card).getByRole('button', { name: 'Ubah nilai' }));
    await userEvent.click(within(within(card).getByRole('group', { name: 'Nilai baru 6.a.B' })).getByRole('radio', { name: '3 — ditetapkan' }));
    await userEvent.type(within(card).getByLabelText('Catatan perubahan 6.a.B'), 'Populasi dari data SIAK');
    await userEvent.click(within(card).getByRole('button', { name: 'Simpan perubahan' }));

    const proposal = within(card).getByRole('region', { name: 'Usulan dari peristiwa' });
    await waitFor(() => expect(proposal.textContent).toContain('Diubah evaluator · nilai akhir 3'));
    expect(proposal.textContent).toContain('Evaluator anggota: mengubah nilai, nilai 3 — Populasi dari data SIAK');
  });

  it('the score panel names the indicators that are still only proposed', async () => {
    serve({});
    renderPage();

    const panel = await screen.findByRole('region', { name: 'Nilai dan yang perlu diperbaiki' });
    await waitFor(() =>
      expect(panel.textContent).toContain('Masih usulan, belum dikonfirmasi: 6.a.B Survei Kepuasan Masyarakat sesuai PermenPANRB (belum dihitung dalam IPP)'),
    );
  });

  it('an auditor reads the proposals and decisions but gets no actions', async () => {
    serve({});
    renderPage(AUDITOR);

    const card = await indicatorCard(SKM);
    expect(within(card).getByRole('region', { name: 'Usulan dari peristiwa' }).textContent).toContain('Level 1 — tersedia sebagian');
    expect(within(card).queryByRole('button', { name: 'Konfirmasi usulan' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Ubah nilai' })).toBeNull();
  });
});

describe('UnitReviewPage: the compliance evaluation computes', () => {
  it('shows the Ombudsman compliance grade and the request SLA compliance per service from the proposals answer', async () => {
    serve({});
    renderPage(AUDITOR);

    const compliance = await screen.findByRole('region', { name: 'Kepatuhan Ombudsman' });
    await waitFor(() => expect(compliance.textContent).toContain('Nilai 88,02'));
    expect(compliance.textContent).toContain('Ombudsman 2025 (Opini Ombudsman)');
    expect(within(compliance).queryByRole('form', { name: 'Catat pengamatan kepatuhan' })).toBeNull();

    const sla = within(screen.getByRole('region', { name: 'Kepatuhan waktu layanan' })).getByRole('table');
    const ktp = within(sla).getByRole('row', { name: /^Penerbitan KTP-el/ });
    expect(
      within(ktp)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['8', '7', '87,5%', 'Permohonan 5d2f1a9c… · jatuh tempo 3/2/2026 · terdeteksi 4/2/2026']);
  });

  it.each([
    ['the unit’s evaluator', EVALUATOR, true],
    ['Bagian Organisasi', ADMIN, true],
    ['an evaluator not assigned to the unit', { ...EVALUATOR, sub: 'dev-evaluator-9' }, false],
    ['an auditor', AUDITOR, false],
  ])('%s: observation form shown = %s', async (_who, claims, shown) => {
    serve({});
    renderPage(claims);

    const compliance = await screen.findByRole('region', { name: 'Kepatuhan Ombudsman' });
    await waitFor(() => expect(compliance.textContent).toContain('Nilai 88,02'));
    expect(within(compliance).queryByRole('form', { name: 'Catat pengamatan kepatuhan' }) !== null).toBe(shown);
  });

  it('no observation form once the results are published', async () => {
    serve({ [`GET ${EVALUATION}/cycles/${CYCLE}`]: { status: 200, body: { ...cycle, status: 'published' } } });
    renderPage(ADMIN);

    const compliance = await screen.findByRole('region', { name: 'Kepatuhan Ombudsman' });
    await waitFor(() => expect(compliance.textContent).toContain('Nilai 88,02'));
    expect(within(compliance).queryByRole('form', { name: 'Catat pengamatan kepatuhan' })).toBeNull();
  });
});
