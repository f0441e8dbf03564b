import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendProblem } from '../http/problem';
import { WebAppShell } from './web-app';

/** Paths the single-page app never handles: the API, sign-in, and files (a missing asset is a 404, not the app). */
const NOT_APP_ROUTES = /^\/(api|auth|health)(\/|$)|\.[A-Za-z0-9]+$/;

/**
 * Every other GET is a route of the single-page app (`/survei/<id>`, `/hasil/<cycle>`…): answer
 * index.html and let the app's router render it. Registered after every other route.
 */
@Controller()
export class WebAppController {
  constructor(@Inject(WebAppShell) private readonly shell: WebAppShell) {}

  @Get('{*path}')
  async page(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (NOT_APP_ROUTES.test(request.path)) {
      sendProblem(response, 404, 'HTTP.NOT_FOUND', `Cannot GET ${request.path}`);
      return;
    }
    const html = await this.shell.indexHtml();
    if (!html) {
      sendProblem(response, 503, 'PORTAL.WEB_APP_NOT_BUILT', 'the web app has not been built; run npm run build');
      return;
    }
    response.status(200).type('html').setHeader('Cache-Control', 'no-cache');
    response.send(html);
  }
}
