import { randomUUID } from 'node:crypto';
import { createPortalApp } from '../../../services/portal/src/portal-app';
import { AuthConfig, DEFAULT_DEV_SIGNING_SECRET } from '@lib/platform';
import pino from 'pino';
import { PortalConfig } from '../../../services/portal/src/config';
import { type PlatformUnderTest, startPlatform } from '../../support/platform-under-test';
import { BUILT_WEB_APP } from './global-setup';

/** The platform as a person reaches it: the portal at `url` in front of the three services. */
export interface PortalUnderTest {
  url: string;
  platform: PlatformUnderTest;
  /** Closes the portal and the services and drops their databases. */
  stop(): Promise<void>;
}

/**
 * The three services on fresh databases, with topics and consumer groups of this suite's own (the
 * dev users' tenant is the same in every suite; their events must not meet), and the portal serving
 * the built web app in front of them, with dev sign-in. A failed start stops what did start.
 */
export async function startPortalUnderTest(name: string): Promise<PortalUnderTest> {
  const prefix = `${name}-${randomUUID().slice(0, 8)}`;
  // The services trust the portal in front of them (loopback), as deploy/local/start.sh runs them.
  const platform = await startPlatform(prefix, { KAFKA_TOPIC_PREFIX: `${prefix}.`, TRUST_PROXY: 'loopback' });
  try {
    const portal = await createPortalApp(
      {
        config: Object.assign(new PortalConfig(), {
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          WEB_ROOT: BUILT_WEB_APP,
          REQUEST_SERVICE_URL: platform.urls.request,
          SURVEY_SERVICE_URL: platform.urls.survey,
          EVALUATION_SERVICE_URL: platform.urls.evaluation,
        }),
        auth: Object.assign(new AuthConfig(), { AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET }),
      },
      pino({ level: 'silent' }),
    );
    await portal.listen(0, '127.0.0.1').catch(async (error: unknown) => {
      await portal.close();
      throw error;
    });
    return {
      url: await portal.getUrl(),
      platform,
      async stop() {
        await portal.close();
        await platform.stop();
      },
    };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}
