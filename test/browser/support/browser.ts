import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEV_USERS, type DevUserName } from '@lib/platform';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, installed by deploy/local/chromium.sh: Playwright's own browser download is never used. */
const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

/** A browser tab's screen: a desktop at the office, or a phone, where citizens fill forms and track requests. */
export interface Device {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
}

export const DESKTOP: Device = { viewport: { width: 1366, height: 900 } };
export const PHONE: Device = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export function launchChromium(): Promise<Browser> {
  // Root (CI, containers) cannot use Chromium's sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * A journey in a fresh tab with no session, as in a new browser profile, reading Indonesian in
 * Banjarmasin's time zone. When it fails, the page as it was is saved as <name>-failed.png beside the
 * screenshots; the tab is closed either way.
 */
export async function inNewTab(browser: Browser, device: Device, name: string, journey: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ ...device, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  // A page reading several services on a busy machine can take longer than Playwright's 30 s default to show.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  try {
    await journey(page);
  } catch (error) {
    await saveScreenshot(page, `${name}-failed`).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
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
