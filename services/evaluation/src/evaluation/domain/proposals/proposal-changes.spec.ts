import type { Proposal } from './proposal';
import { canonicalJson, diffProposals } from './proposal-changes';

const proposal = (overrides: Partial<Proposal> = {}): Proposal => ({
  indicatorCode: '8.a.Ak',
  level: 3,
  ruleId: 'skm-follow-up-share',
  ruleSource: { kind: 'kemenpanrb-level-text', reason: 'completed ÷ planned' },
  provisional: true,
  provisionalSource: 'F-02 8.a.Ak',
  figures: { surveyId: 'skm-2025', planned: 4, completed: 2, completedPercent: 50 },
  explanation: '2 dari 4 rencana tindak lanjut sudah selesai (50%).',
  sourceEventIds: ['e1', 'e2'],
  ...overrides,
});

describe('telling which proposals changed', () => {
  it.each<[string, Proposal[], Proposal, { changed: boolean; previousLevel?: number | null; rewritten: boolean }]>([
    ['a first proposal is a change from nothing', [], proposal(), { changed: true, previousLevel: null, rewritten: true }],
    ['the same proposal again changes nothing', [proposal()], proposal(), { changed: false, rewritten: false }],
    ['a new level is a change', [proposal()], proposal({ level: 4 }), { changed: true, previousLevel: 3, rewritten: true }],
    [
      'new figures at the same level are a change',
      [proposal()],
      proposal({ figures: { surveyId: 'skm-2025', planned: 5, completed: 2, completedPercent: 40 } }),
      { changed: true, previousLevel: 3, rewritten: true },
    ],
    [
      'the same figures with their keys in another order (as jsonb returns them) are no change',
      [proposal({ figures: { completedPercent: 50, completed: 2, planned: 4, surveyId: 'skm-2025' } })],
      proposal(),
      { changed: false, rewritten: false },
    ],
    [
      'only a new event id behind the same figures is rewritten, not announced',
      [proposal()],
      proposal({ sourceEventIds: ['e1', 'e2', 'e3'] }),
      { changed: false, rewritten: true },
    ],
    ['only a reworded explanation is rewritten, not announced', [proposal()], proposal({ explanation: 'Kalimat baru.' }), { changed: false, rewritten: true }],
    [
      "another indicator's proposal is no reference",
      [proposal({ indicatorCode: '9.a.Ak' })],
      proposal(),
      { changed: true, previousLevel: null, rewritten: true },
    ],
  ])('%s', (_name, stored, next, expected) => {
    const diff = diffProposals(stored, [next]);
    expect(diff.changed.length > 0).toBe(expected.changed);
    if (expected.changed) expect(diff.changed[0]).toEqual({ proposal: next, previousLevel: expected.previousLevel });
    expect(diff.rewritten).toEqual(expected.rewritten ? [next] : []);
  });
});

describe('canonical JSON of figures', () => {
  it.each<[string, Parameters<typeof canonicalJson>[0], string]>([
    ['sorts object keys at every depth', { b: 1, a: { d: [2, { f: true, e: null }], c: 'x' } }, '{"a":{"c":"x","d":[2,{"e":null,"f":true}]},"b":1}'],
    ['keeps the order of a list', [3, 1, 2], '[3,1,2]'],
    ['writes null for a missing value', undefined, 'null'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
