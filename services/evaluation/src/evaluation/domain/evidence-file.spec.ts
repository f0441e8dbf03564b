import type { EvidencePolicy } from './assessment';
import { CHECKABLE_MEDIA_TYPES, EVIDENCE_HEAD_BYTES, evidenceFileProblem, type EvidenceSample } from './evidence-file';

const policy: EvidencePolicy = { maxSizeBytes: 64 * 1024, allowedMediaTypes: ['application/pdf', 'image/png', 'image/jpeg'] };
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
/** The sample of a file held whole: all of it is both head and tail. */
const whole = (content: Uint8Array): EvidenceSample => ({ sizeBytes: content.length, head: content, tail: content });
const PDF = text('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);

describe('evidenceFileProblem', () => {
  it.each<[string, string, EvidenceSample, string | undefined]>([
    ['a PDF', 'application/pdf', whole(PDF), undefined],
    ['a PNG', 'image/png', whole(PNG), undefined],
    ['a JPEG', 'image/jpeg', whole(JPEG), undefined],
    ['a type with parameters and capitals', 'Application/PDF; charset=binary', whole(PDF), undefined],
    ['exactly the size limit', 'application/pdf', { ...whole(PDF), sizeBytes: 64 * 1024 }, undefined],
    ['one byte over the limit', 'application/pdf', { ...whole(PDF), sizeBytes: 64 * 1024 + 1 }, 'maxSize'],
    ['an empty file', 'application/pdf', whole(bytes()), 'notEmpty'],
    ['a type the policy does not allow', 'application/zip', whole(bytes(0x50, 0x4b, 0x03, 0x04)), 'mediaType'],
    ['no type at all', '', whole(PDF), 'mediaType'],
    ['a PNG sent as a PDF', 'application/pdf', whole(PNG), 'content'],
    ['an executable sent as a PDF', 'application/pdf', whole(bytes(0x4d, 0x5a, 0x90, 0x00)), 'content'],
    ['a PDF header that is not at byte 0', 'application/pdf', whole(text(' %PDF-1.7\n%%EOF')), 'content'],
    ['a file shorter than the signature', 'image/png', whole(bytes(0x89, 0x50)), 'content'],
    ['a PDF without %%EOF', 'application/pdf', whole(text('%PDF-1.7\n1 0 obj << >> endobj\n')), 'pdfStructure'],
    [
      'a PDF whose %%EOF is not near its end',
      'application/pdf',
      { sizeBytes: 9000, head: text('%PDF-1.7\n%%EOF'), tail: text('x'.repeat(1024)) },
      'pdfStructure',
    ],
    ['a PDF/HTML polyglot', 'application/pdf', whole(text('%PDF-1.7\n<html><body>x</body></html>\n%%EOF')), 'pdfPolyglot'],
    ['a PDF carrying a script tag in capitals', 'application/pdf', whole(text('%PDF-1.7\n<SCRIPT>alert(1)</SCRIPT>\n%%EOF')), 'pdfPolyglot'],
    ['a PDF carrying a doctype', 'application/pdf', whole(text('%PDF-1.7\n<!DOCTYPE html>\n%%EOF')), 'pdfPolyglot'],
    ['a PDF carrying an SVG', 'application/pdf', whole(text('%PDF-1.7\n<svg onload=alert(1)>\n%%EOF')), 'pdfPolyglot'],
    [
      'a PDF with markup only beyond the sampled head',
      'application/pdf',
      { sizeBytes: 20000, head: text('%PDF-1.7'.padEnd(EVIDENCE_HEAD_BYTES, ' ')), tail: text('%%EOF') },
      undefined,
    ],
  ])('%s', (_, mediaType, sample, rule) => {
    expect(evidenceFileProblem(policy, mediaType, sample)?.rule).toBe(rule);
  });

  it('names the allowed types when it refuses one', () => {
    expect(evidenceFileProblem(policy, 'text/html', whole(text('<html>')))?.message).toBe(
      'text/html is not allowed; allowed: application/pdf, image/png, image/jpeg',
    );
  });

  it('can check the content of every office and image type Pemda evidence comes in', () => {
    expect(CHECKABLE_MEDIA_TYPES).toEqual(
      expect.arrayContaining(['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
    );
  });
});
