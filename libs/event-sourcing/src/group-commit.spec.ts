import { GroupCommit, type GroupCommitOptions, type GroupMember } from './group-commit';

interface TestAppend extends GroupMember {
  name: string;
}

/** A writer whose statements finish when the test says so, recording what went together. */
function harness(options: GroupCommitOptions) {
  const written: string[][] = [];
  const finishers: (() => void)[] = [];
  const write = (group: TestAppend[]) =>
    new Promise<PromiseSettledResult<string>[]>((done) => {
      written.push(group.map((a) => a.name));
      finishers.push(() => done(group.map((append) => ({ status: 'fulfilled', value: append.name }))));
    });
  const groupCommit = new GroupCommit<TestAppend, string>(
    async (append) => {
      await write([append]);
      return append.name;
    },
    write,
    options,
  );
  const submit = (name: string, streamId = name, eventCount = 1): Promise<string> => groupCommit.write({ name, streamId, eventCount });
  const finishOldest = async (): Promise<void> => {
    finishers.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { written, submit, finishOldest };
}

describe('GroupCommit', () => {
  it.each([
    {
      case: 'a lone append leaves at once, alone',
      options: { maxInFlight: 1, maxEvents: 100 },
      appends: [['a', 'a', 1]],
      expected: [['a']],
    },
    {
      case: 'appends arriving while the slot is taken leave together once it frees',
      options: { maxInFlight: 1, maxEvents: 100 },
      appends: [
        ['a', 'a', 1],
        ['b', 'b', 1],
        ['c', 'c', 1],
        ['d', 'd', 1],
      ],
      expected: [['a'], ['b', 'c', 'd']],
    },
    {
      case: 'two slots: the first two leave alone, the rest together',
      options: { maxInFlight: 2, maxEvents: 100 },
      appends: [
        ['a', 'a', 1],
        ['b', 'b', 1],
        ['c', 'c', 1],
        ['d', 'd', 1],
      ],
      expected: [['a'], ['b'], ['c', 'd']],
    },
    {
      case: 'a second append to a stream in the group waits for the next group, keeping its order',
      options: { maxInFlight: 1, maxEvents: 100 },
      appends: [
        ['a', 'a', 1],
        ['b1', 'b', 1],
        ['c', 'c', 1],
        ['b2', 'b', 1],
        ['b3', 'b', 1],
      ],
      expected: [['a'], ['b1', 'c'], ['b2'], ['b3']],
    },
    {
      case: 'a group stops before it would exceed maxEvents',
      options: { maxInFlight: 1, maxEvents: 5 },
      appends: [
        ['a', 'a', 1],
        ['b', 'b', 2],
        ['c', 'c', 2],
        ['d', 'd', 2],
        ['e', 'e', 1],
      ],
      expected: [['a'], ['b', 'c'], ['d', 'e']],
    },
    {
      case: 'an append larger than maxEvents still leaves, alone',
      options: { maxInFlight: 1, maxEvents: 5 },
      appends: [
        ['a', 'a', 1],
        ['big', 'big', 9],
        ['c', 'c', 1],
      ],
      expected: [['a'], ['big'], ['c']],
    },
  ] as const)('$case', async ({ options, appends, expected }) => {
    const { written, submit, finishOldest } = harness(options);
    const results = appends.map(([name, streamId, eventCount]) => submit(name, streamId, eventCount));
    let settled = false;
    const all = Promise.all(results).finally(() => (settled = true));
    for (let guard = 0; !settled && guard < 20; guard++) await finishOldest();
    await all;
    expect(written).toEqual(expected);
    expect(await Promise.all(results)).toEqual(appends.map(([name]) => name));
  });

  it('rejects an append whose write failed, and goes on with the next', async () => {
    let calls = 0;
    const groupCommit = new GroupCommit<TestAppend, string>(
      async (append) => {
        calls++;
        if (append.name === 'boom') throw new Error('connection lost');
        return append.name;
      },
      async () => [],
      { maxInFlight: 1, maxEvents: 10 },
    );
    const submit = (name: string) => groupCommit.write({ name, streamId: name, eventCount: 1 });
    await expect(submit('boom')).rejects.toThrow('connection lost');
    await expect(submit('fine')).resolves.toBe('fine');
    expect(calls).toBe(2);
  });
});
