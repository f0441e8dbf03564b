import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { complianceFixture } from '../../evaluation-fixtures';
import { ADMIN, AUDITOR, EVALUATOR, fakeFetch, problem, type RecordedCall, renderAt } from '../../test-support';
import { CompliancePanel } from './compliance-panel';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';
const COMPLIANCE = `/api/evaluation/cycles/${CYCLE}/units/disdukcapil/compliance`;
const OBSERVATIONS = `${COMPLIANCE}/observations`;

const grade = complianceFixture(CYCLE, 'disdukcapil');
const reply = { streamId: `compliance-kota-banjarmasin/${CYCLE}/disdukcapil`, version: 2, appended: 1, duplicate: false };

const renderPanel = (claims: Record<string, unknown> = EVALUATOR, canRecord = true) =>
  renderAt(<CompliancePanel cycleId={CYCLE} unitId="disdukcapil" canRecord={canRecord} />, { path: '/unit', claims });

const form = () => screen.findByRole('form', { name: 'Catat pengamatan kepatuhan' });
const sent = (calls: RecordedCall[]) => calls.filter((call) => call.method !== 'GET');
/** The messages a field announces with it (aria-describedby): its error and hint. */
const notesOf = (field: HTMLElement) => (field.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
const save = (within_: HTMLElement) => userEvent.click(within(within_).getByRole('button', { name: 'Simpan pengamatan' }));

describe('CompliancePanel: recording what no event says (observations)', () => {
  it('says in Indonesian, next to each field, what is missing or off scale, and sends nothing', async () => {
    const calls = fakeFetch({ [`GET ${COMPLIANCE}`]: { status: 200, body: grade } });
    renderPanel();
    const observation = await form();

    await save(observation);
    expect(within(observation).getByRole('alert').textContent).toContain(
      'Isi paling sedikit satu bagian: butir input, kepercayaan masyarakat, atau catatan maladministrasi.',
    );

    await userEvent.click(within(within(observation).getByRole('group', { name: 'Nilai Kompetensi pelaksana (0–3)' })).getByRole('radio', { name: '2' }));
    await userEvent.type(within(observation).getByLabelText('Catatan Sarana dan prasarana'), 'Ruang tunggu tanpa kursi prioritas');
    await userEvent.type(within(observation).getByLabelText('Kepercayaan masyarakat (0–100)'), '150');
    await userEvent.type(within(observation).getByLabelText('Maladministrasi terbukti (jumlah)'), '1,5');
    await save(observation);

    expect(notesOf(within(observation).getByLabelText('Catatan Kompetensi pelaksana'))).toContain('Catatan wajib diisi: apa yang Anda amati.');
    expect(within(observation).getByRole('group', { name: 'Nilai Sarana dan prasarana (0–3)' }).textContent).toContain('Pilih nilai 0–3.');
    expect(notesOf(within(observation).getByLabelText('Kepercayaan masyarakat (0–100)'))).toContain('Isi angka 0–100, paling banyak 2 desimal.');
    expect(notesOf(within(observation).getByLabelText('Sumber angka kepercayaan masyarakat'))).toContain('Sumber wajib diisi: dari mana angka ini berasal.');
    expect(notesOf(within(observation).getByLabelText('Maladministrasi terbukti (jumlah)'))).toContain('Isi bilangan bulat 0 atau lebih.');
    expect(notesOf(within(observation).getByLabelText('Tindakan korektif, saran atau rekomendasi Ombudsman yang belum ditindaklanjuti (jumlah)'))).toContain(
      'Isi bilangan bulat 0 atau lebih.',
    );
    expect(within(observation).getByLabelText('Kepercayaan masyarakat (0–100)').getAttribute('aria-invalid')).toBe('true');
    expect(sent(calls)).toEqual([]);
  });

  it('sends the parts filled in (decimal comma accepted), then shows the grade the service recomputed', async () => {
    let recorded = false;
    const calls = fakeFetch({
      [`PUT ${OBSERVATIONS}`]: () => {
        recorded = true;
        return { status: 200, body: reply };
      },
      [`GET ${COMPLIANCE}`]: () => ({
        status: 200,
        body: recorded ? { ...grade, total: 91.4, label: 'Kualitas Tertinggi Tanpa Maladministrasi' } : grade,
      }),
    });
    renderPanel(ADMIN);
    const observation = await form();

    await userEvent.click(within(within(observation).getByRole('group', { name: 'Nilai Kompetensi pelaksana (0–3)' })).getByRole('radio', { name: '3' }));
    await userEvent.type(within(observation).getByLabelText('Catatan Kompetensi pelaksana'), '  Petugas loket bersertifikat pelayanan prima ');
    await userEvent.type(within(observation).getByLabelText('Kepercayaan masyarakat (0–100)'), '72,5');
    await userEvent.type(within(observation).getByLabelText('Sumber angka kepercayaan masyarakat'), 'Survei Ombudsman RI 2026');
    await userEvent.type(within(observation).getByLabelText('Maladministrasi terbukti (jumlah)'), '0');
    await userEvent.type(within(observation).getByLabelText('Tindakan korektif, saran atau rekomendasi Ombudsman yang belum ditindaklanjuti (jumlah)'), '1');
    await userEvent.type(within(observation).getByLabelText('Dasar catatan maladministrasi (opsional)'), 'LAHP 12/2026');
    await save(observation);

    await waitFor(() => expect(within(observation).getByRole('status').textContent).toBe('Pengamatan tersimpan; nilai kepatuhan diperbarui.'));
    expect(sent(calls).map((call) => [call.method, call.url, call.body])).toEqual([
      [
        'PUT',
        OBSERVATIONS,
        {
          items: [{ dimension: 'input', itemCode: 'kompetensi-pelaksana', score: 3, note: 'Petugas loket bersertifikat pelayanan prima' }],
          publicTrust: { score: 72.5, source: 'Survei Ombudsman RI 2026' },
          maladministration: { substantiatedFindings: 0, unresolvedOmbudsmanActions: 1, note: 'LAHP 12/2026' },
        },
      ],
    ]);
    expect(sent(calls)[0].headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Kepatuhan Ombudsman' }).textContent).toContain('Nilai 91,40'));
    expect((within(observation).getByLabelText('Kepercayaan masyarakat (0–100)') as HTMLInputElement).value).toBe('');
  });

  it('puts the server’s 400 field errors next to the fields they name, items by the row that was sent', async () => {
    const calls = fakeFetch({
      [`PUT ${OBSERVATIONS}`]: problem(400, 'INPUT.INVALID', 'items[0].note: too long; publicTrust.source: too long', [
        { field: 'items[0].note', rule: 'maxLength', message: 'Catatan paling banyak 5000 karakter.' },
        { field: 'publicTrust.source', rule: 'maxLength', message: 'Sumber paling banyak 2000 karakter.' },
      ]),
      [`GET ${COMPLIANCE}`]: { status: 200, body: grade },
    });
    renderPanel();
    const observation = await form();

    await userEvent.click(within(within(observation).getByRole('group', { name: 'Nilai Sarana dan prasarana (0–3)' })).getByRole('radio', { name: '1' }));
    await userEvent.type(within(observation).getByLabelText('Catatan Sarana dan prasarana'), 'Toilet difabel terkunci');
    await userEvent.type(within(observation).getByLabelText('Kepercayaan masyarakat (0–100)'), '80');
    await userEvent.type(within(observation).getByLabelText('Sumber angka kepercayaan masyarakat'), 'Survei');
    await save(observation);

    await waitFor(() => expect(notesOf(within(observation).getByLabelText('Catatan Sarana dan prasarana'))).toContain('Catatan paling banyak 5000 karakter.'));
    expect(notesOf(within(observation).getByLabelText('Sumber angka kepercayaan masyarakat'))).toContain('Sumber paling banyak 2000 karakter.');
    expect(notesOf(within(observation).getByLabelText('Catatan Kompetensi pelaksana'))).not.toContain('Catatan paling banyak 5000 karakter.');
    expect(sent(calls)[0].body).toEqual({
      items: [{ dimension: 'input', itemCode: 'sarana-prasarana', score: 1, note: 'Toilet difabel terkunci' }],
      publicTrust: { score: 80, source: 'Survei' },
    });
  });

  it('a refusal the service explains (409) is shown with its Indonesian message', async () => {
    fakeFetch({
      [`PUT ${OBSERVATIONS}`]: problem(409, 'COMPLIANCE.EVALUATOR_NOT_ASSIGNED', 'not assigned', undefined, 'Anda bukan evaluator unit lokus ini.'),
      [`GET ${COMPLIANCE}`]: { status: 200, body: grade },
    });
    renderPanel();
    const observation = await form();

    await userEvent.type(within(observation).getByLabelText('Maladministrasi terbukti (jumlah)'), '0');
    await userEvent.type(within(observation).getByLabelText('Tindakan korektif, saran atau rekomendasi Ombudsman yang belum ditindaklanjuti (jumlah)'), '0');
    await save(observation);

    expect((await within(observation).findByRole('alert')).textContent).toContain('Anda bukan evaluator unit lokus ini.');
  });

  it('readers without the right get no form', async () => {
    fakeFetch({ [`GET ${COMPLIANCE}`]: { status: 200, body: grade } });
    renderPanel(AUDITOR, false);

    await waitFor(() => expect(screen.getByRole('region', { name: 'Kepatuhan Ombudsman' }).textContent).toContain('Nilai 88,02'));
    expect(screen.queryByRole('form', { name: 'Catat pengamatan kepatuhan' })).toBeNull();
  });
});
