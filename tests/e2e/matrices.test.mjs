import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, DEFAULT_ROOT } from './support/server.mjs';
import { launchBrowser, newPage, withScreenshotOnFailure } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { PlannerPage } from './pages/planner-page.mjs';

const DIST = resolve(process.env.E2E_DIST || DEFAULT_ROOT);

let server;
let browser;
let page;
let planner;

before(async () => {
  assert.ok(
    existsSync(join(DIST, 'index.html')),
    `${join(DIST, 'index.html')} not found: build the site first (scripts/test.sh does this)`,
  );
  server = await startServer({ root: DIST });
  browser = await launchBrowser();
  page = await newPage(browser, { width: 1280, height: 900 });
  planner = new PlannerPage(page, server.url);
  await withScreenshotOnFailure(page, 'matrices-load', () => planner.goto());
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('channel matrix has 5x5 cells and sku matrix has 3x3 cells', () =>
  withScreenshotOnFailure(page, 'matrices-counts', async () => {
    const channel = planner.channelMatrix();
    const sku = planner.skuMatrix();
    await channel.waitFor();
    await sku.waitFor();
    assert.equal(await channel.locator('[data-testid^="cell-channel-"]').count(), 25);
    assert.equal(await sku.locator('[data-testid^="cell-sku-"]').count(), 9);
  }));

test('retail -> OEM explains that the path is not supported, with its source', () =>
  withScreenshotOnFailure(page, 'matrices-retail-oem', async () => {
    await planner.activateCell('channel', 'retail', 'oem');
    await eventually(async () => {
      const text = await planner.explanationText();
      assert.match(text, /Retail/);
      assert.match(text, /OEM/);
      assert.match(text, /not supported/i);
      assert.ok(text.includes('(KB 912309)'), `source missing from: ${text}`);
    });
  }));

test('Standard -> Enterprise explains that the path is supported', () =>
  withScreenshotOnFailure(page, 'matrices-standard-enterprise', async () => {
    await planner.activateCell('sku', 'standard', 'enterprise');
    await eventually(async () => {
      const text = await planner.explanationText();
      assert.match(text, /supported/i);
      assert.doesNotMatch(text, /not supported/i);
    });
  }));

test('arrow keys move between cells and Enter activates one', () =>
  withScreenshotOnFailure(page, 'matrices-keyboard', async () => {
    // One tab stop per matrix: the first cell; arrows move from there.
    const first = planner.matrixCell('sku', 'standard', 'standard');
    await first.focus();
    assert.equal(await first.getAttribute('tabindex'), '0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
    assert.equal(focused, 'cell-sku-datacenter-standard');
    await page.keyboard.press('Enter');
    await eventually(async () => assert.match(await planner.explanationText(), /not supported/i));
    assert.match(await planner.explanationText(), /Datacenter/);
  }));

test('no console errors and no page errors', () => {
  assert.deepEqual(page.consoleErrors, [], 'console errors');
  assert.deepEqual(page.pageErrors, [], 'page errors');
});

test('every request stayed on the local server', () => {
  const offsite = page.requests.filter((url) => !url.startsWith(server.url));
  assert.deepEqual(offsite, [], 'requests to other origins');
});
