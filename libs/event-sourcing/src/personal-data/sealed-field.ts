/** What a reader gets for a personal field whose data key was erased (crypto-shredded). */
export const ERASED_MARKER = '[dihapus]';

/**
 * A personal field as stored in an event: the ciphertext and the data subject whose key opens it.
 * The event's stored bytes (and any hash over them) hold only this, never the text.
 */
export interface SealedText {
  /** base64 of iv (12 bytes) | GCM tag (16 bytes) | ciphertext. */
  sealed: string;
  /** The data subject (a complaint id, an SKM response id) whose key sealed it. */
  subject: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedParts {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** iv | tag | ciphertext, base64: the one format of sealed fields and wrapped data keys. */
export function packSealed({ iv, tag, ciphertext }: SealedParts): string {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error(`a sealed value has a ${IV_BYTES}-byte iv and a ${TAG_BYTES}-byte tag`);
  return Buffer.concat([iv, tag, ciphertext]).toString('base64');
}

/** The parts of a packed value, or undefined when it is not one (not base64, or too short). */
export function unpackSealed(packed: string): SealedParts | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(packed) || packed.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(packed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  return { iv: bytes.subarray(0, IV_BYTES), tag: bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), ciphertext: bytes.subarray(IV_BYTES + TAG_BYTES) };
}

/** A sealed field read from a payload: it names a subject and carries a packed value. */
export function isSealedText(value: unknown): value is SealedText {
  if (typeof value !== 'object' || value === null) return false;
  const { sealed, subject } = value as Partial<SealedText>;
  return typeof sealed === 'string' && sealed !== '' && typeof subject === 'string' && subject !== '';
}

/** Opens sealed fields with the keys a reader loaded; an erased or unknown key gives ERASED_MARKER. */
export type OpenSealed = (sealed: SealedText) => string;

/**
 * The text of a personal field, tolerant of history: events written before sealing carry the plain
 * text and no sealed field, and those keep decoding as they are.
 */
export function textOf(plain: string, sealed: SealedText | undefined, open: OpenSealed): string {
  return isSealedText(sealed) ? open(sealed) : plain;
}
