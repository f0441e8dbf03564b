import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import { AppModule as EvaluationAppModule } from '../../services/evaluation/src/app.module';
import { EvaluationConfig } from '../../services/evaluation/src/config';
import { evaluationDatabase } from '../../services/evaluation/src/migrations';
import { AppModule as RequestAppModule } from '../../services/request/src/app.module';
import { RequestConfig } from '../../services/request/src/config';
import { requestDatabase } from '../../services/request/src/migrations';
import { AppModule as SurveyAppModule } from '../../services/survey/src/app.module';
import { SurveyConfig } from '../../services/survey/src/config';
import { surveyDatabase } from '../../services/survey/src/migrations';
import { allOrNothing, undoable } from './all-or-nothing';
import { startService } from './service-app';

export type ServiceName = 'request' | 'survey' | 'evaluation';

export interface PlatformUnderTest {
  apps: Record<ServiceName, INestApplication>;
  urls: Record<ServiceName, string>;
  databases: Record<ServiceName, TestDatabase>;
  /** Closes the apps and drops their databases. */
  stop(): Promise<void>;
}

/**
 * The three services, each on a fresh database of its own and listening on a free loopback port,
 * sharing the run's broker under the consumer group prefix `<name>-`; `env` adds settings to all three.
 */
export async function startPlatform(name: string, env: Record<string, string> = {}): Promise<PlatformUnderTest> {
  const shared = { LOG_LEVEL: 'fatal', KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `${name}.`, ...env };
  interface Booted {
    app: INestApplication;
    url: string;
    database: TestDatabase;
  }
  const stopBooted = async ({ app, database }: Booted): Promise<void> => {
    await app.close();
    await database.drop();
  };
  const boot = async (service: ServiceName, start: (databaseUrl: string) => Promise<INestApplication>): Promise<Booted> => {
    const database = await createTestDatabase([], `pantau_${name.replace(/[^a-z0-9]/g, '_')}_${service}`);
    try {
      const app = await start(database.url);
      await app.listen(0, '127.0.0.1');
      return { app, url: await app.getUrl(), database };
    } catch (error) {
      await database.drop();
      throw error;
    }
  };
  // A service that fails to boot takes the others down with it: nothing is left running where no afterAll reaches.
  const [request, survey, evaluation] = await allOrNothing<[Booted, Booted, Booted]>([
    undoable(
      boot('request', (url) =>
        startService({ name: 'request', configClass: RequestConfig, appModule: RequestAppModule, database: requestDatabase }, { ...shared, DATABASE_URL: url }),
      ),
      stopBooted,
    ),
    undoable(
      boot('survey', (url) =>
        startService({ name: 'survey', configClass: SurveyConfig, appModule: SurveyAppModule, database: surveyDatabase }, { ...shared, DATABASE_URL: url }),
      ),
      stopBooted,
    ),
    undoable(
      boot('evaluation', (url) =>
        startService(
          { name: 'evaluation', configClass: EvaluationConfig, appModule: EvaluationAppModule, database: evaluationDatabase },
          { ...shared, DATABASE_URL: url },
        ),
      ),
      stopBooted,
    ),
  ]);
  const booted = { request, survey, evaluation };
  const each = <T>(pick: (service: Booted) => T): Record<ServiceName, T> => ({ request: pick(request), survey: pick(survey), evaluation: pick(evaluation) });
  return {
    apps: each(({ app }) => app),
    urls: each(({ url }) => url),
    databases: each(({ database }) => database),
    async stop() {
      await Promise.all(Object.values(booted).map(({ app }) => app.close()));
      await Promise.all(Object.values(booted).map(({ database }) => database.drop()));
    },
  };
}
