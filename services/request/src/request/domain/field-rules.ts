/** Indonesian messages for the rules the calendar validators report in `errors[].rule`, beyond the platform's. */
export const REQUEST_FIELD_RULES = {
  isCalendarDate: (field: string) => `Kolom ${field} harus berupa tanggal yang ada, dengan format YYYY-MM-DD.`,
  range: (field: string) => `Nilai kolom ${field} di luar rentang yang diizinkan.`,
  inYear: (field: string) => `Tanggal pada kolom ${field} tidak berada dalam tahun kalender ini.`,
};
