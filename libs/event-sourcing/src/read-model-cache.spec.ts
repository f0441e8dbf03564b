import { ReadModelCache } from './read-model-cache';

type Step = { at: number; get: string } | { at: number; invalidate: true };

describe('ReadModelCache', () => {
  it.each<[string, Step[], number[]]>([
    [
      'loads a key once within its time limit',
      [
        { at: 0, get: 'a' },
        { at: 999, get: 'a' },
      ],
      [1, 1],
    ],
    [
      'loads it again once the time limit has passed',
      [
        { at: 0, get: 'a' },
        { at: 1000, get: 'a' },
      ],
      [1, 2],
    ],
    [
      'keeps keys apart',
      [
        { at: 0, get: 'a' },
        { at: 1, get: 'b' },
        { at: 2, get: 'a' },
      ],
      [1, 2, 1],
    ],
    [
      'loads again after an invalidation',
      [
        { at: 0, get: 'a' },
        { at: 1, invalidate: true },
        { at: 2, get: 'a' },
      ],
      [1, 2],
    ],
    [
      'forgets the oldest key beyond its size',
      [
        { at: 0, get: 'a' },
        { at: 1, get: 'b' },
        { at: 2, get: 'c' },
        { at: 3, get: 'a' },
      ],
      [1, 2, 3, 4],
    ],
  ])('%s', async (_name, steps, expectedLoads) => {
    let clock = 0;
    let loads = 0;
    const cache = new ReadModelCache<number>(1000, 2, () => clock);
    const seen: number[] = [];
    for (const step of steps) {
      clock = step.at;
      if ('invalidate' in step) cache.invalidate();
      else seen.push(await cache.get(step.get, async () => ++loads));
    }
    expect(seen).toEqual(expectedLoads);
  });

  it('shares one load between concurrent misses', async () => {
    const cache = new ReadModelCache<string>(1000);
    const load = jest.fn(() => new Promise<string>((resolve) => setTimeout(() => resolve('calendar'), 5)));
    await expect(Promise.all([cache.get('kota', load), cache.get('kota', load)])).resolves.toEqual(['calendar', 'calendar']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new ReadModelCache<string>(1000);
    await expect(cache.get('kota', () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
    await expect(cache.get('kota', async () => 'calendar')).resolves.toBe('calendar');
  });

  it('does not keep what a load running during an invalidation returns', async () => {
    const cache = new ReadModelCache<string>(1000);
    let finish!: (value: string) => void;
    const running = cache.get('kota', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.invalidate();
    finish('before the change');
    await running;
    await expect(cache.get('kota', async () => 'after the change')).resolves.toBe('after the change');
  });
});
