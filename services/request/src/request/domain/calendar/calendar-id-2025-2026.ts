import type { NationalCalendarYear } from './national-calendar';
import type { Holiday } from './working-days';

/**
 * Indonesia's national working-day calendar for 2025 and 2026, as data.
 *
 * 2025: SKB Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB No. 1017/2024, 2/2024, 2/2024
 * (17 libur nasional + 10 cuti bersama), amended by SKB No. 933/2025, 1/2025, 3/2025 of 7 August 2025,
 * which added cuti bersama on 18 August 2025 (HUT ke-80 RI).
 * 2026: SKB No. 1497/2025, 2/2025, 5/2025 (announced by Kemenko PMK on 19 September 2025):
 * 17 libur nasional + 8 cuti bersama.
 * Cross-checked against press copies (kontan.co.id, okezone.com, detik.com, tribunnews.com,
 * disdiksmg.semarangkota.go.id), not against the signed SKB PDFs.
 * The 2026 Islamic holidays follow the Hijri estimate in the SKB and may move after the sidang isbat
 * (the government then amends the SKB), so they are provisional; publish a new revision of the year then.
 * Deadlines computed before this data became per-year versions name `id-national-2025-2026@1`.
 */
const SKB_2025 = 'SKB 3 Menteri No. 1017/2024, 2/2024, 2/2024 (libur nasional dan cuti bersama 2025)';
const SKB_2025_AMENDED = 'SKB 3 Menteri No. 933/2025, 1/2025, 3/2025 (perubahan, 7 Agustus 2025)';
const SKB_2026 = 'SKB 3 Menteri No. 1497/2025, 2/2025, 5/2025 (libur nasional dan cuti bersama 2026)';
const HIJRI_2026 = `${SKB_2026}; Hijri date may move after the sidang isbat`;

const national = (date: string, name: string, source: string, provisional = false): Holiday =>
  provisional ? { date, kind: 'national-holiday', name, source, provisional } : { date, kind: 'national-holiday', name, source };
const cutiBersama = (date: string, name: string, source: string, provisional = false): Holiday =>
  provisional ? { date, kind: 'cuti-bersama', name, source, provisional } : { date, kind: 'cuti-bersama', name, source };

export const nationalHolidays2025: readonly Holiday[] = [
  national('2025-01-01', 'Tahun Baru 2025 Masehi', SKB_2025),
  national('2025-01-27', 'Isra Mikraj Nabi Muhammad SAW', SKB_2025),
  national('2025-01-29', 'Tahun Baru Imlek 2576 Kongzili', SKB_2025),
  national('2025-03-29', 'Hari Suci Nyepi (Tahun Baru Saka 1947)', SKB_2025),
  national('2025-03-31', 'Idul Fitri 1446 H', SKB_2025),
  national('2025-04-01', 'Idul Fitri 1446 H', SKB_2025),
  national('2025-04-18', 'Wafat Yesus Kristus', SKB_2025),
  national('2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)', SKB_2025),
  national('2025-05-01', 'Hari Buruh Internasional', SKB_2025),
  national('2025-05-12', 'Hari Raya Waisak 2569 BE', SKB_2025),
  national('2025-05-29', 'Kenaikan Yesus Kristus', SKB_2025),
  national('2025-06-01', 'Hari Lahir Pancasila', SKB_2025),
  national('2025-06-06', 'Idul Adha 1446 H', SKB_2025),
  national('2025-06-27', '1 Muharam Tahun Baru Islam 1447 H', SKB_2025),
  national('2025-08-17', 'Proklamasi Kemerdekaan', SKB_2025),
  national('2025-09-05', 'Maulid Nabi Muhammad SAW', SKB_2025),
  national('2025-12-25', 'Kelahiran Yesus Kristus', SKB_2025),
  cutiBersama('2025-01-28', 'Cuti bersama Tahun Baru Imlek', SKB_2025),
  cutiBersama('2025-03-28', 'Cuti bersama Hari Suci Nyepi', SKB_2025),
  cutiBersama('2025-04-02', 'Cuti bersama Idul Fitri', SKB_2025),
  cutiBersama('2025-04-03', 'Cuti bersama Idul Fitri', SKB_2025),
  cutiBersama('2025-04-04', 'Cuti bersama Idul Fitri', SKB_2025),
  cutiBersama('2025-04-07', 'Cuti bersama Idul Fitri', SKB_2025),
  cutiBersama('2025-05-13', 'Cuti bersama Waisak', SKB_2025),
  cutiBersama('2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus', SKB_2025),
  cutiBersama('2025-06-09', 'Cuti bersama Idul Adha', SKB_2025),
  cutiBersama('2025-08-18', 'Cuti bersama HUT ke-80 Kemerdekaan RI', SKB_2025_AMENDED),
  cutiBersama('2025-12-26', 'Cuti bersama Kelahiran Yesus Kristus', SKB_2025),
];

export const nationalHolidays2026: readonly Holiday[] = [
  national('2026-01-01', 'Tahun Baru 2026 Masehi', SKB_2026),
  national('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', HIJRI_2026, true),
  national('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', SKB_2026),
  national('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', SKB_2026),
  national('2026-03-21', 'Idul Fitri 1447 H', HIJRI_2026, true),
  national('2026-03-22', 'Idul Fitri 1447 H', HIJRI_2026, true),
  national('2026-04-03', 'Wafat Yesus Kristus', SKB_2026),
  national('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', SKB_2026),
  national('2026-05-01', 'Hari Buruh Internasional', SKB_2026),
  national('2026-05-14', 'Kenaikan Yesus Kristus', SKB_2026),
  national('2026-05-27', 'Idul Adha 1447 H', HIJRI_2026, true),
  national('2026-05-31', 'Hari Raya Waisak 2570 BE', SKB_2026),
  national('2026-06-01', 'Hari Lahir Pancasila', SKB_2026),
  national('2026-06-16', '1 Muharam Tahun Baru Islam 1448 H', HIJRI_2026, true),
  national('2026-08-17', 'Proklamasi Kemerdekaan', SKB_2026),
  national('2026-08-25', 'Maulid Nabi Muhammad SAW', HIJRI_2026, true),
  national('2026-12-25', 'Kelahiran Yesus Kristus', SKB_2026),
  cutiBersama('2026-02-16', 'Cuti bersama Tahun Baru Imlek', SKB_2026),
  cutiBersama('2026-03-18', 'Cuti bersama Hari Suci Nyepi', SKB_2026),
  cutiBersama('2026-03-20', 'Cuti bersama Idul Fitri', HIJRI_2026, true),
  cutiBersama('2026-03-23', 'Cuti bersama Idul Fitri', HIJRI_2026, true),
  cutiBersama('2026-03-24', 'Cuti bersama Idul Fitri', HIJRI_2026, true),
  cutiBersama('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', SKB_2026),
  cutiBersama('2026-05-28', 'Cuti bersama Idul Adha', HIJRI_2026, true),
  cutiBersama('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', SKB_2026),
];

export const nationalCalendar2025: NationalCalendarYear = {
  year: 2025,
  revision: 1,
  provisional: false,
  provisionalReason: '',
  source: `${SKB_2025}; ${SKB_2025_AMENDED}`,
  holidays: nationalHolidays2025,
};

export const nationalCalendar2026: NationalCalendarYear = {
  year: 2026,
  revision: 1,
  provisional: false,
  provisionalReason: '',
  source: SKB_2026,
  holidays: nationalHolidays2026,
};
