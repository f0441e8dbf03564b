/**
 * What an Office Open XML document (DOCX, XLSX, PPTX) must hold to be stored as evidence. These are
 * zip archives, so a prefix check would let any zip through: a JAR, an APK, a zipped executable, a
 * macro-enabled document renamed, or a zip bomb that fills the evaluator's disk when Office opens it.
 * The rules read the archive's directory (names and sizes, as an adapter lists them without
 * extracting anything) and its `[Content_Types].xml`.
 */
import type { EvidenceFileProblem } from './evidence-file';

/** One entry of the archive's central directory. */
export interface ArchiveEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

/** What the adapter read of an archive: its entries and the text of `[Content_Types].xml` when it has one. */
export interface OfficeArchive {
  entries: readonly ArchiveEntry[];
  contentTypes: string | undefined;
}

export interface OfficeArchiveLimits {
  maxEntries: number;
  /** The sum of the entries' uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Uncompressed over compressed size of one entry, checked once the entry is large enough to matter. */
  maxCompressionRatio: number;
  ratioCheckedFromBytes: number;
}

/**
 * A 300-page report with photos has a few hundred entries and expands to some tens of MB; XML
 * compresses about 10:1. A zip bomb needs ratios in the hundreds or thousands.
 */
export const OFFICE_ARCHIVE_LIMITS: OfficeArchiveLimits = {
  maxEntries: 5000,
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckedFromBytes: 1024 * 1024,
};

/** The main part of each Office type and the content type `[Content_Types].xml` must give it. */
export const OFFICE_MAIN_PARTS: Readonly<Record<string, { part: string; contentType: string }>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    part: 'word/document.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    part: 'xl/workbook.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    part: 'ppt/presentation.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  },
};

export const isOfficeMediaType = (mediaType: string): boolean => mediaType in OFFICE_MAIN_PARTS;

export const CONTENT_TYPES_PART = '[Content_Types].xml';

/** Extensions of programs, scripts, macro-enabled documents, web pages and archives: nothing an SK or SOP needs inside it. */
const FORBIDDEN_EXTENSIONS = new Set([
  ...['exe', 'dll', 'com', 'scr', 'msi', 'sys', 'cpl', 'jar', 'class', 'apk', 'dex', 'elf', 'so', 'dylib'],
  ...['js', 'jse', 'mjs', 'vbs', 'vbe', 'wsf', 'wsh', 'hta', 'bat', 'cmd', 'ps1', 'psm1', 'sh', 'lnk', 'reg', 'url', 'html', 'htm', 'xhtml'],
  ...['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm'],
  ...['zip', 'rar', '7z', 'gz', 'tgz', 'bz2', 'xz', 'tar', 'cab', 'iso', 'img', 'arj', 'lzh'],
]);

/** Macro projects and ActiveX controls by name; OLE objects, the packages an executable hides in inside a document. */
const FORBIDDEN_NAMES = [/(^|\/)vbaproject(signature)?\.bin$/, /(^|\/)vbadata\.xml$/, /(^|\/)activex\//, /(^|\/)oleobject\d*\.bin$/];

function forbiddenEntry(name: string): boolean {
  const lower = name.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot >= 0 && FORBIDDEN_EXTENSIONS.has(base.slice(dot + 1))) || FORBIDDEN_NAMES.some((pattern) => pattern.test(lower));
}

const overRatio = (entry: ArchiveEntry, limits: OfficeArchiveLimits): boolean =>
  entry.uncompressedSize >= limits.ratioCheckedFromBytes && entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio;

/** The problem with an Office document's archive, or undefined when it may be stored. */
export function officeArchiveProblem(
  mediaType: string,
  archive: OfficeArchive,
  limits: OfficeArchiveLimits = OFFICE_ARCHIVE_LIMITS,
): EvidenceFileProblem | undefined {
  const main = OFFICE_MAIN_PARTS[mediaType];
  if (!main) return { rule: 'officeStructure', message: `${mediaType} is not an Office Open XML type` };
  const { entries } = archive;
  if (entries.length > limits.maxEntries)
    return { rule: 'officeExpansion', message: `the archive has ${entries.length} entries; the limit is ${limits.maxEntries}` };
  const expanded = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (expanded > limits.maxUncompressedBytes) {
    return { rule: 'officeExpansion', message: `the archive expands to ${expanded} bytes; the limit is ${limits.maxUncompressedBytes}` };
  }
  const bomb = entries.find((entry) => overRatio(entry, limits));
  if (bomb) return { rule: 'officeExpansion', message: `${bomb.name} expands more than ${limits.maxCompressionRatio} times` };
  const forbidden = entries.find((entry) => forbiddenEntry(entry.name));
  if (forbidden)
    return { rule: 'officeForbiddenEntry', message: `the document carries ${forbidden.name}: programs, scripts, macros and archives are not accepted` };
  if (entries.some((entry) => entry.encrypted)) return { rule: 'officeStructure', message: 'the archive has encrypted entries' };
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has(CONTENT_TYPES_PART) || archive.contentTypes === undefined)
    return { rule: 'officeStructure', message: `the archive has no ${CONTENT_TYPES_PART}` };
  if (!names.has(main.part)) return { rule: 'officeStructure', message: `the archive has no ${main.part}, the main part of ${mediaType}` };
  const contentTypes = archive.contentTypes.toLowerCase();
  if (contentTypes.includes('macroenabled') || contentTypes.includes('vbaproject')) {
    return { rule: 'officeStructure', message: `${CONTENT_TYPES_PART} declares macro-enabled content` };
  }
  if (!contentTypes.includes(main.contentType)) return { rule: 'officeStructure', message: `${CONTENT_TYPES_PART} does not declare ${main.contentType}` };
  return undefined;
}
