import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type F01AnswerType, findShippedRuleset, scoredIndicators } from '../src/evaluation/domain';

/**
 * The F-01 questions of pekppp-2023 v3 against the "F-01 (…)" blocks of docs/pekppp-2023-instrument.md
 * (§2–§7): per indicator the number of questions and their answer types, each type named in the block,
 * and bukti dukung required exactly where the block's main source (BG-F01) asks for it.
 *
 * The table below is the blocks read by hand, in question order; where the file gives two formats it
 * holds the majority reading (the question's `note` in the ruleset says which sources differ).
 */
const instrument = readFileSync(join(__dirname, '../../../docs/pekppp-2023-instrument.md'), 'utf8');

const Y: F01AnswerType = 'yesNo';
const S: F01AnswerType = 'single';
const M: F01AnswerType = 'multi';
const N: F01AnswerType = 'number';
const T: F01AnswerType = 'text';

const FROM_THE_FILE: Record<string, F01AnswerType[]> = {
  '1.a.Ak': [Y, N, N, Y, Y, Y, Y], // a, two counts (DJ: teks), b–e
  '2.a.P': [Y, M],
  '3.a.T': [Y, Y, M], // b: ya/tidak in HU, DJ; pilih satu in BG
  '4.a.K': [S],
  '5.a.K': [Y, Y, Y, M],
  '6.a.B': [Y, N, N, T, Y, Y, M, Y], // c: nilai IKM (angka) and periode (teks); e: ya/tidak and its media
  '7.a.T': [M], // DJ: pilih satu
  '8.a.Ak': [Y, N, Y],
  '9.a.Ak': [Y, S],
  '10.b.As': [Y, M],
  '11.b.K': [Y, M],
  '12.b.Ak': [Y, M],
  '13.b.K': [M],
  '14.b.K': [M],
  '15.c.K': [Y, M, T], // the facilities + "Lainnya" with its text
  '16.c.As': [M], // HU, DJ: one combined list; BG: two
  '17.c.As': [Y, M],
  '18.c.K': [M],
  '19.c.As': [M],
  '20.c.B': [M],
  '21.d.T': [Y, M, M, M, Y, T, N], // e: ya/tidak and the SIPPN account (teks)
  '22.d.B': [M, T], // with "Lainnya" + text
  '23.d.As': [Y, Y, Y, Y, Y, Y],
  '24.d.T': [Y, S],
  '25.e.P': [M],
  '26.e.P': [Y, M], // HU, DJ merge b and c into one list
  '27.e.Ak': [Y, Y, Y, Y, Y, Y],
  '28.e.Ak': [N, N, N, N],
  '29.f.B': [Y, T, S, T, S, T, Y, M], // 1, 1a, 1b and its evidence, 2 and its start, 3, 4
  '30.f.B': [Y, Y, M], // b: ya/tidak in HU, DJ; pilih satu in BG
};

/** How the file writes each answer type in a block. */
const FORMAT_WORDS: Record<F01AnswerType, RegExp> = {
  yesNo: /ya\/tidak|Ya\/Tidak|if Tidak/,
  single: /pilih satu/,
  multi: /pilih banyak|pilih-banyak/,
  number: /angka|four numbers/,
  text: /teks|\+ text|with text/,
};

/** The F-01 block of each indicator: from its "F-01" paragraph to the next heading or rule. */
function f01Blocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  const sections = instrument.split(/\n(?=### )/);
  for (const section of sections) {
    const heading = /^### \d+ · (\S+) —/.exec(section);
    if (!heading) continue;
    const start = section.search(/^F-01(?: \(| topic|:|\s)/m);
    const body = section.slice(start).split(/\n---\n/)[0];
    // the "F-01 topic" line names the topic; the questions follow in the next F-01 paragraph
    const questions = body.replace(/^F-01 topic[^\n]*\n/m, '');
    blocks.set(heading[1], questions);
  }
  return blocks;
}

const ruleset = findShippedRuleset({ id: 'pekppp-2023', version: 3 });
if (!ruleset) throw new Error('pekppp-2023 v3 is not shipped');
const blocks = f01Blocks();

describe('pekppp-2023 v3 F-01 questions against docs/pekppp-2023-instrument.md', () => {
  it('reads a block for every scored indicator, and asks questions for every one', () => {
    const codes = scoredIndicators(ruleset).map((indicator) => indicator.code);
    expect(Object.keys(FROM_THE_FILE)).toEqual(codes);
    for (const code of codes) expect(blocks.get(code)).toMatch(/F-01/);
    for (const indicator of scoredIndicators(ruleset)) expect(indicator.f01?.questions.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(FROM_THE_FILE))('%s asks the questions of its block, in order, with their answer types', (code, types) => {
    const indicator = scoredIndicators(ruleset).find((candidate) => candidate.code === code);
    expect(indicator?.f01?.questions.map((question) => question.type)).toEqual(types);
    const block = blocks.get(code) ?? '';
    for (const type of new Set(types)) expect({ code, type, named: FORMAT_WORDS[type].test(block) }).toEqual({ code, type, named: true });
  });

  it.each(Object.entries(FROM_THE_FILE))('%s requires bukti dukung exactly when its block asks for an upload', (code) => {
    const block = blocks.get(code) ?? '';
    const indicator = scoredIndicators(ruleset).find((candidate) => candidate.code === code);
    const required = indicator?.f01?.questions.some((question) => question.evidence?.requiredWhenClaimed) ?? false;
    const namesEvidence = indicator?.f01?.questions.some((question) => question.evidence) ?? false;
    const bgAsksNone = /No bukti dukung in BG-F01|BG-F01 lists no\s+bukti dukung/.test(block);
    expect({ code, required }).toEqual({ code, required: !bgAsksNone });
    expect({ code, namesEvidence }).toEqual({ code, namesEvidence: true });
  });
});
