// Issue 6: the single-file offline copy from disk with no network, the iframe embed, the same-page
// JS API, zero network, the strict CSP, and hostile input through every door.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync, copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { startServer, DEFAULT_ROOT, STRICT_CSP } from './support/server.mjs';
import { launchBrowser, newPage, withScreenshotOnFailure } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const root = process.env.E2E_DIST ?? DEFAULT_ROOT;
const offlineFile = join(root, 'upgrade-planner-offline.html');
const STORY_2 = 'current.os=windows-server-2008&current.cluster_node=true&target.os=windows-server-2008-r2';
const KB_TEXT = 'Server Clustering - Please read Microsoft Knowledge Base article: 935197';
let site, hostSite, browser, hostDir;

/** A host page (another origin) for the embed and API tests. */
function hostPage(name, body) {
  writeFileSync(join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wiki page</title>
<link rel="icon" href="data:,"></head><body><h1 id="heading">Internal wiki</h1><p><a id="wiki-link" href="#section-2">Section 2</a></p>${body}</body></html>`);
  return `${hostSite.url}${name}`;
}

before(async () => {
  assert.ok(existsSync(offlineFile), `${offlineFile} not found: build the site first (scripts/test.sh does this)`);
  // The planner's host must allow other origins to load its module scripts and wasm (CORS).
  site = await startServer({ root, headers: { 'Access-Control-Allow-Origin': '*' } });
  hostDir = mkdtempSync(join(tmpdir(), 'planner-host-'));
  hostSite = await startServer({ root: hostDir, csp: null });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await hostSite?.close();
});

test('the single file works from file:// with the network off (story 2) and requests nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'planner-offline-'));
  const copy = join(dir, 'upgrade-planner-offline.html');
  copyFileSync(offlineFile, copy);
  const context = await browser.newContext();
  await context.setOffline(true);
  const requests = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await withScreenshotOnFailure(page, 'offline-story-2', async () => {
    await page.goto(`file://${copy}#${STORY_2}`);
    const verdict = page.locator('[data-testid="verdict"]');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'not-supported');
    assert.match(await page.locator('[data-testid="setup-message"]').innerText(), /Server Clustering - Please read Microsoft Knowledge Base article: 935197/);
    assert.ok(await page.locator('[data-testid="alternative"][data-method="cluster-migration"]').isVisible());
    // The URL fragment keeps the state here too: change the target, the hash follows.
    await page.selectOption('[data-testid="target-os"]', 'windows-server-2012');
    await eventually(async () => assert.match(await page.evaluate(() => location.hash), /target\.os=windows-server-2012/));
    await page.goBack();
    await eventually(async () => assert.equal(await page.locator('[data-testid="target-os"]').inputValue(), 'windows-server-2008-r2'));
    // The matrices work offline.
    await page.click('[data-testid="cell-sku-standard-enterprise"]');
    await eventually(async () => assert.equal(await page.locator('[data-testid="method"]').getAttribute('data-method'), 'r2-option-2'));
    assert.equal(await page.locator('[data-testid="download-offline"]').count(), 0, 'the offline copy does not offer itself');
  });
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the single file requested something');
  assert.equal(requests.length, 1, `only the file itself: ${requests.join(', ')}`);
  assert.deepEqual(errors, []);
  const raw = readFileSync(offlineFile);
  console.log(`single file: ${(raw.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`);
  await context.close();
});

test('the hosted build under the strict CSP requests only its own assets during the stories', async () => {
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const violations = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  await withScreenshotOnFailure(page, 'csp-zero-network', async () => {
    await page.goto(`${site.url}#${STORY_2}`);
    await page.locator('[data-testid="verdict"][data-verdict="not-supported"]').waitFor();
    await page.selectOption('[data-testid="current-os"]', 'windows-server-2012-r2');
    await page.selectOption('[data-testid="target-os"]', 'windows-server-2022');
    await page.click('[data-testid="cell-channel-retail-oem"]');
    await page.locator('[data-testid="method"][data-method="r2-option-3"]').waitFor();
    await page.click('[data-testid="copy-markdown"]');
    await page.click('[data-testid="embed-open"]');
    await page.locator('[data-testid="embed-snippet"]').waitFor();
  });
  const foreign = requests.filter((u) => !u.startsWith(site.url));
  assert.deepEqual(foreign, [], 'requests outside the site');
  assert.deepEqual(violations, [], 'CSP violations');
  const served = new Set(site.requests.map((p) => p.split('?')[0]));
  for (const path of served) assert.ok(existsSync(join(root, path === '/' ? 'index.html' : path)), `requested ${path}, which the build does not have`);
  await page.close();
});

test('the service worker keeps the hosted site working offline after a first visit', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('[data-testid="verdict"]').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await eventually(async () => assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the service worker controls the page"));
  await context.setOffline(true);
  await page.goto(`${site.url}#${STORY_2}`);
  await page.reload();
  await page.locator('[data-testid="verdict"][data-verdict="not-supported"]').waitFor({ timeout: 10000 });
  await context.close();
});

test('the Fleet view works offline once it was opened online (service worker runtime cache)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('[data-testid="verdict"]').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await eventually(async () => assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker controls the page'));
  // First visit of #fleet online: its app, style, worker and both wasm files pass through the
  // cache, and after the import the second stage (pictures, waves: its script and wasm).
  await page.goto(`${site.url}#fleet`);
  const inventory = readFileSync(new URL('../inventories/native.csv', import.meta.url), 'utf8');
  await page.locator('[data-testid="fleet-input"]').fill(inventory);
  await page.locator('[data-testid="fleet-plan"]').click();
  await page.locator('[data-testid="fleet-summary"][data-rows="13"]').waitFor();
  await eventually(async () => {
    const cached = await page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname);
      return names.filter((n) => n.includes('/fleet-'));
    });
    assert.equal(cached.length, 7, `cached Fleet files: ${cached.join(', ')}`);
    assert.equal(cached.filter((n) => n.startsWith('/fleet-extras-')).length, 2, cached.join(', '));
  });
  await context.setOffline(true);
  await page.reload();
  await page.locator('[data-testid="fleet-input"]').fill(inventory);
  await page.locator('[data-testid="fleet-plan"]').click();
  await page.locator('[data-testid="fleet-summary"][data-rows="13"]').waitFor({ timeout: 10000 });
  // The second stage works offline too: the pictures are drawn.
  await page.locator('[data-testid="chart-decisions"] svg').waitFor({ timeout: 10000 });
  await context.close();
});

test('the iframe embed sizes itself and opens on data-scenario; embed mode is compact', async () => {
  // The processor's SLAT (Server 2016 and later) is given, so the route alone decides.
  const scenario = JSON.stringify({ current: { os: 'windows-server-2012-r2' }, target: { os: 'windows-server-2022' }, hardware: { cpu: { slat: true } } });
  const url = hostPage('embed.html', `<div data-upgrade-planner data-scenario='${scenario}'></div><script src="${site.url}embed.js" defer></script>`);
  const page = await newPage(browser);
  const messages = [];
  await page.exposeFunction('__record', (m) => messages.push(m));
  await page.addInitScript(() => window.addEventListener('message', (e) => window.__record(e.data)));
  await withScreenshotOnFailure(page, 'embed-iframe', async () => {
    await page.goto(url);
    const frameEl = page.locator('iframe');
    await frameEl.waitFor();
    const frame = page.frameLocator('iframe');
    await frame.locator('[data-testid="verdict"]').waitFor();
    assert.equal(await frame.locator('[data-testid="verdict"]').getAttribute('data-verdict'), 'supported');
    assert.deepEqual(await frame.locator('[data-testid="stop"]').evaluateAll((els) => els.map((e) => e.dataset.os)), [
      'windows-server-2012-r2', 'windows-server-2019', 'windows-server-2022',
    ]);
    assert.equal(await frame.locator('.site-header').count(), 0, 'no header in embed mode');
    assert.equal(await frame.locator('[data-testid="sources"]').count(), 0, 'no footer in embed mode');
    await eventually(async () => assert.ok(messages.some((m) => m?.type === 'upgrade-planner:height' && m.height > 200)));
    const reported = Math.max(...messages.filter((m) => m?.type === 'upgrade-planner:height').map((m) => m.height));
    await eventually(async () => {
      const h = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
      assert.ok(Math.abs(h - Math.min(reported, 20000)) <= 2 || h >= 200, `iframe height ${h}, reported ${reported}`);
    });
    // The parent can send a scenario; a hostile one is rejected as text.
    await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ type: 'upgrade-planner:set-scenario', scenario: { current: { os: 'windows-server-2008', cluster_node: true }, target: { os: 'windows-server-2008-r2' } } }, '*'));
    await frame.locator('[data-testid="verdict"][data-verdict="not-supported"]').waitFor();
    await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ type: 'upgrade-planner:set-scenario', scenario: '{"current":{"os":"<img src=x onerror=parent.__pwned=1>"}}' }, '*'));
    await frame.locator('[data-testid="link-error"]').waitFor();
    assert.match(await frame.locator('[data-testid="link-error"]').innerText(), /could not be read/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
  await page.close();
});

test('the same-page JS API evaluates, mounts into an element, fires ready, and leaves the host alone', async () => {
  const url = hostPage('api.html', `<div id="planner"></div>
<script type="module" src="${site.url}api.js"></script>
<script type="module">
  window.addEventListener('upgrade-planner-ready', () => {
    window.__ready = true;
    window.__plan = UpgradePlanner.evaluate({ current: { os: 'windows-10', release: '1909' }, target: { os: 'windows-11' } });
    try { UpgradePlanner.evaluate('{"current":{"os":"<script>window.__pwned=1<\\/script>"}}'); } catch (e) { window.__error = e.message; }
    UpgradePlanner.mount(document.getElementById('planner'), { scenario: { current: { os: 'windows-server-2003', service_pack: 1 }, target: { os: 'windows-server-2003-r2' } } });
  });
</script>`);
  const page = await newPage(browser);
  await withScreenshotOnFailure(page, 'embed-api', async () => {
    await page.goto(`${url}#section-1`);
    await page.locator('#planner [data-testid="verdict"]').waitFor();
    assert.equal(await page.evaluate(() => window.__ready), true);
    const plan = await page.evaluate(() => window.__plan);
    assert.equal(plan.verdict, 'supported-after-prerequisites');
    // 1909 is too old for Windows 11: update Windows 10 first (a fix, not a replacement).
    assert.ok(plan.findings.some((f) => f.code === 'w11-source-release'));
    assert.equal(plan.readiness.checks.find((c) => c.code === 'w11-source-release').status, 'fail');
    assert.match(await page.evaluate(() => window.__error), /^current\.os: unknown value/);
    assert.equal(await page.locator('#planner [data-testid="method"]').getAttribute('data-method'), 'r2-option-1');
    // The widget does not touch the host's URL, links or styles.
    await page.selectOption('#planner [data-testid="target-edition"]', 'enterprise');
    await page.locator('#planner [data-testid="method"][data-method="r2-option-2"]').waitFor();
    assert.equal(await page.evaluate(() => location.hash), '#section-1');
    await page.click('#wiki-link');
    assert.equal(await page.evaluate(() => location.hash), '#section-2');
    assert.equal(await page.locator('#planner [data-testid="method"]').getAttribute('data-method'), 'r2-option-2');
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('heading')).fontFamily), await page.evaluate(() => {
      const probe = document.createElement('h1');
      document.body.append(probe);
      return getComputedStyle(probe).fontFamily;
    }));
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).margin), '8px', 'the host body keeps its own margin');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
  await page.close();
});

test('hostile fragments and data-scenario strings stay inert', async () => {
  const evil = '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>';
  const page = await newPage(browser);
  await page.goto(`${site.url}#current.os=windows-nt-4.0&current.edition=enterprise&target.os=windows-nt-4.0&target.service_pack=6&cluster.nodes=${encodeURIComponent(evil)},B`);
  await page.locator('[data-testid="verdict"]').waitFor();
  assert.equal(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict'), 'input-error');
  assert.match(await page.locator('[data-testid="input-error"]').innerText(), /cluster\.nodes\[0\]: .*(not a computer name|longer than)/);
  await page.goto(`${site.url}#cluster.groups=${encodeURIComponent(evil)}&current.os=windows-2000&current.edition=advanced&current.service_pack=3&target.os=windows-2000&target.service_pack=4`);
  await page.reload();
  await page.locator('[data-testid="runbook"]').waitFor();
  assert.ok((await page.locator('[data-testid="runbook"]').innerText()).includes('<img src=x'), 'group names are shown as text');
  await page.goto(`${site.url}#scenario=${'%7B'.repeat(70000)}`);
  await page.reload();
  await page.locator('[data-testid="link-error"]').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

/** Copy the build into `<tmp>/<subpath>` and serve `<tmp>` (optionally change files first). */
function deployCopy(subpath) {
  const top = mkdtempSync(join(tmpdir(), 'planner-deploy-'));
  cpSync(root, join(top, subpath), { recursive: true });
  return { top, dir: join(top, subpath) };
}

test('the hosted build works from a sub-path of a static host', async () => {
  const { top } = deployCopy('tools/planner');
  const server = await startServer({ root: top });
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}tools/planner/#${STORY_2}`);
  await page.locator('[data-testid="verdict"][data-verdict="not-supported"]').waitFor();
  assert.deepEqual(requests.filter((p) => !p.startsWith('/tools/planner/')), [], 'every asset is requested relative to the sub-path');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
  await server.close();
});

test('a new deployment replaces the service worker cache cleanly', async () => {
  const { top, dir } = deployCopy('site');
  const server = await startServer({ root: top });
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `${server.url}site/`;
  await page.goto(url);
  await page.locator('[data-testid="verdict"]').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.filter((k) => k.startsWith('upgrade-planner-')).length, 1);
  // "Deploy" a new build: a changed page and a service worker with another cache version.
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(/upgrade-planner-[0-9a-f]+/, 'upgrade-planner-0123456789abcdef');
  writeFileSync(join(dir, 'sw.js'), sw);
  const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('<meta charset="utf-8">', '<meta charset="utf-8">\n    <meta name="build" content="second">');
  writeFileSync(join(dir, 'index.html'), html);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await eventually(async () => assert.deepEqual(
    (await page.evaluate(() => caches.keys())).filter((k) => k.startsWith('upgrade-planner-')),
    ['upgrade-planner-0123456789abcdef'],
  ), { timeout: 10000 });
  await page.reload();
  await page.locator('[data-testid="verdict"]').waitFor();
  assert.equal(await page.locator('meta[name="build"]').getAttribute('content'), 'second', 'the new page is served after the update');
  // And the new version works offline too.
  await context.setOffline(true);
  await page.reload();
  await page.locator('[data-testid="verdict"]').waitFor();
  assert.equal(await page.locator('meta[name="build"]').getAttribute('content'), 'second');
  await context.close();
  await server.close();
});

test('api-loader.js: its promise gives the API, or rejects saying which header is missing', async () => {
  const page = await newPage(browser);
  const noCors = await startServer({ root });
  try {
    await withScreenshotOnFailure(page, 'api-loader', async () => {
      const body = (siteUrl) => `<div id="planner"></div><script src="${siteUrl}api-loader.js"></script>
<script>
  window.__result = UpgradePlannerReady.then(
    (api) => ({ ok: true, verdict: api.evaluate({ current: { os: 'windows-server-2016' }, target: { os: 'windows-server-2019' } }).verdict }),
    (e) => ({ ok: false, message: e.message }),
  );
</script>`;
      await page.goto(hostPage('loader-ok.html', body(site.url)));
      const ok = await page.evaluate(() => window.__result);
      assert.equal(ok.ok, true, JSON.stringify(ok));
      assert.match(ok.verdict, /supported/);

      // The same page against a planner server that sends no CORS header.
      await page.goto(hostPage('loader-no-cors.html', body(noCors.url)));
      const failed = await page.evaluate(() => window.__result);
      assert.equal(failed.ok, false);
      assert.match(failed.message, /could not (load|start)/);
      assert.match(failed.message, /Access-Control-Allow-Origin/);
    });
  } finally {
    await noCors.close();
    await page.close();
  }
});
