/**
 * The sentence a person reads for one broken rule of one field. `constraints` are the rule's
 * parameters as the validator declared them (a length, a bound, the allowed values); a handler that
 * raises the rule itself may give none.
 */
export type FieldRuleMessage = (field: string, constraints: readonly unknown[]) => string;

/** A rule with a parameter: named when the validator gave it, a plain sentence otherwise. */
const bounded =
  (withBound: (field: string, bound: string) => string, withoutBound: (field: string) => string): FieldRuleMessage =>
  (field, [bound]) =>
    bound === undefined ? withoutBound(field) : withBound(field, Array.isArray(bound) ? bound.join(', ') : String(bound));

/**
 * Indonesian messages for class-validator's rules (the names it reports in `errors[].rule`) and for
 * the generic rules handlers raise themselves. A rule missing here reads "Kolom … tidak valid.".
 */
export const FIELD_RULE_MESSAGES: Readonly<Record<string, FieldRuleMessage>> = {
  isDefined: (field) => `Kolom ${field} wajib diisi.`,
  noControlCharacters: (field) => `Kolom ${field} berisi karakter kontrol atau karakter yang tidak utuh; hapus lalu ketik ulang teksnya.`,
  isNotEmpty: (field) => `Kolom ${field} wajib diisi.`,
  required: (field) => `Kolom ${field} wajib diisi.`,
  isString: (field) => `Kolom ${field} harus berupa teks.`,
  isInt: (field) => `Kolom ${field} harus berupa bilangan bulat.`,
  isBoolean: (field) => `Kolom ${field} harus bernilai true atau false.`,
  isArray: (field) => `Kolom ${field} harus berupa daftar.`,
  isObject: (field) => `Kolom ${field} harus berupa objek.`,
  nestedValidation: (field) => `Kolom ${field} harus berupa objek atau daftar.`,
  isUuid: (field) => `Kolom ${field} harus berupa UUID.`,
  isUrl: (field) => `Kolom ${field} harus berupa alamat URL yang valid.`,
  isEmail: (field) => `Kolom ${field} harus berupa alamat email yang valid.`,
  isIn: bounded(
    (field, allowed) => `Kolom ${field} harus salah satu dari: ${allowed}.`,
    (field) => `Nilai kolom ${field} tidak termasuk pilihan yang diizinkan.`,
  ),
  min: bounded(
    (field, min) => `Kolom ${field} paling kecil ${min}.`,
    (field) => `Nilai kolom ${field} terlalu kecil.`,
  ),
  max: bounded(
    (field, max) => `Kolom ${field} paling besar ${max}.`,
    (field) => `Nilai kolom ${field} terlalu besar.`,
  ),
  minLength: bounded(
    (field, min) => `Kolom ${field} paling sedikit ${min} karakter.`,
    (field) => `Kolom ${field} terlalu pendek.`,
  ),
  maxLength: bounded(
    (field, max) => `Kolom ${field} paling banyak ${max} karakter.`,
    (field) => `Kolom ${field} terlalu panjang.`,
  ),
  arrayMinSize: bounded(
    (field, min) => `Kolom ${field} paling sedikit berisi ${min} butir.`,
    (field) => `Kolom ${field} berisi terlalu sedikit butir.`,
  ),
  arrayMaxSize: bounded(
    (field, max) => `Kolom ${field} paling banyak berisi ${max} butir.`,
    (field) => `Kolom ${field} berisi terlalu banyak butir.`,
  ),
  matches: (field) => `Format kolom ${field} tidak sesuai.`,
  unique: (field) => `Kolom ${field} tercantum lebih dari sekali.`,
  known: (field) => `Nilai kolom ${field} tidak dikenal.`,
  whitelistValidation: (field) => `Kolom ${field} tidak dikenal dan tidak boleh dikirim.`,
  json: () => 'Data yang dikirim bukan JSON yang valid.',
};

/** What a person reads for a rule no catalogue knows. */
export const unknownRuleMessage = (field: string): string => `Kolom ${field} tidak valid.`;
