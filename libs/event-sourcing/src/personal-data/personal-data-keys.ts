import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { ERASED_MARKER, type OpenSealed, packSealed, type SealedText, unpackSealed } from './sealed-field';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;

/** Seals one data subject's personal fields under its data key. */
export interface Sealer {
  seal(text: string): SealedText;
}

type Queryable = Pick<Pool, 'query'>;

/**
 * Per-subject data keys (crypto-shredding): each data subject's personal fields are sealed with
 * AES-256-GCM under a key of its own, stored in `personal_data_keys` wrapped by the key-encryption key
 * from the config. Erasing the key makes every sealed field of the subject unreadable while the events
 * that hold them stay byte for byte as they were, so the log stays append-only and its hashes hold.
 */
export class PersonalDataKeys {
  constructor(
    private readonly db: Queryable,
    private readonly keyEncryptionKey: Buffer,
  ) {
    if (keyEncryptionKey.length !== KEY_BYTES) throw new Error(`the key-encryption key has ${KEY_BYTES} bytes`);
  }

  /**
   * The sealer of `subject`, creating its key on first use; undefined once the key was erased, since
   * new personal data of an erased subject must not be kept. `scope` names what the subject's retention
   * follows (an SKM response's survey), for retention sweeps that erase a whole scope.
   */
  async sealerFor(subject: string, scope?: string): Promise<Sealer | undefined> {
    const created = randomBytes(KEY_BYTES);
    await this.db.query(`INSERT INTO personal_data_keys (subject_id, scope_id, wrapped_key) VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING`, [
      subject,
      scope ?? null,
      this.wrap(subject, created),
    ]);
    const key = (await this.keysOf([subject])).get(subject);
    if (!key) return undefined;
    return { seal: (text) => ({ sealed: encrypt(key, subjectAad(subject), Buffer.from(text, 'utf8')), subject }) };
  }

  /** Opens the sealed fields of `subjects`; a field of an erased (or never stored) key opens to ERASED_MARKER. */
  async openerFor(subjects: readonly string[]): Promise<OpenSealed> {
    const keys = await this.keysOf([...new Set(subjects)]);
    return (field) => {
      const key = keys.get(field.subject);
      if (!key) return ERASED_MARKER;
      return decrypt(key, subjectAad(field.subject), field.sealed).toString('utf8');
    };
  }

  /**
   * Erases the subject's key for good; a subject with no key yet gets an erased row, so nothing is
   * sealed for it afterwards. Answers whether a live key was erased by this call.
   */
  async erase(subject: string, db: Queryable = this.db): Promise<boolean> {
    const erased = await db.query(`UPDATE personal_data_keys SET wrapped_key = NULL, erased_at = now() WHERE subject_id = $1 AND erased_at IS NULL`, [subject]);
    if (erased.rowCount === 1) return true;
    await db.query(`INSERT INTO personal_data_keys (subject_id, wrapped_key, erased_at) VALUES ($1, NULL, now()) ON CONFLICT (subject_id) DO NOTHING`, [
      subject,
    ]);
    return false;
  }

  /** Whether the subject's key was erased. */
  async isErased(subject: string): Promise<boolean> {
    const { rows } = await this.db.query<{ erased: boolean }>(`SELECT erased_at IS NOT NULL AS erased FROM personal_data_keys WHERE subject_id = $1`, [
      subject,
    ]);
    return rows[0]?.erased ?? false;
  }

  private async keysOf(subjects: string[]): Promise<Map<string, Buffer>> {
    const { rows } = await this.db.query<{ subject_id: string; wrapped_key: string }>(
      `SELECT subject_id, wrapped_key FROM personal_data_keys WHERE subject_id = ANY($1::text[]) AND wrapped_key IS NOT NULL`,
      [subjects],
    );
    return new Map(rows.map((row) => [row.subject_id, decrypt(this.keyEncryptionKey, wrapAad(row.subject_id), row.wrapped_key)]));
  }

  private wrap(subject: string, key: Buffer): string {
    return encrypt(this.keyEncryptionKey, wrapAad(subject), key);
  }
}

// The subject is bound into every ciphertext, so a sealed field or a wrapped key copied to another
// subject does not open there.
const subjectAad = (subject: string) => Buffer.from(`personal-data:${subject}`, 'utf8');
const wrapAad = (subject: string) => Buffer.from(`personal-data-key:${subject}`, 'utf8');

function encrypt(key: Buffer, aad: Buffer, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return packSealed({ iv, tag: cipher.getAuthTag(), ciphertext });
}

function decrypt(key: Buffer, aad: Buffer, packed: string): Buffer {
  const parts = unpackSealed(packed);
  if (!parts) throw new Error('a sealed value is not iv|tag|ciphertext in base64');
  const decipher = createDecipheriv(ALGORITHM, key, parts.iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
}
