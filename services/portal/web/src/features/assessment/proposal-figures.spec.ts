import { type FigureRow, showFigures } from './proposal-figures';

/** A row as "label: value", with its nested rows indented under it. */
const lines = (rows: readonly FigureRow[], indent = ''): string[] =>
  rows.flatMap((row) => [`${indent}${row.label}${row.value === undefined ? '' : `: ${row.value}`}`, ...lines(row.rows ?? [], `${indent}  `)]);

describe('showFigures: the figures behind a proposal, as a person reads them', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a count in id-ID digits', { received: 12345 }, ['Pengaduan masuk: 12.345']],
    ['a percentage with a decimal comma', { completedPercent: 33.33 }, ['Persentase tindak lanjut selesai: 33,33%']],
    ['a percentage of nothing', { resolvedPercent: null }, ['Persentase diselesaikan: —']],
    ['the IKM with two decimals', { ikmConverted: 88.02 }, ['Nilai IKM: 88,02']],
    ['a local date as id-ID, without a time-zone shift', { periodEnd: '2026-06-30' }, ['Akhir periode SKM: 30/6/2026']],
    [
      'a yes/no',
      { perRegulationRuleset: true, publishedElectronic: false },
      ['Pedoman survei sesuai PermenPANRB 14/2017: ya', 'Dipublikasikan di media elektronik: tidak'],
    ],
    ['a coded value in words', { frontOfficeLayout: 'separate' }, ['Sarana pengaduan tatap muka: terpisah dari front office']],
    [
      'media kinds in words, as an Indonesian list',
      { mediaKinds: ['cetak', 'sippn', 'website'] },
      ['Jenis media: media cetak/non-elektronik, SIPP Nasional dan website'],
    ],
    ['an empty list', { missingComponents: [] }, ['Komponen yang belum ada: tidak ada']],
    [
      'a nested group under its label',
      { viaLapor: { received: 4, resolved: 3, resolvedPercent: 75 } },
      ['Melalui SP4N-LAPOR!', '  Pengaduan masuk: 4', '  Diselesaikan: 3', '  Persentase diselesaikan: 75%'],
    ],
    [
      'complaints per channel under the channel names',
      { receivedByChannel: { 'in-person': 2, web: 0, lapor: 5 } },
      ['Pengaduan masuk per saluran', '  Tatap muka: 2', '  Formulir web: 0', '  SP4N-LAPOR!: 5'],
    ],
    [
      'one group per service type, named, never by its id',
      {
        services: [
          { serviceId: 'svc-ktp', name: 'KTP-el', missingComponents: [7, 12], latestEffectiveOn: '2026-02-01', inForce: true, level: 1 },
          { serviceId: 'svc-kk', name: 'Kartu Keluarga', missingComponents: [], latestEffectiveOn: null, inForce: false, level: 3 },
        ],
      },
      [
        'Per jenis layanan',
        '  KTP-el',
        '    Komponen yang belum ada: 7 dan 12',
        '    Revisi terakhir berlaku: 1/2/2026',
        '    Sudah berlaku: ya',
        '    Level jenis layanan: 1',
        '  Kartu Keluarga',
        '    Komponen yang belum ada: tidak ada',
        '    Revisi terakhir berlaku: —',
        '    Sudah berlaku: tidak',
        '    Level jenis layanan: 3',
      ],
    ],
    [
      'numbered items when they have no name, with ids left out',
      { breaches: [{ complaintId: 'c-1', kind: 'resolution', dueDate: '2026-03-10', eventId: 'e-9' }] },
      ['Pelanggaran tenggat', '  1', '    Jenis tenggat: penyelesaian', '    Jatuh tempo: 10/3/2026'],
    ],
    ['ids and event ids are never shown', { surveyId: 'skm-1', sourceEventIds: ['e-1', 'e-2'], planned: 2 }, ['Rencana tindak lanjut: 2']],
  ])('%s', (_, figures, expected) => {
    expect(lines(showFigures(figures).rows)).toEqual(expected);
  });

  it('keeps a figure it has no Indonesian name for, under its technical name, apart from the named ones', () => {
    const shown = showFigures({ planned: 3, newFigure: 7, sample: { responses: 40, futureField: 'x' } });

    expect(lines(shown.rows)).toEqual(['Rencana tindak lanjut: 3', 'Sampel', '  Responden: 40']);
    expect(shown.technical).toEqual([
      { name: 'newFigure', value: '7' },
      { name: 'sample.futureField', value: '"x"' },
    ]);
  });
});
