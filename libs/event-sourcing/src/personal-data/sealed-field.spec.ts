import { ERASED_MARKER, isSealedText, packSealed, type SealedText, textOf, unpackSealed } from './sealed-field';

const iv = Buffer.alloc(12, 1);
const tag = Buffer.alloc(16, 2);

describe('sealed field format', () => {
  it.each([
    ['empty ciphertext', Buffer.alloc(0)],
    ['one byte', Buffer.from([7])],
    ['a sentence', Buffer.from('Antrean KTP terlalu lama')],
  ])('packs and unpacks %s', (_name, ciphertext) => {
    const parts = unpackSealed(packSealed({ iv, tag, ciphertext }));
    expect(parts && { iv: Buffer.from(parts.iv), tag: Buffer.from(parts.tag), ciphertext: Buffer.from(parts.ciphertext) }).toEqual({ iv, tag, ciphertext });
  });

  it.each([
    ['plain text', 'Antrean terlalu lama'],
    ['base64 too short for iv and tag', Buffer.alloc(27).toString('base64')],
    ['base64 with a bad length', 'QUJD='],
    ['empty', ''],
  ])('refuses to unpack %s', (_name, packed) => {
    expect(unpackSealed(packed)).toBeUndefined();
  });

  it.each([
    ['a short iv', Buffer.alloc(11), tag],
    ['a short tag', iv, Buffer.alloc(15)],
  ])('refuses to pack %s', (_name, badIv, badTag) => {
    expect(() => packSealed({ iv: badIv, tag: badTag, ciphertext: Buffer.alloc(1) })).toThrow(/12-byte iv and a 16-byte tag/);
  });
});

describe('reading personal fields', () => {
  const sealed: SealedText = { sealed: packSealed({ iv, tag, ciphertext: Buffer.from('x') }), subject: 'c-1' };
  const open = (field: SealedText) => (field.subject === 'c-1' ? 'isi asli' : ERASED_MARKER);

  it.each<[string, string, SealedText | undefined, string]>([
    ['an old event: plain text, no sealed field', 'teks lama', undefined, 'teks lama'],
    ['a sealed field wins over the empty plain one', '', sealed, 'isi asli'],
    ['an erased key gives the marker', '', { ...sealed, subject: 'c-2' }, ERASED_MARKER],
    ['an empty sealed message (proto default) is not sealed', 'teks lama', { sealed: '', subject: '' }, 'teks lama'],
  ])('%s', (_name, plain, field, expected) => {
    expect(textOf(plain, field, open)).toBe(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['a sealed field', sealed, true],
    ['null', null, false],
    ['a string', 'abc', false],
    ['no subject', { sealed: 'abc' }, false],
    ['empty subject', { sealed: 'abc', subject: '' }, false],
  ])('recognises %s', (_name, value, expected) => {
    expect(isSealedText(value)).toBe(expected);
  });

  it('shows erased text as [dihapus]', () => {
    expect(ERASED_MARKER).toBe('[dihapus]');
  });
});
