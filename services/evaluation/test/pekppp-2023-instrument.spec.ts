import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Ruleset, provisionalParts, scoredIndicators, shippedRulesets } from '../src/evaluation/domain';

/**
 * The shipped pekppp-2023 revision against the file it cites, docs/pekppp-2023-instrument.md: the
 * test reads the file's F-02 tables and the ruleset's data, so a change to either shows here.
 *
 * How a level of the file is read:
 * - a cell without "…" is the level text, word for word;
 * - "…" marks words the file leaves out: the ruleset's text holds every word the file shows, in the
 *   file's order, beginning and ending as the file's does;
 * - where the file gives two readings (two reading columns, or "A (sources) / "B" (sources)" in a cell),
 *   the ruleset takes the one more independent sources give (the file's "Which sources are
 *   independent"); for the indicators the file lists as "sources disagree" the level texts are flagged
 *   provisional and their source note names every source on both sides.
 */
const instrument = readFileSync(join(__dirname, '../../../docs/pekppp-2023-instrument.md'), 'utf8');
const lines = instrument.split('\n');

interface Reading {
  text: string;
  sources: string[];
}
interface InstrumentIndicator {
  no: number;
  code: string;
  name: string;
  weightPercent: number;
  aspect: { roman: string; name: string; weightPercent: number };
  /** Per level 0..5, the readings the file gives (one when the sources agree). */
  levels: Reading[][];
}

const SOURCE_KEY = /\b(?:BG|SW|YU|DJ|HU)(?:-[A-Z0-9]+)?\b/g;
const independentMatch = /Which sources are independent: ((?:[A-Z]{2}, )+[A-Z]{2}) are/.exec(instrument);
if (!independentMatch) throw new Error('the instrument file no longer says which sources are independent');
const INDEPENDENT = independentMatch[1].split(', ');

const sourceKeys = (text: string): string[] => [...new Set(text.match(SOURCE_KEY) ?? [])];
const independentCount = (reading: Reading): number => new Set(reading.sources.map((key) => key.split('-')[0]).filter((key) => INDEPENDENT.includes(key))).size;

/** "A (S1) / "B" (S2) rest": two readings of one cell. */
function cellReadings(cell: string, columnSources: string[]): Reading[] {
  const variant = /^(.+?) \(([^)]+)\) \/ "(.+?)" \(([^)]+)\) (.+)$/.exec(cell);
  if (!variant) return [{ text: cell, sources: columnSources }];
  const [, first, firstSources, second, secondSources, rest] = variant;
  return [
    { text: `${first} ${rest}`, sources: sourceKeys(firstSources) },
    { text: `${second} ${rest}`, sources: sourceKeys(secondSources) },
  ];
}

function parseInstrument(): { indicators: InstrumentIndicator[]; antrian: Reading[][] } {
  const indicators: InstrumentIndicator[] = [];
  const antrian: Reading[][] = [];
  let aspect: InstrumentIndicator['aspect'] | null = null;
  let levels: Reading[][] | null = null;
  let columns: string[][] = [];
  for (const line of lines) {
    const aspectHeading = /^## \d+\. Aspect ([IVX]+) — (.+) \((\d+)%\)$/.exec(line);
    const indicatorHeading = /^### (\d+) · (\S+) — (.+) \((\d+)%\)$/.exec(line);
    if (aspectHeading) {
      aspect = { roman: aspectHeading[1], name: aspectHeading[2], weightPercent: Number(aspectHeading[3]) };
      levels = null;
    } else if (line.startsWith('## ')) {
      aspect = null;
      levels = null;
    } else if (indicatorHeading && aspect) {
      const [, no, code, name, weightPercent] = indicatorHeading;
      levels = [];
      indicators.push({ no: Number(no), code, name, weightPercent: Number(weightPercent), aspect, levels });
    } else if (line.startsWith('### Informasi tambahan · sistem antrian')) {
      levels = antrian;
    } else if (line.startsWith('### ')) {
      levels = null;
    } else if (levels && line.startsWith('| Level |')) {
      columns = line
        .split('|')
        .slice(2, -1)
        .map((header) => sourceKeys(header));
    } else if (levels && /^\| [0-5] \|/.test(line)) {
      const cells = line
        .split('|')
        .slice(2, -1)
        .map((cell) => cell.trim());
      const resolved = cells.map((cell, c) => (cell === 'same' ? cells[cells.length - 1 - c] : cell));
      const readings = resolved.flatMap((cell, c) => cellReadings(cell, columns[c] ?? []));
      const merged = new Map<string, Reading>();
      for (const reading of readings) {
        const known = merged.get(reading.text);
        merged.set(reading.text, known ? { text: reading.text, sources: [...known.sources, ...reading.sources] } : reading);
      }
      levels.push([...merged.values()]);
    }
  }
  return { indicators, antrian };
}

const words = (text: string): string[] =>
  text
    .replace(/…/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^[,.;:!]+|[,.;:!]+$/g, ''))
    .filter((word) => word !== '');

/** Whether the ruleset's text is the file's level, reading "…" as words the file leaves out. */
function matchesInstrument(text: string, level: string): boolean {
  if (!level.includes('…')) return text === level;
  const shown = words(level);
  const full = words(text);
  if (!level.trimStart().startsWith('…') && full[0] !== shown[0]) return false;
  if (!level.trimEnd().endsWith('…') && full[full.length - 1] !== shown[shown.length - 1]) return false;
  let next = 0;
  for (const word of full) if (next < shown.length && word === shown[next]) next += 1;
  return next === shown.length;
}

function majority(readings: Reading[]): Reading {
  const ranked = [...readings].sort((a, b) => independentCount(b) - independentCount(a));
  if (ranked.length > 1 && independentCount(ranked[0]) === independentCount(ranked[1])) {
    throw new Error(`no majority between ${readings.map((reading) => `"${reading.text}" (${reading.sources.join(', ')})`).join(' and ')}`);
  }
  return ranked[0];
}

const { indicators: fromFile, antrian } = parseInstrument();
const disputedRow = lines.find((line) => line.startsWith('| Levels sourced but sources disagree |'));
const DISPUTED: readonly string[] = disputedRow?.match(/\d+\.[a-f]\.[A-Za-z]+/g) ?? [];

const latest = (id: string): Ruleset =>
  shippedRulesets.filter((ruleset) => ruleset.id === id).reduce((newest, ruleset) => (ruleset.version > newest.version ? ruleset : newest));
const ruleset = latest('pekppp-2023');
const inRuleset = scoredIndicators(ruleset);
const aspectOf = (code: string) => ruleset.aspects.find((aspect) => aspect.indicators.some((indicator) => indicator.code === code));

describe(`pekppp-2023 v${ruleset.version} against docs/pekppp-2023-instrument.md`, () => {
  it('reads 30 indicators with six levels each, and the two the file says the sources disagree on', () => {
    expect(fromFile).toHaveLength(30);
    expect(fromFile.every((indicator) => indicator.levels.length === 6)).toBe(true);
    expect(antrian).toHaveLength(6);
    expect(DISPUTED).toEqual(['22.d.B', '23.d.As']);
  });

  it('has the indicators of the file, numbered and coded as the file, in its order', () => {
    expect(inRuleset.map(({ no, code }) => [no, code])).toEqual(fromFile.map(({ no, code }) => [no, code]));
  });

  it.each(fromFile.map((indicator) => [indicator.code, indicator] as const))('%s: official name, aspect and weights', (code, indicator) => {
    const aspect = aspectOf(code);
    const found = inRuleset.find((candidate) => candidate.code === code);
    expect(found?.name).toBe(indicator.name);
    expect(found?.weightBp).toBe(indicator.weightPercent * 100);
    expect(aspect?.code).toBe(code.split('.')[1]);
    expect(aspect?.name).toBe(indicator.aspect.name);
    expect(aspect?.weightBp).toBe(indicator.aspect.weightPercent * 100);
  });

  it.each(fromFile.flatMap((indicator) => indicator.levels.map((readings, level) => [indicator.code, level, readings] as const)))(
    '%s level %i: the text of the file (the majority reading where it gives two)',
    (code, level, readings) => {
      const text = inRuleset.find((candidate) => candidate.code === code)?.descriptors[level] ?? '';
      const expected = majority(readings).text;
      expect({ text, matches: matchesInstrument(text, expected) }).toEqual({ text, matches: true });
    },
  );

  it.each(fromFile.map((indicator) => [indicator.code, indicator] as const))(
    '%s: level texts provisional exactly when the file says the sources disagree, naming them',
    (code, indicator) => {
      const provenance = inRuleset.find((candidate) => candidate.code === code)?.descriptorsProvenance;
      expect(provenance?.provisional).toBe(DISPUTED.includes(code));
      if (!DISPUTED.includes(code)) return;
      const named = [...new Set(indicator.levels.flatMap((readings) => readings.flatMap((reading) => reading.sources)))];
      expect(named.length).toBeGreaterThan(1);
      for (const source of named) expect(provenance?.source).toContain(source);
    },
  );

  it.each(antrian.map((readings, level) => [level, readings] as const))('sistem antrian level %i: the text of the file, not in the IPP', (level, readings) => {
    const info = ruleset.informationIndicators.find((candidate) => candidate.code === 'info.antrian');
    const text = info?.descriptors?.[level] ?? '';
    expect({ text, matches: matchesInstrument(text, majority(readings).text) }).toEqual({ text, matches: true });
  });
});

describe('reading "…" in the file', () => {
  it.each([
    ['the words shown, with the left-out ones filled in', 'Tersedia 4-6 sarana prasarana bagi pengguna.', 'Tersedia 4-6 …', true],
    ['an inner word the file leaves out', 'SKM sesuai dengan PermenPANRB yang berlaku.', '… sesuai PermenPANRB yang berlaku.', true],
    ['a word shown but missing', 'Tersedia 4-6 sarana.', 'Tersedia 4-7 …', false],
    ['the words shown in another order', 'mudah diakses, kompatibel, navigasi.', '… navigasi, kompatibel.', false],
    ['a text ending otherwise than the file', 'Dilakukan 2 kondisi tambahan.', '… 2 kondisi.', false],
    ['a cell without "…", which must be equal', 'Tersedia SP.', 'Tersedia SP', false],
  ])('%s', (_name, text, level, expected) => {
    expect(matchesInstrument(text, level)).toBe(expected);
  });
});

describe('pekppp-2023-kode-b against the Kode B appendix of the file (§10)', () => {
  const kodeB = latest('pekppp-2023-kode-b');
  const appendix = instrument.slice(instrument.indexOf('## 10. Kode B'), instrument.indexOf('## 11.'));
  const count = (pattern: RegExp): number => Number(pattern.exec(appendix)?.[1]);

  it('has as many scored indicators as SW-F02B lists, Kebijakan Pelayanan without peninjauan ulang SP', () => {
    expect(scoredIndicators(kodeB)).toHaveLength(count(/SW-F02B lists (\d+) scored indicators/));
    expect(kodeB.aspects[0].indicators).toHaveLength(count(/Kebijakan Pelayanan (\d+) \(indicators 1–3 and 5–9 of Kode A/));
    expect(kodeB.aspects[0].indicators.map((indicator) => indicator.no)).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it('has the six electronic-service indicators in place of Sarana Prasarana, and the F-03 B items', () => {
    expect(appendix).toContain('replaced by six electronic-service indicators');
    expect(kodeB.aspects[2].indicators.map((indicator) => indicator.name)).toEqual([
      'Tersedia layanan elektronik yang mudah diakses.',
      'Tersedia layanan elektronik yang memudahkan interaksi antara penyedia dengan pengguna layanan.',
      'Tersedia fitur keamanan pada layanan elektronik.',
      'Tersedia Layanan Elektronik yang secara visual memudahkan pengguna layanan.',
      'Tersedia layanan daring pendukung yang memanfaatkan media elektronik lainnya di luar situs dan aplikasi.',
      'Tersedia penyimpanan data yang membantu aktivitas pengguna layanan.',
    ]);
    expect(kodeB.userScoreMerge?.items).toHaveLength(count(/F-03 B has (\d+) items/));
  });

  it('flags every weight and every level text provisional, since the file has Kode B weights unsourced and one source', () => {
    expect(appendix).toMatch(/Weights for Kode B: \*\*UNSOURCED\*\*/);
    const parts = provisionalParts(kodeB);
    kodeB.aspects.forEach((aspect, a) => {
      expect(parts).toContain(`aspects[${a}].weightBp`);
      aspect.indicators.forEach((_indicator, i) => {
        expect(parts).toContain(`aspects[${a}].indicators[${i}].weightBp`);
        expect(parts).toContain(`aspects[${a}].indicators[${i}].descriptors`);
      });
    });
  });
});
