import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { todayInAmsterdam } from '../../../apps/web/src/dates';
import { startTestApp, type StartOptions, type TestApp } from '../../e2e/support/test-app';
import { startRedisServer, type RedisServer } from '../../integration/deadlines/support/redis-server';

/** Debian's Chromium; never a downloaded browser. `.ci/run` installs it with apt when it is missing. */
export const CHROMIUM = process.env.BAKEN_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots are written to docs/screenshots only when asked for (`npm run screenshots`), so tests leave the tree alone. */
export const SCREENSHOTS = process.env.BAKEN_SCREENSHOTS === 'true';
const SCREENSHOT_DIR = join(__dirname, '../../../docs/screenshots');

export const DESKTOP = { width: 1280, height: 900 };
export const TABLET = { width: 768, height: 1024 };

/** Waits for UI updates, which on a shared machine can take a few seconds. */
export const UI_TIMEOUT = 15_000;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

const cspViolationsOf = new WeakMap<Page, string[]>();

/**
 * Collects every Content Security Policy violation the page reports, across navigations: the
 * `securitypolicyviolation` events (passed out through a binding, which the policy does not govern) and Chromium's
 * console errors about the policy.
 */
export async function watchContentSecurityPolicy(page: Page): Promise<void> {
  const violations: string[] = [];
  cspViolationsOf.set(page, violations);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(`console: ${message.text()}`);
  });
  await page.exposeBinding('__bakenCspViolation', (_source, violation: string) => void violations.push(violation));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
    window.__bakenCspViolation(event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') + ' in ' +
      (event.sourceFile || event.documentURI) + (event.sample ? ': ' + event.sample : '')))`);
}

/** The Content Security Policy violations the page reported so far (every page of a browser test is watched). */
export function cspViolations(page: Page): string[] {
  return [...(cspViolationsOf.get(page) ?? [])];
}

export interface BrowserTestOptions extends StartOptions {
  /** Start an own `redis-server` for the app (the queue board needs one). */
  redis?: boolean;
}

export interface BrowserTest {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** A fresh browser context (no cookies) with a page at the given viewport, the browser clock at the API's "now". */
  page(viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * "Now" of the browser tests: the real time, frozen for the test file. The API's clock and the page's clock both
 * stand on it; the browser's cookie jar cannot be moved, so a clock in the past would expire the session cookie
 * the moment it is set.
 */
export const NOW = new Date();

/** A business date `days` before today (Europe/Amsterdam). */
export function daysAgo(days: number): string {
  return todayInAmsterdam(new Date(NOW.getTime() - days * 86_400_000));
}

/** The app on a fresh PostgreSQL database, listening on a random port, and one Chromium for the test file. */
export function useBrowserTest(testOptions: BrowserTestOptions = {}): () => BrowserTest {
  jest.setTimeout(60_000);
  const { redis: withRedis, ...startOptions } = testOptions;
  const options: StartOptions = { now: NOW, ...startOptions };
  let state: BrowserTest | undefined;
  let redis: RedisServer | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (withRedis) redis = await startRedisServer();
    const t = await startTestApp({
      ...options,
      env: { ...options.env, ...(redis ? { REDIS_URL: redis.url } : {}) },
      listen: true,
    });
    let browser: Browser;
    try {
      browser = await launchChromium();
    } catch (error) {
      await t.close();
      await redis?.stop();
      throw error;
    }
    const baseUrl = t.baseUrl!;
    state = {
      t,
      browser,
      baseUrl,
      async page(viewport = DESKTOP) {
        const context = await browser.newContext({
          baseURL: baseUrl,
          viewport,
          locale: 'nl-NL',
          timezoneId: 'Europe/Amsterdam',
          acceptDownloads: true,
        });
        contexts.push(context);
        const page = await context.newPage();
        await watchContentSecurityPolicy(page);
        page.setDefaultTimeout(UI_TIMEOUT);
        await page.clock.setFixedTime(options.now ?? NOW);
        return page;
      },
    };
  }, 90_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await state?.browser.close();
    await state?.t.close();
    await redis?.stop();
  }, 30_000);
  return () => {
    if (!state) throw new Error('The browser test did not start (did beforeAll fail?)');
    return state;
  };
}

/** Signs in through the login screen, as a user would. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('Demogebruiker').selectOption(username);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA and best practices) on the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's policy allows no inline <script>, so no script tag.
  await page.evaluate(axe.source);
  const violations = (await page.evaluate(`(async () => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
