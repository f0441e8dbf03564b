import { ErrorMessages, type FieldRuleBreach } from './error-messages';
import { PLATFORM_ERRORS } from './error-codes';

const messages = new ErrorMessages({
  codes: { 'CYCLE.NOT_FOUND': 'Siklus evaluasi tidak ditemukan.' },
  fieldRules: { inYear: (field) => `Tanggal pada kolom ${field} tidak berada dalam tahun kalender ini.` },
});

describe('ErrorMessages.forCode', () => {
  it.each<[string, string, number, string]>([
    ['a platform code', 'AUTH.FORBIDDEN', 403, 'Anda tidak berwenang melakukan tindakan ini.'],
    ["the service's own code", 'CYCLE.NOT_FOUND', 404, 'Siklus evaluasi tidak ditemukan.'],
    ['an HTTP code Nest made', 'HTTP.TOO_MANY_REQUESTS', 429, PLATFORM_ERRORS['HTTP.TOO_MANY_REQUESTS']],
    ['an unlisted code, by its status', 'CYCLE.NOT_LISTED', 404, PLATFORM_ERRORS['HTTP.NOT_FOUND']],
    ['an unlisted code of a status without a message', 'CYCLE.NOT_LISTED', 418, PLATFORM_ERRORS['HTTP.BAD_REQUEST']],
    ['an unlisted server error', 'STORAGE.FULL', 507, PLATFORM_ERRORS['HTTP.INTERNAL_SERVER_ERROR']],
  ])('answers %s', (_name, code, status, expected) => {
    expect(messages.forCode(code, status)).toBe(expected);
  });

  it("knows only the platform's codes without a service catalogue", () => {
    expect(new ErrorMessages().forCode('CYCLE.NOT_FOUND', 409)).toBe(PLATFORM_ERRORS['HTTP.CONFLICT']);
  });
});

describe('ErrorMessages.forField', () => {
  it.each<[string, FieldRuleBreach, string]>([
    ['a required field', { field: 'reason', rule: 'isNotEmpty' }, 'Kolom reason wajib diisi.'],
    ['a required field a handler checked', { field: 'file', rule: 'required' }, 'Kolom file wajib diisi.'],
    ['a text field', { field: 'name', rule: 'isString' }, 'Kolom name harus berupa teks.'],
    ['a UUID', { field: 'Idempotency-Key', rule: 'isUuid' }, 'Kolom Idempotency-Key harus berupa UUID.'],
    ['a maximum length with its bound', { field: 'name', rule: 'maxLength', constraints: [200] }, 'Kolom name paling banyak 200 karakter.'],
    ['a maximum length without its bound', { field: 'name', rule: 'maxLength' }, 'Kolom name terlalu panjang.'],
    ['a minimum length', { field: 'reason', rule: 'minLength', constraints: [3] }, 'Kolom reason paling sedikit 3 karakter.'],
    ['a maximum value', { field: 'answers[2].value', rule: 'max', constraints: [4] }, 'Kolom answers[2].value paling besar 4.'],
    ['a minimum value', { field: 'score', rule: 'min', constraints: [0] }, 'Kolom score paling kecil 0.'],
    ['allowed values', { field: 'kind', rule: 'isIn', constraints: [['kecamatan', 'puskesmas']] }, 'Kolom kind harus salah satu dari: kecamatan, puskesmas.'],
    ['allowed values not given', { field: 'kind', rule: 'isIn' }, 'Nilai kolom kind tidak termasuk pilihan yang diizinkan.'],
    ['a list too short', { field: 'unitIds', rule: 'arrayMinSize', constraints: [1] }, 'Kolom unitIds paling sedikit berisi 1 butir.'],
    ['a pattern', { field: 'respondentToken', rule: 'matches', constraints: [/^[a-z]+$/] }, 'Format kolom respondentToken tidak sesuai.'],
    ['an unknown property', { field: 'extra', rule: 'whitelistValidation' }, 'Kolom extra tidak dikenal dan tidak boleh dikirim.'],
    ["the service's own rule", { field: 'holidays[0].date', rule: 'inYear' }, 'Tanggal pada kolom holidays[0].date tidak berada dalam tahun kalender ini.'],
    ['a rule no catalogue knows', { field: 'weights', rule: 'someNewRule' }, 'Kolom weights tidak valid.'],
  ])('names the field for %s', (_name, breach, expected) => {
    expect(messages.forField(breach)).toBe(expected);
  });
});
