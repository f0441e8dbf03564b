/**
 * What an uploaded evidence file (bukti dukung) must be before it is stored: not empty, within the
 * size limit, of an allowed media type, and its bytes must match that type. The declared type is
 * the uploader's word; the magic bytes are the file's, so a renamed executable is not stored as a PDF.
 * The rules read a sample (the size, the first and the last bytes) so the upload never has to be
 * held whole in memory; Office documents are archives and are inspected further (office-archive.ts).
 */
import type { EvidencePolicy } from './assessment';

/** The file signatures of the media types Pemda evidence comes in (scans, photos, office documents). */
const SIGNATURES: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  // Office Open XML documents are zip archives; what is inside is checked by officeArchiveProblem
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [0x50, 0x4b, 0x03, 0x04],
};

/** Media types whose content can be checked; a policy may allow only these. */
export const CHECKABLE_MEDIA_TYPES: readonly string[] = Object.keys(SIGNATURES);

/** How many leading bytes the checks read: the signature, and where a browser would sniff HTML. */
export const EVIDENCE_HEAD_BYTES = 8 * 1024;
/** How many trailing bytes the checks read: a PDF's `%%EOF` sits within its last kilobyte. */
export const EVIDENCE_TAIL_BYTES = 1024;

/** What the checks see of an upload: its size and its first and last bytes. */
export interface EvidenceSample {
  sizeBytes: number;
  /** The first EVIDENCE_HEAD_BYTES (fewer in a smaller file). */
  head: Uint8Array;
  /** The last EVIDENCE_TAIL_BYTES (fewer in a smaller file). */
  tail: Uint8Array;
}

export type EvidenceFileRule =
  'notEmpty' | 'maxSize' | 'mediaType' | 'content' | 'pdfStructure' | 'pdfPolyglot' | 'officeStructure' | 'officeForbiddenEntry' | 'officeExpansion';

export interface EvidenceFileProblem {
  rule: EvidenceFileRule;
  message: string;
}

/** The media type without parameters, in lower case: what is compared, stored and served. */
export const normalisedMediaType = (declared: string): string => declared.split(';')[0].trim().toLowerCase();

const startsWith = (content: Uint8Array, signature: readonly number[]): boolean =>
  content.length >= signature.length && signature.every((byte, i) => content[i] === byte);

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** Markers of HTML or script: a PDF that carries them near its start is read as a web page by a browser that sniffs. */
const MARKUP_MARKERS = ['<html', '<script', '<!doctype', '<body', '<iframe', '<svg'];

function pdfProblem({ head, tail }: EvidenceSample): EvidenceFileProblem | undefined {
  if (!latin1(tail).includes('%%EOF')) return { rule: 'pdfStructure', message: 'the PDF has no %%EOF marker near its end' };
  const start = latin1(head).toLowerCase();
  const marker = MARKUP_MARKERS.find((candidate) => start.includes(candidate));
  if (marker) return { rule: 'pdfPolyglot', message: `the PDF carries the markup ${marker} in its first ${EVIDENCE_HEAD_BYTES} bytes` };
  return undefined;
}

/** The problem with a file, or undefined when it may be stored (Office documents: once their archive passes too). */
export function evidenceFileProblem(policy: EvidencePolicy, declaredMediaType: string, sample: EvidenceSample): EvidenceFileProblem | undefined {
  if (sample.sizeBytes === 0) return { rule: 'notEmpty', message: 'the file is empty' };
  if (sample.sizeBytes > policy.maxSizeBytes)
    return { rule: 'maxSize', message: `the file has ${sample.sizeBytes} bytes; the limit is ${policy.maxSizeBytes}` };
  const mediaType = normalisedMediaType(declaredMediaType);
  if (!policy.allowedMediaTypes.includes(mediaType)) {
    return { rule: 'mediaType', message: `${mediaType || 'an unnamed type'} is not allowed; allowed: ${policy.allowedMediaTypes.join(', ')}` };
  }
  const signature = SIGNATURES[mediaType];
  if (!signature || !startsWith(sample.head, signature)) return { rule: 'content', message: `the file's content is not ${mediaType}` };
  return mediaType === 'application/pdf' ? pdfProblem(sample) : undefined;
}
