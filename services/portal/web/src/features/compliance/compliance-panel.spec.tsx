import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { complianceDimensionFixture, complianceFixture } from '../../evaluation-fixtures';
import { AUDITOR, fakeFetch, OPERATOR, problem, renderAt } from '../../test-support';
import { CompliancePanel } from './compliance-panel';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';
const COMPLIANCE = `/api/evaluation/cycles/${CYCLE}/units/disdukcapil/compliance`;

const OMBUDSMAN_OWN = { origin: 'ombudsman', provisional: false, source: "the Ombudsman's own method" } as const;

const complete = complianceFixture(CYCLE, 'disdukcapil', {
  dimensions: [
    complianceDimensionFixture('input', 'Dimensi Input (Kompetensi Pelaksana dan Sarana Prasarana)', { weightBp: 2185, score: 100, contribution: 15.295 }),
    complianceDimensionFixture('proses', 'Dimensi Proses (Pemenuhan Komponen Standar Pelayanan)', {
      weightBp: 3237,
      score: 85.71,
      contribution: 19.4214,
      ruleSource: OMBUDSMAN_OWN,
      sourceEventIds: ['0b9f6a3e-0000-4000-8000-000000000001', '0b9f6a3e-0000-4000-8000-000000000002'],
    }),
    complianceDimensionFixture('kepercayaan-masyarakat', 'Kepercayaan Masyarakat', {
      groupCode: 'kepercayaan-masyarakat',
      groupWeightBp: 3000,
      weightBp: 10000,
      score: 72.5,
      contribution: 21.75,
    }),
  ],
});

const incomplete = complianceFixture(CYCLE, 'disdukcapil', {
  total: 40.12,
  band: { code: 'D', label: 'Kualitas Rendah', zone: 'merah', provisional: true },
  label: 'Kualitas Rendah',
  complete: false,
  ceiling: { total: 78.3, band: { code: 'B', label: 'Kualitas Tinggi', zone: 'hijau', provisional: true } },
  dimensions: [
    complianceDimensionFixture('proses', 'Dimensi Proses (Pemenuhan Komponen Standar Pelayanan)', { weightBp: 3237, score: 85.71, contribution: 19.4214 }),
    complianceDimensionFixture('output', 'Dimensi Output (Persepsi Maladministrasi)', { weightBp: 2424, missing: 'no-skm-result' }),
    complianceDimensionFixture('kepercayaan-masyarakat', 'Kepercayaan Masyarakat', {
      groupCode: 'kepercayaan-masyarakat',
      groupWeightBp: 3000,
      weightBp: 10000,
      missing: 'no-public-trust-figure',
    }),
  ],
  maladministration: null,
  missing: [
    { part: 'output', reason: 'no-skm-result' },
    { part: 'kepercayaan-masyarakat', reason: 'no-public-trust-figure' },
    { part: 'maladministration', reason: 'no-maladministration-record' },
  ],
});

const renderPanel = (claims: Record<string, unknown> = AUDITOR) =>
  renderAt(<CompliancePanel cycleId={CYCLE} unitId="disdukcapil" />, { path: '/unit', claims });

const panel = () => screen.findByRole('region', { name: 'Kepatuhan Ombudsman' });
const rowOf = (table: HTMLElement, name: string) => within(table).getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });

describe('CompliancePanel: the Ombudsman compliance grade evaluation computes', () => {
  it('shows the total in id-ID, the band with its zone in words, the pinned ruleset by name and every dimension', async () => {
    fakeFetch({ [`GET ${COMPLIANCE}`]: { status: 200, body: complete } });
    renderPanel();

    const region = await panel();
    await waitFor(() => expect(region.textContent).toContain('Nilai 88,02'));
    const text = region.textContent ?? '';
    expect(text).toContain('A — Kualitas Tertinggi');
    expect(within(region).getByText('Zona hijau').className).toContain('zone-hijau');
    expect(text).toContain('Kualitas Tertinggi Tanpa Maladministrasi');
    expect(text).toContain('Aturan: Ombudsman 2025 (Opini Ombudsman) versi 1');
    expect(text).not.toContain('Nilai sementara');

    const table = within(region).getByRole('table', { name: 'Nilai per dimensi (0–100)' });
    const input = rowOf(table, 'Dimensi Input');
    expect(
      within(input)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['21,85% dari 70%', '100,00', '15,30', 'Pemetaan PantauSementara']);
    const process = rowOf(table, 'Dimensi Proses');
    expect(
      within(process)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['32,37% dari 70%', '85,71', '19,42', 'Metode Ombudsman']);
    expect(within(rowOf(table, 'Kepercayaan Masyarakat')).getAllByRole('cell')[0].textContent).toBe('100% dari 30%');
    expect(within(process).getByRole('rowheader').textContent).toContain('bukti peristiwa (2)');
  });

  it('an incomplete grade says it is provisional, how many dimensions have no data and why, and its range', async () => {
    fakeFetch({ [`GET ${COMPLIANCE}`]: { status: 200, body: incomplete } });
    renderPanel();

    const region = await panel();
    await waitFor(() => expect(region.textContent).toContain('Nilai 40,12'));
    expect(region.textContent).toContain('Nilai sementara: 2 dimensi belum ada data; catatan maladministrasi belum dicatat; rentang 40,12–78,30.');
    expect(within(region).getByText('Zona merah').className).toContain('zone-merah');
    const table = within(region).getByRole('table', { name: 'Nilai per dimensi (0–100)' });
    expect(within(rowOf(table, 'Dimensi Output')).getAllByRole('cell')[1].textContent).toBe('belum ada data: belum ada hasil SKM');
    expect(within(rowOf(table, 'Kepercayaan Masyarakat')).getAllByRole('cell')[1].textContent).toBe(
      'belum ada data: angka kepercayaan masyarakat belum dicatat',
    );
  });

  it('404 COMPLIANCE.GRADE_NOT_FOUND: "Belum ada nilai kepatuhan", not an error', async () => {
    fakeFetch({
      [`GET ${COMPLIANCE}`]: problem(404, 'COMPLIANCE.GRADE_NOT_FOUND', 'no compliance grade', undefined, 'Nilai kepatuhan unit ini belum ada.'),
    });
    renderPanel(OPERATOR);

    const region = await panel();
    await waitFor(() => expect(region.textContent).toContain('Belum ada nilai kepatuhan'));
    expect(within(region).queryByRole('alert')).toBeNull();
    expect(within(region).queryByLabelText('Bandingkan dengan aturan lain')).toBeNull();
  });

  it('another error of the read is shown as one', async () => {
    fakeFetch({ [`GET ${COMPLIANCE}`]: problem(503, 'HTTP.503', 'unavailable', undefined, 'Layanan sedang tidak tersedia.') });
    renderPanel();

    const alert = await within(await panel()).findByRole('alert');
    expect(alert.textContent).toContain('Layanan sedang tidak tersedia.');
  });

  it('what-if: grades the same input under another shipped ruleset, marked "simulasi, tidak disimpan"', async () => {
    const whatIf = complianceFixture(CYCLE, 'disdukcapil', {
      ruleset: { id: 'ombudsman-2021', version: 1, title: 'Ombudsman RI — Penilaian Kepatuhan terhadap Standar Pelayanan Publik (zonasi, s.d. 2021)' },
      whatIf: true,
      total: 76.74,
      band: { code: 'kuning', label: 'Kepatuhan Sedang', zone: 'kuning', provisional: false },
      label: 'Kepatuhan Sedang',
      maladministration: null,
    });
    const calls = fakeFetch({
      [`GET ${COMPLIANCE}?ruleset=ombudsman-2021&version=1`]: { status: 200, body: whatIf },
      [`GET ${COMPLIANCE}`]: { status: 200, body: complete },
    });
    renderPanel(OPERATOR);

    const region = await panel();
    const choice = await within(region).findByLabelText('Bandingkan dengan aturan lain');
    expect(
      within(choice)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Tidak membandingkan', 'Ombudsman 2022–2024 (Penilaian Kepatuhan, opini A–E)', 'Ombudsman s.d. 2021 (Kepatuhan Standar Pelayanan, zonasi)']);
    await userEvent.selectOptions(choice, 'Ombudsman s.d. 2021 (Kepatuhan Standar Pelayanan, zonasi)');

    const simulation = await within(region).findByRole('region', { name: 'Simulasi: Ombudsman s.d. 2021 (Kepatuhan Standar Pelayanan, zonasi)' });
    await waitFor(() => expect(simulation.textContent).toContain('Nilai 76,74'));
    expect(simulation.textContent).toContain('Simulasi, tidak disimpan');
    expect(simulation.textContent).toContain('Nilai 76,74 · Kepatuhan Sedang Zona kuning');
    expect(within(simulation).getByText('Zona kuning')).toBeTruthy();
    expect(calls.map((call) => call.url)).toEqual([COMPLIANCE, `${COMPLIANCE}?ruleset=ombudsman-2021&version=1`]);
    // the recorded grade stays as it was beside the simulation
    expect(region.textContent).toContain('Nilai 88,02');

    await userEvent.selectOptions(choice, 'Tidak membandingkan');
    expect(within(region).queryByRole('region', { name: /^Simulasi/ })).toBeNull();
  });

  it('reads a national auditor’s Pemda in the tenant it names', async () => {
    const calls = fakeFetch({ [`GET ${COMPLIANCE}`]: { status: 200, body: complete } });
    renderAt(<CompliancePanel cycleId={CYCLE} unitId="disdukcapil" tenantId="kabupaten-banjar" />, { path: '/unit', claims: AUDITOR });

    await waitFor(() => expect(calls.map((call) => call.url)).toEqual([`${COMPLIANCE}?tenantId=kabupaten-banjar`]));
  });
});
