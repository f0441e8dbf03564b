import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

/**
 * The built single-page app: hashed files under assets/ are cached for a year (a new build has new
 * names), index.html never, so a deployment shows up on the next page load.
 */
export function webAssets(webRoot: string): RequestHandler {
  return express.static(webRoot, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader('Cache-Control', path.includes(`${join(webRoot, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** index.html of the built app, read once; undefined until `npm run build` has written it. */
export class WebAppShell {
  private html: Buffer | undefined;

  constructor(private readonly webRoot: string) {}

  async indexHtml(): Promise<Buffer | undefined> {
    if (!this.html) this.html = await readFile(join(this.webRoot, 'index.html')).catch(() => undefined);
    return this.html;
  }
}
