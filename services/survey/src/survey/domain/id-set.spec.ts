import { emptyIdSet, idSetAdd, idSetHas } from './id-set';

describe('IdSet', () => {
  it('keeps every earlier state unchanged while it grows past several chunks', () => {
    let set = emptyIdSet();
    const states = [set];
    for (let i = 0; i < 300; i++) {
      set = idSetAdd(set, `id-${i}`);
      states.push(set);
    }
    expect(set.size).toBe(300);
    expect(idSetHas(set, 'id-0') && idSetHas(set, 'id-299')).toBe(true);
    expect(idSetHas(states[150], 'id-149')).toBe(true);
    expect(idSetHas(states[150], 'id-150')).toBe(false);
  });

  it('returns the same set when the id is already in it', () => {
    const set = idSetAdd(emptyIdSet(), 'a');
    expect(idSetAdd(set, 'a')).toBe(set);
  });
});
