import { fraction } from '@lib/kernel';
import { rulesetRef, type Provenance, type SkmRuleset } from './skm-ruleset';

// Sources are docs/domain.md section 3; every [P]/[U] value there is provisional here.
const confirmed = (source: string): Provenance => ({ provisional: false, source });
const provisional = (source: string): Provenance => ({ provisional: true, source });

/** PermenPANRB 14/2017, Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. */
export const SKM_2017: SkmRuleset = {
  id: 'skm-2017',
  version: 1,
  title: 'Survei Kepuasan Masyarakat (PermenPANRB 14/2017)',
  legalBasis: [
    'UU 25/2009 tentang Pelayanan Publik',
    'PermenPANRB 14/2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik',
  ],
  unsur: [
    { code: 'U1', name: 'Persyaratan' },
    { code: 'U2', name: 'Sistem, Mekanisme, dan Prosedur' },
    { code: 'U3', name: 'Waktu Penyelesaian' },
    { code: 'U4', name: 'Biaya/Tarif' },
    { code: 'U5', name: 'Produk Spesifikasi Jenis Pelayanan' },
    { code: 'U6', name: 'Kompetensi Pelaksana' },
    { code: 'U7', name: 'Perilaku Pelaksana' },
    { code: 'U8', name: 'Penanganan Pengaduan, Saran dan Masukan' },
    { code: 'U9', name: 'Sarana dan Prasarana' },
  ],
  unsurProvenance: confirmed(
    'docs/domain.md 3.1 [C]: regulation order (fdokumen pusyantek; skm.bantulkab.go.id; Scribd 615604492); apps that swap U8/U9 are not followed',
  ),
  answerScale: {
    min: 1,
    max: 4,
    levels: [
      { value: 1, label: 'Tidak sesuai / tidak puas' },
      { value: 2, label: 'Kurang sesuai / kurang puas' },
      { value: 3, label: 'Sesuai / puas' },
      { value: 4, label: 'Sangat sesuai / sangat puas' },
    ],
    ...confirmed('docs/domain.md 3.2 [C] (data.penajamkab.go.id metadata 57; GASPUL rumus_perhitungan_ikm_lengkap.md)'),
  },
  defaultWeighting: {
    rule: 'equal',
    totalWeight: fraction(1),
    ...confirmed('docs/domain.md 3.3 [C]: bobot = jumlah bobot / jumlah unsur = 1/9, kept exact (reports using 0.111 differ slightly)'),
  },
  extraUnsur: {
    allowed: true,
    maxCount: 20,
    ...provisional(
      'docs/domain.md 3.1 [C]: units may add relevant unsur with weights summing to 1 (BPPP Tegal 2024); the cap of 20 extra unsur is a platform limit, not in the regulation',
    ),
  },
  conversion: { factor: 25, ...confirmed('docs/domain.md 3.3 [C]: IKM unit pelayanan = IKM × 25, range 25..100') },
  bandRounding: {
    decimals: 2,
    mode: 'half-up',
    ...confirmed(
      'docs/domain.md 3.4 [C]: the NIK bounds are written in 2 decimals (64.99 | 65.00), so the converted value is rounded to 2 decimals before the band; half-up is the convention of published reports (3.8924 × 25 → 97.31)',
    ),
  },
  bands: [
    {
      perception: 1,
      band: 'D',
      label: 'Tidak Baik',
      intervalPrinted: { from: '1.00', to: '2.5996' },
      convertedMinHundredths: 2500,
      convertedMaxHundredths: 6499,
    },
    {
      perception: 2,
      band: 'C',
      label: 'Kurang Baik',
      intervalPrinted: { from: '2.60', to: '3.064' },
      convertedMinHundredths: 6500,
      convertedMaxHundredths: 7660,
    },
    { perception: 3, band: 'B', label: 'Baik', intervalPrinted: { from: '3.0644', to: '3.532' }, convertedMinHundredths: 7661, convertedMaxHundredths: 8830 },
    {
      perception: 4,
      band: 'A',
      label: 'Sangat Baik',
      intervalPrinted: { from: '3.5324', to: '4.00' },
      convertedMinHundredths: 8831,
      convertedMaxHundredths: 10000,
    },
  ],
  bandsProvenance: confirmed(
    'docs/domain.md 3.4 [C] (BPPP Tegal 2024, whose "76,66" C upper bound is a typo for 76.60 per the Nganjuk dataset and GASPUL); Minerba 1.00–2.59/… bands are not 14/2017',
  ),
  sampleSize: {
    method: 'krejcie-morgan',
    chiSquare: fraction(3841, 1000),
    proportion: fraction(1, 2),
    margin: fraction(1, 20),
    rows: [
      { population: 10, sample: 10 },
      { population: 20, sample: 19 },
      { population: 30, sample: 28 },
      { population: 50, sample: 44 },
      { population: 100, sample: 80 },
      { population: 150, sample: 108 },
      { population: 200, sample: 132 },
      { population: 300, sample: 169 },
      { population: 500, sample: 217 },
      { population: 1_000, sample: 278 },
      { population: 2_000, sample: 322 },
      { population: 5_000, sample: 357 },
      { population: 10_000, sample: 370 },
      { population: 100_000, sample: 384 },
      { population: 1_000_000, sample: 384 },
    ],
    betweenRows:
      'S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)) rounded half-up, but never below the published row at or under N; so every row above is met exactly (100,000 → 384 as the table prints, the formula gives 383) and above 1,000,000 the sample stays 384',
    ...provisional(
      'docs/domain.md 3.5 [P]: Krejcie & Morgan 1970 table and formula (inspektorat.pontianakkota.go.id; RSUD Soreang thesis); the rule between rows is a platform choice; Slovin [U] and "minimum 150" (Kepmenpan 25/2004) are not applied',
    ),
  },
  periodKinds: {
    kinds: ['quarter', 'semester', 'year'],
    ...provisional('docs/domain.md 3.5 [P]: SKM at least once a year, per triwulan/semester/tahun (brayenid wiki; report practice)'),
  },
};

/** Every SKM ruleset the platform ships, by ref ("skm-2017@1"). */
export const SHIPPED_SKM_RULESETS: ReadonlyMap<string, SkmRuleset> = new Map([[rulesetRef(SKM_2017), SKM_2017]]);

/** The ruleset a new survey is opened under unless the handler chooses another. */
export const CURRENT_SKM_RULESET = SKM_2017;

export const findShippedSkmRuleset = (ref: string): SkmRuleset | undefined => SHIPPED_SKM_RULESETS.get(ref);
