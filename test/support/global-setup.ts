import { ensureApplicationRole } from '../../libs/testing/src/postgres';
import { type Infra, resolveInfra } from './infra';

declare global {
  var pantauInfra: Infra | undefined;
}

/** One PostgreSQL server and one Kafka broker per jest run, shared by the integration and e2e projects. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.pantauInfra) return;
  const infra = await resolveInfra();
  globalThis.pantauInfra = infra;
  await ensureApplicationRole(infra.databaseUrl);
  // Workers are forked after global setup and inherit the environment.
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
}
