/**
 * The figures a proposal rule read (services/evaluation …/domain/proposals), in words: each key the
 * rules write has an Indonesian label here, numbers and dates are in id-ID form, coded values are
 * spelled out, and ids are left out (the events behind a proposal are listed apart, collapsed).
 */

/** One figure: a value, or a group of figures under a label (a service type, the SKM sample). */
export interface FigureRow {
  label: string;
  value?: string;
  rows?: FigureRow[];
}

/** A figure with no Indonesian label yet: kept, under its technical path, so nothing the rule read is hidden. */
export interface TechnicalFigure {
  name: string;
  value: string;
}

export interface ShownFigures {
  rows: FigureRow[];
  technical: TechnicalFigure[];
}

const FIGURE_LABELS: Readonly<Record<string, string>> = {
  // Standar Pelayanan: 1.a.Ak, 3.a.T, 4.a.K
  serviceCount: 'Jumlah jenis layanan',
  asOf: 'Per tanggal',
  services: 'Per jenis layanan',
  missingComponents: 'Komponen yang belum ada',
  latestEffectiveOn: 'Revisi terakhir berlaku',
  inForce: 'Sudah berlaku',
  level: 'Level jenis layanan',
  unpublishedComponents: 'Komponen service delivery yang belum dipublikasikan',
  mediaCarryingAll: 'Media yang memuat semua komponen',
  onSippn: 'Dipublikasikan di SIPP Nasional',
  otherMedia: 'Jenis media lain selain SIPP Nasional',
  unrecognisedChannels: 'Saluran publikasi yang tidak dikenali',
  reviewedYearly: 'Jenis layanan ditinjau ulang tiap tahun',
  reviewedWithinTwoYears: 'Jenis layanan ditinjau ulang paling lama 2 tahun',
  reviewedEver: 'Jenis layanan yang pernah ditinjau ulang',
  lastReviewedOn: 'Terakhir ditinjau ulang',
  intervalMonths: 'Selang peninjauan (bulan)',
  cadence: 'Kekerapan peninjauan',
  // SKM: 6.a.B, 7.a.T, 8.a.Ak, 9.a.Ak
  periodStart: 'Awal periode SKM',
  periodEnd: 'Akhir periode SKM',
  surveyRuleset: 'Pedoman survei',
  perRegulationRuleset: 'Pedoman survei sesuai PermenPANRB 14/2017',
  ikmConverted: 'Nilai IKM',
  sample: 'Sampel',
  population: 'Populasi',
  populationUsed: 'Dasar populasi',
  declaredPopulation: 'Populasi yang dinyatakan',
  declaredSource: 'Sumber populasi yang dinyatakan',
  declaredOn: 'Tanggal populasi dinyatakan',
  completedRequests: 'Permohonan selesai dalam periode',
  requiredSample: 'Sampel minimal',
  responses: 'Responden',
  adequate: 'Sampel memadai',
  publicationMediaKinds: 'Jenis media publikasi hasil',
  publishedNonElectronic: 'Dipublikasikan di media non-elektronik',
  publishedElectronic: 'Dipublikasikan di media elektronik',
  completedFollowUps: 'Tindak lanjut selesai',
  mediaCount: 'Jumlah jenis media',
  mediaKinds: 'Jenis media',
  unrecognisedMedia: 'Media yang tidak dikenali',
  planned: 'Rencana tindak lanjut',
  completed: 'Tindak lanjut selesai',
  completedPercent: 'Persentase tindak lanjut selesai',
  reportOn: 'Tanggal laporan SKM',
  reportBasis: 'Dasar tanggal laporan',
  lastCompletedOn: 'Tindak lanjut terakhir selesai',
  monthsBand: 'Selesai dalam (bulan)',
  // Pengaduan: 26.e.P, 27.e.Ak, 28.e.Ak
  receivedByChannel: 'Pengaduan masuk per saluran',
  'in-person': 'Tatap muka',
  web: 'Formulir web',
  lapor: 'SP4N-LAPOR!',
  frontOfficeLayout: 'Sarana pengaduan tatap muka',
  frontOfficeDeclared: 'Tata letak sarana sudah dinyatakan',
  received: 'Pengaduan masuk',
  answered: 'Dijawab atau diselesaikan',
  answeredPercent: 'Persentase dijawab atau diselesaikan',
  steps: 'Tahapan akuntabilitas',
  evidenced: 'Tercatat sebagai peristiwa',
  resolved: 'Diselesaikan',
  resolvedPercent: 'Persentase diselesaikan',
  resolvedWithinDeadline: 'Selesai tepat waktu',
  resolvedWithinDeadlinePercent: 'Persentase selesai tepat waktu',
  viaLapor: 'Melalui SP4N-LAPOR!',
  breaches: 'Pelanggaran tenggat',
  kind: 'Jenis tenggat',
  dueDate: 'Jatuh tempo',
};

const MEDIA_KINDS: Readonly<Record<string, string>> = {
  cetak: 'media cetak/non-elektronik',
  elektronik: 'media elektronik',
  'media-sosial': 'media sosial',
  website: 'website',
  aplikasi: 'aplikasi',
  sippn: 'SIPP Nasional',
  'papan-reklame': 'papan reklame',
};

/** Coded values in words, by the figure that holds them. */
const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  cadence: { yearly: 'tiap tahun', 'two-yearly': 'paling lama 2 tahun', longer: 'lebih dari 2 tahun', never: 'belum pernah' },
  populationUsed: { declared: 'dinyatakan Bagian Organisasi', 'completed-requests': 'permohonan selesai di Pantau' },
  reportBasis: { 'first-publication': 'publikasi pertama hasil SKM', 'period-closed': 'penutupan periode SKM (belum dipublikasikan)' },
  frontOfficeLayout: { separate: 'terpisah dari front office', combined: 'menyatu dengan front office' },
  kind: { status: 'kabar status', resolution: 'penyelesaian' },
  mediaCarryingAll: MEDIA_KINDS,
  publicationMediaKinds: MEDIA_KINDS,
  mediaKinds: MEDIA_KINDS,
};

/** A group of items is titled by this field when they have it. */
const TITLE_FIELD = 'name';

/** Ids are for machines: a person reads names, and the events behind a proposal are listed apart. */
const isId = (key: string): boolean => /Ids?$/.test(key);

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const decimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
// A local date has no time of day: read and written at UTC, so no time zone moves it a day.
const localDate = new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC' });

const NONE = '—';

/** "A, B dan C", as Indonesian lists things. */
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} dan ${items[items.length - 1]}`;
}

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar => value === null || ['string', 'number', 'boolean'].includes(typeof value);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function scalarText(key: string, value: Scalar): string {
  if (value === null) return NONE;
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (typeof value === 'number') return key.endsWith('Percent') ? `${decimal.format(value)}%` : decimal.format(value);
  if (LOCAL_DATE.test(value)) return localDate.format(new Date(`${value}T00:00:00Z`));
  return VALUE_LABELS[key]?.[value] ?? value;
}

function showObject(figures: Record<string, unknown>, path: string, technical: TechnicalFigure[]): FigureRow[] {
  return Object.entries(figures).flatMap(([key, value]): FigureRow[] => {
    if (isId(key)) return [];
    const label = FIGURE_LABELS[key];
    if (!label) {
      technical.push({ name: `${path}${key}`, value: JSON.stringify(value) });
      return [];
    }
    if (isScalar(value)) return [{ label, value: scalarText(key, value) }];
    if (isRecord(value)) return [{ label, rows: showObject(value, `${path}${key}.`, technical) }];
    if (Array.isArray(value) && value.every(isScalar))
      return [{ label, value: value.length === 0 ? 'tidak ada' : listText(value.map((item) => scalarText(key, item))) }];
    if (Array.isArray(value)) {
      return [
        {
          label,
          rows: value.map((item, index) => {
            if (!isRecord(item)) return { label: String(index + 1), value: JSON.stringify(item) };
            const { [TITLE_FIELD]: title, ...rest } = item;
            return { label: typeof title === 'string' ? title : String(index + 1), rows: showObject(rest, `${path}${key}[${index}].`, technical) };
          }),
        },
      ];
    }
    technical.push({ name: `${path}${key}`, value: JSON.stringify(value) });
    return [];
  });
}

/** The figures of one proposal as labelled rows, and those not labelled yet apart. */
export function showFigures(figures: Readonly<Record<string, unknown>>): ShownFigures {
  const technical: TechnicalFigure[] = [];
  const rows = showObject(figures, '', technical);
  return { rows, technical };
}
