/**
 * The name an evidence file (bukti dukung) is saved under: the server's, never the uploader's. The
 * extension comes from the stored media type, which the upload's content was checked against, so a
 * file named `laporan.jar` or `sk.html` is saved as what it is; the stem keeps only ASCII letters,
 * digits, "-" and "_", so no path, quote or control character reaches a header or a file system.
 */

/** The extension a browser and an operating system open each storable media type by. */
export const EVIDENCE_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

export const EVIDENCE_STEM_MAX_LENGTH = 80;
export const EVIDENCE_FALLBACK_STEM = 'bukti';

const SEPARATORS = /^[-_]+|[-_]+$/g;

/** `<sanitised stem of the uploaded name>.<extension of the stored type>`, e.g. "../Laporan SKM (final).jar" as a PDF: "Laporan-SKM-final.pdf". */
export function evidenceDownloadName(uploadedName: string, mediaType: string): string {
  const base = uploadedName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/[-_]{2,}/g, '-')
    .replace(SEPARATORS, '')
    .slice(0, EVIDENCE_STEM_MAX_LENGTH)
    .replace(SEPARATORS, '');
  const extension = EVIDENCE_EXTENSIONS[mediaType.split(';')[0].trim().toLowerCase()] ?? 'bin';
  return `${stem || EVIDENCE_FALLBACK_STEM}.${extension}`;
}
