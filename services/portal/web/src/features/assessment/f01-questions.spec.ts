import { type F01Question, type QuestionDraft, shownQuestionIds } from './f01-questions';

const yesNo = (id: string, showIf?: F01Question['showIf']): F01Question => ({ id, text: id, type: 'yesNo', required: true, showIf });
const multi = (id: string, showIf?: F01Question['showIf']): F01Question => ({
  id,
  text: id,
  type: 'multi',
  required: false,
  showIf,
  options: ['a', 'b', 'c'].map((option) => ({ id: option, label: option })),
});
const numberQuestion = (id: string): F01Question => ({ id, text: id, type: 'number', required: true });
const answer = (value: QuestionDraft['value']): QuestionDraft => ({ value, evidenceIds: [] });

describe('shownQuestionIds (the skip logic, as the evaluation service applies it)', () => {
  it.each<[string, F01Question[], Record<string, QuestionDraft>, string[]]>([
    ['unconditioned questions always show', [yesNo('q/a'), numberQuestion('q/b')], {}, ['q/a', 'q/b']],
    ['an unanswered question satisfies no condition', [yesNo('q/a'), yesNo('q/b', { question: 'q/a', is: 'yes' })], {}, ['q/a']],
    ['is yes holds on Ya', [yesNo('q/a'), yesNo('q/b', { question: 'q/a', is: 'yes' })], { 'q/a': answer(true) }, ['q/a', 'q/b']],
    ['is yes fails on Tidak', [yesNo('q/a'), yesNo('q/b', { question: 'q/a', is: 'yes' })], { 'q/a': answer(false) }, ['q/a']],
    ['is no holds on Tidak', [yesNo('q/a'), yesNo('q/b', { question: 'q/a', is: 'no' })], { 'q/a': answer(false) }, ['q/a', 'q/b']],
    [
      'a question hidden by a hidden one stays hidden, whatever was answered to it',
      [yesNo('q/a'), yesNo('q/b', { question: 'q/a', is: 'yes' }), yesNo('q/c', { question: 'q/b', is: 'yes' })],
      { 'q/a': answer(false), 'q/b': answer(true) },
      ['q/a'],
    ],
    [
      'ticked holds when the option is among the ticked',
      [multi('q/a'), yesNo('q/b', { question: 'q/a', ticked: 'b' })],
      { 'q/a': answer(['b']) },
      ['q/a', 'q/b'],
    ],
    [
      'tickedAtLeast counts only among',
      [multi('q/a'), yesNo('q/b', { question: 'q/a', tickedAtLeast: 2, among: ['a', 'b'] })],
      { 'q/a': answer(['a', 'c']) },
      ['q/a'],
    ],
    ['tickedAtLeast at its edge', [multi('q/a'), yesNo('q/b', { question: 'q/a', tickedAtLeast: 2 })], { 'q/a': answer(['a', 'c']) }, ['q/a', 'q/b']],
    ['atLeast at its edge', [numberQuestion('q/a'), yesNo('q/b', { question: 'q/a', atLeast: 1 })], { 'q/a': answer(1) }, ['q/a', 'q/b']],
    ['atLeast below its edge', [numberQuestion('q/a'), yesNo('q/b', { question: 'q/a', atLeast: 1 })], { 'q/a': answer(0) }, ['q/a']],
  ])('%s', (_name, questions, answers, shown) => {
    expect([...shownQuestionIds(questions, answers)]).toEqual(shown);
  });
});
