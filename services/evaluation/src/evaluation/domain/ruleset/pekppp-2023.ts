import { F03_ITEMS } from '@lib/kernel';
import type { CategoryBand, F03Aggregation, F03Item, Indicator, Provenance, Ruleset } from './ruleset';

// Sources are docs/domain.md sections 1.2–1.7; every [P]/[U] value there is provisional here.
// Indicator codes keep the principle letters of the decks (Ak, P, T, K, B, As), whose meaning is unconfirmed [U].
const DECKS = 'KemenPANRB PEKPPP decks 2024 (Scribd 724567365) and 2025 (slidepub), docs/domain.md 1.3–1.4 [C]';
const SEED = 'only source: brayenid/pekppp-guide prisma/seed.ts @5431c21 (docs/domain.md 1.4 [P]); verify against Pedoman MenPANRB 5/2023';

const confirmed = (source: string): Provenance => ({ provisional: false, source });
const provisional = (source: string): Provenance => ({ provisional: true, source });

/** Level texts for indicators whose official F-02 descriptors were not available. */
export const GENERIC_DESCRIPTORS: readonly string[] = [
  'Tidak tersedia / tidak dilaksanakan',
  'Tersedia sebagian, belum memenuhi ketentuan',
  'Tersedia dan memenuhi sebagian ketentuan',
  'Memenuhi ketentuan',
  'Memenuhi ketentuan dan dilaksanakan secara konsisten',
  'Memenuhi ketentuan, dilaksanakan, dimonitor dan dievaluasi secara berkala',
];
const GENERIC = provisional(
  'generic placeholder descriptors: the official F-02 text of this indicator was not available (docs/domain.md 1.5); replace with Pedoman 5/2023',
);
const F02_EXAMPLES = 'F-02 descriptors from brayenid/pekppp-guide data/f02.json, matching the 2025 deck for 1.a.Ak (docs/domain.md 1.5 [C])';
const LEVEL0_INFERRED = provisional(`${F02_EXAMPLES}; the level-0 text is not in the sources and was inferred`);

function indicator(
  no: number,
  code: string,
  name: string,
  weightBp: number,
  weight: Provenance,
  extra: { descriptors?: readonly string[]; descriptorsProvenance?: Provenance; evidenceExamples?: readonly string[] } = {},
): Indicator {
  return {
    no,
    code,
    name,
    weightBp,
    ...weight,
    descriptors: extra.descriptors ?? GENERIC_DESCRIPTORS,
    descriptorsProvenance: extra.descriptorsProvenance ?? GENERIC,
    evidenceExamples: extra.evidenceExamples ?? [],
  };
}

/** The 9-band table of docs/domain.md 1.7: best supported, regulation text not seen [P]. */
export const PEKPPP_BANDS: readonly CategoryBand[] = [
  { category: 'A', predicate: 'Pelayanan Prima', minHundredths: 451, maxHundredths: 500 },
  { category: 'A-', predicate: 'Sangat Baik', minHundredths: 401, maxHundredths: 450 },
  { category: 'B', predicate: 'Baik', minHundredths: 351, maxHundredths: 400 },
  { category: 'B-', predicate: 'Baik (Dengan Catatan)', minHundredths: 301, maxHundredths: 350 },
  { category: 'C', predicate: 'Cukup', minHundredths: 251, maxHundredths: 300 },
  { category: 'C-', predicate: 'Cukup (Dengan Catatan)', minHundredths: 201, maxHundredths: 250 },
  { category: 'D', predicate: 'Buruk', minHundredths: 151, maxHundredths: 200 },
  { category: 'E', predicate: 'Sangat Buruk', minHundredths: 101, maxHundredths: 150 },
  { category: 'F', predicate: 'Gagal', minHundredths: 0, maxHundredths: 100 },
];
export const PEKPPP_BANDS_PROVENANCE: Provenance = provisional(
  '9-band table encoded identically by >=5 independent implementations; regulation table not seen (docs/domain.md 1.7, open item 8.1)',
);

/** F-03 "Formulir Penilaian dari Masyarakat": the 14 items of the form with their codes, grouped I–V (pekppp-2023-instrument.md §8 [C]). */
export const PEKPPP_F03_ITEMS: readonly F03Item[] = F03_ITEMS.map(({ item, code, aspect, name }) => ({ item, code, group: aspect, name }));

/**
 * Mean of all answers, not SW-F03's mean of the five group means: the form prints its 14 items as
 * equals with no group weight, and a mean of group means would make the one consultation item (group V)
 * count as much as the four of group III. It is also what this ruleset scored F-03 with from the start.
 */
export const PEKPPP_F03_AGGREGATION: F03Aggregation = {
  rule: 'mean-of-all-answers',
  ...provisional(
    'official F-03 formula not sourced (pekppp-2023-instrument.md §8, §11.1 #17): mean of all answers as gilangtriwijaya/pekpp computes it; swamsid/organisasi-portal-biro app/Models/F03.php takes the mean of the five group means instead',
  ),
};

const c = confirmed(DECKS);
const p = provisional(SEED);

/**
 * A unit lokus that never submits F-01 and is not scored from a field visit: every indicator 0, the unit
 * marked "Tidak mengisi F-01". No source states an outcome (the F-02 instruction allows scoring from F-01
 * "ataupun kunjungan lapangan", docs/pekppp-2023-instrument.md §1), so it is provisional.
 */
export const PEKPPP_NON_SUBMISSION_OUTCOME = {
  label: 'Tidak mengisi F-01',
  indicatorScore: 0,
  ...provisional(
    'platform rule, unsourced: no KemenPANRB source states what a unit lokus that never submits F-01 scores; an indicator without data or evidence takes level 0 in every F-02 level table (docs/pekppp-2023-instrument.md)',
  ),
};

/** PEKPPP instrument 2022–2025 (PermenPANRB 29/2022 as amended by 4/2023; Pedoman MenPANRB 5/2023). */
export const pekppp2023: Ruleset = {
  id: 'pekppp-2023',
  version: 1,
  title: 'PEKPPP — Pemantauan dan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik (instrumen 2022–2025)',
  legalBasis: [
    'UU 25/2009 Pelayanan Publik, Pasal 7(3)(c)',
    'PermenPANRB 29/2022 Pemantauan dan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik',
    'PermenPANRB 4/2023 perubahan atas PermenPANRB 29/2022',
    'Pedoman MenPANRB 5/2023 Mekanisme dan Instrumen PEKPPP',
  ],
  scale: { min: 0, max: 5 },
  aspects: [
    {
      code: 'a',
      name: 'Kebijakan Pelayanan',
      weightBp: 2400,
      ...confirmed('KemenPANRB decks (Scribd 724567365; slidepub 2025); idth.id (docs/domain.md 1.3 [C])'),
      indicators: [
        indicator(1, '1.a.Ak', 'Tersedia Standar Pelayanan sesuai peraturan', 1700, c, {
          descriptors: [
            'Standar Pelayanan tidak tersedia',
            'Standar Pelayanan tersedia tetapi tidak memenuhi 14 komponen',
            'Standar Pelayanan memenuhi 14 komponen',
            'Standar Pelayanan memenuhi 14 komponen dan ditetapkan',
            'Standar Pelayanan memenuhi 14 komponen, ditetapkan, dan penyusunannya melibatkan masyarakat',
            'Standar Pelayanan memenuhi 14 komponen, ditetapkan, melibatkan masyarakat, dan dilakukan monitoring dan evaluasi',
          ],
          descriptorsProvenance: confirmed(F02_EXAMPLES),
          evidenceExamples: ['SK Standar Pelayanan'],
        }),
        indicator(2, '2.a.P', 'Penyusunan/perubahan Standar Pelayanan melibatkan masyarakat', 1400, c, {
          descriptors: [
            'Penyusunan tidak melibatkan unsur masyarakat',
            'Melibatkan minimal 1 unsur masyarakat',
            'Melibatkan minimal 2 unsur masyarakat',
            'Melibatkan minimal 3 unsur masyarakat',
            'Melibatkan minimal 4 unsur masyarakat',
            'Melibatkan lebih dari 4 unsur masyarakat (pengguna layanan, ahli/praktisi/akademisi, instansi terkait, organisasi masyarakat sipil, media massa)',
          ],
          descriptorsProvenance: confirmed(F02_EXAMPLES),
          evidenceExamples: ['Berita Acara Forum Konsultasi Publik'],
        }),
        indicator(3, '3.a.T', 'Jumlah media publikasi komponen service delivery', 700, c, {
          evidenceExamples: ['Foto/screenshot media publikasi', 'Screenshot SIPPN'],
        }),
        indicator(4, '4.a.K', 'Peninjauan ulang Standar Pelayanan secara berkala dan ditindaklanjuti', 1400, c),
        indicator(5, '5.a.K', 'Siklus Maklumat Pelayanan (tersedia, ditetapkan, dipublikasikan)', 1000, c),
        indicator(6, '6.a.B', 'Survei Kepuasan Masyarakat sesuai PermenPANRB', 1700, c, {
          evidenceExamples: ['Laporan SKM'],
        }),
        indicator(7, '7.a.T', 'Jumlah media publikasi hasil SKM', 700, c, {
          evidenceExamples: ['Foto/screenshot publikasi hasil SKM'],
        }),
        indicator(8, '8.a.Ak', 'Persentase tindak lanjut hasil SKM', 700, c, {
          descriptors: [
            'Tidak ada rencana tindak lanjut (RTL) hasil SKM',
            'Ada RTL tetapi belum dilaksanakan',
            'RTL dilaksanakan kurang dari 30%',
            'RTL dilaksanakan 30%–80%',
            'RTL dilaksanakan lebih dari 80%',
            'RTL dilaksanakan 100% (dengan laporan)',
          ],
          descriptorsProvenance: confirmed(F02_EXAMPLES),
          evidenceExamples: ['Laporan SKM dan rencana tindak lanjut (RTL)'],
        }),
        indicator(9, '9.a.Ak', 'Kecepatan tindak lanjut hasil SKM', 700, c, {
          descriptors: [
            'RTL tidak selesai dalam 1 tahun',
            'RTL selesai dalam 1 tahun',
            'RTL selesai dalam 9 bulan',
            'RTL selesai dalam 6 bulan',
            'RTL selesai dalam 3 bulan',
            'RTL selesai dalam 1 bulan',
          ],
          descriptorsProvenance: LEVEL0_INFERRED,
          evidenceExamples: ['Laporan SKM dan rencana tindak lanjut (RTL)'],
        }),
      ],
    },
    {
      code: 'b',
      name: 'Profesionalisme SDM',
      weightBp: 2500,
      ...confirmed('idth.id; topsatu.com; brayenid seed (docs/domain.md 1.3 [C])'),
      indicators: [
        indicator(10, '10.b.As', 'Waktu pelayanan yang memudahkan', 1000, p, { evidenceExamples: ['SK jam pelayanan'] }),
        indicator(11, '11.b.K', 'Kode etik dan kode perilaku / budaya pelayanan', 2000, p, { evidenceExamples: ['SK kode etik'] }),
        indicator(12, '12.b.Ak', 'Mekanisme menjaga motivasi kerja pelaksana', 2000, p),
        indicator(13, '13.b.K', 'Kriteria penghargaan pegawai berprestasi', 2000, p),
        indicator(14, '14.b.K', 'Pelaksana menerapkan budaya pelayanan', 3000, p),
      ],
    },
    {
      code: 'c',
      name: 'Sarana Prasarana',
      weightBp: 1800,
      ...confirmed('idth.id; topsatu.com (docs/domain.md 1.3 [C])'),
      indicators: [
        indicator(15, '15.c.K', 'Tempat parkir dan fasilitasnya', 1500, p, { evidenceExamples: ['Foto sarana'] }),
        indicator(16, '16.c.As', 'Ruang tunggu (fasilitas wajib dan pelengkap)', 2300, p, { evidenceExamples: ['Foto sarana'] }),
        indicator(17, '17.c.As', 'Toilet pengguna layanan', 2000, p, { evidenceExamples: ['Foto sarana'] }),
        indicator(18, '18.c.K', 'Sarana prasarana kelompok rentan', 2000, p, { evidenceExamples: ['Foto sarana'] }),
        indicator(19, '19.c.As', 'Sarana prasarana penunjang', 1100, p, { evidenceExamples: ['Foto sarana'] }),
        indicator(20, '20.c.B', 'Front office informasi', 1100, p),
      ],
    },
    {
      code: 'd',
      name: 'Sistem Informasi Pelayanan Publik',
      weightBp: 1100,
      ...confirmed('topsatu.com; brayenid seed (docs/domain.md 1.3 [C])'),
      indicators: [
        indicator(21, '21.d.T', 'SIPP untuk informasi publik (terhubung ke SIPPN)', 3000, p, { evidenceExamples: ['Screenshot SIPPN'] }),
        indicator(22, '22.d.B', 'SIPP pendukung operasional', 2000, p),
        indicator(23, '23.d.As', 'Kualitas SIPP elektronik (website/aplikasi)', 2000, p),
        indicator(24, '24.d.T', 'Pemutakhiran data kanal digital', 3000, p, {
          descriptors: [
            'Data tidak pernah dimutakhirkan',
            'Dimutakhirkan tahunan',
            'Dimutakhirkan semesteran',
            'Dimutakhirkan bulanan',
            'Dimutakhirkan mingguan',
            'Dimutakhirkan harian',
          ],
          descriptorsProvenance: LEVEL0_INFERRED,
        }),
      ],
    },
    {
      code: 'e',
      name: 'Konsultasi dan Pengaduan',
      weightBp: 1000,
      ...confirmed('topsatu.com; brayenid seed (docs/domain.md 1.3 [C])'),
      indicators: [
        indicator(25, '25.e.P', 'Sarana konsultasi/pengaduan tatap muka', 2000, p),
        indicator(26, '26.e.P', 'Sarana dan media konsultasi/pengaduan (SP4N-LAPOR!)', 2500, p, {
          evidenceExamples: ['Screenshot SP4N-LAPOR!'],
        }),
        indicator(27, '27.e.Ak', 'Akuntabilitas hasil konsultasi/pengaduan', 2500, p),
        indicator(28, '28.e.Ak', 'Tindak lanjut konsultasi/pengaduan', 3000, p, {
          descriptors: [
            'Tidak ada pengaduan yang ditindaklanjuti sampai selesai',
            'Kurang dari 50% pengaduan selesai (di luar SP4N-LAPOR!)',
            'Paling sedikit 50% pengaduan selesai (di luar SP4N-LAPOR!)',
            'Kurang dari 50% pengaduan selesai melalui SP4N-LAPOR!',
            '50% sampai kurang dari 90% pengaduan selesai melalui SP4N-LAPOR!',
            'Paling sedikit 90% pengaduan selesai melalui SP4N-LAPOR!',
          ],
          descriptorsProvenance: LEVEL0_INFERRED,
          evidenceExamples: ['Screenshot SP4N-LAPOR!'],
        }),
      ],
    },
    {
      code: 'f',
      name: 'Inovasi',
      weightBp: 1200,
      ...confirmed('topsatu.com; brayenid seed (docs/domain.md 1.3 [C])'),
      indicators: [
        indicator(29, '29.f.B', 'Penciptaan inovasi', 5000, p, {
          descriptors: [
            'Belum ada inovasi',
            'Inovasi tahap belajar',
            'Inovasi diterapkan kurang dari 1 tahun',
            'Inovasi diterapkan lebih dari 1 tahun, belum diikutkan kompetisi',
            'Inovasi diikutkan kompetisi',
            'Inovasi berprestasi dalam kompetisi',
          ],
          descriptorsProvenance: LEVEL0_INFERRED,
          evidenceExamples: ['Proposal inovasi', 'SK inovasi'],
        }),
        indicator(30, '30.f.B', 'Sumber daya keberlanjutan inovasi', 5000, p),
      ],
    },
  ],
  informationIndicators: [
    { code: 'info.antrian', name: 'Informasi tambahan: sistem antrian', ...provisional('brayenid f02.json/seed: asked, 0% weight (docs/domain.md 1.3 [P])') },
  ],
  userScoreMerge: {
    f02WeightBp: 7500,
    f03WeightBp: 2500,
    f03MinRespondents: 10,
    f03MaxRespondents: 20,
    ...provisional(
      '0.75×F-02 + 0.25×F-03 seen only in two third-party apps, not in regulation text (docs/domain.md 1.6 [P]); quota 10..20 respondents is the 2022 rule (Scribd 592468911 [C]), later years configurable (1.2 [P]); open item 8.2',
    ),
    items: PEKPPP_F03_ITEMS,
    f03Aggregation: PEKPPP_F03_AGGREGATION,
  },
  evaluatorCombination: 'lead-evaluator',
  evaluatorCombinationProvenance: confirmed(
    "platform decision, not a number from the sources: the lead evaluator's score is final (UnitLokusAssigned); the sources warn against averaging across evaluators (docs/domain.md 1.6 anti-pattern)",
  ),
  bands: PEKPPP_BANDS,
  bandsProvenance: PEKPPP_BANDS_PROVENANCE,
  nonSubmissionOutcome: PEKPPP_NON_SUBMISSION_OUTCOME,
};
