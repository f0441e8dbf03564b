import { type DynamicModule, Global, type InjectionToken, Module, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import type { EventCodec } from '@lib/contracts';
import { DEFAULT_GROUP_COMMIT, EventStore, PersonalDataKeys, type Projection, ReadGateWatch } from '@lib/event-sourcing';
import { createKafka } from '@lib/messaging';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AuthConfig } from './auth/auth.config';
import { authProviders, TargetLocator } from './auth/auth.guard';
import { type AnyRegisteredConsumer, BackgroundWorkers, CONSUMERS, OWN_CODEC, PROJECTIONS, type QueueWorker, QUEUE_WORKERS } from './background-workers';
import { clientNetwork } from './client-network';
import { Clock, SystemClock } from './clock';
import { IdempotentReplayInterceptor } from './commands/command-reply';
import { createPool } from './database';
import type { ErrorCatalogue } from './errors';
import { HealthController } from './health.controller';
import { type BaseServiceConfig, personalDataKeyOf } from './load-config';
import { ServiceMetrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { ProblemDetailsFilter } from './problem-details.filter';
import { connectRedis, SharedCounters } from './shared-counters';
import { SpanFlusher } from './span-flusher';
import { KAFKA, LOGGER, SERVICE_CONFIG } from './tokens';

type AnyEvent = { $case: string; value: unknown };

export interface ServiceInfrastructure<E extends AnyEvent> {
  config: BaseServiceConfig;
  /** The config class too, so handlers can inject their service's typed config. */
  configClass: Type<BaseServiceConfig>;
  /** How bearer tokens are verified; every route is then closed unless it declares its policy. */
  auth: AuthConfig;
  /** Where the service's stored resources live, for routes whose policy names a resource. */
  targetLocator?: Type<TargetLocator>;
  logger: Logger;
  /** The service's error codes and field rules with what a person reads; problem+json answers carry them. */
  errors: ErrorCatalogue;
  /** The codec of the events this service writes; its topic is where the relay publishes. */
  codec: EventCodec<E>;
  projections?: Type<Projection<E>>[];
  consumers?: Type<AnyRegisteredConsumer>[];
  /** Background work the service queues in its own database (see QueueWorker). */
  queueWorkers?: Type<QueueWorker>[];
}

/** Closes the pool last, after the workers that use it have stopped. */
class PoolCloser implements OnApplicationShutdown {
  constructor(private readonly pool: Pool) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * What every Pantau service shares: config, logger, PostgreSQL pool and event store, the Kafka
 * client, the counters in Redis behind rate limits, the background workers (relay, projections, consumers), health, metrics and the error filter.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService<E extends AnyEvent>(options: ServiceInfrastructure<E>): DynamicModule {
    const { config } = options;
    const counters = new SharedCounters(connectRedis(config, options.logger));
    const projections = options.projections ?? [];
    const consumers = options.consumers ?? [];
    const queueWorkers = options.queueWorkers ?? [];
    const collect = (token: InjectionToken, classes: Type[]): Provider => ({
      provide: token,
      useFactory: (...instances: unknown[]) => instances,
      inject: classes,
    });
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: options.configClass, useValue: config },
      { provide: LOGGER, useValue: options.logger },
      { provide: OWN_CODEC, useValue: options.codec },
      { provide: Pool, useFactory: (logger: Logger) => createPool(config.DATABASE_URL, logger), inject: [LOGGER] },
      {
        provide: EventStore,
        useFactory: (pool: Pool, clock: Clock) =>
          new EventStore(pool, options.codec, () => clock.now(), {
            ...DEFAULT_GROUP_COMMIT,
            maxInFlight: config.EVENT_STORE_APPENDS_IN_FLIGHT ?? DEFAULT_GROUP_COMMIT.maxInFlight,
          }),
        inject: [Pool, Clock],
      },
      { provide: Clock, useClass: SystemClock },
      {
        provide: KAFKA,
        useFactory: (): Kafka =>
          createKafka({
            brokers: config.KAFKA_BROKERS,
            clientId: config.KAFKA_CLIENT_ID,
            log: (level, message, fields) => options.logger[level](fields, message),
            ssl: config.KAFKA_SSL,
            sasl: config.KAFKA_SASL_MECHANISM
              ? { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME ?? '', password: config.KAFKA_SASL_PASSWORD ?? '' }
              : undefined,
          }),
      },
      { provide: PersonalDataKeys, useFactory: (pool: Pool) => new PersonalDataKeys(pool, personalDataKeyOf(config)), inject: [Pool] },
      { provide: PoolCloser, useFactory: (pool: Pool) => new PoolCloser(pool), inject: [Pool] },
      { provide: ReadGateWatch, useFactory: (pool: Pool) => new ReadGateWatch(pool), inject: [Pool] },
      ...projections,
      ...consumers,
      ...queueWorkers,
      collect(PROJECTIONS, projections),
      collect(CONSUMERS, consumers),
      collect(QUEUE_WORKERS, queueWorkers),
      { provide: SharedCounters, useFactory: () => counters },
      ServiceMetrics,
      SpanFlusher,
      BackgroundWorkers,
      ...authProviders(options.auth),
      ...(options.targetLocator ? [{ provide: TargetLocator, useClass: options.targetLocator }] : []),
      { provide: APP_FILTER, useFactory: (logger: Logger) => new ProblemDetailsFilter(logger, options.errors), inject: [LOGGER] },
      { provide: APP_INTERCEPTOR, useClass: IdempotentReplayInterceptor },
    ];
    return {
      module: PlatformModule,
      imports: [
        TerminusModule,
        // Global, so citizen endpoints of every module can use its ThrottlerGuard.
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: config.PUBLIC_RATE_LIMIT_PER_MINUTE }],
          // the same key the SKM duplicate check uses
          getTracker: (request) => clientNetwork(request),
          storage: counters,
          errorMessage: 'too many requests from this address; retry after Retry-After seconds',
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [
        SERVICE_CONFIG,
        options.configClass,
        LOGGER,
        Pool,
        EventStore,
        PersonalDataKeys,
        Clock,
        KAFKA,
        BackgroundWorkers,
        ServiceMetrics,
        SharedCounters,
        ...projections,
        ...(options.targetLocator ? [TargetLocator] : []),
      ],
    };
  }
}
