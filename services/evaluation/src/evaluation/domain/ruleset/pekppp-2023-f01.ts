import type { ClaimRule, F01Condition, F01EvidenceRequest, F01Form, F01Option, F01Question, LevelBand } from '../f01/f01-form';

// The F-01 (Kode A, luring) questions of every scored indicator, from the "F-01 (…)" blocks of
// docs/pekppp-2023-instrument.md §2–§7 (BG-F01, HU, DJ, MK), and the rule turning a unit's answers
// into its claimed level. Where the sources disagree on a format or an option list, the question takes
// the majority reading and says so in `note`. Skip logic is the file's ("if Tidak, skip b–e", "if
// Tidak, stop here", "if c = Ya"); where a question presupposes the first one's Ya (how many, which
// ones) it is shown only after Ya as well.
//
// The claimed-level rules follow §9 point 3, which the file marks DERIVED: no source gives an
// official rule from F-01 answers to an F-02 level, so every rule here is Pantau's (`ruleSource:
// 'pantau'`), a claim the evaluator checks against the bukti dukung, never a score.

type Options = readonly (readonly [id: string, label: string])[];

const options = (list: Options, claimsNothing: readonly string[] = []): F01Option[] =>
  list.map(([id, label]) => (claimsNothing.includes(id) ? { id, label, claimsNothing: true } : { id, label }));

const evidence = (names: readonly string[], requiredWhenClaimed = true): { evidence: F01EvidenceRequest } => ({ evidence: { names, requiredWhenClaimed } });

/** Count bands 1 → 1, 2 → 2, … 5 (or more) → 5. */
const ONE_PER_ITEM: LevelBand[] = [1, 2, 3, 4, 5].map((n) => ({ min: n, level: n }));
/** With the base item(s) ticked: none other → 1, 1 other → 2, … 4 (or more) others → 5. */
const BASE_PLUS_OTHERS: LevelBand[] = [0, 1, 2, 3, 4].map((n) => ({ min: n, level: n + 1 }));

const MAJORITY_ANGKA = 'angka in BG-F01 and HU, teks in DJ: the majority reading (angka) is taken';

/** Questions and claim rule of one indicator; `q('a')` is the question id "<code>/a". */
function form(code: string, explanation: string, build: (q: (letter: string) => string) => { questions: F01Question[]; rule: ClaimRule }): [string, F01Form] {
  const { questions, rule } = build((letter) => `${code}/${letter}`);
  return [code, { questions, claim: { name: `pantau/f01/${code}`, ruleSource: 'pantau', explanation, rule } }];
}

const yesNo = (id: string, text: string, extra: Partial<F01Question> = {}): F01Question => ({ id, text, type: 'yesNo', required: true, ...extra });
const single = (id: string, text: string, list: F01Option[], extra: Partial<F01Question> = {}): F01Question => ({
  id,
  text,
  type: 'single',
  options: list,
  required: true,
  ...extra,
});
const multi = (id: string, text: string, list: F01Option[], extra: Partial<F01Question> = {}): F01Question => ({
  id,
  text,
  type: 'multi',
  options: list,
  required: true,
  ...extra,
});
const number = (id: string, text: string, extra: Partial<F01Question> = {}): F01Question => ({ id, text, type: 'number', min: 0, required: true, ...extra });
const text = (id: string, text: string, extra: Partial<F01Question> = {}): F01Question => ({ id, text, type: 'text', required: true, ...extra });

const ifYes = (question: string): { showIf: F01Condition } => ({ showIf: { question, is: 'yes' } });
const ifNo = (question: string): { showIf: F01Condition } => ({ showIf: { question, is: 'no' } });
const ifTicked = (question: string, option: string): { showIf: F01Condition } => ({ showIf: { question, ticked: option } });

const MEDIA_ELEKTRONIK = options([
  ['elektronik', 'Elektronik'],
  ['non-elektronik', 'Non Elektronik'],
]);

export const PEKPPP_2023_F01: ReadonlyMap<string, F01Form> = new Map([
  form('1.a.Ak', 'Tidak ada SP → 0; SP tanpa 14 komponen → 1; +14 komponen → 2; +ditetapkan → 3; +melibatkan masyarakat → 4; +monev → 5.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah sudah dibuat Standar Pelayanan, baik sebagian ataupun seluruh jenis pelayanan?',
        evidence(['Daftar jenis pelayanan', 'Dokumen SP yang telah ditetapkan', 'Berita acara, foto, notulen', 'Laporan pelaksanaan Forum Konsultasi Publik']),
      ),
      number(q('a1'), 'Berapa jumlah jenis pelayanan yang dimiliki?', { ...ifYes(q('a')), note: MAJORITY_ANGKA }),
      number(q('a2'), 'Berapa jumlah jenis Standar Pelayanan yang dibuat?', { ...ifYes(q('a')), note: MAJORITY_ANGKA }),
      yesNo(q('b'), 'Apakah SP yang disusun telah memenuhi 14 komponen?', ifYes(q('a'))),
      yesNo(q('c'), 'Apakah dalam proses penyusunan SP telah melibatkan unsur masyarakat?', ifYes(q('a'))),
      yesNo(q('d'), 'Apakah SP telah ditetapkan?', ifYes(q('a'))),
      yesNo(q('e'), 'Apakah SP yang dimiliki dilakukan monev?', ifYes(q('a'))),
    ],
    rule: { kind: 'chainOfYes', questions: [q('a'), q('b'), q('d'), q('c'), q('e')], levelOfLength: [0, 1, 2, 3, 4, 5] },
  })),
  form('2.a.P', 'Jumlah unsur masyarakat yang terlibat: 1 → 1 … 5 → 5; tidak melibatkan → 0.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah dalam penyusunan SP telah melibatkan unsur masyarakat?',
        evidence(['Berita acara', 'Daftar hadir penyusunan SP', 'Notulen', 'Foto kegiatan', 'Laporan pelaksanaan FKP']),
      ),
      multi(
        q('b'),
        'Unsur masyarakat mana saja yang terlibat?',
        options([
          ['pengguna-layanan', 'Masyarakat pengguna layanan'],
          ['ahli', 'Ahli/praktisi/akademisi'],
          ['instansi-terkait', 'Instansi terkait'],
          ['organisasi-masyarakat-sipil', 'Organisasi masyarakat sipil'],
          ['media-massa', 'Media massa'],
        ]),
        ifYes(q('a')),
      ),
    ],
    rule: { kind: 'countTicked', question: q('b'), gate: { question: q('a'), is: 'yes' }, bands: ONE_PER_ITEM },
  })),
  form('3.a.T', 'Dipublikasikan sebagian → 1; seluruh komponen pada ≥2 media → 2; seluruh komponen pada SIPP Nasional dan 2/3/≥4 media lain → 3/4/5.', (q) => ({
    questions: [
      yesNo(q('a'), 'Apakah SP dipublikasikan?'),
      yesNo(q('b'), 'Apakah SP yang dipublikasikan seluruh 6 komponen service delivery?', {
        ...ifYes(q('a')),
        note: 'ya/tidak in HU and DJ, pilih satu ("Ya" / "Tidak, hanya sebagian") in BG-F01: the majority reading (ya/tidak) is taken',
      }),
      multi(
        q('c'),
        'Sebutkan media publikasi SP',
        options([
          ['media-cetak', 'Media cetak/non elektronik (brosur, leaflet, majalah, pamflet, buku saku, papan pengumuman)'],
          ['media-elektronik', 'Media elektronik (TV, layar monitor, kios-K)'],
          ['media-sosial', 'Media sosial'],
          ['website', 'Website/subsite'],
          ['aplikasi', 'Aplikasi yang bisa diunduh'],
          ['sippn', 'SIPP Nasional'],
        ]),
        {
          ...ifYes(q('a')),
          ...evidence(['Foto/screenshot media publikasi SP', 'Screenshot SIPPN']),
          note: 'BG-F01 adds "Papan reklame"; HU and DJ do not: the majority list is taken',
        },
      ),
    ],
    rule: {
      kind: 'ladder',
      steps: [
        { level: 1, when: [{ question: q('a'), is: 'yes' }] },
        {
          level: 2,
          when: [
            { question: q('b'), is: 'yes' },
            { question: q('c'), tickedAtLeast: 2 },
          ],
        },
        ...[3, 4, 5].map((level) => ({
          level,
          when: [{ question: q('b'), is: 'yes' } as const, { question: q('c'), ticked: 'sippn' }, { question: q('c'), tickedAtLeast: level }],
        })),
      ],
    },
  })),
  form('4.a.K', 'Level = urutan pernyataan yang dipilih (0–5).', (q) => ({
    questions: [
      single(
        q('a'),
        'Peninjauan ulang Standar Pelayanan yang dilakukan',
        options(
          [
            ['tidak', 'Tidak dilaksanakan peninjauan ulang secara berkala terhadap Standar Pelayanan'],
            ['3-tahun-seluruh', 'Dilakukan peninjauan ulang 3 tahun atau lebih terhadap seluruh jenis layanan'],
            ['2-tahun-sebagian', 'Dilakukan peninjauan ulang 2 tahun atau lebih terhadap sebagian jenis layanan'],
            ['2-tahun-seluruh', 'Dilakukan peninjauan ulang 2 tahun atau lebih cepat terhadap seluruh jenis layanan'],
            ['1-tahun-sebagian', 'Dilakukan peninjauan ulang 1 tahun atau lebih cepat terhadap sebagian jenis layanan'],
            ['1-tahun-seluruh', 'Dilakukan peninjauan ulang 1 tahun atau lebih cepat terhadap seluruh jenis layanan'],
          ],
          ['tidak'],
        ),
        {
          ...evidence(['BA FKP peninjauan SP', 'Laporan (BA peninjauan ulang, rencana aksi, pelaksanaan rencana aksi)', 'Foto kegiatan']),
          note: 'DJ inserts a stray "Media Elektronik" option (a copy error), left out',
        },
      ),
    ],
    rule: {
      kind: 'optionPosition',
      question: q('a'),
      levelOfOption: { tidak: 0, '3-tahun-seluruh': 1, '2-tahun-sebagian': 2, '2-tahun-seluruh': 3, '1-tahun-sebagian': 4, '1-tahun-seluruh': 5 },
    },
  })),
  form(
    '5.a.K',
    'Tidak tersedia maklumat yang ditetapkan → 0; ditetapkan → 2 (level 1, tersedia tetapi belum ditetapkan, tidak dibedakan oleh F-01); +isi sesuai → 3; +publikasi non elektronik → 4; +elektronik → 5.',
    (q) => ({
      questions: [
        yesNo(q('a'), 'Apakah tersedia maklumat pelayanan yang ditetapkan?', evidence(['Dokumen pengesahan maklumat pelayanan'])),
        yesNo(q('b'), 'Apakah isi maklumat pelayanan sesuai dengan peraturan perundangan yang berlaku?', ifYes(q('a'))),
        yesNo(q('c'), 'Apakah maklumat pelayanan dipublikasikan?', { ...ifYes(q('a')), ...evidence(['Foto/screenshot publikasi maklumat']) }),
        multi(q('c1'), 'Media publikasi yang digunakan', MEDIA_ELEKTRONIK, ifYes(q('c'))),
      ],
      rule: {
        kind: 'ladder',
        steps: [
          { level: 2, when: [{ question: q('a'), is: 'yes' }] },
          {
            level: 3,
            when: [
              { question: q('a'), is: 'yes' },
              { question: q('b'), is: 'yes' },
            ],
          },
          {
            level: 4,
            when: [
              { question: q('b'), is: 'yes' },
              { question: q('c1'), ticked: 'non-elektronik' },
            ],
          },
          {
            level: 5,
            when: [
              { question: q('b'), is: 'yes' },
              { question: q('c1'), ticked: 'non-elektronik' },
              { question: q('c1'), ticked: 'elektronik' },
            ],
          },
        ],
      },
    }),
  ),
  form('6.a.B', 'Belum SKM → 0; SKM → 1; sesuai PermenPANRB → 2; +publikasi non elektronik → 3; +elektronik → 4; +tindak lanjut → 5.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah Unit Lokus telah melaksanakan Survei Kepuasan Masyarakat?',
        evidence(['Dokumen/foto pelaksanaan SKM dan media', 'Laporan hasil SKM']),
      ),
      number(q('b'), 'Berapa kali dalam satu tahun dilaksanakan SKM?', ifYes(q('a'))),
      number(q('c'), 'Nilai rata-rata SKM periode terakhir: nilai IKM (konversi 100)', { ...ifYes(q('a')), max: 100 }),
      text(q('c1'), 'Periode pelaksanaan SKM terakhir, misalnya "TW IV 2021"', ifYes(q('a'))),
      yesNo(q('d'), 'Apakah pelaksanaan SKM sesuai dengan PermenPANRB yang berlaku?', ifYes(q('a'))),
      yesNo(q('e'), 'Apakah hasil SKM dipublikasikan?', ifYes(q('a'))),
      multi(q('e1'), 'Media publikasi hasil SKM', MEDIA_ELEKTRONIK, ifYes(q('e'))),
      yesNo(q('f'), 'Apakah hasil SKM dilakukan tindak lanjut?', ifYes(q('a'))),
    ],
    rule: {
      kind: 'ladder',
      steps: [
        { level: 1, when: [{ question: q('a'), is: 'yes' }] },
        { level: 2, when: [{ question: q('d'), is: 'yes' }] },
        {
          level: 3,
          when: [
            { question: q('d'), is: 'yes' },
            { question: q('e1'), ticked: 'non-elektronik' },
          ],
        },
        {
          level: 4,
          when: [
            { question: q('d'), is: 'yes' },
            { question: q('e1'), ticked: 'non-elektronik' },
            { question: q('e1'), ticked: 'elektronik' },
          ],
        },
        {
          level: 5,
          when: [
            { question: q('d'), is: 'yes' },
            { question: q('e1'), ticked: 'non-elektronik' },
            { question: q('e1'), ticked: 'elektronik' },
            { question: q('f'), is: 'yes' },
          ],
        },
      ],
    },
  })),
  form('7.a.T', 'Jumlah media publikasi hasil SKM: 1 → 1 … 5 → 5; tidak ada → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Sebutkan media publikasi hasil SKM',
        options([
          ['media-cetak', 'Media cetak/non elektronik'],
          ['media-elektronik', 'Media elektronik'],
          ['media-sosial', 'Media sosial'],
          ['website', 'Website'],
          ['aplikasi', 'Aplikasi yang bisa diunduh'],
        ]),
        { ...evidence(['Foto/screenshot publikasi hasil SKM']), note: 'pilih banyak in BG-F01 and HU, pilih satu in DJ: the majority reading is taken' },
      ),
    ],
    rule: { kind: 'countTicked', question: q('a'), bands: ONE_PER_ITEM },
  })),
  form('8.a.Ak', 'Tidak ada RTL → 0; RTL 0% → 1; <30% → 2; 30–80% → 3; >80% → 4; 100% → 5.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah sudah dibuat rencana tindak lanjut dari SKM yang sudah dilaksanakan?',
        evidence(['Laporan SKM yang memuat RTL', 'Laporan tindak lanjut']),
      ),
      number(q('b'), 'Berapa persen (%) rencana tindak lanjut yang direalisasikan dalam 1 tahun terakhir?', {
        ...ifYes(q('a')),
        max: 100,
        note: MAJORITY_ANGKA,
      }),
      yesNo(q('c'), 'Apakah dibuat laporan tindak lanjut yang dilakukan?', ifYes(q('a'))),
    ],
    rule: {
      kind: 'percentageBands',
      gate: { question: q('a'), is: 'yes' },
      sources: [
        {
          percentQuestion: q('b'),
          bands: [
            { min: 0, level: 1 },
            { min: 0, exclusive: true, level: 2 },
            { min: 30, level: 3 },
            { min: 80, exclusive: true, level: 4 },
            { min: 100, level: 5 },
          ],
        },
      ],
    },
  })),
  form('9.a.Ak', 'Tidak ditindaklanjuti → 0; 1 tahun → 1; 9 bulan → 2; 6 bulan → 3; 3 bulan → 4; 1 bulan → 5.', (q) => ({
    questions: [
      yesNo(q('a'), 'Apakah hasil SKM ditindaklanjuti?', evidence(['Laporan SKM yang memuat RTL', 'Laporan tindak lanjut'])),
      single(
        q('b'),
        'Berapa lama tindak lanjut hasil SKM?',
        options([
          ['1-tahun', '1 tahun setelah laporan SKM terbit'],
          ['9-bulan', '9 bulan setelah laporan SKM terbit'],
          ['6-bulan', '6 bulan setelah laporan SKM terbit'],
          ['3-bulan', '3 bulan setelah laporan SKM terbit'],
          ['1-bulan', '1 bulan setelah laporan SKM terbit'],
        ]),
        ifYes(q('a')),
      ),
    ],
    rule: {
      kind: 'optionPosition',
      question: q('b'),
      gate: { question: q('a'), is: 'yes' },
      levelOfOption: { '1-tahun': 1, '9-bulan': 2, '6-bulan': 3, '3-bulan': 4, '1-bulan': 5 },
    },
  })),
  form('10.b.As', 'Kebijakan jam pelayanan wajib: tanpa kebijakan → 0; kebijakan saja → 1; +1/2/3/≥4 unsur lain → 2/3/4/5.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah tersedia waktu pelayanan yang memudahkan pengguna layanan?',
        evidence(['Surat perintah lembur (nota dinas/memo)', 'Surat tugas pelayanan hari libur', 'Foto kegiatan']),
      ),
      multi(
        q('b'),
        'Bagaimana pelaksanaannya?',
        options([
          ['kebijakan-jam', 'Kebijakan jam pelayanan/kerja (SK/peraturan)'],
          ['tanpa-jeda', 'Tidak ada jeda pelayanan (istirahat bergilir/shift)'],
          ['tambahan-jam', 'Tambahan waktu di luar jam pelayanan (hari kerja)'],
          ['luar-hari-kerja-tertentu', 'Tambahan waktu di luar hari kerja pada kondisi tertentu'],
          ['luar-hari-kerja-rutin', 'Tambahan waktu di luar hari kerja secara rutin'],
          ['layanan-24-jam', 'Layanan 24 jam'],
        ]),
        { ...ifYes(q('a')), note: 'HU lists 5 items, leaving out "di luar hari kerja secara rutin"; BG-F01 and DJ list 6: the majority list is taken' },
      ),
    ],
    rule: { kind: 'countTicked', question: q('b'), gate: { question: q('a'), is: 'yes' }, requiredOptions: ['kebijakan-jam'], bands: BASE_PLUS_OTHERS },
  })),
  form('11.b.K', 'Hak dan kewajiban wajib: tanpa aturan → 0; hak dan kewajiban saja → 1; +1/2/3/4 unsur lain → 2/3/4/5.', (q) => ({
    questions: [
      yesNo(q('a'), 'Apakah sudah tersedia Aturan Perilaku dan Kode Etik Pelaksana Pelayanan?', evidence(['Dokumen kode etik dan kode perilaku'])),
      multi(
        q('b'),
        'Aturan Perilaku dan Kode Etik Pelaksana Pelayanan meliputi:',
        options([
          ['hak-kewajiban', 'Nilai dasar hak dan kewajiban'],
          ['larangan-kkn', 'Larangan KKN'],
          ['larangan-diskriminasi', 'Larangan diskriminasi'],
          ['sanksi', 'Sanksi'],
          ['penghargaan', 'Penghargaan'],
        ]),
        ifYes(q('a')),
      ),
    ],
    rule: { kind: 'countTicked', question: q('b'), gate: { question: q('a'), is: 'yes' }, requiredOptions: ['hak-kewajiban'], bands: BASE_PLUS_OTHERS },
  })),
  form('12.b.Ak', 'Jumlah jenis mekanisme: 1 → 1 … ≥5 → 5; tidak ada → 0.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah tersedia mekanisme untuk menjaga dan meningkatkan motivasi kerja?',
        evidence(['Dokumentasi/foto program', 'Peraturan', 'Video', 'Informasi lain (≥ 1 tahun terakhir)']),
      ),
      multi(
        q('b'),
        'Bagaimana mekanisme yang dibangun?',
        options([
          ['penghargaan', 'Pemberian penghargaan'],
          ['diklat', 'Kesempatan diklat'],
          ['beasiswa', 'Beasiswa'],
          ['konseling', 'Program konseling'],
          ['capacity-building', 'Team/capacity building'],
          ['lainnya', 'Mekanisme lain'],
        ]),
        ifYes(q('a')),
      ),
    ],
    rule: { kind: 'countTicked', question: q('b'), gate: { question: q('a'), is: 'yes' }, bands: ONE_PER_ITEM },
  })),
  form('13.b.K', 'Tanpa kinerja: 1–2 kriteria → 1, 3–5 → 2; dengan kinerja: 1–2 → 3, 3–4 → 4, 5–6 → 5; tidak ada → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Apakah kriteria yang digunakan dalam pemberian penghargaan?',
        options([
          ['kehadiran', 'Kehadiran'],
          ['kinerja', 'Kinerja/kualitas hasil kerja'],
          ['kerja-sama', 'Kerja sama'],
          ['inovatif', 'Inovatif/kreatif'],
          ['penampilan', 'Penampilan'],
          ['tanpa-komplain', 'Tidak pernah menerima komplain personal'],
        ]),
        evidence(['SK pemberian penghargaan']),
      ),
    ],
    rule: {
      kind: 'countTickedByKeyOption',
      question: q('a'),
      keyOption: 'kinerja',
      withoutKey: [
        { min: 1, level: 1 },
        { min: 3, level: 2 },
      ],
      withKey: [
        { min: 1, level: 3 },
        { min: 3, level: 4 },
        { min: 5, level: 5 },
      ],
    },
  })),
  form('14.b.K', 'Jumlah unsur budaya pelayanan: 1 → 1 … 5 → 5; tidak ada → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Bagaimana budaya pelayanan yang diterapkan dan diperlihatkan oleh Pelaksana layanan?',
        options([
          ['seragam', 'Seragam/atribut'],
          ['identitas-nama', 'Identitas nama (name tag, ID card)'],
          ['pin-logo', 'PIN/atribut/logo unit'],
          ['5s', 'Aturan penerapan 5S (senyum, salam, sapa, sopan, santun)'],
          ['nilai-budaya', 'Nilai budaya layanan (slogan, motto, maskot)'],
        ]),
        evidence(['Foto']),
      ),
    ],
    rule: { kind: 'countTicked', question: q('a'), bands: ONE_PER_ITEM },
  })),
  form('15.c.K', 'Tempat parkir dengan 1 … ≥5 fasilitas → 1 … 5; tanpa tempat parkir → 0.', (q) => ({
    questions: [
      yesNo(q('a'), 'Apakah tersedia tempat parkir kendaraan bermotor bagi pengguna layanan?', evidence(['Foto tempat parkir dan fasilitas'])),
      multi(
        q('b'),
        'Fasilitas parkir yang tersedia',
        options([
          ['roda-terpisah', 'Pemisahan parkir roda 2 dan roda 4 (bertanda)'],
          ['petugas-parkir', 'Petugas parkir'],
          ['karcis', 'Pemeriksaan karcis/kartu'],
          ['cctv', 'CCTV (aktif, dipantau)'],
          ['penitipan', 'Penitipan jaket/helm'],
          ['pelindung', 'Pelindung (kanopi/atap)'],
          ['lainnya', 'Lainnya'],
        ]),
        { ...ifYes(q('a')), note: 'BG-F01 adds "Drive Thru"; HU and DJ do not: the majority list is taken' },
      ),
      text(q('b1'), 'Fasilitas parkir lainnya', ifTicked(q('b'), 'lainnya')),
    ],
    rule: { kind: 'countTicked', question: q('b'), gate: { question: q('a'), is: 'yes' }, bands: ONE_PER_ITEM },
  })),
  form('16.c.As', 'Kedua fasilitas wajib → 1; +1/2/3/≥4 fasilitas pelengkap → 2/3/4/5; tanpa fasilitas wajib → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Fasilitas ruang tunggu yang tersedia',
        options([
          ['kursi-tunggu', 'Kursi tunggu (wajib)'],
          ['sirkulasi-udara', 'Pendingin/sirkulasi udara (wajib)'],
          ['mesin-antrian', 'Mesin antrian dengan monitor'],
          ['televisi', 'Televisi'],
          ['bahan-bacaan', 'Bahan bacaan'],
          ['charger', 'Charger booth'],
          ['wifi', 'Hotspot/wifi'],
          ['air-minum', 'Air minum'],
          ['lainnya', 'Lainnya'],
        ]),
        {
          ...evidence(['Foto/video ruang tunggu dan fasilitasnya']),
          note: 'BG-F01 asks two lists (fasilitas wajib, fasilitas tambahan); HU and DJ ask one combined list: the majority reading is taken',
        },
      ),
    ],
    rule: { kind: 'countTicked', question: q('a'), requiredOptions: ['kursi-tunggu', 'sirkulasi-udara'], bands: BASE_PLUS_OTHERS },
  })),
  form('17.c.As', 'Toilet dengan 1 … ≥5 kondisi → 1 … 5; tanpa toilet → 0.', (q) => ({
    questions: [
      yesNo(q('a'), 'Apakah tersedia toilet untuk pengguna layanan?', evidence(['Foto/video toilet dan fasilitasnya'])),
      multi(
        q('b'),
        'Fasilitas pada toilet',
        options([
          ['terpisah', 'Toilet pria dan wanita terpisah'],
          ['wastafel', 'Wastafel berfungsi'],
          ['toiletries', 'Toiletries (tisu, sabun, tempat sampah)'],
          ['air-bersih', 'Air bersih'],
          ['monev-kebersihan', 'Monev intensitas petugas membersihkan'],
          ['lainnya', 'Lainnya'],
        ]),
        ifYes(q('a')),
      ),
    ],
    rule: { kind: 'countTicked', question: q('b'), gate: { question: q('a'), is: 'yes' }, bands: ONE_PER_ITEM },
  })),
  form('18.c.K', 'Jumlah sarana prasarana kelompok rentan: 1–3 → 1; 4–6 → 2; 7–9 → 3; 10–12 → 4; ≥13 → 5.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Sebutkan sarana prasarana bagi pengguna layanan kelompok rentan',
        options([
          ['kursi-roda', 'Kursi roda/tongkat/kruk'],
          ['pintu-masuk', 'Pintu masuk mudah diakses'],
          ['ramp', 'Step lobby/ramp/jalan landai dengan pegangan rambat'],
          ['lift-braille', 'Lift khusus dengan huruf braille (atau layanan di lantai dasar)'],
          ['selasar', 'Selasar penghubung ruangan'],
          ['toilet-khusus', 'Toilet khusus'],
          ['loket-khusus', 'Loket khusus'],
          ['ruang-tunggu-khusus', 'Ruang tunggu khusus'],
          ['guiding-block', 'Guiding block'],
          ['parkir-khusus', 'Parkir khusus'],
          ['alat-bantu', 'Alat bantu tuna netra/tuna rungu'],
          ['arena-bermain', 'Arena bermain anak'],
          ['ruang-laktasi', 'Ruang laktasi'],
          ['lainnya', 'Fasilitas lain (petugas pemandu, bahasa isyarat)'],
        ]),
        evidence(['Foto seluruh sarana prasarana kelompok rentan']),
      ),
    ],
    rule: {
      kind: 'countTicked',
      question: q('a'),
      bands: [
        { min: 1, level: 1 },
        { min: 4, level: 2 },
        { min: 7, level: 3 },
        { min: 10, level: 4 },
        { min: 13, level: 5 },
      ],
    },
  })),
  form('19.c.As', 'Jumlah fasilitas penunjang: 1 → 1 … ≥5 → 5; tidak ada → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Sarana prasarana penunjang yang tersedia',
        options([
          ['fotocopy-atk', 'Fotocopy/ATK'],
          ['p3k', 'P3K'],
          ['apar', 'APAR'],
          ['kantin', 'Kantin'],
          ['ruang-ibadah', 'Ruang ibadah'],
          ['area-merokok', 'Area merokok di luar ruang pelayanan'],
          ['jalur-evakuasi', 'Jalur evakuasi/titik kumpul'],
          ['ruang-laktasi', 'Ruang laktasi'],
          ['tempat-sampah', 'Tempat sampah'],
          ['cctv', 'CCTV'],
          ['lainnya', 'Lainnya'],
        ]),
        evidence(['Foto/video sarana prasarana penunjang']),
      ),
    ],
    rule: { kind: 'countTicked', question: q('a'), bands: ONE_PER_ITEM },
  })),
  form('20.c.B', 'Jumlah fasilitas FO informasi: 1 → 1 … ≥5 → 5; tidak ada → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Fasilitas pada Sarana Front Office (FO) bagian Informasi',
        options([
          ['petugas-khusus', 'Petugas khusus'],
          ['meja-kursi', 'Meja/kursi'],
          ['layar-informasi', 'Layar/display informasi'],
          ['bahan-cetak', 'Bahan cetak informasi layanan'],
          ['register-tamu', 'Register tamu (manual/elektronik)'],
          ['lainnya', 'Lainnya'],
        ]),
        evidence(['Foto/video FO informasi dan fasilitasnya']),
      ),
    ],
    rule: { kind: 'countTicked', question: q('a'), bands: ONE_PER_ITEM },
  })),
  form(
    '21.d.T',
    'Bentuk tertinggi yang dicentang: lisan → 1; lisan, papan pengumuman dan media cetak → 2; elektronik belum online → 3; online/website → 4; online dengan akun SIPPN dan layanan terinput → 5.',
    (q) => ({
      questions: [
        yesNo(q('a'), 'Apakah tersedia sistem informasi pelayanan publik (SIPP)?', evidence(['Akun SIPPN', 'Screenshot akun unit pada SIPPN'])),
        multi(q('b'), 'SIPP yang tersedia berupa', MEDIA_ELEKTRONIK, ifYes(q('a'))),
        multi(
          q('c'),
          'SIPP non elektronik berupa',
          options([
            ['lisan', 'Lisan (pusat informasi)'],
            ['papan-pengumuman', 'Papan pengumuman'],
            ['media-cetak', 'Media cetak'],
          ]),
          ifTicked(q('b'), 'non-elektronik'),
        ),
        multi(
          q('d'),
          'SIPP elektronik berupa',
          options([
            ['belum-online', 'Intranet/belum online (e-kiosk, display TV, layar monitor)'],
            ['online', 'Online/website'],
          ]),
          ifTicked(q('b'), 'elektronik'),
        ),
        yesNo(q('e'), 'Apakah telah menggunakan SIPPN?', ifYes(q('a'))),
        text(q('e1'), 'Akun pengguna SIPPN', ifYes(q('e'))),
        number(q('f'), 'Berapa jumlah layanan yang sudah diinputkan pada SIPPN?', { ...ifYes(q('e')), note: MAJORITY_ANGKA }),
      ],
      rule: {
        kind: 'ladder',
        steps: [
          { level: 1, when: [{ question: q('c'), ticked: 'lisan' }] },
          {
            level: 2,
            when: [
              { question: q('c'), ticked: 'lisan' },
              { question: q('c'), ticked: 'papan-pengumuman' },
              { question: q('c'), ticked: 'media-cetak' },
            ],
          },
          { level: 3, when: [{ question: q('d'), ticked: 'belum-online' }] },
          { level: 4, when: [{ question: q('d'), ticked: 'online' }] },
          {
            level: 5,
            when: [
              { question: q('d'), ticked: 'online' },
              { question: q('e'), is: 'yes' },
              { question: q('f'), atLeast: 1 },
            ],
          },
        ],
      },
    }),
  ),
  form('22.d.B', 'Jumlah unsur pendukung yang dimiliki: 1 → 1 … ≥5 → 5; tidak ada → 0 (bacaan "dengan N kondisi" level F-02 revisi ini).', (q) => ({
    questions: [
      multi(
        q('a'),
        'Unsur pendukung SIPP yang dimiliki',
        options([
          ['data-sp', 'Data pendukung pelayanan (standar pelayanan)'],
          ['sp4n-lapor', 'Pengelolaan pengaduan SP4N-LAPOR!'],
          ['skm', 'Survei kepuasan masyarakat'],
          ['penilaian-kinerja', 'Penilaian kinerja pemberi pelayanan'],
          ['sim-kepegawaian', 'SIM kepegawaian (SDM)'],
          ['faq', 'FAQ'],
          ['keuangan', 'Pengelolaan keuangan'],
          ['lainnya', 'Lainnya'],
        ]),
        {
          ...evidence(['Screenshot unsur pendukung SIPP'], false),
          note: 'the option lists differ (BG-F01: LAPOR!, SKM, SIM kepegawaian, FAQ, keuangan, lainnya; HU: data SP, LAPOR!, SKM, penilaian kinerja, keuangan, lainnya; DJ: LAPOR!, keuangan, lainnya) with no majority: their union is taken; BG-F01 asks no bukti dukung, so none is required',
        },
      ),
      text(q('a1'), 'Unsur pendukung lainnya', ifTicked(q('a'), 'lainnya')),
    ],
    rule: { kind: 'countTicked', question: q('a'), bands: ONE_PER_ITEM },
  })),
  form(
    '23.d.As',
    'Panjang rantai "Ya" berturut-turut: hanya memiliki SIPP elektronik → 0; +mudah dioperasikan → 1; +mudah diakses → 2; +kompatibel → 3; +domain.go.id → 4; +navigasi → 5.',
    (q) => {
      const chain: [string, string][] = [
        ['a', 'Apakah telah memiliki SIPP Elektronik?'],
        ['b', 'Apakah SIPP Elektronik mudah dioperasikan?'],
        ['c', 'Apakah SIPP Elektronik mudah diakses?'],
        ['d', 'Apakah SIPP Elektronik memiliki fungsi yang kompatibel?'],
        ['e', 'Apakah SIPP Elektronik menggunakan kanal resmi pemerintah (domain.go.id)?'],
        ['f', 'Apakah SIPP Elektronik memiliki navigasi yang memudahkan pengguna layanan?'],
      ];
      return {
        questions: chain.map(([letter, question], k) =>
          yesNo(q(letter), question, {
            ...(k === 0
              ? evidence(['Screenshot SIPP elektronik (website)', 'Screenshot back-end kanal digital yang dikelola unit'], false)
              : ifYes(q(chain[k - 1][0]))),
            ...(k === 3
              ? { note: 'HU and DJ ask kompatibel, domain, navigasi in this order; BG-F01 asks navigasi, domain, kompatibel: the majority order is taken' }
              : {}),
          }),
        ),
        rule: { kind: 'chainOfYes', questions: chain.map(([letter]) => q(letter)), levelOfLength: [0, 0, 1, 2, 3, 4, 5] },
      };
    },
  ),
  form('24.d.T', 'Tidak dimutakhirkan → 0; tahunan → 1; per enam bulan → 2; bulanan → 3; mingguan → 4; setiap hari → 5.', (q) => ({
    questions: [
      yesNo(
        q('a'),
        'Apakah terdapat pemutakhiran informasi pelayanan publik?',
        evidence(['Foto/screenshot minimal 5 butir informasi berurutan yang menunjukkan waktu publikasi'], false),
      ),
      single(
        q('b'),
        'Berapa lama jangka waktu pemutakhiran?',
        options([
          ['tahunan', 'Tahunan'],
          ['semesteran', 'Per enam bulan'],
          ['bulanan', 'Bulanan'],
          ['mingguan', 'Mingguan'],
          ['harian', 'Setiap hari'],
        ]),
        ifYes(q('a')),
      ),
    ],
    rule: {
      kind: 'optionPosition',
      question: q('b'),
      gate: { question: q('a'), is: 'yes' },
      levelOfOption: { tahunan: 1, semesteran: 2, bulanan: 3, mingguan: 4, harian: 5 },
    },
  })),
  form('25.e.P', 'Jumlah fasilitas sarana konsultasi dan pengaduan: 1 → 1 … ≥5 → 5; tidak ada → 0.', (q) => ({
    questions: [
      multi(
        q('a'),
        'Fasilitas sarana dan prasarana konsultasi dan pengaduan',
        options([
          ['kotak-saran', 'Kotak saran/pengaduan'],
          ['petugas-khusus', 'Petugas khusus'],
          ['air-minum', 'Air minum/makanan ringan'],
          ['register', 'Register konsultasi dan pengaduan'],
          ['publikasi-mekanisme', 'Publikasi mekanisme (poster, spanduk, leaflet, buku, bahan cetak)'],
        ]),
        {
          ...evidence(['Foto sarana/media konsultasi dan pengaduan', 'SK petugas khusus']),
          note: 'BG-F01 adds "Ruang khusus"; HU and DJ do not: the majority list is taken',
        },
      ),
    ],
    rule: { kind: 'countTicked', question: q('a'), bands: ONE_PER_ITEM },
  })),
  form('26.e.P', 'Tatap muka menyatu dengan FO → 1; terpisah → 2; menyatu dan daring → 3; terpisah dan daring → 4; terpisah dan SP4N-LAPOR! → 5.', (q) => {
    const daring = ['email', 'sms-telepon', 'media-sosial', 'website', 'aplikasi-mobile', 'sp4n-lapor'];
    return {
      questions: [
        yesNo(
          q('a'),
          'Apakah tersedia sarana konsultasi dan pengaduan?',
          evidence(['Foto sarana/media konsultasi dan pengaduan', 'Data SP4N-LAPOR!', 'Surat keputusan']),
        ),
        multi(
          q('b'),
          'Sarana konsultasi dan pengaduan yang tersedia',
          options([
            ['menyatu-fo', 'Tatap muka, menyatu dengan front office'],
            ['terpisah-fo', 'Tatap muka, terpisah dengan front office'],
            ['email', 'Email'],
            ['sms-telepon', 'SMS/telepon/aplikasi percakapan'],
            ['media-sosial', 'Media sosial'],
            ['website', 'Website pengaduan mandiri'],
            ['aplikasi-mobile', 'Aplikasi mobile pengaduan mandiri'],
            ['sp4n-lapor', 'SP4N-LAPOR!'],
          ]),
          { ...ifYes(q('a')), note: 'BG-F01 asks two lists (tatap muka, daring); HU and DJ ask one combined list: the majority reading is taken' },
        ),
      ],
      rule: {
        kind: 'ladder',
        steps: [
          { level: 1, when: [{ question: q('b'), ticked: 'menyatu-fo' }] },
          { level: 2, when: [{ question: q('b'), ticked: 'terpisah-fo' }] },
          {
            level: 3,
            when: [
              { question: q('b'), ticked: 'menyatu-fo' },
              { question: q('b'), tickedAtLeast: 1, among: daring },
            ],
          },
          {
            level: 4,
            when: [
              { question: q('b'), ticked: 'terpisah-fo' },
              { question: q('b'), tickedAtLeast: 1, among: daring },
            ],
          },
          {
            level: 5,
            when: [
              { question: q('b'), ticked: 'terpisah-fo' },
              { question: q('b'), ticked: 'sp4n-lapor' },
            ],
          },
        ],
      },
    };
  }),
  form(
    '27.e.Ak',
    'Panjang rantai "Ya" berturut-turut: ada dokumentasi → 0; +diarsipkan → 1; +laporan → 2; +monev → 3; +tindak lanjut → 4; +publikasi → 5.',
    (q) => {
      const chain: [string, string][] = [
        ['a', 'Apakah terdapat dokumentasi hasil konsultasi dan pengaduan?'],
        ['b', 'Apakah dokumentasi hasil konsultasi dan pengaduan diarsipkan?'],
        ['c', 'Apakah dokumentasi hasil konsultasi dan pengaduan dituangkan dalam laporan?'],
        ['d', 'Apakah hasil konsultasi dan pengaduan dilakukan monev?'],
        ['e', 'Apakah hasil konsultasi dan pengaduan ditindaklanjuti?'],
        ['f', 'Apakah hasil konsultasi dan pengaduan dipublikasikan?'],
      ];
      return {
        questions: chain.map(([letter, question], k) =>
          yesNo(
            q(letter),
            question,
            k === 0
              ? evidence(['Dokumentasi kegiatan konsultasi/pengaduan', 'Screenshot di website, aplikasi mobile dan SP4N-LAPOR!', 'Laporan berkala'])
              : ifYes(q(chain[k - 1][0])),
          ),
        ),
        rule: { kind: 'chainOfYes', questions: chain.map(([letter]) => q(letter)), levelOfLength: [0, 0, 1, 2, 3, 4, 5] },
      };
    },
  ),
  form(
    '28.e.Ak',
    'Bila ada pengaduan masuk SP4N-LAPOR! yang selesai: <50% → 3; 50–<90% → 4; ≥90% → 5; selain itu dari seluruh pengaduan: <50% → 1; ≥50% → 2; tidak ada yang selesai → 0.',
    (q) => ({
      questions: [
        number(q('a'), 'Jumlah konsultasi/pengaduan yang masuk seluruhnya (Januari–Desember tahun lalu)', {
          ...evidence(['Dokumentasi konsultasi/pengaduan dan tindak lanjutnya', 'Screenshot SP4N-LAPOR! (jumlah masuk dan selesai)']),
          note: MAJORITY_ANGKA,
        }),
        number(q('b'), 'Jumlah konsultasi/pengaduan yang ditindaklanjuti seluruhnya hingga selesai', { note: MAJORITY_ANGKA }),
        number(q('c'), 'Jumlah konsultasi/pengaduan yang masuk ke SP4N-LAPOR!', { note: MAJORITY_ANGKA }),
        number(q('d'), 'Jumlah konsultasi/pengaduan yang ditindaklanjuti hingga selesai dalam SP4N-LAPOR!', { note: MAJORITY_ANGKA }),
      ],
      rule: {
        kind: 'percentageBands',
        sources: [
          {
            numerator: q('d'),
            denominator: q('c'),
            bands: [
              { min: 0, exclusive: true, level: 3 },
              { min: 50, level: 4 },
              { min: 90, level: 5 },
            ],
          },
          {
            numerator: q('b'),
            denominator: q('a'),
            bands: [
              { min: 0, exclusive: true, level: 1 },
              { min: 50, level: 2 },
            ],
          },
        ],
      },
    }),
  ),
  form(
    '29.f.B',
    'Belum ada inovasi, masih belajar → 1; inovasi <1 tahun → 2; ≥1 tahun → 3; ≥1 tahun dan ikut kompetisi → 4; meraih penghargaan → 5; selain itu → 0.',
    (q) => ({
      questions: [
        yesNo(q('a'), 'Apakah terdapat inovasi pelayanan publik?', {
          ...evidence(['Proposal inovasi', 'Dokumentasi pelaksanaan', 'Bukti keikutsertaan/piagam kompetisi']),
          note: 'pilih satu Ya/Tidak in BG-F01, ya/tidak in DJ: the same two answers',
        }),
        text(q('a1'), 'Judul inovasi dan penjelasan singkat', ifYes(q('a'))),
        single(
          q('a2'),
          'Apakah ada inisiatif untuk berinovasi?',
          options(
            [
              ['tidak', 'Tidak'],
              ['belajar', 'Ya, masih dalam proses pembelajaran berinovasi'],
            ],
            ['tidak'],
          ),
          ifNo(q('a')),
        ),
        text(q('a3'), 'Bukti proses pembelajaran berinovasi (studi tiru, referensi, seminar)', ifTicked(q('a2'), 'belajar')),
        single(
          q('b'),
          'Sudah berapa lama inovasi dilaksanakan?',
          options([
            ['kurang-1-tahun', 'Kurang dari 1 tahun'],
            ['lebih-1-tahun', '1 tahun atau lebih'],
          ]),
          ifYes(q('a')),
        ),
        text(q('b1'), 'Waktu pertama kali inovasi dilaksanakan', ifYes(q('a'))),
        yesNo(q('c'), 'Apakah inovasi sudah diikutsertakan dalam kompetisi inovasi pelayanan publik?', {
          ...ifYes(q('a')),
          note: 'pilih satu in BG-F01, ya/tidak in DJ and HU: the majority reading is taken',
        }),
        multi(
          q('d'),
          'Penghargaan yang diperoleh',
          options([
            ['instansi', 'Tingkat instansi (lokal)'],
            ['nasional', 'Tingkat nasional'],
            ['internasional', 'Tingkat internasional'],
          ]),
          { ...ifYes(q('c')), note: 'BG-F01 asks a table (a checkbox and keterangan per level); DJ and HU ask pilih banyak: the majority reading is taken' },
        ),
      ],
      rule: {
        kind: 'ladder',
        steps: [
          { level: 1, when: [{ question: q('a2'), ticked: 'belajar' }] },
          { level: 2, when: [{ question: q('b'), ticked: 'kurang-1-tahun' }] },
          { level: 3, when: [{ question: q('b'), ticked: 'lebih-1-tahun' }] },
          {
            level: 4,
            when: [
              { question: q('b'), ticked: 'lebih-1-tahun' },
              { question: q('c'), is: 'yes' },
            ],
          },
          { level: 5, when: [{ question: q('d'), tickedAtLeast: 1 }] },
        ],
      },
    }),
  ),
  form('30.f.B', 'Tidak ada → 0; rancangan payung hukum → 1; payung hukum → 2; +1/2/3 kondisi lain → 3/4/5.', (q) => ({
    questions: [
      yesNo(q('a'), 'Apakah terdapat sumber daya yang mendukung keberlanjutan inovasi?', {
        ...evidence(['Payung hukum kelembagaan inovasi', 'Dokumen/foto penganggaran', 'Foto sarana prasarana', 'SK perorangan/tim'], false),
      }),
      yesNo(q('b'), 'Apakah sumber daya sudah berbentuk payung hukum? (Tidak: masih dalam rancangan payung hukum)', {
        ...ifYes(q('a')),
        note: 'ya/tidak in HU and DJ, pilih satu ("Ya, sudah berbentuk payung hukum" / "Tidak, masih dalam rancangan") in BG-F01: the majority reading is taken',
      }),
      multi(
        q('c'),
        'Bentuk sumber daya lainnya',
        options([
          ['anggaran', 'Alokasi anggaran'],
          ['sarpras', 'Sarana dan prasarana'],
          ['sdm', 'SDM (SK perorangan/tim)'],
        ]),
        ifYes(q('b')),
      ),
    ],
    rule: {
      kind: 'ladder',
      steps: [
        { level: 1, when: [{ question: q('a'), is: 'yes' }] },
        { level: 2, when: [{ question: q('b'), is: 'yes' }] },
        { level: 3, when: [{ question: q('c'), tickedAtLeast: 1 }] },
        { level: 4, when: [{ question: q('c'), tickedAtLeast: 2 }] },
        { level: 5, when: [{ question: q('c'), tickedAtLeast: 3 }] },
      ],
    },
  })),
]);
