import type { StandardComponent } from './compliance-ruleset';

const LISTED =
  'UU 25/2009 Pasal 21; PermenPANRB 15/2014; KemenPANRB deck (slideplayer 17657544); Ombudsman 2023 instrument lists 1–13 (Scribd 670445282) (docs/domain.md 4 [C])';
const TRUNCATED = 'list truncated in both copies; recalled from UU 25/2009 Pasal 21 (docs/domain.md 4 [P])';

const component = (no: number, code: string, name: string, group: StandardComponent['group'], provisional = false): StandardComponent => ({
  no,
  code,
  name,
  group,
  provisional,
  source: provisional ? TRUNCATED : LISTED,
});

/** The 14 Standar Pelayanan components: 6 service delivery (wajib dipublikasikan) + 8 manufacturing. */
export const STANDAR_PELAYANAN_COMPONENTS: readonly StandardComponent[] = [
  component(1, 'persyaratan', 'Persyaratan', 'service-delivery'),
  component(2, 'prosedur', 'Sistem, mekanisme, dan prosedur', 'service-delivery'),
  component(3, 'jangka-waktu', 'Jangka waktu pelayanan', 'service-delivery'),
  component(4, 'biaya', 'Biaya/tarif', 'service-delivery'),
  component(5, 'produk', 'Produk pelayanan', 'service-delivery'),
  component(6, 'pengaduan', 'Penanganan pengaduan, saran, dan masukan', 'service-delivery'),
  component(7, 'dasar-hukum', 'Dasar hukum', 'manufacturing'),
  component(8, 'sarana-prasarana', 'Sarana dan prasarana, dan/atau fasilitas', 'manufacturing'),
  component(9, 'kompetensi-pelaksana', 'Kompetensi pelaksana', 'manufacturing'),
  component(10, 'pengawasan-internal', 'Pengawasan internal', 'manufacturing'),
  component(11, 'jumlah-pelaksana', 'Jumlah pelaksana', 'manufacturing'),
  component(12, 'jaminan-pelayanan', 'Jaminan pelayanan', 'manufacturing'),
  component(13, 'jaminan-keamanan', 'Jaminan keamanan dan keselamatan pelayanan', 'manufacturing'),
  component(14, 'evaluasi-kinerja', 'Evaluasi kinerja pelaksana', 'manufacturing', true),
];
