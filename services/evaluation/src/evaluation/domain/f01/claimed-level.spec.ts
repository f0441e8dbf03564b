import { PEKPPP_2023_F01 } from '../ruleset/pekppp-2023-f01';
import { answersById, claimOf, claimedLevelOf } from './claimed-level';
import type { ClaimRule, F01Form, QuestionAnswer } from './f01-form';

const base = (questionId: string): QuestionAnswer => ({ questionId, yes: false, optionIds: [], number: 0, text: '', evidenceIds: [] });
const yes = (questionId: string): QuestionAnswer => ({ ...base(questionId), yes: true });
const no = base;
const ticks = (questionId: string, ...optionIds: string[]): QuestionAnswer => ({ ...base(questionId), optionIds });
const num = (questionId: string, value: number): QuestionAnswer => ({ ...base(questionId), number: value });

const levelOf = (rule: ClaimRule, ...answers: QuestionAnswer[]): number => claimedLevelOf(rule, answersById(answers));

describe('claim rule kinds', () => {
  const chain: ClaimRule = { kind: 'chainOfYes', questions: ['a', 'b', 'c'], levelOfLength: [0, 1, 3, 5] };
  it.each<[string, QuestionAnswer[], number]>([
    ['nothing answered', [], 0],
    ['first Tidak', [no('a'), yes('b'), yes('c')], 0],
    ['first Ya only', [yes('a')], 1],
    ['a break stops the chain even with Ya after it', [yes('a'), no('b'), yes('c')], 1],
    ['an unanswered link breaks the chain', [yes('a'), yes('c')], 1],
    ['two links', [yes('a'), yes('b')], 3],
    ['the whole chain', [yes('a'), yes('b'), yes('c')], 5],
  ])('chainOfYes: %s', (_name, answers, level) => expect(levelOf(chain, ...answers)).toBe(level));

  const count: ClaimRule = {
    kind: 'countTicked',
    question: 'b',
    gate: { question: 'a', is: 'yes' },
    requiredOptions: ['base'],
    bands: [
      { min: 0, level: 1 },
      { min: 2, level: 3 },
      { min: 4, level: 5 },
    ],
  };
  it.each<[string, QuestionAnswer[], number]>([
    ['gate closed', [no('a'), ticks('b', 'base', 'x', 'y', 'z', 'w')], 0],
    ['gate unanswered', [ticks('b', 'base')], 0],
    ['required option missing', [yes('a'), ticks('b', 'x', 'y', 'z', 'w')], 0],
    ['required option alone: the first band', [yes('a'), ticks('b', 'base')], 1],
    ['one below the next band', [yes('a'), ticks('b', 'base', 'x')], 1],
    ['at the next band', [yes('a'), ticks('b', 'base', 'x', 'y')], 3],
    ['at the top band', [yes('a'), ticks('b', 'base', 'x', 'y', 'z', 'w')], 5],
  ])('countTicked: %s', (_name, answers, level) => expect(levelOf(count, ...answers)).toBe(level));

  const byKey: ClaimRule = {
    kind: 'countTickedByKeyOption',
    question: 'a',
    keyOption: 'key',
    withoutKey: [
      { min: 1, level: 1 },
      { min: 3, level: 2 },
    ],
    withKey: [
      { min: 1, level: 3 },
      { min: 3, level: 4 },
    ],
  };
  it.each<[string, QuestionAnswer[], number]>([
    ['none ticked', [ticks('a')], 0],
    ['2 without the key', [ticks('a', 'x', 'y')], 1],
    ['3 without the key', [ticks('a', 'x', 'y', 'z')], 2],
    ['the key alone', [ticks('a', 'key')], 3],
    ['2 with the key', [ticks('a', 'key', 'x')], 3],
    ['3 with the key', [ticks('a', 'key', 'x', 'y')], 4],
  ])('countTickedByKeyOption: %s', (_name, answers, level) => expect(levelOf(byKey, ...answers)).toBe(level));

  const position: ClaimRule = { kind: 'optionPosition', question: 'b', gate: { question: 'a', is: 'yes' }, levelOfOption: { low: 1, high: 5 } };
  it.each<[string, QuestionAnswer[], number]>([
    ['gate closed', [no('a'), ticks('b', 'high')], 0],
    ['nothing chosen', [yes('a')], 0],
    ['the lowest option', [yes('a'), ticks('b', 'low')], 1],
    ['the highest option', [yes('a'), ticks('b', 'high')], 5],
  ])('optionPosition: %s', (_name, answers, level) => expect(levelOf(position, ...answers)).toBe(level));

  const percentage: ClaimRule = {
    kind: 'percentageBands',
    sources: [
      {
        numerator: 'lapor-done',
        denominator: 'lapor-in',
        bands: [
          { min: 0, exclusive: true, level: 3 },
          { min: 90, level: 5 },
        ],
      },
      {
        percentQuestion: 'pct',
        bands: [
          { min: 0, level: 1 },
          { min: 50, exclusive: true, level: 2 },
        ],
      },
    ],
  };
  it.each<[string, QuestionAnswer[], number]>([
    ['nothing answered', [], 0],
    ['a ratio over 0 gives nothing: the next source', [num('lapor-in', 0), num('lapor-done', 0), num('pct', 70)], 2],
    ['a ratio of 0% matches no band: the next source', [num('lapor-in', 10), num('lapor-done', 0), num('pct', 0)], 1],
    ['just above 0%', [num('lapor-in', 1000), num('lapor-done', 1)], 3],
    ['just below 90%', [num('lapor-in', 1000), num('lapor-done', 899)], 3],
    ['exactly 90%', [num('lapor-in', 10), num('lapor-done', 9)], 5],
    ['an exclusive bound itself stays below', [num('pct', 50)], 1],
    ['just above an exclusive bound', [num('pct', 50.1)], 2],
  ])('percentageBands: %s', (_name, answers, level) => expect(levelOf(percentage, ...answers)).toBe(level));

  it('percentageBands: a closed gate claims 0 whatever the figures', () => {
    expect(levelOf({ ...percentage, gate: { question: 'g', is: 'yes' } }, no('g'), num('pct', 100))).toBe(0);
  });

  const ladder: ClaimRule = {
    kind: 'ladder',
    steps: [
      { level: 1, when: [{ question: 'a', is: 'yes' }] },
      { level: 3, when: [{ question: 'b', tickedAtLeast: 2, among: ['x', 'y', 'z'] }] },
      {
        level: 4,
        when: [
          { question: 'b', ticked: 'w' },
          { question: 'n', atLeast: 10 },
        ],
      },
    ],
  };
  it.each<[string, QuestionAnswer[], number]>([
    ['no step holds', [no('a')], 0],
    ['the first step', [yes('a')], 1],
    ['ticks outside `among` do not count', [yes('a'), ticks('b', 'x', 'w')], 1],
    ['a higher step holds without the lower ones', [ticks('b', 'x', 'y')], 3],
    ['every condition of a step must hold', [ticks('b', 'w'), num('n', 9)], 0],
    ['at the number bound', [ticks('b', 'w'), num('n', 10)], 4],
  ])('ladder: %s', (_name, answers, level) => expect(levelOf(ladder, ...answers)).toBe(level));
});

const form = (code: string): F01Form => {
  const found = PEKPPP_2023_F01.get(code);
  if (!found) throw new Error(`no F-01 form for ${code}`);
  return found;
};

const indicatorCases: [string, string, QuestionAnswer[], number][] = [
  ['1.a.Ak', 'no SP', [no('1.a.Ak/a')], 0],
  ['1.a.Ak', 'SP without 14 komponen', [yes('1.a.Ak/a'), no('1.a.Ak/b'), yes('1.a.Ak/c'), yes('1.a.Ak/d')], 1],
  ['1.a.Ak', '14 komponen and ditetapkan, without masyarakat', [yes('1.a.Ak/a'), yes('1.a.Ak/b'), no('1.a.Ak/c'), yes('1.a.Ak/d'), yes('1.a.Ak/e')], 3],
  ['1.a.Ak', 'every step', [yes('1.a.Ak/a'), yes('1.a.Ak/b'), yes('1.a.Ak/c'), yes('1.a.Ak/d'), yes('1.a.Ak/e')], 5],
  ['2.a.P', 'three unsur', [yes('2.a.P/a'), ticks('2.a.P/b', 'pengguna-layanan', 'ahli', 'media-massa')], 3],
  ['3.a.T', 'published, part of the components', [yes('3.a.T/a'), no('3.a.T/b'), ticks('3.a.T/c', 'website', 'sippn', 'aplikasi')], 1],
  ['3.a.T', 'all components on 2 media, no SIPPN', [yes('3.a.T/a'), yes('3.a.T/b'), ticks('3.a.T/c', 'website', 'aplikasi')], 2],
  ['3.a.T', 'SIPPN and 2 other media', [yes('3.a.T/a'), yes('3.a.T/b'), ticks('3.a.T/c', 'website', 'aplikasi', 'sippn')], 3],
  ['3.a.T', 'SIPPN and 4 other media', [yes('3.a.T/a'), yes('3.a.T/b'), ticks('3.a.T/c', 'website', 'aplikasi', 'media-sosial', 'media-cetak', 'sippn')], 5],
  ['4.a.K', 'reviewed every 2 years, all services', [ticks('4.a.K/a', '2-tahun-seluruh')], 3],
  ['5.a.K', 'ditetapkan, isi not sesuai', [yes('5.a.K/a'), no('5.a.K/b')], 2],
  ['5.a.K', 'published electronically only', [yes('5.a.K/a'), yes('5.a.K/b'), yes('5.a.K/c'), ticks('5.a.K/c1', 'elektronik')], 3],
  ['5.a.K', 'published on both', [yes('5.a.K/a'), yes('5.a.K/b'), yes('5.a.K/c'), ticks('5.a.K/c1', 'elektronik', 'non-elektronik')], 5],
  ['6.a.B', 'SKM not per PermenPANRB', [yes('6.a.B/a'), no('6.a.B/d')], 1],
  ['6.a.B', 'published non elektronik', [yes('6.a.B/a'), yes('6.a.B/d'), yes('6.a.B/e'), ticks('6.a.B/e1', 'non-elektronik')], 3],
  [
    '6.a.B',
    'published on both and followed up',
    [yes('6.a.B/a'), yes('6.a.B/d'), yes('6.a.B/e'), ticks('6.a.B/e1', 'non-elektronik', 'elektronik'), yes('6.a.B/f')],
    5,
  ],
  ['7.a.T', 'not published', [ticks('7.a.T/a')], 0],
  ['7.a.T', 'every medium', [ticks('7.a.T/a', 'media-cetak', 'media-elektronik', 'media-sosial', 'website', 'aplikasi')], 5],
  ['8.a.Ak', 'no RTL', [no('8.a.Ak/a')], 0],
  ['8.a.Ak', 'RTL, 0% done', [yes('8.a.Ak/a'), num('8.a.Ak/b', 0)], 1],
  ['8.a.Ak', 'just under 30%', [yes('8.a.Ak/a'), num('8.a.Ak/b', 29.9)], 2],
  ['8.a.Ak', 'exactly 30%', [yes('8.a.Ak/a'), num('8.a.Ak/b', 30)], 3],
  ['8.a.Ak', 'exactly 80%', [yes('8.a.Ak/a'), num('8.a.Ak/b', 80)], 3],
  ['8.a.Ak', 'above 80%', [yes('8.a.Ak/a'), num('8.a.Ak/b', 80.5)], 4],
  ['8.a.Ak', '100%', [yes('8.a.Ak/a'), num('8.a.Ak/b', 100)], 5],
  ['9.a.Ak', 'within 6 months', [yes('9.a.Ak/a'), ticks('9.a.Ak/b', '6-bulan')], 3],
  ['10.b.As', 'no kebijakan jam, other items', [yes('10.b.As/a'), ticks('10.b.As/b', 'tanpa-jeda', 'tambahan-jam')], 0],
  ['10.b.As', 'kebijakan jam only', [yes('10.b.As/a'), ticks('10.b.As/b', 'kebijakan-jam')], 1],
  [
    '10.b.As',
    'kebijakan jam and 4 others',
    [yes('10.b.As/a'), ticks('10.b.As/b', 'kebijakan-jam', 'tanpa-jeda', 'tambahan-jam', 'layanan-24-jam', 'luar-hari-kerja-rutin')],
    5,
  ],
  ['11.b.K', 'hak dan kewajiban and 2 others', [yes('11.b.K/a'), ticks('11.b.K/b', 'hak-kewajiban', 'sanksi', 'penghargaan')], 3],
  ['12.b.Ak', 'six mechanisms', [yes('12.b.Ak/a'), ticks('12.b.Ak/b', 'penghargaan', 'diklat', 'beasiswa', 'konseling', 'capacity-building', 'lainnya')], 5],
  ['13.b.K', 'three criteria without kinerja', [ticks('13.b.K/a', 'kehadiran', 'kerja-sama', 'penampilan')], 2],
  ['13.b.K', 'kinerja alone', [ticks('13.b.K/a', 'kinerja')], 3],
  ['13.b.K', 'five with kinerja', [ticks('13.b.K/a', 'kinerja', 'kehadiran', 'kerja-sama', 'penampilan', 'inovatif')], 5],
  ['14.b.K', 'two unsur', [ticks('14.b.K/a', 'seragam', '5s')], 2],
  ['15.c.K', 'parking with one facility', [yes('15.c.K/a'), ticks('15.c.K/b', 'cctv')], 1],
  ['16.c.As', 'one fasilitas wajib only, many pelengkap', [ticks('16.c.As/a', 'kursi-tunggu', 'televisi', 'wifi', 'air-minum')], 0],
  ['16.c.As', 'both wajib and 2 pelengkap', [ticks('16.c.As/a', 'kursi-tunggu', 'sirkulasi-udara', 'televisi', 'wifi')], 3],
  ['17.c.As', 'no toilet', [no('17.c.As/a')], 0],
  ['17.c.As', 'toilet with four kondisi', [yes('17.c.As/a'), ticks('17.c.As/b', 'terpisah', 'wastafel', 'toiletries', 'air-bersih')], 4],
  ['18.c.K', '3 items', [ticks('18.c.K/a', 'kursi-roda', 'ramp', 'toilet-khusus')], 1],
  ['18.c.K', '4 items', [ticks('18.c.K/a', 'kursi-roda', 'ramp', 'toilet-khusus', 'loket-khusus')], 2],
  ['18.c.K', '13 items', [ticks('18.c.K/a', ...(form('18.c.K').questions[0].options ?? []).slice(0, 13).map((option) => option.id))], 5],
  ['19.c.As', 'five items', [ticks('19.c.As/a', 'p3k', 'apar', 'kantin', 'cctv', 'ruang-ibadah')], 5],
  ['20.c.B', 'two facilities', [ticks('20.c.B/a', 'petugas-khusus', 'meja-kursi')], 2],
  ['21.d.T', 'lisan only', [yes('21.d.T/a'), ticks('21.d.T/b', 'non-elektronik'), ticks('21.d.T/c', 'lisan')], 1],
  [
    '21.d.T',
    'all non elektronik forms',
    [yes('21.d.T/a'), ticks('21.d.T/b', 'non-elektronik'), ticks('21.d.T/c', 'lisan', 'papan-pengumuman', 'media-cetak')],
    2,
  ],
  ['21.d.T', 'online without SIPPN', [yes('21.d.T/a'), ticks('21.d.T/b', 'elektronik'), ticks('21.d.T/d', 'online'), no('21.d.T/e')], 4],
  [
    '21.d.T',
    'online with SIPPN and services entered',
    [yes('21.d.T/a'), ticks('21.d.T/b', 'elektronik'), ticks('21.d.T/d', 'online'), yes('21.d.T/e'), num('21.d.T/f', 12)],
    5,
  ],
  ['22.d.B', 'three unsur', [ticks('22.d.B/a', 'sp4n-lapor', 'skm', 'faq')], 3],
  ['23.d.As', 'SIPP elektronik only', [yes('23.d.As/a'), no('23.d.As/b')], 0],
  ['23.d.As', 'up to mudah diakses', [yes('23.d.As/a'), yes('23.d.As/b'), yes('23.d.As/c'), no('23.d.As/d')], 2],
  ['23.d.As', 'the whole chain', ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => yes(`23.d.As/${letter}`)), 5],
  ['24.d.T', 'weekly', [yes('24.d.T/a'), ticks('24.d.T/b', 'mingguan')], 4],
  ['25.e.P', 'five facilities', [ticks('25.e.P/a', 'kotak-saran', 'petugas-khusus', 'air-minum', 'register', 'publikasi-mekanisme')], 5],
  ['26.e.P', 'combined with FO, offline only', [yes('26.e.P/a'), ticks('26.e.P/b', 'menyatu-fo')], 1],
  ['26.e.P', 'combined with FO and online', [yes('26.e.P/a'), ticks('26.e.P/b', 'menyatu-fo', 'email')], 3],
  ['26.e.P', 'separate from FO and online', [yes('26.e.P/a'), ticks('26.e.P/b', 'terpisah-fo', 'website')], 4],
  ['26.e.P', 'separate and SP4N-LAPOR!', [yes('26.e.P/a'), ticks('26.e.P/b', 'terpisah-fo', 'sp4n-lapor')], 5],
  ['27.e.Ak', 'documented and archived', [yes('27.e.Ak/a'), yes('27.e.Ak/b'), no('27.e.Ak/c')], 1],
  ['28.e.Ak', 'none resolved', [num('28.e.Ak/a', 40), num('28.e.Ak/b', 0), num('28.e.Ak/c', 0), num('28.e.Ak/d', 0)], 0],
  ['28.e.Ak', 'half resolved outside LAPOR!', [num('28.e.Ak/a', 40), num('28.e.Ak/b', 20), num('28.e.Ak/c', 0), num('28.e.Ak/d', 0)], 2],
  ['28.e.Ak', 'LAPOR! 89.9%', [num('28.e.Ak/a', 2000), num('28.e.Ak/b', 1900), num('28.e.Ak/c', 1000), num('28.e.Ak/d', 899)], 4],
  ['28.e.Ak', 'LAPOR! 90%', [num('28.e.Ak/a', 20), num('28.e.Ak/b', 18), num('28.e.Ak/c', 10), num('28.e.Ak/d', 9)], 5],
  ['29.f.B', 'no innovation, no initiative', [no('29.f.B/a'), ticks('29.f.B/a2', 'tidak')], 0],
  ['29.f.B', 'learning to innovate', [no('29.f.B/a'), ticks('29.f.B/a2', 'belajar')], 1],
  ['29.f.B', 'under a year', [yes('29.f.B/a'), ticks('29.f.B/b', 'kurang-1-tahun'), no('29.f.B/c')], 2],
  ['29.f.B', 'over a year, in a competition', [yes('29.f.B/a'), ticks('29.f.B/b', 'lebih-1-tahun'), yes('29.f.B/c'), ticks('29.f.B/d')], 4],
  ['29.f.B', 'an award', [yes('29.f.B/a'), ticks('29.f.B/b', 'lebih-1-tahun'), yes('29.f.B/c'), ticks('29.f.B/d', 'nasional')], 5],
  ['30.f.B', 'rancangan payung hukum', [yes('30.f.B/a'), no('30.f.B/b')], 1],
  ['30.f.B', 'payung hukum and 2 others', [yes('30.f.B/a'), yes('30.f.B/b'), ticks('30.f.B/c', 'anggaran', 'sdm')], 4],
];

describe('claimed level of every pekppp-2023 indicator (Pantau rules, instrument §9.3)', () => {
  it.each(indicatorCases)('%s, %s → %i', (code, _name, answers, level) => {
    expect(claimOf(form(code), answers)).toEqual({ level, rule: `pantau/f01/${code}`, ruleKind: form(code).claim.rule.kind, ruleSource: 'pantau' });
  });

  it('has a case for every indicator with an F-01 form', () => {
    expect(new Set(indicatorCases.map(([code]) => code))).toEqual(new Set(PEKPPP_2023_F01.keys()));
    expect(PEKPPP_2023_F01.size).toBe(30);
  });
});
