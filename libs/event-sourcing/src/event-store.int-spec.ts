import { randomUUID } from 'node:crypto';
import { type EvaluationEvent, evaluationCodec, type RequestEvent, requestCodec } from '@lib/contracts';
import { createTestDatabase, eventually, TcpProxy, type TestDatabase, untilLogReadable } from '@lib/testing';
import { Pool, type PoolClient } from 'pg';
import { type DeciderFold, UndeclaredEventError } from './domain';
import { EventStore } from './event-store';
import { FoldedStreamCache } from './command-queue';
import { checkpointOf } from './log-readers';
import { eventStoreMigrations } from './migrations';
import { type AppendGuard, type CommandMeta, ConcurrencyError, START, type StoredEvent, StreamChangedError } from './types';

const meta = (overrides: Partial<CommandMeta> = {}): CommandMeta => ({
  correlationId: randomUUID(),
  tenantId: 'kota-banjarmasin',
  unitId: 'disdukcapil',
  actor: { id: 'user-1', role: 'skpd-operator' },
  ...overrides,
});

// The streams these tests fold hold rejections only.
const REJECTIONS = ['requestRejected'] as const;

const rejected = (requestId: string, reason = 'incomplete'): RequestEvent => ({
  $case: 'requestRejected',
  value: { requestId, reason, rejectedAt: '2026-11-23T01:00:00.000Z' },
});

describe('EventStore on PostgreSQL', () => {
  let db: TestDatabase;
  let store: EventStore<RequestEvent>;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new EventStore(db.pool, requestCodec);
  });
  afterAll(() => db.drop());

  it('appends to a new stream and reads the events back with their envelope', async () => {
    const streamId = `request-${randomUUID()}`;
    const commandMeta = meta();
    const result = await store.append(streamId, 0, [rejected('r1'), rejected('r1', 'again')], commandMeta);
    expect(result).toEqual({ streamId, nextExpectedVersion: 2, appended: 2, duplicate: false });

    const stored = await store.readStream(streamId);
    expect(stored.map((e) => e.event)).toEqual([rejected('r1'), rejected('r1', 'again')]);
    expect(stored.map((e) => e.envelope.streamVersion)).toEqual([1, 2]);
    expect(stored[0].envelope).toMatchObject({
      eventType: 'RequestRejected',
      streamId,
      tenantId: 'kota-banjarmasin',
      unitId: 'disdukcapil',
      correlationId: commandMeta.correlationId,
      causationId: commandMeta.correlationId,
      actorId: 'user-1',
      actorRole: 'skpd-operator',
    });
    // No span was active (tracing is off here), so no trace context was stored.
    expect(stored[0].envelope).not.toHaveProperty('traceparent');
  });

  it("gives each event of a command about several units its own unit: the payload's, where the command names none", async () => {
    const evaluationStore = new EventStore<EvaluationEvent>(db.pool, evaluationCodec);
    const assigned = (unitId: string): EvaluationEvent => ({
      $case: 'unitLokusAssigned',
      value: { cycleId: 'c1', unitId, evaluatorIds: ['eva'], leadEvaluatorId: 'eva', kode: 'A' },
    });
    const streamId = `cycle-kota-banjarmasin/${randomUUID()}`;
    await evaluationStore.append(streamId, 0, [assigned('dinkes'), assigned('disdukcapil')], meta({ unitId: '' }));
    await evaluationStore.append(streamId, 2, [assigned('dinkes')], meta({ unitId: 'dinkes' }));
    const stored = await evaluationStore.readStream(streamId);
    expect(stored.map((event) => event.envelope.unitId)).toEqual(['dinkes', 'disdukcapil', 'dinkes']);
  });

  it('refuses an append at a stale expected version with a ConcurrencyError', async () => {
    const streamId = `request-${randomUUID()}`;
    await store.append(streamId, 0, [rejected('r2')], meta());
    await expect(store.append(streamId, 0, [rejected('r2')], meta())).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.append(streamId, 5, [rejected('r2')], meta())).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent writers at the same version win', async () => {
    const streamId = `request-${randomUUID()}`;
    const outcomes = await Promise.allSettled([store.append(streamId, 0, [rejected('a')], meta()), store.append(streamId, 0, [rejected('b')], meta())]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failure = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(ConcurrencyError);
  });

  it('appends nothing new for a repeated idempotency key and returns the first result', async () => {
    const streamId = `request-${randomUUID()}`;
    const idempotencyKey = `submit/${randomUUID()}`;
    const first = await store.append(streamId, 0, [rejected('r3')], meta({ idempotencyKey }));
    const again = await store.append(streamId, 1, [rejected('r3')], meta({ idempotencyKey }));
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ streamId, nextExpectedVersion: 1, appended: 0, duplicate: true });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  describe('group commit', () => {
    const oneSlot = { maxInFlight: 1, maxEvents: 256 };
    const transactionsOf = async (streamIds: string[]): Promise<Map<string, string>> => {
      const { rows } = await db.pool.query<{ stream_id: string; transaction_id: string }>(
        'SELECT stream_id, transaction_id::text FROM events WHERE stream_id = ANY($1)',
        [streamIds],
      );
      return new Map(rows.map((row) => [row.stream_id, row.transaction_id]));
    };

    it('commits appends that wait for a busy slot as one transaction, checking each against its own stream', async () => {
      const grouped = new EventStore(db.pool, requestCodec, undefined, oneSlot);
      const [first, existing, fresh, stale, pastEnd, keyed] = Array.from({ length: 6 }, () => `request-${randomUUID()}`);
      await grouped.append(existing, 0, [rejected('e1')], meta());
      await grouped.append(stale, 0, [rejected('s1')], meta());
      const idempotencyKey = `submit/${randomUUID()}`;

      const outcomes = await Promise.allSettled([
        grouped.append(first, 0, [rejected('f1')], meta()),
        grouped.append(existing, 1, [rejected('e2')], meta()),
        grouped.append(fresh, 0, [rejected('n1')], meta()),
        grouped.append(stale, 0, [rejected('s2')], meta()),
        grouped.append(pastEnd, 3, [rejected('p1')], meta()),
        grouped.append(keyed, 0, [rejected('k1'), rejected('k2')], meta({ idempotencyKey })),
      ]);

      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.nextExpectedVersion : (o.reason as Error).name))).toEqual([
        1,
        2,
        1,
        'ConcurrencyError',
        'ConcurrencyError',
        2,
      ]);
      expect((await store.readStream(existing)).map((e) => e.envelope.streamVersion)).toEqual([1, 2]);
      expect((await store.readStream(keyed)).map((e) => e.event)).toEqual([rejected('k1'), rejected('k2')]);
      expect(await store.readStream(stale)).toHaveLength(1);
      expect(await store.readStream(pastEnd)).toHaveLength(0);
      const transactions = await transactionsOf([first, existing, fresh, keyed]);
      expect(new Set([transactions.get(existing), transactions.get(fresh), transactions.get(keyed)]).size).toBe(1);
      expect(transactions.get(first)).not.toBe(transactions.get(existing));
      await expect(grouped.append(keyed, 2, [rejected('k3')], meta({ idempotencyKey }))).resolves.toEqual({
        streamId: keyed,
        nextExpectedVersion: 2,
        appended: 0,
        duplicate: true,
      });
    });

    it('runs each append of a group alone when the group fails as a whole, so only the culprit is refused', async () => {
      const grouped = new EventStore(db.pool, requestCodec, undefined, oneSlot);
      const [first, contested, bystander, retried] = Array.from({ length: 4 }, () => `request-${randomUUID()}`);
      const usedKey = `submit/${randomUUID()}`;
      await store.append(retried, 0, [rejected('r1')], meta({ idempotencyKey: usedKey }));
      // another process holds version 1 of `contested` in an open transaction, so the group's insert of it waits, then clashes
      const other = await db.pool.connect();
      await other.query('BEGIN');
      await store.append(contested, 0, [rejected('theirs')], meta(), other);

      const pending = Promise.allSettled([
        grouped.append(first, 0, [rejected('f1')], meta()),
        grouped.append(contested, 0, [rejected('ours')], meta()),
        grouped.append(bystander, 0, [rejected('b1')], meta()),
        grouped.append(`request-${randomUUID()}`, 0, [rejected('r1')], meta({ idempotencyKey: usedKey })),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query('COMMIT');
      other.release();
      const outcomes = await pending;

      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).name))).toEqual([
        expect.objectContaining({ nextExpectedVersion: 1, duplicate: false }),
        'ConcurrencyError',
        expect.objectContaining({ nextExpectedVersion: 1, duplicate: false }),
        { streamId: retried, nextExpectedVersion: 1, appended: 0, duplicate: true },
      ]);
      expect((await store.readStream(contested)).map((e) => e.event)).toEqual([rejected('theirs')]);
      expect(await store.readStream(bystander)).toHaveLength(1);
    });
  });

  it('answers a group whose statement committed but whose reply was lost as appended, without deciding again', async () => {
    const server = new URL(db.url);
    const proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    const applicationName = `reply-lost-${randomUUID().slice(0, 8)}`;
    const throughProxy = new Pool({ connectionString: proxy.rewrite(db.url), max: 4, application_name: applicationName });
    throughProxy.on('error', () => undefined); // idle clients the cut resets
    const grouped = new EventStore(throughProxy, requestCodec, undefined, { maxInFlight: 1, maxEvents: 256 });
    const run = randomUUID();
    // the group sorts its appends by stream: `additive` goes in last, so the group waits there with `bystander` already in
    const [first, bystander, additive] = ['a', 'b', 'c'].map((order) => `request-${run}-${order}`);
    const counter = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const decisions = new Map<string, number>();
    const decidedOn = (streamId: string) => () => {
      decisions.set(streamId, (decisions.get(streamId) ?? 0) + 1);
      return [rejected(streamId)];
    };
    const waitingOnLocks = (count: number) =>
      eventually(async () => {
        const { rows } = await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [applicationName],
        );
        expect(rows[0].n).toBe(count);
      });
    // Other writers hold `first` and `additive` at version 1, uncommitted: our appends to them wait.
    const [holdsFirst, holdsAdditive] = await Promise.all([db.pool.connect(), db.pool.connect()]);
    try {
      for (const [holder, streamId] of [
        [holdsFirst, first],
        [holdsAdditive, additive],
      ] as const) {
        await holder.query('BEGIN');
        await store.append(streamId, 0, [rejected('theirs')], meta(), holder);
      }
      const alone = grouped.append(first, 0, [rejected('f1')], meta());
      await waitingOnLocks(1);
      const commands = [bystander, additive].map((streamId) => grouped.handle(streamId, counter, decidedOn(streamId), meta()));
      await eventually(() => expect(decisions.size).toBe(2)); // decided, so waiting for the slot
      await holdsFirst.query('ROLLBACK');
      await alone;
      await waitingOnLocks(1); // the group, with `bystander` in, waits on `additive`
      proxy.cut(); // the connection drops while the statement runs on the server
      proxy.heal();
      await holdsAdditive.query('ROLLBACK'); // the group's statement goes on, commits, and its reply is lost
      const results = await Promise.all(commands);
      expect(results.map((result) => result.nextExpectedVersion)).toEqual([1, 1]);
    } finally {
      holdsFirst.release();
      holdsAdditive.release();
      await throughProxy.end();
      await proxy.stop();
    }
    expect(Object.fromEntries(decisions)).toEqual({ [bystander]: 1, [additive]: 1 });
    expect((await store.readStream(additive)).map((e) => e.event)).toEqual([rejected(additive)]);
    expect(await store.readStream(bystander)).toHaveLength(1);
  });

  it('retries a command on a concurrency clash with another process until every concurrent command is in', async () => {
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    // one store per command: four processes racing for the same version
    const processes = Array.from({ length: 4 }, () => new EventStore(db.pool, requestCodec));
    await Promise.all(processes.map((other, i) => other.handle(streamId, fold, () => [rejected(`c${i}`)], meta())));
    const versions = (await store.readStream(streamId)).map((e) => e.envelope.streamVersion);
    expect(versions).toEqual([1, 2, 3, 4]);
  });

  it('queues concurrent commands on one stream in one process, each deciding on the state before it', async () => {
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const seen: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.handle(
          streamId,
          fold,
          (count) => {
            seen.push(count);
            return [rejected(`q${i}`)];
          },
          meta(),
        ),
      ),
    );
    // no clash, so no decision ran twice: each saw one more event than the one before
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('folds only the newer events onto a long stream it handled before, including those another process appended', async () => {
    const streamId = `request-${randomUUID()}`;
    const fold = {
      eventTypes: REJECTIONS,
      initialState: (): string[] => [],
      evolve: (ids: string[], event: RequestEvent) => [...ids, event.$case === 'requestRejected' ? event.value.requestId : ''],
    };
    for (let i = 0; i < 20; i++) await store.handle(streamId, fold, () => [rejected(`a${i}`)], meta());
    const otherProcess = new EventStore(db.pool, requestCodec);
    await otherProcess.append(streamId, 20, [rejected('from-elsewhere')], meta());

    let decidedOn: string[] = [];
    const reads: unknown[] = [];
    const spied = jest.spyOn(store, 'readStream').mockImplementation(async (...args) => {
      reads.push(args[2]);
      spied.mockRestore();
      return store.readStream(...args);
    });
    await store.handle(
      streamId,
      fold,
      (ids) => {
        decidedOn = ids;
        return [rejected('last')];
      },
      meta(),
    );
    expect(reads).toEqual([20]);
    expect(decidedOn).toEqual([...Array.from({ length: 20 }, (_, i) => `a${i}`), 'from-elsewhere']);
    expect(await store.readStream(streamId)).toHaveLength(22);
  });

  it('appends under a guard only while the guarded stream is at the version the command read', async () => {
    const guarded = `cycle-${randomUUID()}`;
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    await store.append(guarded, 0, [rejected('g1')], meta());
    const guard = (version: number): AppendGuard => ({ lockKey: guarded, lockMode: 'exclusive', unchanged: [{ streamId: guarded, version }] });
    await expect(store.handle(streamId, fold, () => [rejected('x')], meta(), { guard: guard(0) })).rejects.toBeInstanceOf(StreamChangedError);
    expect(await store.readStream(streamId)).toHaveLength(0);
    await store.handle(streamId, fold, () => [rejected('x')], meta(), { guard: guard(1) });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('commits what must go with an append in its transaction, and neither when that fails', async () => {
    await db.pool.query('CREATE TABLE IF NOT EXISTS claimed_proofs (proof text PRIMARY KEY)');
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const claiming = (proof: string) => ({ alongside: async (tx: PoolClient) => void (await tx.query('INSERT INTO claimed_proofs VALUES ($1)', [proof])) });
    const key = randomUUID();
    const first = await store.handle(streamId, fold, () => [rejected('a')], meta({ idempotencyKey: `proof/${key}` }), claiming(`p-${key}`));
    expect(first).toMatchObject({ appended: 1, state: 1 });
    // the same proof again: the claim fails, so the append is rolled back and the state stays
    await expect(store.handle(streamId, fold, () => [rejected('b')], meta(), claiming(`p-${key}`))).rejects.toMatchObject({ code: '23505' });
    expect(await store.readStream(streamId)).toHaveLength(1);
    // a retry of the first command appends nothing and claims nothing again
    const retry = await store.handle(streamId, fold, () => [rejected('a')], meta({ idempotencyKey: `proof/${key}` }), claiming(`p-${key}`));
    expect(retry).toMatchObject({ duplicate: true, appended: 0 });
    // and the store's remembered state was not advanced by the rolled-back append
    const next = await store.handle(streamId, fold, (count) => [rejected(`after-${count}`)], meta(), claiming(`q-${key}`));
    expect(next).toMatchObject({ appended: 1, state: 2, nextExpectedVersion: 2 });
    const { rows } = await db.pool.query<{ proof: string }>('SELECT proof FROM claimed_proofs WHERE proof LIKE $1 ORDER BY proof', [`%${key}`]);
    expect(rows.map((row) => row.proof)).toEqual([`p-${key}`, `q-${key}`]);
  });

  it('makes an exclusive guard wait for a shared holder and then see what it committed', async () => {
    const cycle = `cycle-${randomUUID()}`;
    const assessment = `assessment-${randomUUID()}`;
    // a shared holder (an F-02 score) is mid-transaction on the assessment when publishing starts
    const scoring = await db.pool.connect();
    try {
      await scoring.query('BEGIN');
      await scoring.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [`guard:${cycle}`]);
      await store.append(assessment, 0, [rejected('late-score')], meta(), scoring);
      const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
      const publishing = store.handle(cycle, fold, () => [rejected('published')], meta(), {
        guard: { lockKey: cycle, lockMode: 'exclusive', unchanged: [{ streamId: assessment, version: 0 }] },
      });
      const outcome = publishing.then(
        () => 'appended',
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await store.readStream(cycle)).toHaveLength(0); // still waiting for the lock
      await scoring.query('COMMIT');
      expect(await outcome).toBeInstanceOf(StreamChangedError);
      expect(await store.readStream(cycle)).toHaveLength(0);
    } finally {
      scoring.release();
    }
  });

  it('answers a retried command from its idempotency key without deciding again', async () => {
    const streamId = `request-${randomUUID()}`;
    const idempotencyKey = `reject/${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const decide = (count: number): RequestEvent[] => {
      if (count > 0) throw new Error('already rejected');
      return [rejected('r4')];
    };
    const first = await store.handle(streamId, fold, decide, meta({ idempotencyKey }));
    const retry = await store.handle(streamId, fold, decide, meta({ idempotencyKey }));
    expect(first).toMatchObject({ appended: 1, duplicate: false });
    expect(retry).toMatchObject({ appended: 0, duplicate: true, nextExpectedVersion: 1 });
  });

  it('refuses a key used before on another stream, appending nothing, whether the first use is read before or met at the append', async () => {
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const idempotencyKey = `reject/${randomUUID()}`;
    const first = `request-${randomUUID()}`;
    await store.handle(first, fold, () => [rejected('k1')], meta({ idempotencyKey }));
    const other = `request-${randomUUID()}`;
    await expect(store.handle(other, fold, () => [rejected('k2')], meta({ idempotencyKey }))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });

    const racingKey = `reject/${randomUUID()}`;
    const racers = [`request-${randomUUID()}`, `request-${randomUUID()}`];
    const outcomes = await Promise.allSettled(
      racers.map((streamId) => store.handle(streamId, fold, () => [rejected('k3')], meta({ idempotencyKey: racingKey }))),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    const lengths = await Promise.all([other, ...racers].map(async (streamId) => (await store.readStream(streamId)).length));
    expect(lengths.sort()).toEqual([0, 0, 1]);
  });

  it('answers a create retried under a fresh stream id as the duplicate of its first attempt, and refuses the key on another kind of stream', async () => {
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const idempotencyKey = `submit/${randomUUID()}`;
    const creates = { createsStreamWithPrefix: 'request-' };
    const first = await store.handle(`request-${randomUUID()}`, fold, () => [rejected('c1')], meta({ idempotencyKey }), creates);
    const retried = await store.handle(`request-${randomUUID()}`, fold, () => [rejected('c1')], meta({ idempotencyKey }), creates);
    expect(retried).toMatchObject({ duplicate: true, appended: 0, streamId: first.streamId, nextExpectedVersion: 1 });
    await expect(
      store.handle(`complaint-${randomUUID()}`, fold, () => [rejected('c1')], meta({ idempotencyKey }), { createsStreamWithPrefix: 'complaint-' }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it.each<[string, number]>([
    ['a short stream, read whole', 1],
    ['a long stream, folded from the cache', 20],
  ])("refuses another tenant's command on %s as if the stream did not exist", async (_name, length) => {
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const options = { otherTenantNotFoundCode: 'REQUEST.NOT_FOUND' };
    for (let i = 0; i < length; i++) await store.handle(streamId, fold, () => [rejected(`t${i}`)], meta(), options);
    await expect(store.handle(streamId, fold, () => [rejected('other')], meta({ tenantId: 'kabupaten-banjar' }), options)).rejects.toMatchObject({
      code: 'REQUEST.NOT_FOUND',
    });
    const own = await store.handle(streamId, fold, () => [rejected('own')], meta(), options);
    expect(own).toMatchObject({ appended: 1, nextExpectedVersion: length + 1, state: length + 1 });
  });

  it('refuses to fold a stream holding an event its decider does not declare, and appends nothing', async () => {
    const streamId = `request-${randomUUID()}`;
    await store.append(streamId, 0, [rejected('u1')], meta());
    const completions: DeciderFold<RequestEvent, number> = { eventTypes: ['requestCompleted'], initialState: () => 0, evolve: (count) => count + 1 };
    await expect(store.handle(streamId, completions, () => [], meta())).rejects.toThrow(
      new UndeclaredEventError(streamId, 'requestRejected', ['requestCompleted']),
    );
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('answers with the state after the command, and a duplicate with the state as read now', async () => {
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: (): string[] => [], evolve: (ids: string[], event: RequestEvent) => [...ids, event.$case] };
    const idempotencyKey = `reject/${randomUUID()}`;
    const first = await store.handle(streamId, fold, () => [rejected('s1')], meta({ idempotencyKey }));
    await store.handle(streamId, fold, () => [rejected('s2')], meta());
    const retry = await store.handle(streamId, fold, () => [rejected('s3')], meta({ idempotencyKey }));
    expect(first).toMatchObject({ duplicate: false, state: ['requestRejected'] });
    expect(retry).toMatchObject({ duplicate: true, nextExpectedVersion: 1, state: ['requestRejected', 'requestRejected'] });
  });

  it('refuses an append through a transaction whose xid is older than the commit of the version it appends after, so log order never puts v2 before v1', async () => {
    const streamId = `request-${randomUUID()}`;
    const early = await db.pool.connect();
    try {
      await early.query('BEGIN');
      await early.query('SELECT pg_current_xact_id()'); // it wrote something first (an inbox row, say), so it holds an xid
      await store.append(streamId, 0, [rejected('v1')], meta());
      await expect(store.append(streamId, 1, [rejected('v2')], meta(), early)).rejects.toBeInstanceOf(ConcurrencyError);
      await early.query('COMMIT');
    } finally {
      early.release();
    }
    expect((await store.readStream(streamId)).map((e) => e.event)).toEqual([rejected('v1')]);

    const late = await db.pool.connect();
    try {
      await late.query('BEGIN');
      await late.query('SELECT pg_current_xact_id()'); // an xid taken after v1 committed
      await store.append(streamId, 1, [rejected('v2')], meta(), late);
      await late.query('COMMIT');
    } finally {
      late.release();
    }
    const inLogOrder = await eventually(async () => {
      const all = (await readEverything(store)).filter((e) => e.envelope.streamId === streamId);
      expect(all).toHaveLength(2);
      return all;
    });
    expect(inLogOrder.map((e) => e.envelope.streamVersion)).toEqual([1, 2]);
  });

  it("answers a guarded create whose key a concurrent attempt recorded first as that attempt's duplicate, not with an error", async () => {
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const idempotencyKey = `submit/${randomUUID()}`;
    const lockKey = `cycle-${randomUUID()}`;
    const guard: AppendGuard = { lockKey, lockMode: 'shared', unchanged: [] };
    const attempts = [`request-${randomUUID()}`, `request-${randomUUID()}`];
    // Both attempts read (no key yet) and decide, then wait for the guard's lock; released together, one records the key first.
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`guard:${lockKey}`]);
      const outcomes = Promise.allSettled(
        attempts.map((streamId) =>
          store.handle(streamId, fold, () => [rejected('created')], meta({ idempotencyKey }), { guard, createsStreamWithPrefix: 'request-' }),
        ),
      );
      await eventually(async () => {
        const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        expect(rows[0].n).toBe(2);
      });
      await holder.query('COMMIT');
      const [a, b] = await outcomes;
      expect([a.status, b.status]).toEqual(['fulfilled', 'fulfilled']);
      const answers = [a, b].map((outcome) => (outcome as PromiseFulfilledResult<{ streamId: string; duplicate: boolean }>).value);
      const created = answers.find((answer) => !answer.duplicate);
      expect(answers.find((answer) => answer.duplicate)).toMatchObject({ streamId: created?.streamId, appended: 0 });
    } finally {
      holder.release();
    }
    const lengths = await Promise.all(attempts.map(async (streamId) => (await store.readStream(streamId)).length));
    expect(lengths.sort()).toEqual([0, 1]);
  });

  it('reads a stream whole again when its cached fold is ahead of the database (commits lost in a failover), instead of failing every command', async () => {
    const streamId = `request-${randomUUID()}`;
    const fold = { eventTypes: REJECTIONS, initialState: () => 0, evolve: (count: number) => count + 1 };
    const length = FoldedStreamCache.MIN_VERSION + 2;
    for (let i = 0; i < length; i++) await store.handle(streamId, fold, () => [rejected(`f${i}`)], meta());
    // The failover lost the last two commits; the schema owner takes them away behind the append-only trigger.
    await db.pool.query('ALTER TABLE events DISABLE TRIGGER events_no_update_delete');
    try {
      await db.pool.query('DELETE FROM events WHERE stream_id = $1 AND stream_version > $2', [streamId, length - 2]);
    } finally {
      await db.pool.query('ALTER TABLE events ENABLE TRIGGER events_no_update_delete');
    }
    const next = await store.handle(streamId, fold, () => [rejected('after-failover')], meta());
    expect(next).toMatchObject({ appended: 1, nextExpectedVersion: length - 1, state: length - 1 });
  });

  it.each([
    ['UPDATE', `UPDATE events SET event_type = 'Tampered'`],
    ['DELETE', `DELETE FROM events`],
    ['TRUNCATE', `TRUNCATE events`],
  ])('refuses %s on stored events', async (_verb, sql) => {
    await store.append(`request-${randomUUID()}`, 0, [rejected('r5')], meta());
    await expect(db.pool.query(sql)).rejects.toThrow(/append-only/);
  });

  it('never skips a transaction that commits after later ones (gap test)', async () => {
    await untilLogReadable(db.pool);
    const baseline = await readEverything(store);
    const slow = await db.pool.connect();
    const seen: StoredEvent<RequestEvent>[] = [];
    let checkpoint = baseline.length ? checkpointOf(baseline[baseline.length - 1]) : START;
    const readNewEvents = async (): Promise<void> => {
      for (;;) {
        const batch = await store.readAll(checkpoint, 2);
        if (batch.length === 0) return;
        seen.push(...batch);
        checkpoint = checkpointOf(batch[batch.length - 1]);
      }
    };
    try {
      await slow.query('BEGIN');
      await store.append('request-slow', 0, [rejected('slow')], meta(), slow);
      for (let i = 0; i < 5; i++) {
        await store.append(`request-fast-${i}`, 0, [rejected(`fast-${i}`)], meta());
        await readNewEvents();
      }
      // The fast rows are committed but the reader must not pass the open transaction.
      expect(seen).toHaveLength(0);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await untilLogReadable(db.pool);
    await readNewEvents();

    const ids = seen.map((e) => (e.event.value as { requestId: string }).requestId);
    expect(ids).toEqual(['slow', 'fast-0', 'fast-1', 'fast-2', 'fast-3', 'fast-4']);
    expect(new Set(seen.map((e) => e.envelope.eventId)).size).toBe(seen.length);
    expectCommitOrder(seen);
  });

  it('reads every event in numeric commit order across many small batches', async () => {
    await untilLogReadable(db.pool);
    const before = await readEverything(store);
    let checkpoint = before.length ? checkpointOf(before[before.length - 1]) : START;
    for (let i = 0; i < 25; i++) await store.append(`request-batch-${i}`, 0, [rejected(`batch-${i}`)], meta());
    await untilLogReadable(db.pool);

    const seen: StoredEvent<RequestEvent>[] = [];
    for (let batch = await store.readAll(checkpoint, 3); batch.length > 0; batch = await store.readAll(checkpoint, 3)) {
      seen.push(...batch);
      checkpoint = checkpointOf(batch[batch.length - 1]);
    }

    expect(seen.map((e) => (e.event.value as { requestId: string }).requestId)).toEqual(Array.from({ length: 25 }, (_, i) => `batch-${i}`));
    expectCommitOrder(seen);
  });
});

function expectCommitOrder(events: StoredEvent<RequestEvent>[]): void {
  const order = events.map((e) => [BigInt(e.transactionId), BigInt(e.globalPosition)] as const);
  for (let i = 1; i < order.length; i++) {
    const [prevTx, prevPos] = order[i - 1];
    const [tx, pos] = order[i];
    expect(tx > prevTx || (tx === prevTx && pos > prevPos)).toBe(true);
  }
}

async function readEverything(store: EventStore<RequestEvent>): Promise<StoredEvent<RequestEvent>[]> {
  const all: StoredEvent<RequestEvent>[] = [];
  let checkpoint = START;
  for (;;) {
    const batch = await store.readAll(checkpoint, 500);
    if (batch.length === 0) return all;
    all.push(...batch);
    checkpoint = checkpointOf(batch[batch.length - 1]);
  }
}
