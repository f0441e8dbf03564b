import { easterHolidays } from './computus';
import type { NationalCalendarYear } from './national-calendar';
import type { Holiday } from './working-days';

/**
 * Indonesia's national calendar for 2027 as far as it can be known before the SKB 3 Menteri on libur
 * nasional dan cuti bersama 2027 is signed: revision 1, provisional as a whole.
 *
 * - Fixed dates are certain: they are set by law and fall on the same day every year.
 * - Wafat, Paskah and Kenaikan Yesus Kristus follow the Gregorian Easter computus (computus.ts), which
 *   every SKB has followed; they stay provisional only because no 2027 decree lists them yet.
 * - Islamic dates are the Umm al-Qura calendar. Kemenag fixes them by hisab under the MABIMS criteria
 *   and the sidang isbat, and has landed one day later than Umm al-Qura for Idul Fitri 1446 and 1447,
 *   1 Muharam 1447 and Maulid 1447 (compare calendar-id-2025-2026.ts), so each may move by a day.
 * - Imlek, Nyepi and Waisak are lunar dates checked against the astronomical new and full moons.
 * - Cuti bersama 2027 are unknown and none are listed: until the SKB, a provisional year may have
 *   fewer working days than this version says, which is why every deadline over 2027 is flagged.
 * When the SKB is signed, publish revision 2 (`id-national@2027-2`) from its text.
 */
const PENDING_SKB = 'SKB 3 Menteri on libur nasional dan cuti bersama 2027 not signed yet';
const KEPPRES_251_1967 = 'fixed by law: Keppres 251/1967 tentang Hari-hari Libur, as amended';
const COMPUTUS = 'Gregorian Easter computus (computus.ts: Easter 2027-03-28); not yet decreed for 2027';
const UMM_AL_QURA =
  'Umm al-Qura calendar (tables of npm @umalqura/core 0.0.7 and moment-hijri 3.0.0, which agree); ' +
  'Kemenag (MABIMS criteria, sidang isbat) may set it one day later';
const IMLEK =
  'Chinese calendar: new moon of 2027-02-06 15:56 UTC, 23:56 Beijing time (astronomy-engine 2.1.19); ' + 'npm date-holidays 3.37.0 (ID) lists 2027-02-06';
const NYEPI =
  'npm date-holidays 3.37.0 data/countries/ID.yaml (from en.wikipedia.org/wiki/Nyepi); new moon 2027-03-08 09:30 UTC ' +
  '(astronomy-engine 2.1.19); Tilem Kesanga by the Balinese pangalantaka can differ by a day';
const WAISAK = 'full moon 2027-05-20 10:59 UTC (astronomy-engine 2.1.19); npm date-holidays 3.37.0 (from en.wikipedia.org/wiki/Vesak) ' + 'lists 2027-05-20';

const fixed = (date: string, name: string, source = KEPPRES_251_1967): Holiday => ({ date, kind: 'national-holiday', name, source });
const estimated = (date: string, name: string, source: string): Holiday => ({ date, kind: 'national-holiday', name, source, provisional: true });

const easter2027 = easterHolidays(2027);

export const nationalHolidays2027: readonly Holiday[] = [
  fixed('2027-01-01', 'Tahun Baru 2027 Masehi'),
  estimated('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW (27 Rajab 1448 H)', UMM_AL_QURA),
  estimated('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili', IMLEK),
  estimated('2027-03-08', 'Hari Suci Nyepi (Tahun Baru Saka 1949)', NYEPI),
  estimated('2027-03-09', 'Idul Fitri 1448 H', UMM_AL_QURA),
  estimated('2027-03-10', 'Idul Fitri 1448 H (hari kedua)', UMM_AL_QURA),
  estimated(easter2027.goodFriday, 'Wafat Yesus Kristus', COMPUTUS),
  estimated(easter2027.easter, 'Kebangkitan Yesus Kristus (Paskah)', COMPUTUS),
  fixed('2027-05-01', 'Hari Buruh Internasional', 'fixed by law: Perpres 24/2013 (amending Keppres 251/1967)'),
  estimated(easter2027.ascension, 'Kenaikan Yesus Kristus', COMPUTUS),
  estimated('2027-05-16', 'Idul Adha 1448 H', UMM_AL_QURA),
  estimated('2027-05-20', 'Hari Raya Waisak 2571 BE', WAISAK),
  fixed('2027-06-01', 'Hari Lahir Pancasila', 'fixed by law: Keppres 24/2016'),
  estimated('2027-06-06', '1 Muharam Tahun Baru Islam 1449 H', UMM_AL_QURA),
  estimated('2027-08-14', 'Maulid Nabi Muhammad SAW (12 Rabiul Awal 1449 H)', UMM_AL_QURA),
  fixed('2027-08-17', 'Proklamasi Kemerdekaan'),
  fixed('2027-12-25', 'Kelahiran Yesus Kristus'),
  // The Hijri year is 11 days shorter, so 27 Rajab comes round twice in 2027; the second falls on
  // Christmas by Umm al-Qura and would be on Sunday 26 December if Kemenag lands a day later.
  estimated('2027-12-25', 'Isra Mikraj Nabi Muhammad SAW (27 Rajab 1449 H)', UMM_AL_QURA),
];

export const nationalCalendar2027: NationalCalendarYear = {
  year: 2027,
  revision: 1,
  provisional: true,
  provisionalReason: `${PENDING_SKB}: movable dates are estimates and no cuti bersama 2027 are known`,
  source: `Pantau estimate of November 2026 pending the SKB: ${KEPPRES_251_1967}; ${COMPUTUS}; ${UMM_AL_QURA}`,
  holidays: nationalHolidays2027,
};
