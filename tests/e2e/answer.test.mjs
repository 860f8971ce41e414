// The answer as an admin reads it: the verdict first on a phone, in view while the form is
// scrolled on a desktop, brought into view when a matrix cell is activated; paper is white even
// from the dark theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, PHONE, DESKTOP } from './support/app.mjs';
import { withScreenshotOnFailure } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const CLUSTER = 'current.os=windows-server-2008-r2&current.cluster_node=true&current.edition=enterprise&target.os=windows-server-2019&target.edition=datacenter&cluster.nodes=N1,N2';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const box = (planner, testid) => planner.byTestId(testid).evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: window.innerHeight };
});

test('at 375 px the verdict is on the first screen, before the form', async () => {
  const planner = await app.open(PHONE);
  await withScreenshotOnFailure(planner.page, 'answer-phone-first-screen', async () => {
    await planner.goto(CLUSTER);
    // The headline and what to do instead are on the first screen.
    const verdict = await box(planner, 'verdict');
    const instead = await box(planner, 'method');
    assert.ok(instead.bottom <= PHONE.height, `"Instead" ends at ${instead.bottom} px, below the first ${PHONE.height} px`);
    assert.match(await planner.byTestId('method').innerText(), /Instead: Migrate to a new cluster/);
    const form = await planner.byTestId('current-os').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(verdict.top < form, 'the verdict comes before the form');
    assert.match(await planner.byTestId('headline').innerText(), /migrate to a new cluster/i);
  });
});

test('at desktop width the verdict stays in view while the form is scrolled', async () => {
  const planner = await app.open(DESKTOP);
  await withScreenshotOnFailure(planner.page, 'answer-desktop-sticky', async () => {
    await planner.goto(CLUSTER);
    await planner.byTestId('target-edition').scrollIntoViewIfNeeded();
    await planner.page.evaluate(() => window.scrollBy(0, 600));
    const verdict = await box(planner, 'verdict');
    assert.ok(verdict.top >= 0 && verdict.bottom <= verdict.height, `verdict at ${verdict.top}–${verdict.bottom} after scrolling`);
  });
});

test('the why-not is a short list: one line per cause, each with its source; the chain is folded', async () => {
  const planner = await app.open(DESKTOP);
  await withScreenshotOnFailure(planner.page, 'answer-why', async () => {
    await planner.goto(CLUSTER);
    const items = await planner.page.locator('[data-testid="why-item"]').evaluateAll((els) =>
      els.map((e) => ({ code: e.dataset.code, cite: !!e.querySelector('cite a'), words: e.textContent.split(/\s+/).length })));
    assert.ok(items.length >= 1);
    assert.equal(new Set(items.map((i) => i.code)).size, items.length, 'each cause once');
    for (const i of items) assert.ok(i.cite, `${i.code} has no citation link`);
    assert.equal(await planner.page.locator('.why-chain').evaluate((d) => d.open), false);
  });
});

test('activating a matrix cell brings the new verdict into view', async () => {
  const planner = await app.open(DESKTOP);
  await withScreenshotOnFailure(planner.page, 'answer-matrix-verdict', async () => {
    await planner.goto();
    const cell = planner.matrixCell('channel', 'retail', 'msdn');
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await eventually(async () => {
      assert.equal(await planner.value('current-os'), 'windows-server-2003');
      const verdict = await box(planner, 'verdict');
      assert.ok(verdict.top >= 0 && verdict.top < verdict.height, `verdict top at ${verdict.top}`);
    });
  });
});

test('printing from the dark theme prints dark text on white', async () => {
  const planner = await app.open(DESKTOP);
  await withScreenshotOnFailure(planner.page, 'answer-print-dark', async () => {
    await planner.goto(CLUSTER);
    await planner.page.evaluate(() => document.querySelector('.upgrade-planner').setAttribute('data-theme', 'dark'));
    const screen = await planner.page.evaluate(() => getComputedStyle(document.querySelector('.upgrade-planner')).backgroundColor);
    assert.notEqual(screen, 'rgb(255, 255, 255)', 'the dark theme is on screen');
    await planner.page.emulateMedia({ media: 'print' });
    const colours = await planner.page.evaluate(() => {
      const root = document.querySelector('.upgrade-planner');
      const step = document.querySelector('[data-testid="step"], .step') ?? root;
      return {
        bg: getComputedStyle(root).backgroundColor,
        fg: getComputedStyle(step).color,
        verdictBg: getComputedStyle(document.querySelector('[data-testid="verdict"]')).backgroundColor,
      };
    });
    assert.equal(colours.bg, 'rgb(255, 255, 255)');
    assert.equal(colours.fg, 'rgb(0, 0, 0)');
    assert.equal(colours.verdictBg, 'rgb(255, 255, 255)');
    await planner.page.emulateMedia({ media: 'screen' });
  });
});
