import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { PortalSettings } from '../config';
import { PORTAL_SETTINGS } from '../tokens';
import { WebAppShell } from '../web-app/web-app';

const PROBE_TIMEOUT_MS = 2000;

type UpstreamState = 'up' | 'down';

export interface PortalHealth {
  status: 'ok' | 'error';
  webApp: 'built' | 'missing';
  /** Liveness of each service behind the proxy: reported, not required, so citizen pages stay up while one service restarts. */
  services: Record<'request' | 'survey' | 'evaluation', UpstreamState>;
}

/** Liveness: the process runs. Readiness: the web app is there to serve; the services' state is shown beside it. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PORTAL_SETTINGS) private readonly settings: PortalSettings,
    @Inject(WebAppShell) private readonly shell: WebAppShell,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get(['ready', ''])
  async ready(@Res({ passthrough: true }) response: Response): Promise<PortalHealth> {
    const { REQUEST_SERVICE_URL, SURVEY_SERVICE_URL, EVALUATION_SERVICE_URL } = this.settings.config;
    const [webApp, request, survey, evaluation] = await Promise.all([
      this.shell.indexHtml().then((html): PortalHealth['webApp'] => (html ? 'built' : 'missing')),
      probe(REQUEST_SERVICE_URL),
      probe(SURVEY_SERVICE_URL),
      probe(EVALUATION_SERVICE_URL),
    ]);
    const status = webApp === 'built' ? 'ok' : 'error';
    response.status(status === 'ok' ? 200 : 503);
    return { status, webApp, services: { request, survey, evaluation } };
  }
}

async function probe(baseUrl: string): Promise<UpstreamState> {
  try {
    const answer = await fetch(new URL('/health/live', baseUrl), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return answer.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}
