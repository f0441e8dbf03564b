import { PEKPPP_2023_F01 } from '../ruleset/pekppp-2023-f01';
import { type QuestionAnswerInput, readQuestionAnswers, submitGaps } from './f01-answers';
import type { F01Condition, F01Form, QuestionAnswer } from './f01-form';
import { f01FormProblems } from './f01-form-rules';

const form = (code: string): F01Form => {
  const found = PEKPPP_2023_F01.get(code);
  if (!found) throw new Error(`no F-01 form for ${code}`);
  return found;
};
const FIELD = 'answers[0].questions';
const read = (code: string, inputs: QuestionAnswerInput[], attached: string[] = ['ev-1']) => readQuestionAnswers(form(code), inputs, attached, FIELD);
const problemsOf = (code: string, inputs: QuestionAnswerInput[], attached?: string[]) =>
  read(code, inputs, attached).problems.map(({ field, rule, questionId }) => ({ field, rule, questionId }));

describe('reading question answers against the form', () => {
  it('records each value in the field of its type', () => {
    const { answers, problems } = read('6.a.B', [
      { questionId: '6.a.B/a', value: true, evidenceIds: ['ev-1'] },
      { questionId: '6.a.B/b', value: 4 },
      { questionId: '6.a.B/c1', value: 'TW IV 2025' },
      { questionId: '6.a.B/e', value: true },
      { questionId: '6.a.B/e1', value: ['elektronik'] },
    ]);
    expect(problems).toEqual([]);
    expect(answers).toEqual([
      { questionId: '6.a.B/a', yes: true, optionIds: [], number: 0, text: '', evidenceIds: ['ev-1'] },
      { questionId: '6.a.B/b', yes: false, optionIds: [], number: 4, text: '', evidenceIds: [] },
      { questionId: '6.a.B/c1', yes: false, optionIds: [], number: 0, text: 'TW IV 2025', evidenceIds: [] },
      { questionId: '6.a.B/e', yes: true, optionIds: [], number: 0, text: '', evidenceIds: [] },
      { questionId: '6.a.B/e1', yes: false, optionIds: ['elektronik'], number: 0, text: '', evidenceIds: [] },
    ]);
  });

  it('takes an empty pilih-banyak answer as nothing ticked', () => {
    expect(read('7.a.T', [{ questionId: '7.a.T/a', value: [] }]).problems).toEqual([]);
  });

  it.each<[string, string, QuestionAnswerInput[], { field: string; rule: string; questionId: string }[]]>([
    [
      'a number where ya/tidak is asked',
      '1.a.Ak',
      [{ questionId: '1.a.Ak/a', value: 1 }],
      [{ field: `${FIELD}[0].value`, rule: 'answer-type', questionId: '1.a.Ak/a' }],
    ],
    [
      'text where a number is asked',
      '1.a.Ak',
      [
        { questionId: '1.a.Ak/a', value: true },
        { questionId: '1.a.Ak/a1', value: '12' },
      ],
      [{ field: `${FIELD}[1].value`, rule: 'answer-type', questionId: '1.a.Ak/a1' }],
    ],
    [
      'a list where one option is asked',
      '4.a.K',
      [{ questionId: '4.a.K/a', value: ['tidak'] }],
      [{ field: `${FIELD}[0].value`, rule: 'answer-type', questionId: '4.a.K/a' }],
    ],
    [
      'an option not in the list',
      '4.a.K',
      [{ questionId: '4.a.K/a', value: 'setiap-bulan' }],
      [{ field: `${FIELD}[0].value`, rule: 'known-option', questionId: '4.a.K/a' }],
    ],
    [
      'a ticked option not in the list',
      '7.a.T',
      [{ questionId: '7.a.T/a', value: ['website', 'radio'] }],
      [{ field: `${FIELD}[0].value`, rule: 'known-option', questionId: '7.a.T/a' }],
    ],
    [
      'an option ticked twice',
      '7.a.T',
      [{ questionId: '7.a.T/a', value: ['website', 'website'] }],
      [{ field: `${FIELD}[0].value`, rule: 'known-option', questionId: '7.a.T/a' }],
    ],
    ['a negative number', '28.e.Ak', [{ questionId: '28.e.Ak/a', value: -1 }], [{ field: `${FIELD}[0].value`, rule: 'number-range', questionId: '28.e.Ak/a' }]],
    [
      'a percentage above 100',
      '8.a.Ak',
      [
        { questionId: '8.a.Ak/a', value: true },
        { questionId: '8.a.Ak/b', value: 101 },
      ],
      [{ field: `${FIELD}[1].value`, rule: 'number-range', questionId: '8.a.Ak/b' }],
    ],
    [
      'a blank text',
      '6.a.B',
      [
        { questionId: '6.a.B/a', value: true },
        { questionId: '6.a.B/c1', value: '  ' },
      ],
      [{ field: `${FIELD}[1].value`, rule: 'text-not-blank', questionId: '6.a.B/c1' }],
    ],
    [
      'an unknown question',
      '1.a.Ak',
      [{ questionId: '1.a.Ak/z', value: true }],
      [{ field: `${FIELD}[0].questionId`, rule: 'known-question', questionId: '1.a.Ak/z' }],
    ],
    [
      "another indicator's question",
      '1.a.Ak',
      [{ questionId: '2.a.P/a', value: true }],
      [{ field: `${FIELD}[0].questionId`, rule: 'known-question', questionId: '2.a.P/a' }],
    ],
    [
      'a question answered twice',
      '1.a.Ak',
      [
        { questionId: '1.a.Ak/a', value: true },
        { questionId: '1.a.Ak/a', value: false },
      ],
      [{ field: `${FIELD}[1].questionId`, rule: 'unique-question', questionId: '1.a.Ak/a' }],
    ],
    [
      'a question skipped after Tidak',
      '1.a.Ak',
      [
        { questionId: '1.a.Ak/a', value: false },
        { questionId: '1.a.Ak/b', value: true },
      ],
      [{ field: `${FIELD}[1].value`, rule: 'shown-by-skip-logic', questionId: '1.a.Ak/b' }],
    ],
    [
      'a question whose condition is unanswered',
      '2.a.P',
      [{ questionId: '2.a.P/b', value: ['ahli'] }],
      [{ field: `${FIELD}[0].value`, rule: 'shown-by-skip-logic', questionId: '2.a.P/b' }],
    ],
    [
      'a chain link after a break',
      '23.d.As',
      [
        { questionId: '23.d.As/a', value: true },
        { questionId: '23.d.As/b', value: false },
        { questionId: '23.d.As/c', value: true },
      ],
      [{ field: `${FIELD}[2].value`, rule: 'shown-by-skip-logic', questionId: '23.d.As/c' }],
    ],
    [
      'a "Lainnya" text without Lainnya ticked',
      '15.c.K',
      [
        { questionId: '15.c.K/a', value: true },
        { questionId: '15.c.K/b', value: ['cctv'] },
        { questionId: '15.c.K/b1', value: 'kursi roda' },
      ],
      [{ field: `${FIELD}[2].value`, rule: 'shown-by-skip-logic', questionId: '15.c.K/b1' }],
    ],
    [
      'evidence not attached to the indicator',
      '14.b.K',
      [{ questionId: '14.b.K/a', value: ['seragam'], evidenceIds: ['ev-9'] }],
      [{ field: `${FIELD}[0].evidenceIds`, rule: 'evidence-attached', questionId: '14.b.K/a' }],
    ],
  ])('refuses %s, naming the question', (_name, code, inputs, expected) => {
    expect(problemsOf(code, inputs)).toEqual(expected);
    expect(read(code, inputs).answers).toEqual([]);
  });
});

const recorded = (code: string, inputs: QuestionAnswerInput[]): QuestionAnswer[] => {
  const { answers, problems } = read(code, inputs);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return answers;
};

describe('what an indicator lacks before submit', () => {
  it.each<[string, string, QuestionAnswerInput[], string[], string[]]>([
    ['nothing answered', '1.a.Ak', [], ['1.a.Ak/a'], []],
    ['Tidak skips the rest and asks no evidence', '1.a.Ak', [{ questionId: '1.a.Ak/a', value: false }], [], []],
    [
      'Ya shows the rest, and the claim needs its evidence',
      '1.a.Ak',
      [{ questionId: '1.a.Ak/a', value: true }],
      ['1.a.Ak/a1', '1.a.Ak/a2', '1.a.Ak/b', '1.a.Ak/c', '1.a.Ak/d', '1.a.Ak/e'],
      ['1.a.Ak/a'],
    ],
    ['a ticked list needs its evidence', '14.b.K', [{ questionId: '14.b.K/a', value: ['seragam'] }], [], ['14.b.K/a']],
    ['nothing ticked claims nothing', '14.b.K', [{ questionId: '14.b.K/a', value: [] }], [], []],
    ['an option that claims nothing asks no evidence', '4.a.K', [{ questionId: '4.a.K/a', value: 'tidak' }], [], []],
    ['the evidence given', '4.a.K', [{ questionId: '4.a.K/a', value: '1-tahun-seluruh', evidenceIds: ['ev-1'] }], [], []],
    ['evidence the form does not require', '23.d.As', [{ questionId: '23.d.As/a', value: false }], [], []],
    ['no parking skips its facilities', '15.c.K', [{ questionId: '15.c.K/a', value: false }], [], []],
  ])('%s', (_name, code, inputs, unanswered, evidence) => {
    const gaps = submitGaps(form(code), recorded(code, inputs));
    expect(gaps.unanswered).toEqual(unanswered);
    expect(gaps.evidence.map((problem) => problem.questionId)).toEqual(evidence);
  });

  it('asks the "Lainnya" text once Lainnya is ticked', () => {
    const answers = recorded('15.c.K', [
      { questionId: '15.c.K/a', value: true, evidenceIds: ['ev-1'] },
      { questionId: '15.c.K/b', value: ['lainnya'] },
    ]);
    expect(submitGaps(form('15.c.K'), answers).unanswered).toEqual(['15.c.K/b1']);
  });
});

/** Every question a condition or rule names, with the options it names. */
function referencesOf(conditions: readonly F01Condition[]): { question: string; options: string[] }[] {
  return conditions.map((condition) => ({
    question: condition.question,
    options: 'ticked' in condition ? [condition.ticked] : 'among' in condition && condition.among ? [...condition.among] : [],
  }));
}

describe('the shipped F-01 forms are consistent', () => {
  it.each([...PEKPPP_2023_F01.entries()])('%s', (code, f01) => {
    const questions = new Map(f01.questions.map((question) => [question.id, question]));
    expect(questions.size).toBe(f01.questions.length);
    for (const question of f01.questions) {
      expect(question.id.startsWith(`${code}/`)).toBe(true);
      expect(question.text.trim()).not.toBe('');
      if (question.type === 'single' || question.type === 'multi') {
        expect(question.options?.length).toBeGreaterThan(1);
        expect(new Set(question.options?.map((option) => option.id)).size).toBe(question.options?.length);
      } else expect(question.options).toBeUndefined();
      if (question.evidence) expect(question.evidence.names.length).toBeGreaterThan(0);
    }
    const rule = f01.claim.rule;
    const conditions: F01Condition[] = f01.questions.flatMap((question) => (question.showIf ? [question.showIf] : []));
    const named: { question: string; options: string[] }[] = [];
    switch (rule.kind) {
      case 'chainOfYes':
        named.push(...rule.questions.map((question) => ({ question, options: [] })));
        expect(rule.levelOfLength).toHaveLength(rule.questions.length + 1);
        break;
      case 'countTicked':
        named.push({ question: rule.question, options: [...(rule.requiredOptions ?? [])] });
        if (rule.gate) conditions.push(rule.gate);
        break;
      case 'countTickedByKeyOption':
        named.push({ question: rule.question, options: [rule.keyOption] });
        break;
      case 'optionPosition':
        named.push({ question: rule.question, options: Object.keys(rule.levelOfOption) });
        if (rule.gate) conditions.push(rule.gate);
        break;
      case 'percentageBands':
        for (const source of rule.sources) {
          const ids = 'percentQuestion' in source ? [source.percentQuestion] : [source.numerator, source.denominator];
          named.push(...ids.map((question) => ({ question, options: [] })));
        }
        if (rule.gate) conditions.push(rule.gate);
        break;
      case 'ladder':
        for (const step of rule.steps) conditions.push(...step.when);
        break;
    }
    for (const { question, options } of [...named, ...referencesOf(conditions)]) {
      expect(questions.has(question)).toBe(true);
      const known = questions.get(question)?.options?.map((option) => option.id) ?? [];
      for (const option of options) expect(known).toContain(option);
    }
    expect(f01.claim.ruleSource).toBe('pantau');
    expect(f01.claim.name).toBe(`pantau/f01/${code}`);
  });
});

describe('validating an F-01 form published in a ruleset document', () => {
  const sp = form('1.a.Ak');
  it.each<[string, F01Form, string[]]>([
    ['a shipped form', sp, []],
    [
      'a question id of another indicator',
      { ...sp, questions: sp.questions.map((question, q) => (q === 1 ? { ...question, id: '2.a.P/a1' } : question)) },
      ['questions[1].id'],
    ],
    ['an unknown answer type', { ...sp, questions: [{ ...sp.questions[0], type: 'date' as never }, ...sp.questions.slice(1)] }, ['questions[0].type']],
    [
      'a condition on a missing question',
      { ...sp, questions: [...sp.questions, { ...sp.questions[1], id: '1.a.Ak/x', showIf: { question: '1.a.Ak/q', is: 'yes' } }] },
      ['questions[7].showIf'],
    ],
    [
      'a rule on a missing question',
      { ...sp, claim: { ...sp.claim, rule: { kind: 'chainOfYes', questions: ['1.a.Ak/a', '1.a.Ak/q'], levelOfLength: [0, 1, 2] } } },
      ['claim.rule.questions[1]'],
    ],
    [
      'a level above 5',
      { ...sp, claim: { ...sp.claim, rule: { kind: 'ladder', steps: [{ level: 6, when: [{ question: '1.a.Ak/a', is: 'yes' }] }] } } },
      ['claim.rule.steps[0].level'],
    ],
    ['an unknown rule kind', { ...sp, claim: { ...sp.claim, rule: { kind: 'average' } as never } }, ['claim.rule.kind']],
  ])('%s', (_name, candidate, paths) => {
    expect(f01FormProblems('1.a.Ak', candidate).map(([path]) => path)).toEqual(paths);
  });
});
