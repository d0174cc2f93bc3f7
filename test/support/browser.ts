import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium; the CI installs the `chromium` package when it is missing. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
/**
 * CI sets REQUIRE_BROWSER: there a missing Chromium must fail the browser tests, not skip them silently. On a
 * developer's machine without Chromium they skip with SKIP_REASON.
 */
export const skipBrowserTests = !hasChromium && !process.env.REQUIRE_BROWSER;

/** Where screenshots go (ignored by git). */
export const SCREENSHOT_DIR = path.resolve("test-output/browser");

export type BrowserSession = {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A full-page screenshot as test-output/browser/<name>.png. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
};

/**
 * Headless Chromium with a fresh profile (playwright's launch makes a temporary one per browser, and the
 * context is new) and nothing reaching beyond this machine: no background networking,
 * component updates, sync or QUIC; every request to a host other than 127.0.0.1/localhost is aborted.
 */
export async function openBrowser(options: { locale?: string } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  const context = await browser.newContext({
    locale: options.locale ?? "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1100, height: 900 },
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
  const page = await context.newPage();
  // A step that cannot happen fails with what it waited for, well before the test itself times out.
  page.setDefaultTimeout(15_000);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    context,
    page,
    async screenshot(name) {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}
