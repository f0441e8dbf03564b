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
  const apps = {} as Record<ServiceName, INestApplication>;
  const urls = {} as Record<ServiceName, string>;
  const databases = {} as Record<ServiceName, TestDatabase>;
  const boot = async (service: ServiceName, start: (databaseUrl: string) => Promise<INestApplication>): Promise<void> => {
    databases[service] = await createTestDatabase([], `pantau_${name.replace(/[^a-z0-9]/g, '_')}_${service}`);
    apps[service] = await start(databases[service].url);
    await apps[service].listen(0, '127.0.0.1');
    urls[service] = await apps[service].getUrl();
  };
  await Promise.all([
    boot('request', (url) =>
      startService({ name: 'request', configClass: RequestConfig, appModule: RequestAppModule, database: requestDatabase }, { ...shared, DATABASE_URL: url }),
    ),
    boot('survey', (url) =>
      startService({ name: 'survey', configClass: SurveyConfig, appModule: SurveyAppModule, database: surveyDatabase }, { ...shared, DATABASE_URL: url }),
    ),
    boot('evaluation', (url) =>
      startService(
        { name: 'evaluation', configClass: EvaluationConfig, appModule: EvaluationAppModule, database: evaluationDatabase },
        { ...shared, DATABASE_URL: url },
      ),
    ),
  ]);
  return {
    apps,
    urls,
    databases,
    async stop() {
      await Promise.all(Object.values(apps).map((app) => app.close()));
      await Promise.all(Object.values(databases).map((db) => db.drop()));
    },
  };
}
