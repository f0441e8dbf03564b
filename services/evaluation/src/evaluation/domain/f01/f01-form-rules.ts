import { F01_ANSWER_TYPES, type ClaimRule, type F01Condition, type F01Form, type F01Option, type LevelBand } from './f01-form';

const KNOWN_KINDS: readonly string[] = ['chainOfYes', 'countTicked', 'countTickedByKeyOption', 'optionPosition', 'percentageBands', 'ladder'];
const isLevel = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 5;
const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/**
 * What breaks an indicator's F-01 form, as `[path below the form, message]`: question ids unique and
 * prefixed by the indicator code, a known answer type, options for a choice, conditions and the claim
 * rule naming questions (and options) of the form, levels 0..5. A form published in a ruleset
 * document is checked before any unit answers it.
 */
export function f01FormProblems(code: string, form: F01Form): [string, string][] {
  const problems: [string, string][] = [];
  const questions = Array.isArray(form?.questions) ? form.questions : [];
  if (questions.length === 0) problems.push(['questions', 'an F-01 form needs at least one question']);
  const options = new Map<string, string[]>();
  questions.forEach((question, q) => {
    const at = `questions[${q}]`;
    if (isBlank(question?.id) || !question.id.startsWith(`${code}/`))
      problems.push([`${at}.id`, `question ids are "${code}/<letter>", got ${JSON.stringify(question?.id)}`]);
    else if (options.has(question.id)) problems.push([`${at}.id`, `question id ${question.id} is used twice`]);
    if (isBlank(question?.text)) problems.push([`${at}.text`, 'a question needs its text']);
    if (!F01_ANSWER_TYPES.includes(question?.type)) problems.push([`${at}.type`, `type must be one of ${F01_ANSWER_TYPES.join(', ')}`]);
    const ids = Array.isArray(question?.options) ? question.options.map((option: F01Option) => option?.id) : [];
    if ((question?.type === 'single' || question?.type === 'multi') && (ids.length < 2 || ids.some(isBlank) || new Set(ids).size !== ids.length)) {
      problems.push([`${at}.options`, 'a choice needs at least two options with distinct ids']);
    }
    if (!isBlank(question?.id)) options.set(question.id, ids);
  });
  const checkCondition = (path: string, condition: F01Condition | undefined): void => {
    if (!condition || !options.has(condition.question))
      return void problems.push([path, `names no question of this form: ${JSON.stringify(condition?.question)}`]);
    const named = 'ticked' in condition ? [condition.ticked] : 'among' in condition && condition.among ? condition.among : [];
    for (const option of named) if (!options.get(condition.question)?.includes(option)) problems.push([path, `${condition.question} has no option ${option}`]);
  };
  questions.forEach((question, q) => {
    if (question?.showIf) checkCondition(`questions[${q}].showIf`, question.showIf);
  });
  const checkQuestion = (path: string, id: string): void => {
    if (!options.has(id)) problems.push([path, `names no question of this form: ${JSON.stringify(id)}`]);
  };
  const checkBands = (path: string, bands: readonly LevelBand[]): void => {
    if (!Array.isArray(bands) || bands.some((band) => typeof band?.min !== 'number' || !isLevel(band.level)))
      problems.push([path, 'bands are { min, level 0..5 }']);
  };
  const rule: ClaimRule | undefined = form?.claim?.rule;
  if (isBlank(form?.claim?.name)) problems.push(['claim.name', 'the claim rule needs its name']);
  if (form?.claim?.ruleSource !== 'pantau' && form?.claim?.ruleSource !== 'kemenpanrb')
    problems.push(['claim.ruleSource', 'ruleSource is "pantau" or "kemenpanrb"']);
  if (!rule || !KNOWN_KINDS.includes(rule.kind)) return [...problems, ['claim.rule.kind', `kind must be one of ${KNOWN_KINDS.join(', ')}`]];
  switch (rule.kind) {
    case 'chainOfYes':
      (rule.questions ?? []).forEach((id, k) => checkQuestion(`claim.rule.questions[${k}]`, id));
      if (!Array.isArray(rule.levelOfLength) || rule.levelOfLength.length !== (rule.questions ?? []).length + 1 || !rule.levelOfLength.every(isLevel)) {
        problems.push(['claim.rule.levelOfLength', 'one level 0..5 per chain length 0..n']);
      }
      break;
    case 'countTicked':
      checkCondition('claim.rule', { question: rule.question, tickedAtLeast: 0, among: rule.requiredOptions ?? [] });
      if (rule.gate) checkCondition('claim.rule.gate', rule.gate);
      checkBands('claim.rule.bands', rule.bands);
      break;
    case 'countTickedByKeyOption':
      checkCondition('claim.rule', { question: rule.question, ticked: rule.keyOption });
      checkBands('claim.rule.withoutKey', rule.withoutKey);
      checkBands('claim.rule.withKey', rule.withKey);
      break;
    case 'optionPosition':
      checkCondition('claim.rule', { question: rule.question, tickedAtLeast: 0, among: Object.keys(rule.levelOfOption ?? {}) });
      if (rule.gate) checkCondition('claim.rule.gate', rule.gate);
      if (!Object.values(rule.levelOfOption ?? {}).every(isLevel)) problems.push(['claim.rule.levelOfOption', 'levels are 0..5']);
      break;
    case 'percentageBands':
      if (rule.gate) checkCondition('claim.rule.gate', rule.gate);
      (rule.sources ?? []).forEach((source, s) => {
        const ids = 'percentQuestion' in source ? [source.percentQuestion] : [source.numerator, source.denominator];
        ids.forEach((id) => checkQuestion(`claim.rule.sources[${s}]`, id));
        checkBands(`claim.rule.sources[${s}].bands`, source.bands);
      });
      break;
    case 'ladder':
      (rule.steps ?? []).forEach((step, s) => {
        if (!isLevel(step?.level)) problems.push([`claim.rule.steps[${s}].level`, 'levels are 0..5']);
        (step?.when ?? []).forEach((condition, c) => checkCondition(`claim.rule.steps[${s}].when[${c}]`, condition));
      });
      break;
  }
  return problems;
}
