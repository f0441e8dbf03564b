import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SkmResult, SurveyRef } from '../../api/survey';
import { ADMIN, fakeFetch, problem, renderAt } from '../../test-support';
import { DeclarePopulation } from './declare-population';

const REF: SurveyRef = { unitId: 'rsud', periodKind: 'quarter', periodStart: '2026-01-01' };
const SURVEY_PATH = '/api/survey/units/rsud/skm-surveys/quarter/2026-01-01';

const result = (overrides: Partial<SkmResult> = {}): SkmResult => ({
  respondents: 55,
  unsur: [],
  ikm: 3.2,
  ikmConverted: 80,
  band: 'B',
  bandLabel: 'Baik',
  weakestUnsur: 'U3',
  population: 0,
  requiredSample: 0,
  sampleAdequate: false,
  ruleset: 'skm-2017@1',
  provisional: true,
  populationSource: 'completed-requests',
  provisionalParts: ['sampleSize'],
  declaredPopulationSource: '',
  populationDeclaredAt: '',
  completedRequests: 0,
  ...overrides,
});

const render = (shown: SkmResult) => renderAt(<DeclarePopulation surveyRef={REF} surveyId="srv-1" result={shown} />, { path: '/skm', claims: ADMIN });

describe('DeclarePopulation: Bagian Organisasi gives the period its population', () => {
  it('says a unit without completed requests has population 0, and sends the declaration with its source', async () => {
    const calls = fakeFetch({
      [`PUT ${SURVEY_PATH}/population`]: { status: 200, body: { streamId: 's', version: 57, appended: 1, duplicate: false } },
      [`GET ${SURVEY_PATH}/result`]: { status: 200, body: { version: 57 } },
    });
    render(result());
    expect(screen.getByText(/0 permohonan yang selesai dalam periode/)).toBeTruthy();
    expect(screen.getByText(/sampel tidak dapat dinilai memadai/)).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Jumlah populasi'), '1250');
    await userEvent.type(screen.getByLabelText('Sumber data populasi'), 'Data pemohon SIAK 2026 triwulan I');
    await userEvent.click(screen.getByRole('button', { name: 'Nyatakan populasi' }));

    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ population: 1250, source: 'Data pemohon SIAK 2026 triwulan I' });
  });

  it('shows the declared population in Indonesian figures with its source, offered for correction', () => {
    fakeFetch({});
    render(
      result({
        population: 1250,
        populationSource: 'declared',
        declaredPopulationSource: 'Data pemohon SIAK 2026 triwulan I',
        populationDeclaredAt: '2026-02-03T02:00:00.000Z',
        requiredSample: 294,
      }),
    );
    expect(screen.getByText('1.250')).toBeTruthy();
    expect(screen.getByText(/sumber: Data pemohon SIAK 2026 triwulan I/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Koreksi populasi' })).toBeTruthy();
  });

  it("shows the service's message under the field it names", async () => {
    fakeFetch({
      [`PUT ${SURVEY_PATH}/population`]: problem(400, 'INPUT.INVALID', 'source should not be empty', [
        { field: 'source', rule: 'isNotEmpty', message: 'Kolom source wajib diisi.' },
      ]),
    });
    render(result());
    await userEvent.type(screen.getByLabelText('Jumlah populasi'), '10');
    await userEvent.type(screen.getByLabelText('Sumber data populasi'), ' ');
    await userEvent.click(screen.getByRole('button', { name: 'Nyatakan populasi' }));
    expect(await screen.findByText('Kolom source wajib diisi.')).toBeTruthy();
  });
});
