import { nationalCalendar2027, nationalHolidays2027 } from './calendar-id-2027';
import { easterHolidays } from './computus';
import { nationalVersionId, validateNationalCalendarYear } from './national-calendar';
import { weekdayOf } from './tenant-calendar';

describe('national calendar 2027 (provisional, pending the SKB)', () => {
  // Every entry, in order: date, weekday, name, whether its date is an estimate.
  it.each([
    ['2027-01-01', 'Jumat', 'Tahun Baru 2027 Masehi', false],
    ['2027-01-05', 'Selasa', 'Isra Mikraj Nabi Muhammad SAW (27 Rajab 1448 H)', true],
    ['2027-02-06', 'Sabtu', 'Tahun Baru Imlek 2578 Kongzili', true],
    ['2027-03-08', 'Senin', 'Hari Suci Nyepi (Tahun Baru Saka 1949)', true],
    ['2027-03-09', 'Selasa', 'Idul Fitri 1448 H', true],
    ['2027-03-10', 'Rabu', 'Idul Fitri 1448 H (hari kedua)', true],
    ['2027-03-26', 'Jumat', 'Wafat Yesus Kristus', true],
    ['2027-03-28', 'Minggu', 'Kebangkitan Yesus Kristus (Paskah)', true],
    ['2027-05-01', 'Sabtu', 'Hari Buruh Internasional', false],
    ['2027-05-06', 'Kamis', 'Kenaikan Yesus Kristus', true],
    ['2027-05-16', 'Minggu', 'Idul Adha 1448 H', true],
    ['2027-05-20', 'Kamis', 'Hari Raya Waisak 2571 BE', true],
    ['2027-06-01', 'Selasa', 'Hari Lahir Pancasila', false],
    ['2027-06-06', 'Minggu', '1 Muharam Tahun Baru Islam 1449 H', true],
    ['2027-08-14', 'Sabtu', 'Maulid Nabi Muhammad SAW (12 Rabiul Awal 1449 H)', true],
    ['2027-08-17', 'Selasa', 'Proklamasi Kemerdekaan', false],
    ['2027-12-25', 'Sabtu', 'Kelahiran Yesus Kristus', false],
    ['2027-12-25', 'Sabtu', 'Isra Mikraj Nabi Muhammad SAW (27 Rajab 1449 H)', true],
  ])('%s (%s) is %s, provisional %s', (date, weekday, name, provisional) => {
    const holiday = nationalHolidays2027.find((candidate) => candidate.date === date && candidate.name === name);
    expect(holiday).toBeDefined();
    expect(weekdayOf(date)).toBe(weekday);
    expect(holiday?.kind).toBe('national-holiday');
    expect(holiday?.provisional === true).toBe(provisional);
    expect(holiday?.source).toBeTruthy();
  });

  it('lists exactly those 18 national holidays and no cuti bersama (unknown until the SKB)', () => {
    expect(nationalHolidays2027).toHaveLength(18);
    expect(nationalHolidays2027.filter((holiday) => holiday.kind === 'cuti-bersama')).toEqual([]);
  });

  it('lists no date-and-name pair twice and keeps its dates in order', () => {
    const keys = nationalHolidays2027.map((holiday) => `${holiday.date}|${holiday.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const dates = nationalHolidays2027.map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('marks the whole year provisional with its reason, as revision 1', () => {
    expect(nationalCalendar2027).toMatchObject({ year: 2027, revision: 1, provisional: true });
    expect(nationalCalendar2027.provisionalReason).toMatch(/SKB .* not signed/);
    expect(nationalVersionId(nationalCalendar2027)).toBe('id-national@2027-provisional-1');
    expect(validateNationalCalendarYear(nationalCalendar2027)).toEqual([]);
  });

  it('takes the Easter holidays from the computus and cites it', () => {
    const { goodFriday, easter, ascension } = easterHolidays(2027);
    const computed = nationalHolidays2027.filter((holiday) => holiday.source?.includes('computus')).map((holiday) => holiday.date);
    expect(computed).toEqual([goodFriday, easter, ascension]);
  });

  it('cites the Umm al-Qura estimate for every Islamic holiday', () => {
    const islamic = nationalHolidays2027.filter((holiday) => /Isra Mikraj|Idul|Muharam|Maulid/.test(holiday.name));
    expect(islamic).toHaveLength(7);
    for (const holiday of islamic) expect(holiday.source).toMatch(/Umm al-Qura/);
  });
});
