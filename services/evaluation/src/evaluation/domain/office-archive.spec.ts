import { type ArchiveEntry, OFFICE_ARCHIVE_LIMITS, OFFICE_MAIN_PARTS, type OfficeArchive, officeArchiveProblem } from './office-archive';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const MiB = 1024 * 1024;

const entry = (name: string, uncompressedSize = 1000, compressedSize = 300): ArchiveEntry => ({ name, uncompressedSize, compressedSize, encrypted: false });
const contentTypesFor = (mediaType: string): string =>
  `<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${OFFICE_MAIN_PARTS[mediaType].part}" ContentType="${OFFICE_MAIN_PARTS[mediaType].contentType}"/></Types>`;
/** A well-formed document of the type, plus `extra` entries. */
const document = (mediaType: string, extra: ArchiveEntry[] = [], contentTypes = contentTypesFor(mediaType)): OfficeArchive => ({
  entries: [entry('[Content_Types].xml'), entry('_rels/.rels'), entry(OFFICE_MAIN_PARTS[mediaType].part), ...extra],
  contentTypes,
});

describe('officeArchiveProblem', () => {
  it.each<[string, string, OfficeArchive, string | undefined]>([
    ['a Word document', DOCX, document(DOCX), undefined],
    ['a workbook', XLSX, document(XLSX, [entry('xl/worksheets/sheet1.xml'), entry('xl/printerSettings/printerSettings1.bin')]), undefined],
    [
      'a presentation with photos and an SVG icon',
      PPTX,
      document(PPTX, [entry('ppt/media/image1.jpeg', 3 * MiB, 3 * MiB), entry('ppt/media/image2.svg')]),
      undefined,
    ],
    ['a Word document with an embedded chart workbook', DOCX, document(DOCX, [entry('word/embeddings/Microsoft_Excel_Worksheet.xlsx')]), undefined],
    ['text that compresses well but is small', DOCX, document(DOCX, [entry('word/styles.xml', 900 * 1024, 1024)]), undefined],
    ['no [Content_Types].xml', DOCX, { entries: [entry('word/document.xml')], contentTypes: undefined }, 'officeStructure'],
    ['a workbook sent as a Word document', DOCX, { ...document(XLSX), contentTypes: contentTypesFor(XLSX) }, 'officeStructure'],
    ['the main part named but not declared', DOCX, document(DOCX, [], '<Types></Types>'), 'officeStructure'],
    [
      'a macro-enabled main part',
      DOCX,
      document(
        DOCX,
        [],
        contentTypesFor(DOCX).replace('document.main+xml', 'document.main+xml"/><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml'),
      ),
      'officeStructure',
    ],
    ['an encrypted entry', DOCX, document(DOCX, [{ ...entry('word/media/image1.png'), encrypted: true }]), 'officeStructure'],
    ['a JAR', DOCX, { entries: [entry('META-INF/MANIFEST.MF'), entry('Laporan.class')], contentTypes: undefined }, 'officeForbiddenEntry'],
    ['a macro project', DOCX, document(DOCX, [entry('word/vbaProject.bin')]), 'officeForbiddenEntry'],
    ['a macro project in capitals', XLSX, document(XLSX, [entry('xl/VBAPROJECT.BIN')]), 'officeForbiddenEntry'],
    ['a signed macro project', DOCX, document(DOCX, [entry('word/vbaProjectSignature.bin')]), 'officeForbiddenEntry'],
    ['an ActiveX control', DOCX, document(DOCX, [entry('word/activeX/activeX1.xml')]), 'officeForbiddenEntry'],
    ['an OLE package', DOCX, document(DOCX, [entry('word/embeddings/oleObject1.bin')]), 'officeForbiddenEntry'],
    ...['exe', 'dll', 'jar', 'js', 'vbs', 'bat', 'cmd', 'ps1', 'apk', 'hta', 'lnk', 'html', 'docm', 'xlsm', 'zip', 'rar', '7z', 'gz', 'cab'].map(
      (extension): [string, string, OfficeArchive, string] => [
        `an entry ending .${extension}`,
        DOCX,
        document(DOCX, [entry(`word/media/payload.${extension}`)]),
        'officeForbiddenEntry',
      ],
    ),
    [
      'too many entries',
      DOCX,
      document(
        DOCX,
        Array.from({ length: OFFICE_ARCHIVE_LIMITS.maxEntries }, (_, i) => entry(`word/media/image${i}.png`)),
      ),
      'officeExpansion',
    ],
    [
      'too much once expanded',
      DOCX,
      document(DOCX, [entry('word/media/a.png', OFFICE_ARCHIVE_LIMITS.maxUncompressedBytes, OFFICE_ARCHIVE_LIMITS.maxUncompressedBytes)]),
      'officeExpansion',
    ],
    ['an entry that expands a thousand times', DOCX, document(DOCX, [entry('word/media/image1.png', 20 * MiB, 20 * 1024)]), 'officeExpansion'],
    ['an entry that claims a size from nothing', DOCX, document(DOCX, [entry('word/media/image1.png', 2 * MiB, 0)]), 'officeExpansion'],
    ['not an Office type at all', 'application/pdf', document(DOCX), 'officeStructure'],
  ])('%s', (_, mediaType, archive, rule) => {
    expect(officeArchiveProblem(mediaType, archive)?.rule).toBe(rule);
  });

  it('names the forbidden entry', () => {
    expect(officeArchiveProblem(DOCX, document(DOCX, [entry('word/vbaProject.bin')]))?.message).toContain('word/vbaProject.bin');
  });
});
