import { CORRELATION_ID, QUALIFIED_ID, SIMPLE_ID } from './ids';

describe('id formats', () => {
  it.each<[string, RegExp, string, boolean]>([
    ['a simple id', SIMPLE_ID, 'disdukcapil', true],
    ['a simple id with dots, dashes and underscores', SIMPLE_ID, 'svc_ktp-el.2026', true],
    ['a simple id of 64 characters', SIMPLE_ID, 'a'.repeat(64), true],
    ['a simple id of 65 characters', SIMPLE_ID, 'a'.repeat(65), false],
    ['an empty resource id', SIMPLE_ID, '', false],
    ['a simple id with a slash', SIMPLE_ID, 'a/b', false],
    ['a simple id with a colon', SIMPLE_ID, 'a:b', false],
    ['a simple id with a NUL byte', SIMPLE_ID, 'a\u0000', false],
    ['a qualified id with @ and :', QUALIFIED_ID, 'user@kota-banjarmasin:1', true],
    ['a qualified id of 128 characters', QUALIFIED_ID, 'u'.repeat(128), true],
    ['a qualified id of 129 characters', QUALIFIED_ID, 'u'.repeat(129), false],
    ['a qualified id with a space', QUALIFIED_ID, 'a b', false],
    ['a qualified id with a slash', QUALIFIED_ID, 'tenant/unit', false],
    ['a correlation id', CORRELATION_ID, '0f8fad5b-d9cb-469f-a165-70867728950e', true],
    ['a correlation id of 101 characters', CORRELATION_ID, 'c'.repeat(101), false],
    ['a correlation id with a line break', CORRELATION_ID, 'a\nb', false],
  ])('%s', (_name, pattern, value, expected) => {
    expect(pattern.test(value)).toBe(expected);
  });
});
