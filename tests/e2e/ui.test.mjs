// Behaviour of the planner page around the stories: links, hostile input, resets, theme, matrices.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { withScreenshotOnFailure } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { startApp } from './support/app.mjs';

let app;

before(async () => {
  app = await startApp();
});

after(async () => {
  await app?.close();
});

const CLUSTERED_2008 = { current: { os: 'windows-server-2008', cluster_node: true }, target: { os: 'windows-server-2008-r2' } };
const CLUSTERED_2008_HASH = '#current.os=windows-server-2008&current.cluster_node=true&target.os=windows-server-2008-r2';

test('a #scenario=<JSON> deep link loads and is canonicalised to dotted fields without a new history entry', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-deep-link', async () => {
    // history.length as the document starts (before the app runs), to compare with after the rewrite.
    await page.addInitScript(() => { window.__historyAtStart = history.length; });
    await planner.goto(`scenario=${encodeURIComponent(JSON.stringify(CLUSTERED_2008))}`);
    await eventually(async () => assert.equal(await planner.hash(), CLUSTERED_2008_HASH));
    assert.equal(await page.evaluate(() => history.length), await page.evaluate(() => window.__historyAtStart), 'canonicalising the link added a history entry');
    assert.equal(await planner.verdict(), 'not-supported');
    assert.equal(await planner.method(), 'cluster-migration');
    assert.equal(await planner.value('current-os'), 'windows-server-2008');
    assert.equal(await planner.value('target-os'), 'windows-server-2008-r2');
    assert.equal(await planner.byTestId('current-cluster-node').isChecked(), true);
    assert.equal(await planner.byTestId('link-error').count(), 0);
    assert.match(await planner.verdictText(), /Not supported in place/);

    // The canonical link stands for the same scenario.
    await planner.goto(CLUSTERED_2008_HASH.slice(1));
    assert.equal(await planner.hash(), CLUSTERED_2008_HASH);
    assert.equal(await planner.verdict(), 'not-supported');
    assert.equal(await planner.method(), 'cluster-migration');
  });
});

test('the link leaves out fields at their default (no empty cluster.groups after entering nodes)', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-canonical-defaults', async () => {
    await planner.goto(CLUSTERED_2008_HASH.slice(1));
    await planner.fill('cluster-nodes', 'NODE1\nNODE2');
    await eventually(async () => assert.match(await planner.hash(), /cluster\.nodes=NODE1,NODE2/));
    assert.equal(await planner.hash(), `${CLUSTERED_2008_HASH}&cluster.nodes=NODE1,NODE2`);
  });
});

test('a malformed fragment shows link-error, and the default scenario still works', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-malformed-link', async () => {
    await planner.goto('current.os=windows-95');
    const error = planner.byTestId('link-error');
    await error.waitFor();
    assert.ok(await error.isVisible());
    const text = await error.innerText();
    assert.match(text, /could not be read/);
    assert.match(text, /windows-95/);
    assert.match(text, /default scenario/);

    // The default scenario: Windows Server 2016 -> 2025; the processor is not known yet, so
    // its SSE4.2/POPCNT check is a prerequisite.
    assert.equal(await planner.verdict(), 'supported-after-prerequisites');
    assert.equal(await planner.value('current-os'), 'windows-server-2016');
    assert.equal(await planner.value('target-os'), 'windows-server-2025');
    assert.deepEqual(await planner.route(), ['windows-server-2016', 'windows-server-2025']);
    assert.deepEqual(page.pageErrors, []);

    // ... and it can be changed; the new scenario replaces the broken link.
    await planner.select('target-os', 'windows-server-2022');
    await eventually(async () => assert.equal(await planner.hash(), '#current.os=windows-server-2016&target.os=windows-server-2022'));
    assert.deepEqual(await planner.route(), ['windows-server-2016', 'windows-server-2022']);
    assert.equal(await planner.byTestId('link-error').count(), 0, 'the link error stays after the scenario was changed');
    assert.deepEqual(page.pageErrors, []);
  });
});

const HOSTILE = ['<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=1</script>'];

async function assertInert(page) {
  await sleep(300); // give an injected onerror handler time to run
  const state = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    imgs: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
  }));
  assert.deepEqual(state, { pwned: 'undefined', imgs: 0, scripts: 0 });
}

test('hostile node names in the link are an input error shown as inert text', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-hostile-link', async () => {
    const hash = `${CLUSTERED_2008_HASH.slice(1)}&cluster.nodes=${HOSTILE.map(encodeURIComponent).join(',')}`;
    await planner.goto(hash);
    const verdict = await planner.verdict();
    const linkError = await planner.byTestId('link-error').count();
    assert.ok(verdict === 'input-error' || linkError === 1, `neither an input error nor a link error (verdict ${verdict})`);
    if (verdict === 'input-error') {
      const text = await planner.byTestId('input-error').innerText();
      assert.match(text, /cluster\.nodes\[0\]/);
      assert.ok(text.includes(HOSTILE[0]), `the name is not shown as text: ${text}`);
    }
    await assertInert(page);
    assert.deepEqual(page.pageErrors, []);
  });
});

test('hostile node names typed into the form are an input error shown as inert text', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-hostile-form', async () => {
    await planner.goto(CLUSTERED_2008_HASH.slice(1));
    await planner.fill('cluster-nodes', HOSTILE.join('\n'));
    await eventually(async () => assert.equal(await planner.verdict(), 'input-error'));
    const text = await planner.byTestId('input-error').innerText();
    assert.ok(text.includes(HOSTILE[0]), `the name is not shown as text: ${text}`);
    // The form still shows what was typed, so it can be corrected.
    assert.equal(await planner.byTestId('cluster-nodes').count(), 1, 'the Nodes field disappeared with the input error: the names cannot be corrected');
    assert.equal(await planner.byTestId('current-cluster-node').isChecked(), true, 'the Cluster node box was unchecked by the input error');
    assert.equal(await planner.value('cluster-nodes'), HOSTILE.join('\n'));
    await assertInert(page);

    // Correcting the names brings the plan back.
    await planner.fill('cluster-nodes', 'NODE1\nNODE2');
    await eventually(async () => assert.equal(await planner.verdict(), 'not-supported'));
    assert.deepEqual(page.pageErrors, []);
  });
});

test('changing current-os resets an impossible edition and says so', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-reset-notice', async () => {
    await planner.goto();
    assert.equal(await planner.notice(), null);
    await planner.select('current-os', 'windows-server-2003');
    await planner.select('current-edition', 'web');
    await planner.select('current-os', 'windows-server-2012');

    // The notice sits next to the field it is about, in words (labels, not ids).
    const notice = planner.byTestId('reset-current-edition');
    await notice.waitFor();
    assert.ok(await notice.isVisible());
    const text = await notice.innerText();
    assert.match(text, /^Edition reset to the default: /);
    assert.match(text, /\bWeb\b/);
    assert.match(text, /Windows Server 2012/);
    assert.doesNotMatch(text, /`|current\.edition/);
    assert.equal(
      await notice.evaluate((el) => el.closest('.field').querySelector('select').dataset.testid),
      'current-edition',
    );
    assert.equal(await planner.value('current-edition'), 'standard');
    assert.doesNotMatch(await planner.hash(), /current\.edition=web/);
    assert.notEqual(await planner.verdict(), 'input-error');
  });
});

test('the theme toggle sets data-theme on the planner and the choice survives a reload', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-theme', async () => {
    await planner.goto();
    // The element that carries the theme: <html> (first builds) or the planner's root element.
    const state = () =>
      page.evaluate(() => {
        const themed = document.querySelector('[data-testid="verdict"]').closest('[data-theme]');
        const background = (el) => {
          for (let e = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (c && c !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(c)) return c;
          }
          return 'rgb(255, 255, 255)'; // the canvas default
        };
        const luminance = (c) => {
          const [r, g, b] = c.match(/[\d.]+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        const bg = themed ? background(themed) : null;
        return {
          theme: themed?.getAttribute('data-theme') ?? null,
          on: themed ? (themed === document.documentElement ? 'html' : themed.className) : null,
          dark: bg ? luminance(bg) < 0.35 : null,
          // The page around the planner: dark itself, or covered by the themed element.
          pageDark:
            luminance(background(document.body)) < 0.35 ||
            (!!themed && themed.getBoundingClientRect().width >= innerWidth && themed.getBoundingClientRect().height >= innerHeight && luminance(bg) < 0.35),
        };
      });
    const toggle = planner.byTestId('theme-toggle');
    const first = await state();
    assert.equal(first.theme, 'auto', `no data-theme="auto" on the planner: ${JSON.stringify(first)}`);
    assert.equal(first.dark, false, 'auto is dark with a light system scheme');
    assert.equal(await planner.theme(), 'auto');
    await toggle.click();
    await eventually(async () => assert.equal((await state()).theme, 'light'));
    await toggle.click();
    await eventually(async () => assert.equal((await state()).theme, 'dark'));
    assert.match(await toggle.innerText(), /dark/);
    const dark = await state();
    assert.equal(dark.dark, true, `the dark theme does not darken the planner: ${JSON.stringify(dark)}`);
    assert.equal(dark.pageDark, true, `the page around the planner stays light in the dark theme: ${JSON.stringify(dark)}`);

    await page.reload();
    await planner.ready();
    assert.deepEqual(await state(), dark, 'the dark theme did not survive a reload');
    assert.match(await toggle.innerText(), /dark/);
    await toggle.click();
    await eventually(async () => assert.equal((await state()).theme, 'auto'));
    assert.equal((await state()).dark, false);
  });
});

test('the current scenario is marked with aria-current in the server matrix, and follows the form', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-aria-current', async () => {
    await planner.goto();
    assert.deepEqual(await planner.currentCells('server'), ['cell-server-windows-server-2016-windows-server-2025']);
    await planner.select('target-os', 'windows-server-2022');
    await eventually(async () => assert.deepEqual(await planner.currentCells('server'), ['cell-server-windows-server-2016-windows-server-2022']));
    // A client scenario has no cell in the server matrix.
    await planner.goto('current.os=windows-10&target.os=windows-11');
    assert.deepEqual(await planner.currentCells('server'), []);
    assert.deepEqual(await planner.currentCells('channel'), []);
  });
});

test('arrow keys move through the server matrix (one tab stop) and Enter loads the cell', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-server-matrix-keys', async () => {
    await planner.goto();
    const matrix = planner.serverMatrix();
    const tabStops = () => matrix.locator('button[tabindex="0"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.deepEqual(await tabStops(), ['cell-server-windows-server-2003-windows-server-2003']);

    await planner.matrixCell('server', 'windows-server-2003', 'windows-server-2003').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2003');
    await page.keyboard.press('End');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2025');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2019');
    // Hover/focus explains the cell.
    await eventually(async () => assert.match(await planner.explanationText(), /2012 R2 → 2019|Windows Server 2012 R2[\s\S]*Windows Server 2019/));
    assert.deepEqual(await tabStops(), ['cell-server-windows-server-2012-r2-windows-server-2019']);
    // Edges stop the focus.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowRight');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2025');
    await page.keyboard.press('Home');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2003');
    await page.keyboard.press('ArrowUp');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-windows-server-2003');

    // Back to 2012 R2 -> 2019 and activate it with Enter.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2019');
    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await planner.value('current-os'), 'windows-server-2012-r2'));
    assert.equal(await planner.value('target-os'), 'windows-server-2019');
    assert.match(await planner.verdict(), /^supported/);
    assert.deepEqual(await planner.route(), ['windows-server-2012-r2', 'windows-server-2019']);
    assert.deepEqual(await planner.currentCells('server'), ['cell-server-windows-server-2012-r2-windows-server-2019']);
    assert.equal(await planner.focusedTestId(), 'cell-server-windows-server-2012-r2-windows-server-2019', 'activating a cell moved the focus');
  });
});

test('Copy link puts the page address on the clipboard; Print calls window.print', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'ui-copy-link-print', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.server.url).origin });
    await planner.goto(CLUSTERED_2008_HASH.slice(1));
    await planner.byTestId('copy-link').click();
    await page.getByText('Link copied.').waitFor();
    const href = await page.evaluate(() => location.href);
    await eventually(async () => assert.equal(await page.evaluate(() => navigator.clipboard.readText()), href));

    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => { window.__printed += 1; };
    });
    await planner.byTestId('print').click();
    assert.equal(await page.evaluate(() => window.__printed), 1);
  });
});

test('no console errors and no page errors on any page of this file', () => {
  assert.deepEqual(app.errors(), []);
});

test('every request stayed on the local server', () => {
  const offsite = app.pages.flatMap((p) => p.requests).filter((url) => !url.startsWith(app.server.url));
  assert.deepEqual(offsite, [], 'requests to other origins');
});

test('"More about this machine" offers only the conditions the chosen version can have', async () => {
  const planner = await app.open();
  await withScreenshotOnFailure(planner.page, 'ui-conditions', async () => {
    await planner.goto('current.os=windows-server-2016&target.os=windows-server-2019&current.conditions=nic-teaming');
    assert.equal(await planner.byTestId('condition-nic-teaming').count(), 1);
    assert.equal(await planner.byTestId('condition-s-mode').count(), 0);
    await planner.select('current-os', 'windows-10');
    await planner.select('current-edition', 'home');
    await eventually(async () => assert.equal(await planner.byTestId('condition-nic-teaming').count(), 0));
    assert.equal(await planner.byTestId('condition-hyper-v-host').count(), 0, 'no Hyper-V on Home');
    assert.equal(await planner.byTestId('condition-s-mode').count(), 1);
    // The hidden condition is not kept behind the user's back.
    assert.doesNotMatch(await planner.hash(), /nic-teaming/);
  });
});

test('changing the current version to the other family moves the target to that family, with a word about it', async () => {
  const planner = await app.open();
  await withScreenshotOnFailure(planner.page, 'ui-family-change', async () => {
    await planner.goto('current.os=windows-server-2016&target.os=windows-server-2022');
    await planner.select('current-os', 'windows-10');
    await eventually(async () => assert.equal(await planner.value('target-os'), 'windows-11'));
    assert.notEqual(await planner.verdict(), 'not-supported');
    assert.match(await planner.page.locator('.notice').first().innerText(), /target moved to Windows 11/);
    await planner.select('current-os', 'windows-server-2019');
    await eventually(async () => assert.equal(await planner.value('target-os'), 'windows-server-2025'));
  });
});
