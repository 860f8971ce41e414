// Accessibility: axe-core on the planner's main states, plus no sideways scrolling on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { withScreenshotOnFailure } from './support/browser.mjs';
import { startApp, DESKTOP, PHONE } from './support/app.mjs';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// axe is injected as an inline script; the page's strict CSP (script-src 'self') would block it.
const AXE_CONTEXT = { bypassCSP: true };
const NATIVE_INVENTORY = new URL('../inventories/native.csv', import.meta.url);
const STORY2 = 'current.os=windows-server-2008&current.cluster_node=true&target.os=windows-server-2008-r2';

let app;

before(async () => {
  app = await startApp();
});

after(async () => {
  await app?.close();
});

/** Runs axe on the whole document; returns the serious and critical violations. */
async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary?.split('\n').slice(0, 2).join(' ') })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.targets.slice(0, 8).map((t) => `      ${t.target}${t.summary ? ` — ${t.summary}` : ''}`);
      const more = v.targets.length > 8 ? [`      … and ${v.targets.length - 8} more`] : [];
      return [`  ${v.id} (${v.impact}, ${v.targets.length} nodes): ${v.help}`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}

async function assertNoSerious(page, what) {
  const found = await seriousViolations(page);
  assert.equal(found.length, 0, `serious/critical axe violations on ${what}:\n${describe(found)}`);
}

test('axe: the default page has no serious or critical violations', async () => {
  const planner = await app.open(DESKTOP, AXE_CONTEXT);
  await withScreenshotOnFailure(planner.page, 'a11y-default', async () => {
    await planner.goto();
    await assertNoSerious(planner.page, 'the default page');
  });
});

test("axe: story 2's not-supported page has no serious or critical violations", async () => {
  const planner = await app.open(DESKTOP, AXE_CONTEXT);
  await withScreenshotOnFailure(planner.page, 'a11y-not-supported', async () => {
    await planner.goto(STORY2);
    assert.equal(await planner.verdict(), 'not-supported');
    await planner.byTestId('setup-message').first().waitFor();
    await assertNoSerious(planner.page, "story 2's not-supported page");
  });
});

test('axe: the dark theme has no serious or critical violations', async () => {
  const planner = await app.open(DESKTOP, AXE_CONTEXT);
  await withScreenshotOnFailure(planner.page, 'a11y-dark', async () => {
    await planner.goto(STORY2);
    await planner.setTheme('dark');
    await assertNoSerious(planner.page, 'the dark theme (story 2 page)');
  });
});

test('axe: 375 px wide has no serious or critical violations', async () => {
  const planner = await app.open(PHONE, AXE_CONTEXT);
  await withScreenshotOnFailure(planner.page, 'a11y-phone', async () => {
    await planner.goto(STORY2);
    await assertNoSerious(planner.page, 'the 375 px wide page');
  });
});

/** Opens the Fleet view, plans the native fixture inventory (13 servers) and compares it with itself. */
async function fleetWithResults(planner) {
  const { page } = planner;
  await page.goto(`${app.server.url}#fleet`);
  await page.locator('[data-testid="fleet-input"]').fill(readFileSync(NATIVE_INVENTORY, 'utf8'));
  await page.locator('[data-testid="fleet-plan"]').click();
  await page.locator('[data-testid="fleet-summary"][data-rows="13"]').waitFor();
  // And the progress since an earlier inventory (the same file): its counts and tables.
  await page.locator('[data-testid="progress-file"]').setInputFiles(fileURLToPath(NATIVE_INVENTORY));
  await page.locator('[data-testid="progress-result"] [data-testid="progress-row"]').first().waitFor({ state: 'attached' });
  await page.locator('[data-testid="progress-group"]').first().evaluate((d) => { d.open = true; });
}

test('axe: the Fleet view with results has no serious or critical violations (light and dark)', async () => {
  const planner = await app.open(DESKTOP, AXE_CONTEXT);
  await withScreenshotOnFailure(planner.page, 'a11y-fleet', async () => {
    await fleetWithResults(planner);
    await assertNoSerious(planner.page, 'the Fleet view');
    await planner.setTheme('dark');
    await assertNoSerious(planner.page, 'the Fleet view, dark theme');
  });
});

test('no horizontal page scroll at 375 px: the Fleet view with results (the table scrolls inside its box)', async () => {
  const planner = await app.open(PHONE);
  await withScreenshotOnFailure(planner.page, 'a11y-phone-scroll-fleet', async () => {
    await fleetWithResults(planner);
    const width = await planner.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375 + 1, `document is ${width} px wide at 375 px`);
  });
});

test('the Fleet table: one line per machine at desktop width, one card per machine on a phone (nothing cut off)', async () => {
  const desktop = await app.open({ width: 1600, height: 900 });
  await withScreenshotOnFailure(desktop.page, 'fleet-table-desktop', async () => {
    await fleetWithResults(desktop);
    const tall = await desktop.page.locator('[data-testid="fleet-row"]').evaluateAll((trs) => {
      const line = parseFloat(getComputedStyle(trs[0]).lineHeight) || 20;
      return trs.filter((tr) => tr.getBoundingClientRect().height > line * 2.4).map((tr) => tr.dataset.name);
    });
    assert.deepEqual(tall, [], 'rows taller than one line');
  });
  const phone = await app.open(PHONE);
  await withScreenshotOnFailure(phone.page, 'fleet-table-phone', async () => {
    await fleetWithResults(phone);
    const cards = await phone.page.locator('[data-testid="fleet-row"]').evaluateAll((trs) => trs.map((tr) => {
      const r = tr.getBoundingClientRect();
      return { display: getComputedStyle(tr).display, right: r.right, name: tr.dataset.name };
    }));
    for (const c of cards) {
      assert.equal(c.display, 'block', `${c.name} is not a card`);
      assert.ok(c.right <= 375 + 1, `${c.name} sticks out to ${c.right} px`);
    }
  });
});

for (const [name, hash] of [
  ['the default page', ''],
  ["story 2's page", STORY2],
  ['the NT 4.0 cluster runbook', 'current.os=windows-nt-4.0&current.cluster_node=true&current.edition=enterprise&current.service_pack=5&target.os=windows-nt-4.0&target.service_pack=6&cluster.nodes=ALPHA,BETA,GAMMA'],
]) {
  test(`no horizontal scroll at 375 px: ${name}`, async () => {
    const planner = await app.open(PHONE);
    await withScreenshotOnFailure(planner.page, `a11y-phone-scroll-${name}`, async () => {
      await planner.goto(hash);
      const { scrollWidth, culprits } = await planner.page.evaluate(() => {
        const limit = document.documentElement.clientWidth + 1;
        // The outermost elements that stick out, to say what to fix.
        const culprits = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > limit && !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit))
          .slice(0, 8)
          .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''}${el.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)} px)`);
        return { scrollWidth: document.documentElement.scrollWidth, culprits };
      });
      assert.ok(scrollWidth <= 375 + 1, `document is ${scrollWidth} px wide at 375 px; sticking out: ${culprits.join(', ')}`);
    });
  });
}

test('no console errors and no page errors', () => {
  assert.deepEqual(app.errors(), []);
});
