import { InputProblemException, type RaisedFieldProblem } from '@lib/platform';

/** Each item whose `key` an earlier item of `list` already has, as `units[2].unitId` breaking `unique`. */
function repeatedItems<Item>(list: string, items: readonly Item[], key: keyof Item & string): RaisedFieldProblem[] {
  const seen = new Set<unknown>();
  return items.flatMap((item, index) => {
    const value = item[key];
    if (!seen.has(value)) {
      seen.add(value);
      return [];
    }
    return [{ field: `${list}[${index}].${key}`, rule: 'unique', message: `${String(value)} is listed twice` }];
  });
}

/** Refuses a list that names an item twice with a 400 naming each repeat; the list is one command, so nothing of it is applied. */
export function refuseRepeats<Item>(list: string, items: readonly Item[], key: keyof Item & string): void {
  const problems = repeatedItems(list, items, key);
  if (problems.length > 0) throw new InputProblemException(problems);
}
