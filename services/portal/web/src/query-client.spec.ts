import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/problem';
import { caughtUp, refreshAfterCommand } from './query-client';

const NO_PAUSES = [0, 0, 0, 0, 0];

/** A read whose answers show these versions in turn (the last one from then on); `null` answers 404. */
function readShowing(...versions: (number | null)[]) {
  let reads = 0;
  const read = jest.fn(async () => {
    const version = versions[Math.min(reads++, versions.length - 1)];
    if (version === null) throw new ApiError({ status: 404, code: 'ASSESSMENT.NOT_FOUND', detail: 'not yet' });
    return { version };
  });
  return read;
}

describe('caughtUp: waiting for the version a command reached', () => {
  it('reads again until the answer shows the version the command reached', async () => {
    const read = readShowing(3, 4, 5);
    await expect(caughtUp({ read, versionIn: (answer) => answer.version, reached: 5 }, NO_PAUSES)).resolves.toBe(true);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('reads once when the read side is already there (a no-op command, a replayed key)', async () => {
    const read = readShowing(7);
    await expect(caughtUp({ read, versionIn: (answer) => answer.version, reached: 6 }, NO_PAUSES)).resolves.toBe(true);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('counts a 404 as not there yet: the read model has not created the row', async () => {
    const read = readShowing(null, null, 1);
    await expect(caughtUp({ read, versionIn: (answer) => answer.version, reached: 1 }, NO_PAUSES)).resolves.toBe(true);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last pause, so a stuck read model never hangs the screen', async () => {
    const read = readShowing(2);
    await expect(caughtUp({ read, versionIn: (answer) => answer.version, reached: 3 }, [0, 0])).resolves.toBe(false);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('waits for an item to appear in a list', async () => {
    let reads = 0;
    const read = jest.fn(async () =>
      reads++ < 2
        ? [{ surveyId: 'older', version: 4 }]
        : [
            { surveyId: 'older', version: 4 },
            { surveyId: 'new', version: 1 },
          ],
    );
    const versionIn = (surveys: { surveyId: string; version: number }[]) => surveys.find((survey) => survey.surveyId === 'new')?.version;
    await expect(caughtUp({ read, versionIn, reached: 1 }, NO_PAUSES)).resolves.toBe(true);
    expect(read).toHaveBeenCalledTimes(3);
  });
});

describe('refreshAfterCommand', () => {
  it('refreshes the queries only once the read side has caught up', async () => {
    const queryClient = new QueryClient();
    const events: string[] = [];
    jest.spyOn(queryClient, 'invalidateQueries').mockImplementation(async (filters) => {
      events.push(`refresh ${JSON.stringify(filters?.queryKey)}`);
    });
    let reads = 0;
    const read = async () => {
      events.push('read');
      return { version: ++reads };
    };
    await refreshAfterCommand(queryClient, { read, versionIn: (answer) => answer.version, reached: 2 }, ['assessment', 'c1', 'u1'], ['unit-score', 'c1', 'u1']);
    expect(events).toEqual(['read', 'read', 'refresh ["assessment","c1","u1"]', 'refresh ["unit-score","c1","u1"]']);
  });

  it('still refreshes when the read fails otherwise: the screen then shows that error', async () => {
    const queryClient = new QueryClient();
    const invalidate = jest.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
    const read = async (): Promise<{ version: number }> => {
      throw new ApiError({ status: 503, code: 'SERVICE.UNAVAILABLE', detail: 'down' });
    };
    await refreshAfterCommand(queryClient, { read, versionIn: (answer) => answer.version, reached: 2 }, ['cycle', 'c1']);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['cycle', 'c1'] });
  });
});
