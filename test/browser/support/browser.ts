import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEV_USERS, type DevUserName } from '@lib/platform';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, installed by deploy/local/chromium.sh: Playwright's own browser download is never used. */
const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

export const DESKTOP = { width: 1366, height: 900 };
/** A common phone, where citizens fill forms and track requests. */
export const PHONE = { width: 390, height: 844 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A fresh tab with no session, as in a new browser profile, at the given viewport, reading Indonesian. */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, options: { isMobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Makassar', ...options });
  return context.newPage();
}

/** Dev sign-in as a seeded user, through the portal's own sign-in page, landing on the user's home. */
export async function signIn(page: Page, baseUrl: string, user: DevUserName): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await page.getByRole('button', { name: new RegExp(`^${escapeRegExp(DEV_USERS[user].name)}`) }).click();
  await page.waitForURL((url) => url.pathname !== '/masuk');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An axe-core finding a person would be stopped by, in one line. */
export interface SeriousViolation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The page as it is now, whole, or one part of it (on a long page, what the journey is about), in test/browser/artifacts/<name>.png. */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await ('goto' in target ? target.screenshot({ path, fullPage: true }) : target.screenshot({ path }));
}

/**
 * What axe-core (WCAG 2.x A and AA rules) finds on the page of impact serious or critical, which the
 * caller expects to be none. Slow on a long page (a unit's thirty indicators): once per page.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<SeriousViolation[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** The page's screenshot saved as `name`, and its serious accessibility problems. */
export async function checkPage(page: Page, name: string): Promise<SeriousViolation[]> {
  await saveScreenshot(page, name);
  return seriousAccessibilityProblems(page);
}
