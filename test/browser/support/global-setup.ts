import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharedGlobalSetup from '../../support/global-setup';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
/** Where `npm run build` writes the web app and the portal serves it from (PortalConfig.WEB_ROOT). */
export const BUILT_WEB_APP = join(ROOT, 'dist', 'services', 'portal', 'web');
/** What the web app's bundle is made of: its sources, its build settings and the kernel it shares with the services. */
const WEB_APP_SOURCES = ['services/portal/web', 'libs/kernel/src'].map((path) => join(ROOT, path));

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Builds the web app with Vite, as `npm run build` does, when it was never built or a source changed since. */
async function buildWebAppWhenStale(): Promise<void> {
  const built = await stat(join(BUILT_WEB_APP, 'index.html')).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  const sources = Math.max(...(await Promise.all(WEB_APP_SOURCES.map(newestChange))));
  if (built > sources) return;
  await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'services/portal/web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: ROOT,
    timeout: 180_000,
  });
}

/** The run's PostgreSQL and Kafka (as the integration and e2e projects have them), and a current build of the web app the portal serves. */
export default async function globalSetup(): Promise<void> {
  await Promise.all([sharedGlobalSetup(), buildWebAppWhenStale()]);
}
