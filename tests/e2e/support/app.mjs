// Shared set-up of the planner test files: the built site, a local server, Chromium, fresh pages.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, DEFAULT_ROOT } from './server.mjs';
import { launchBrowser, newPage, saveScreenshot } from './browser.mjs';
import { PlannerPage } from '../pages/planner-page.mjs';

export const DIST = resolve(process.env.E2E_DIST || DEFAULT_ROOT);
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Starts the server and Chromium; `open()` gives a PlannerPage on a fresh context. */
export async function startApp() {
  assert.ok(
    existsSync(join(DIST, 'index.html')),
    `${join(DIST, 'index.html')} not found: build the site first (scripts/test.sh does this)`,
  );
  const server = await startServer({ root: DIST });
  const browser = await launchBrowser();
  const pages = [];
  return {
    server,
    browser,
    pages,
    /** @returns {Promise<PlannerPage>} not yet navigated; contextOptions go to browser.newContext */
    async open(viewport = DESKTOP, contextOptions = {}) {
      const page = await newPage(browser, { ...viewport, ...contextOptions });
      pages.push(page);
      return new PlannerPage(page, server.url);
    },
    /** Console and page errors of every page opened so far, labelled with the page's URL. */
    errors() {
      return pages.flatMap((p) => [
        ...p.consoleErrors.map((e) => `console: ${e}`),
        ...p.pageErrors.map((e) => `pageerror: ${e}`),
      ]);
    },
    async close() {
      await browser?.close();
      await server?.close();
    },
  };
}

/** Saves artifacts/<name>-desktop.png at 1280x900 and artifacts/<name>-phone.png at 375x812. */
export async function screenshotBothWidths(page, name) {
  const before = page.viewportSize();
  const resize = async (size) => {
    await page.setViewportSize(size);
    // Let the layout settle at the new width (two frames) before the full-page shot.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  };
  await resize(DESKTOP);
  const desktop = await saveScreenshot(page, `${name}-desktop`);
  await resize(PHONE);
  const phone = await saveScreenshot(page, `${name}-phone`);
  if (before) await resize(before);
  return { desktop, phone };
}
