import { unstorableTextFields } from './input-text';

describe('unstorableTextFields', () => {
  it.each([
    ['plain Indonesian text', { subject: 'Antrean KTP-el lama', note: 'Baris 1\nBaris 2\tkolom\r\n' }, []],
    ['emoji and other scripts (surrogate pairs)', { suggestion: 'Terima kasih 🙏 — ĂÂ' }, []],
    ['a NUL byte', { subject: 'x\u0000y' }, ['subject']],
    ['a bell character', { subject: 'x\u0007y' }, ['subject']],
    ['an escape character', { subject: '\u001b[31m' }, ['subject']],
    ['DEL', { subject: 'x\u007f' }, ['subject']],
    ['a lone high surrogate', { subject: 'x\ud800y' }, ['subject']],
    ['a lone low surrogate', { subject: '\udc00' }, ['subject']],
    ['a nested field', { reporter: { name: 'Si\u0000ti', email: 'siti@example.id' } }, ['reporter.name']],
    ['an item of an array', { answers: [{ note: 'ok' }, { note: 'x\u0000' }] }, ['answers[1].note']],
    ['a string in an array of strings', { media: ['website', 'x\u0000'] }, ['media[1]']],
    ['a key with a NUL byte', { reporter: { 'na\u0000me': 'Siti' } }, ['reporter']],
    ['a top-level string body', 'x\u0000', ['body']],
    ['numbers, booleans and null', { score: 4, ok: true, none: null }, []],
    ['every broken field, in order', { a: '\u0000', b: { c: '\u0001' } }, ['a', 'b.c']],
  ])('%s', (_name, body, expected) => {
    expect(unstorableTextFields(body)).toEqual(expected);
  });
});
