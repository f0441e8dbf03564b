import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET } from '@lib/platform';
import pino from 'pino';
import { PortalConfig, type PortalSettings } from '../src/config';

export const silentLogger = pino({ level: 'silent' });

/** A built web app in a temporary folder: index.html and one hashed asset. */
export function fakeWebRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'pantau-portal-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-1a2b3c.js"></script></body></html>',
  );
  writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'console.log("pantau")');
  return root;
}

/** Settings as loadPortalSettings would return them, in dev mode unless overridden. */
export function portalSettings(config: Partial<PortalConfig> = {}, auth: Partial<AuthConfig> = {}): PortalSettings {
  return {
    config: Object.assign(new PortalConfig(), { NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_ROOT: fakeWebRoot(), ...config }),
    auth: Object.assign(new AuthConfig(), { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET, ...auth }),
  };
}
