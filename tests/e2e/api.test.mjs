// The JavaScript API of the built site: window.wasmBindings.evaluate(scenario) → Plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, DEFAULT_ROOT } from './support/server.mjs';
import { launchBrowser, newPage } from './support/browser.mjs';
import { PlannerPage } from './pages/planner-page.mjs';

const root = process.env.E2E_DIST ?? DEFAULT_ROOT;
let server, browser, page;

before(async () => {
  assert.ok(existsSync(join(root, 'index.html')), `${root}/index.html not found: build the site first (scripts/test.sh does this)`);
  server = await startServer({ root });
  browser = await launchBrowser();
  page = await newPage(browser);
  await new PlannerPage(page, server.url).goto();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('evaluate returns the same plan as the core for an object', async () => {
  const plan = await page.evaluate(() =>
    window.wasmBindings.evaluate({ current: { os: 'windows-server-2012-r2' }, target: { os: 'windows-server-2022' }, hardware: { cpu: { slat: true } }, as_of: '2026-11-21' }),
  );
  assert.equal(plan.verdict, 'supported');
  assert.equal(plan.readiness.outcome, 'ready');
  assert.deepEqual(plan.route, ['windows-server-2012-r2', 'windows-server-2019', 'windows-server-2022']);
  assert.equal(plan.stops[1].extended_end, '2029-01-09');
  assert.ok(plan.steps.length > 3);
});

test('evaluate accepts a JSON string and quotes KB 935197', async () => {
  const plan = await page.evaluate(() =>
    window.wasmBindings.evaluate('{"current":{"os":"windows-server-2008","cluster_node":true},"target":{"os":"windows-server-2008-r2"}}'),
  );
  assert.equal(plan.verdict, 'not-supported');
  assert.equal(plan.method, 'cluster-migration');
  assert.match(plan.setup_messages[0], /Server Clustering - Please read Microsoft Knowledge Base article: 935197/);
});

test('bad input throws an Error naming the field, and the page survives', async () => {
  const messages = await page.evaluate(() => {
    const out = [];
    for (const bad of [{ current: { os: 'windows-95' }, target: { os: 'windows-11' } }, null, '{', { current: { os: 'windows-10', edition: 'web' }, target: { os: 'windows-11' } }]) {
      try {
        window.wasmBindings.evaluate(bad);
        out.push('no error');
      } catch (e) {
        out.push(`${e instanceof Error}:${e.message}`);
      }
    }
    return out;
  });
  assert.match(messages[0], /^true:current\.os: unknown value `windows-95`, accepted: /);
  assert.match(messages[1], /^true:no scenario given/);
  assert.match(messages[2], /^true:malformed JSON/);
  assert.match(messages[3], /^true:current\.edition: `web` is not an edition of Windows 10/);
  // Still alive: another evaluation works.
  const ok = await page.evaluate(() => window.wasmBindings.evaluate({ current: { os: 'windows-10' }, target: { os: 'windows-11' } }).verdict);
  assert.equal(ok, 'supported-after-prerequisites');
  assert.deepEqual(page.pageErrors, []);
});

test('mount with something that is not an element says so (no TypeError from deep inside)', async () => {
  for (const bad of ['null', 'undefined', '"#planner"', '{}']) {
    const message = await page.evaluate((bad) => {
      try {
        window.wasmBindings.mount(eval(`(${bad})`), undefined);
        return 'no error';
      } catch (e) {
        return String(e.message);
      }
    }, bad);
    assert.match(message, /^mount: the first argument must be an element of the page/, `${bad}: ${message}`);
  }
});
