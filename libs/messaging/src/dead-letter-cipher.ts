import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The key the local scripts and tests seal dead letters with: published in the repository, so the
 * services refuse it when NODE_ENV=production (DLQ_ENCRYPTION_KEY).
 */
export const DEVELOPMENT_DLQ_ENCRYPTION_KEY = 'cGFudGF1LWxvY2FsLWRscS1rZXktbm90LWZvci11c2U='; // "pantau-local-dlq-key-not-for-use"

/** Names the cipher of a sealed value in its `dlq-value-cipher` header; a dead letter without it holds its value in clear. */
export const DEAD_LETTER_CIPHER = 'aes-256-gcm';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DeadLetterCipherError extends Error {
  override readonly name = 'DeadLetterCipherError';
}

/**
 * Seals the values of dead letters (AES-256-GCM): they hold whole events, with complaint texts and
 * reporter references, and a dead-letter topic is kept apart from the events' own retention and
 * readers. The message's source coordinates are authenticated with it, so a sealed value cannot be
 * passed off as another dead letter's. A sealed value is `iv ‖ tag ‖ ciphertext`.
 */
export class DeadLetterCipher {
  /** A short fingerprint of the key (`dlq-key-id`), so a replay with another key says so instead of failing on every letter. */
  readonly keyId: string;
  private readonly key: Buffer;

  /** `base64Key` must decode to exactly 32 bytes. */
  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, 'base64');
    if (key.length !== 32 || key.toString('base64') !== base64Key) throw new DeadLetterCipherError('the dead-letter key must be 32 bytes in base64');
    this.key = key;
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  seal(value: Buffer, source: DeadLetterSource): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(DEAD_LETTER_CIPHER, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(source));
    const ciphertext = Buffer.concat([cipher.update(value), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer, source: DeadLetterSource): Buffer {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new DeadLetterCipherError('the sealed value is too short');
    const decipher = createDecipheriv(DEAD_LETTER_CIPHER, this.key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(source));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DeadLetterCipherError(`the dead letter of ${source.topic}[${source.partition}]@${source.offset} does not open with this key`);
    }
  }
}

/** Where a dead letter came from, as its `dlq-source-*` headers say. */
export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
}

const associatedData = ({ topic, partition, offset }: DeadLetterSource): Buffer => Buffer.from(`${topic}\n${partition}\n${offset}`);
