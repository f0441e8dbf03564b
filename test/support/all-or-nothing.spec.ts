import { allOrNothing, undoable } from './all-or-nothing';

describe('allOrNothing', () => {
  it('returns every start in order when all of them succeed, undoing none', async () => {
    const undone: string[] = [];
    const undo = async (name: string): Promise<void> => void undone.push(name);
    const started = await allOrNothing([undoable(Promise.resolve('database'), undo), undoable(Promise.resolve(42), async () => undefined)]);
    expect(started).toEqual(['database', 42]);
    expect(undone).toEqual([]);
  });

  it('undoes what did start, including what finished after the failure, and throws the first failure', async () => {
    const undone: string[] = [];
    const undo = async (name: string): Promise<void> => void undone.push(name);
    const late = new Promise<string>((started) => setTimeout(() => started('slow service'), 20));
    const failing = allOrNothing([
      undoable(Promise.resolve('database'), undo),
      undoable(Promise.reject(new Error('broker not ready')), undo),
      undoable(late, undo),
      undoable(Promise.reject(new Error('second failure')), undo),
    ]);
    await expect(failing).rejects.toThrow('broker not ready');
    expect(undone.sort()).toEqual(['database', 'slow service']);
  });
});
