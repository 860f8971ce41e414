// Chromium launch and page helpers for the end-to-end tests (system Chromium, never downloaded).
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // Playwright adds '--headless' plus its headless-only switches; the later '--headless=new' wins.
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a page in a fresh context and records console errors, page errors and every request URL.
 * Options other than width/height go to browser.newContext (e.g. bypassCSP for injected test tools).
 * @returns {Promise<import('playwright-core').Page & { consoleErrors: string[], pageErrors: string[], requests: string[] }>}
 */
export async function newPage(browser, { width = 1280, height = 800, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.pageErrors = [];
  page.requests = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url } = msg.location();
    page.consoleErrors.push(url ? `${msg.text()} [${url}]` : msg.text());
  });
  page.on('pageerror', (err) => page.pageErrors.push(String(err?.stack || err)));
  page.on('request', (req) => page.requests.push(req.url()));
  return page;
}

export async function saveScreenshot(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = `${ARTIFACTS_DIR}${name.replace(/[^\w.-]+/g, '_')}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs fn(); if it throws, saves artifacts/<name>.png (best effort) and rethrows. */
export async function withScreenshotOnFailure(page, name, fn) {
  try {
    return await fn();
  } catch (err) {
    try {
      const path = await saveScreenshot(page, name);
      err.message += `\n  screenshot: ${path}`;
    } catch (shotErr) {
      err.message += `\n  (screenshot failed: ${shotErr.message})`;
    }
    throw err;
  }
}
