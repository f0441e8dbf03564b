import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { BaseServiceConfig } from './load-config';

/** How long a citizen request waits for Redis before the limit counts as unknown. */
const REDIS_ANSWER_MS = 1_000;

/** Redis did not answer: a limit could not be counted. Citizen writes are then refused (503), reads let through. */
export class SharedCountersUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super(`Redis, where limits are counted, did not answer: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'SharedCountersUnavailable';
  }
}

const answerWithin = async <T>(promise: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_ANSWER_MS} ms`)), REDIS_ANSWER_MS).unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw new SharedCountersUnavailable(error);
  } finally {
    clearTimeout(timer);
  }
};

/** The keys of one service of one deployment: its replicas share them, other services and deployments do not. */
export const redisKeyPrefix = (config: BaseServiceConfig): string => `${config.REDIS_KEY_PREFIX}${config.NODE_ENV}:${config.KAFKA_CLIENT_ID}:`;

/**
 * The service's Redis connection. A command fails after one reconnection attempt instead of waiting in
 * a queue, so a Redis outage costs a citizen request about a second, not a hang.
 */
export function connectRedis(config: BaseServiceConfig, logger: Logger): Redis {
  const redis = new Redis(config.REDIS_URL, { keyPrefix: redisKeyPrefix(config), maxRetriesPerRequest: 1, connectTimeout: REDIS_ANSWER_MS });
  let reachable = true;
  redis.on('ready', () => {
    if (!reachable) logger.info('Redis answers again');
    reachable = true;
  });
  redis.on('error', (error) => {
    if (reachable) logger.warn({ err: error }, 'Redis does not answer: citizen writes are refused until it does');
    reachable = false;
  });
  return redis;
}

/**
 * Counts that every replica of the service shares, in fixed windows: the throttler's per-address limits
 * and the per-unit caps of citizen submissions. Throws SharedCountersUnavailable when Redis does not answer.
 */
@Injectable()
export class SharedCounters implements ThrottlerStorage, OnApplicationShutdown {
  private readonly throttlerStore: ThrottlerStorageRedisService;

  constructor(private readonly redis: Redis) {
    this.throttlerStore = new ThrottlerStorageRedisService(redis);
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    return answerWithin(this.throttlerStore.increment(key, ttl, limit, blockDuration, throttlerName));
  }

  /** Adds one to `key` in the window of `windowMs` that holds `now`; answers the count so far and when the window ends. */
  async countInWindow(key: string, windowMs: number, now: Date): Promise<{ count: number; windowEndsInMs: number }> {
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    const windowKey = `${key}:${windowStart}`;
    const replies = await answerWithin(this.redis.multi().incr(windowKey).pexpire(windowKey, windowMs).exec());
    const failure = replies ? replies.find(([error]) => error)?.[0] : new Error('transaction discarded');
    if (failure || !replies) throw new SharedCountersUnavailable(failure);
    const count = replies[0][1];
    return { count: count as number, windowEndsInMs: windowStart + windowMs - now.getTime() };
  }

  /** Redis answers a PING in time. */
  async ping(): Promise<void> {
    await answerWithin(this.redis.ping());
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    // QUIT lets Redis answer what is in flight; its answer comes before the socket is closed, which disconnect then does
    await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}
