/**
 * What an uploaded evidence file (bukti dukung) must be before it is stored: not empty, within the
 * size limit, of an allowed media type, and its bytes must match that type. The declared type is
 * the uploader's word; the magic bytes are the file's, so a renamed executable is not stored as a PDF.
 */
import type { EvidencePolicy } from './assessment';

/** The file signatures of the media types Pemda evidence comes in (scans, photos, office documents). */
const SIGNATURES: Readonly<Record<string, readonly number[][]>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  // Office Open XML documents are zip archives
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [[0x50, 0x4b, 0x03, 0x04]],
};

/** Media types whose content can be checked; a policy may allow only these. */
export const CHECKABLE_MEDIA_TYPES: readonly string[] = Object.keys(SIGNATURES);

export type EvidenceFileProblem =
  { rule: 'notEmpty'; message: string } | { rule: 'maxSize'; message: string } | { rule: 'mediaType'; message: string } | { rule: 'content'; message: string };

const startsWith = (content: Uint8Array, signature: readonly number[]): boolean =>
  content.length >= signature.length && signature.every((byte, i) => content[i] === byte);

/** The problem with a file, or undefined when it may be stored. */
export function evidenceFileProblem(policy: EvidencePolicy, declaredMediaType: string, content: Uint8Array): EvidenceFileProblem | undefined {
  if (content.length === 0) return { rule: 'notEmpty', message: 'the file is empty' };
  if (content.length > policy.maxSizeBytes) return { rule: 'maxSize', message: `the file has ${content.length} bytes; the limit is ${policy.maxSizeBytes}` };
  const mediaType = declaredMediaType.split(';')[0].trim().toLowerCase();
  if (!policy.allowedMediaTypes.includes(mediaType)) {
    return { rule: 'mediaType', message: `${mediaType || 'an unnamed type'} is not allowed; allowed: ${policy.allowedMediaTypes.join(', ')}` };
  }
  const signatures = SIGNATURES[mediaType] ?? [];
  if (!signatures.some((signature) => startsWith(content, signature))) {
    return { rule: 'content', message: `the file's content is not ${mediaType}` };
  }
  return undefined;
}
