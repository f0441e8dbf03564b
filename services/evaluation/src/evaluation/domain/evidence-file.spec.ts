import type { EvidencePolicy } from './assessment';
import { CHECKABLE_MEDIA_TYPES, evidenceFileProblem } from './evidence-file';

const policy: EvidencePolicy = { maxSizeBytes: 16, allowedMediaTypes: ['application/pdf', 'image/png', 'image/jpeg'] };
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const PDF = text('%PDF-1.7\n%abc');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);

describe('evidenceFileProblem', () => {
  it.each<[string, string, Uint8Array, string | undefined]>([
    ['a PDF', 'application/pdf', PDF, undefined],
    ['a PNG', 'image/png', PNG, undefined],
    ['a JPEG', 'image/jpeg', JPEG, undefined],
    ['a type with parameters and capitals', 'Application/PDF; charset=binary', PDF, undefined],
    ['exactly the size limit', 'application/pdf', text('%PDF-'.padEnd(16, 'x')), undefined],
    ['one byte over the limit', 'application/pdf', text('%PDF-'.padEnd(17, 'x')), 'maxSize'],
    ['an empty file', 'application/pdf', bytes(), 'notEmpty'],
    ['a type the policy does not allow', 'application/zip', bytes(0x50, 0x4b, 0x03, 0x04), 'mediaType'],
    ['no type at all', '', PDF, 'mediaType'],
    ['a PNG sent as a PDF', 'application/pdf', PNG, 'content'],
    ['an executable sent as a PDF', 'application/pdf', bytes(0x4d, 0x5a, 0x90, 0x00), 'content'],
    ['a file shorter than the signature', 'image/png', bytes(0x89, 0x50), 'content'],
  ])('%s', (_, mediaType, content, rule) => {
    expect(evidenceFileProblem(policy, mediaType, content)?.rule).toBe(rule);
  });

  it('names the allowed types when it refuses one', () => {
    expect(evidenceFileProblem(policy, 'text/html', text('<html>'))?.message).toBe('text/html is not allowed; allowed: application/pdf, image/png, image/jpeg');
  });

  it('can check the content of every office and image type Pemda evidence comes in', () => {
    expect(CHECKABLE_MEDIA_TYPES).toEqual(
      expect.arrayContaining(['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
    );
  });
});
