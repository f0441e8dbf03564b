import { evidenceDownloadName } from './evidence-download-name';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('evidenceDownloadName', () => {
  it.each<[string, string, string, string]>([
    ['a plain name keeps its stem', 'maklumat.pdf', PDF, 'maklumat.pdf'],
    ["the uploader's extension gives way to the stored type's", 'Laporan_SKM.jar', PDF, 'Laporan_SKM.pdf'],
    ['an HTML name is saved as what the content is', 'sk.html', DOCX, 'sk.docx'],
    ['only the last extension is dropped', 'laporan.pdf.exe', PDF, 'laporan-pdf.pdf'],
    ['spaces and punctuation collapse into one dash', 'Laporan SKM (final)!!.jar', PDF, 'Laporan-SKM-final.pdf'],
    ['a path is reduced to its last part', '../../etc/passwd', PDF, 'passwd.pdf'],
    ['a Windows path too', 'C:\\Users\\op\\SOP Pelayanan.docx', DOCX, 'SOP-Pelayanan.docx'],
    ['accents are kept as their letters', 'Keputusan Bupati é.pdf', PDF, 'Keputusan-Bupati-e.pdf'],
    ['quotes and control characters go', 'a"b\r\nc;.pdf', PDF, 'a-b-c.pdf'],
    ['mixed separators collapse', 'a_-_b.pdf', PDF, 'a-b.pdf'],
    ['nothing left falls back to bukti', '!!!.pdf', PDF, 'bukti.pdf'],
    ['a dot file is a stem, not an extension', '.htaccess', PDF, 'htaccess.pdf'],
    ['an empty name falls back to bukti', '', 'image/jpeg', 'bukti.jpg'],
    ['a non-Latin name falls back to bukti', 'سند.pdf', PDF, 'bukti.pdf'],
    ['a type with parameters and capitals', 'scan.png', 'Image/PNG; q=1', 'scan.png'],
    ['an unknown type is saved as bytes', 'x.pdf', 'text/html', 'x.bin'],
  ])('%s', (_, name, mediaType, expected) => {
    expect(evidenceDownloadName(name, mediaType)).toBe(expected);
  });

  it('keeps at most 80 characters of the stem, without a trailing separator', () => {
    const name = evidenceDownloadName(`${'a'.repeat(79)} b${'c'.repeat(50)}.pdf`, PDF);
    expect(name).toBe(`${'a'.repeat(79)}.pdf`);
  });
});
