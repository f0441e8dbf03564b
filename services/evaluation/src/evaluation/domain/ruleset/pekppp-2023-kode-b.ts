import { PEKPPP_ANTRIAN, pekppp2023v2 } from './pekppp-2023-v2';
import { type Aspect, type AspectCode, type F03Item, type Indicator, type Provenance, type Ruleset, findIndicator } from './ruleset';

// Kode B (DARING): the PEKPPP forms for fully online services, from docs/pekppp-2023-instrument.md §10
// and the one source behind it, SW-F02B/SW-F03 (swamsid/organisasi-portal-biro MasterF02Seeder.php and
// MasterF03Seeder.php @8ac2405, the rows with jenis B). Everything here is provisional: one source, and
// no source gives Kode B weights.
//
// Kode B is Kode A without indicator 4 (peninjauan ulang SP), with indicator 10's levels reworded, the
// Sarana Prasarana indicators replaced by six for electronic services, and indicators 25 and 26 of
// Konsultasi dan Pengaduan replaced by online media and response time. Shared indicators keep their
// Kode A code, name and level texts (SW-F02B gives them the same texts), so proposals and evidence read
// alike in both. The official Kode B codes are not in the source: a replaced indicator keeps the number
// of the Kode A one it replaces, and "x" marks its unknown principle letter.

const SOURCE = 'docs/pekppp-2023-instrument.md §10; SW-F02B (swamsid/organisasi-portal-biro MasterF02Seeder.php @8ac2405, jenis B), the only source';
const provisional = (source: string): Provenance => ({ provisional: true, source });

const KODE_A_WEIGHTS = provisional(`${SOURCE}; Kode B weights are unsourced: the Kode A weight of the same indicator is used`);
const SCALED_WEIGHTS = provisional(
  `${SOURCE}; Kode B weights are unsourced: the Kode A weights of the eight indicators left once indicator 4 is dropped, scaled to 100% (rounded half-up, the last indicator taking the rounding)`,
);
const REPLACED_WEIGHT = provisional(`${SOURCE}; Kode B weights are unsourced: the Kode A weight of the indicator it replaces is used`);
const EQUAL_WEIGHTS = provisional(`${SOURCE}; Kode B weights are unsourced: the six electronic-service indicators are weighted equally`);
const ASPECT_WEIGHTS = provisional(`${SOURCE}; Kode B aspect weights are unsourced: the Kode A aspect weights are used`);
const SAME_TEXT_AS_KODE_A = provisional(`${SOURCE}: the same level texts as Kode A (the Kode A text of revision 2 is used)`);
const SW_F02B_TEXT = provisional(`${SOURCE}: names and level texts of SW-F02B (initial capitals and final full stops added)`);

function kodeA(code: string, weightBp: number, weight: Provenance): Indicator {
  const found = findIndicator(pekppp2023v2, code);
  if (!found) throw new Error(`pekppp-2023 v2 has no indicator ${code}`);
  return { ...found.indicator, weightBp, ...weight, descriptorsProvenance: SAME_TEXT_AS_KODE_A };
}

function daring(no: number, aspect: AspectCode, name: string, weightBp: number, weight: Provenance, descriptors: readonly string[]): Indicator {
  return { no, code: `${no}.${aspect}.x`, name, weightBp, ...weight, descriptors, descriptorsProvenance: SW_F02B_TEXT, evidenceExamples: [] };
}

const aspectOfKodeA = (code: AspectCode): Aspect => {
  const aspect = pekppp2023v2.aspects.find((candidate) => candidate.code === code);
  if (!aspect) throw new Error(`pekppp-2023 v2 has no aspect ${code}`);
  return aspect;
};

const aspect = (code: AspectCode, indicators: Indicator[]): Aspect => {
  const { name, weightBp } = aspectOfKodeA(code);
  return { code, name, weightBp, ...ASPECT_WEIGHTS, indicators };
};

/**
 * F-03 B: 11 items (SW-F03), grouped I 4 · II 1 · III 4 · IV 1 · V 1 as SW-F03's F03.php averages them,
 * with the codes SW-F03 gives them (docs/pekppp-2023-instrument.md §10).
 */
const F03_KODE_B_ITEMS: readonly F03Item[] = [
  { item: 1, code: '1.a.K1', group: 'I', name: 'Persyaratan' },
  { item: 2, code: '2.a.K1', group: 'I', name: 'Prosedur' },
  { item: 3, code: '3.a.K1', group: 'I', name: 'Tarif' },
  { item: 4, code: '4.a.K1', group: 'I', name: 'Waktu penyelesaian' },
  { item: 5, code: '5.b.Ak', group: 'II', name: 'Petugas pengelola layanan elektronik responsif' },
  { item: 6, code: '6.c.As', group: 'III', name: 'Layanan daring mudah diakses' },
  { item: 7, code: '7.c.As', group: 'III', name: 'Interaksi dengan penyedia layanan mudah' },
  { item: 8, code: '8.c.As', group: 'III', name: 'Tampilan layanan daring memudahkan' },
  { item: 9, code: '9.c.Ak', group: 'III', name: 'Keamanan layanan daring terjamin' },
  { item: 10, code: '10.d.T', group: 'IV', name: 'Akses informasi layanan daring' },
  { item: 11, code: '11.e.T', group: 'V', name: 'Informasi konsultasi dan pengaduan mudah diakses' },
];

/** PEKPPP Kode B (daring), for units whose services are fully online; provisional throughout. */
export const pekppp2023KodeB: Ruleset = {
  ...pekppp2023v2,
  id: 'pekppp-2023-kode-b',
  version: 1,
  kodeBRulesetId: undefined, // it is the Kode B form: its units have no other
  title: 'PEKPPP Kode B (daring) — layanan sepenuhnya daring, instrumen 2022–2026 (sementara: satu sumber, bobot belum bersumber)',
  aspects: [
    aspect('a', [
      kodeA('1.a.Ak', 1977, SCALED_WEIGHTS),
      kodeA('2.a.P', 1628, SCALED_WEIGHTS),
      kodeA('3.a.T', 814, SCALED_WEIGHTS),
      kodeA('5.a.K', 1163, SCALED_WEIGHTS),
      kodeA('6.a.B', 1977, SCALED_WEIGHTS),
      kodeA('7.a.T', 814, SCALED_WEIGHTS),
      kodeA('8.a.Ak', 814, SCALED_WEIGHTS),
      kodeA('9.a.Ak', 813, SCALED_WEIGHTS),
    ]),
    aspect('b', [
      {
        ...kodeA('10.b.As', 1000, KODE_A_WEIGHTS),
        descriptors: [
          'Tidak tersedia bentuk waktu yang memudahkan pengguna layanan.',
          'Tersedia 1 bentuk waktu yang memudahkan pengguna layanan.',
          'Tersedia 2 bentuk waktu yang memudahkan pengguna layanan.',
          'Tersedia 3 bentuk waktu yang memudahkan pengguna layanan.',
          'Tersedia 4 bentuk waktu yang memudahkan pengguna layanan.',
          'Tersedia lebih dari 4 bentuk waktu yang memudahkan pengguna layanan.',
        ],
        descriptorsProvenance: SW_F02B_TEXT,
      },
      kodeA('11.b.K', 2000, KODE_A_WEIGHTS),
      kodeA('12.b.Ak', 2000, KODE_A_WEIGHTS),
      kodeA('13.b.K', 2000, KODE_A_WEIGHTS),
      kodeA('14.b.K', 3000, KODE_A_WEIGHTS),
    ]),
    aspect('c', [
      daring(15, 'c', 'Tersedia layanan elektronik yang mudah diakses.', 1667, EQUAL_WEIGHTS, [
        'Layanan elektronik yang tidak mudah diakses.',
        'Tersedia layanan elektronik dengan 1 kondisi.',
        'Tersedia layanan elektronik dengan 2 kondisi.',
        'Tersedia layanan elektronik dengan 3 kondisi.',
        'Tersedia layanan elektronik dengan 4 kondisi.',
        'Tersedia layanan elektronik dengan lebih dari 4 kondisi.',
      ]),
      daring(16, 'c', 'Tersedia layanan elektronik yang memudahkan interaksi antara penyedia dengan pengguna layanan.', 1667, EQUAL_WEIGHTS, [
        'Tidak tersedia fasilitas apapun.',
        'Tersedia fasilitas wajib.',
        'Tersedia fasilitas wajib dan 1 fasilitas pelengkap.',
        'Tersedia fasilitas wajib dan 2 fasilitas pelengkap.',
        'Tersedia fasilitas wajib dan 3 fasilitas pelengkap.',
        'Tersedia fasilitas wajib dan 4 atau lebih fasilitas pelengkap.',
      ]),
      daring(17, 'c', 'Tersedia fitur keamanan pada layanan elektronik.', 1667, EQUAL_WEIGHTS, [
        'Tidak tersedia fitur keamanan pada layanan elektronik.',
        'Memiliki 1 fitur keamanan pada layanan elektronik.',
        'Memiliki 2 fitur keamanan pada layanan elektronik.',
        'Memiliki 3 fitur keamanan pada layanan elektronik.',
        'Memiliki 4 fitur keamanan pada layanan elektronik.',
        'Memiliki lebih dari 4 fitur keamanan pada layanan elektronik.',
      ]),
      daring(18, 'c', 'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan.', 1667, EQUAL_WEIGHTS, [
        'Tidak tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan.',
        'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan yang memenuhi 1 unsur.',
        'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan yang memenuhi 2 unsur.',
        'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan yang memenuhi 3 unsur.',
        'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan yang memenuhi 4 unsur.',
        'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan yang memenuhi lebih dari 4 unsur.',
      ]),
      daring(19, 'c', 'Tersedia layanan daring pendukung yang memanfaatkan media elektronik lainnya di luar situs dan aplikasi.', 1666, EQUAL_WEIGHTS, [
        'Tidak tersedia layanan daring pendukung.',
        '1 media elektronik.',
        '2 media elektronik.',
        '3 media elektronik.',
        '4 media elektronik.',
        'Lebih dari 4 media elektronik.',
      ]),
      daring(20, 'c', 'Tersedia penyimpanan data yang membantu aktivitas pengguna layanan.', 1666, EQUAL_WEIGHTS, [
        'Tidak disediakan.',
        'Menggunakan penyimpanan data yang tidak berbayar.',
        'Memanfaatkan penyimpanan data bersama.',
        'Menggunakan/menyewa penyimpanan data dengan pihak ketiga.',
        'Hanya menggunakan penyimpanan data dengan server sendiri namun tidak memanfaatkan backup di cloud.',
        'Menggunakan penyimpanan data dengan server sendiri dan memanfaatkan backup di cloud.',
      ]),
    ]),
    aspect('d', [
      kodeA('21.d.T', 3000, KODE_A_WEIGHTS),
      kodeA('22.d.B', 2000, KODE_A_WEIGHTS),
      kodeA('23.d.As', 2000, KODE_A_WEIGHTS),
      kodeA('24.d.T', 3000, KODE_A_WEIGHTS),
    ]),
    aspect('e', [
      daring(25, 'e', 'Tersedia media konsultasi dan pengaduan secara daring.', 2000, REPLACED_WEIGHT, [
        'Tidak tersedia media konsultasi dan pengaduan pengguna layanan.',
        'Tersedia 1 jenis media konsultasi dan pengaduan pengguna layanan.',
        'Tersedia 2 jenis media konsultasi dan pengaduan pengguna layanan.',
        'Tersedia 3 jenis media konsultasi dan pengaduan pengguna layanan.',
        'Tersedia 4 jenis media konsultasi dan pengaduan pengguna layanan.',
        'Tersedia lebih dari 4 jenis media konsultasi dan pengaduan pengguna layanan.',
      ]),
      daring(26, 'e', 'Kecepatan respon konsultasi dan pengaduan.', 2500, REPLACED_WEIGHT, [
        'Respon terhadap konsultasi dan pengaduan lebih dari 14 x 24 jam.',
        'Respon terhadap konsultasi dan pengaduan 14x24 jam atau lebih cepat.',
        'Respon terhadap konsultasi dan pengaduan 7x24 jam atau lebih cepat.',
        'Respon terhadap konsultasi dan pengaduan 5x24 jam atau lebih cepat.',
        'Respon terhadap konsultasi dan pengaduan 3x24 jam atau lebih cepat.',
        'Respon terhadap konsultasi dan pengaduan 1x24 jam atau lebih cepat.',
      ]),
      kodeA('27.e.Ak', 2500, KODE_A_WEIGHTS),
      kodeA('28.e.Ak', 3000, KODE_A_WEIGHTS),
    ]),
    aspect('f', [kodeA('29.f.B', 5000, KODE_A_WEIGHTS), kodeA('30.f.B', 5000, KODE_A_WEIGHTS)]),
  ],
  informationIndicators: [{ ...PEKPPP_ANTRIAN, ...provisional(`${SOURCE}: SW-F02B asks the same sistem antrian question with the Kode A level texts`) }],
  userScoreMerge: pekppp2023v2.userScoreMerge && {
    ...pekppp2023v2.userScoreMerge,
    ...provisional(
      `F-03 B items from SW-F03 (swamsid/organisasi-portal-biro MasterF03Seeder.php @8ac2405, jenis B), the only source; the merge and the respondent quota are Kode A's: ${pekppp2023v2.userScoreMerge.source}`,
    ),
    items: F03_KODE_B_ITEMS,
  },
};
