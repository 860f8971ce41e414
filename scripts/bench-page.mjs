#!/usr/bin/env node
// Benchmark of the built page (not a test): serves dist/ on a free localhost port and measures, in
// headless Chromium (/usr/bin/chromium via playwright-core):
//   1. cold load: navigation start → the verdict is in the DOM and visible (new browser context and
//      HTTP cache disabled through CDP on every run), median of 10;
//   2. input → DOM: a change of target-os dispatched in the page → the first mutation of the result
//      column, and → the next animation frame (Leptos re-renders in a task scheduled by the handler,
//      so the handler itself returns early; its time is shown too), median of 20;
//   3. all-pairs sweep in wasm: window.wasmBindings.evaluate for every os × os × edition ×
//      architecture × installation × clustered of docs/scenario-format.md (invalid combinations throw
//      and are counted), median of 5.
// Usage: node scripts/bench-page.mjs [--dist DIR] [--load-runs 10] [--input-runs 20] [--sweep-runs 5]
// Build the site first (scripts/serve.sh or trunk build --release --offline). Always exits 0 once it ran.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, DEFAULT_ROOT } from '../tests/e2e/support/server.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: process.env.E2E_DIST || DEFAULT_ROOT },
    'load-runs': { type: 'string', default: '10' },
    'input-runs': { type: 'string', default: '20' },
    'sweep-runs': { type: 'string', default: '5' },
  },
});
const DIST = resolve(opts.dist);
const LOAD_RUNS = Number(opts['load-runs']);
const INPUT_RUNS = Number(opts['input-runs']);
const SWEEP_RUNS = Number(opts['sweep-runs']);

// The ids of docs/scenario-format.md.
const OSES = [
  'windows-nt-4.0', 'windows-2000', 'windows-server-2003', 'windows-server-2003-r2', 'windows-server-2008',
  'windows-server-2008-r2', 'windows-server-2012', 'windows-server-2012-r2', 'windows-server-2016',
  'windows-server-2019', 'windows-server-2022', 'windows-server-2025', 'windows-7', 'windows-8', 'windows-8.1',
  'windows-10', 'windows-11',
];
const EDITIONS = [
  'standard', 'enterprise', 'datacenter', 'web', 'advanced', 'storage', 'hyper-v-server', 'essentials',
  'datacenter-azure', 'professional', 'starter', 'home-basic', 'home-premium', 'ultimate', 'pro', 'core',
  'home', 'pro-education', 'education', 'enterprise-ltsc',
];
const ARCHITECTURES = ['x86', 'x64', 'ia64', 'arm64'];
const INSTALLATIONS = ['desktop', 'core'];
const CLUSTERED = [false, true];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const settle = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));

// Recorded from the first moment the verdict is in the DOM with a layout box.
function verdictWatch() {
  const seen = () => {
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el || window.__verdictAt !== undefined) return;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    window.__verdictAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__verdictFrameAt = performance.now();
    });
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
}

async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(verdictWatch);
    await page.goto(url);
    await page.waitForFunction(() => window.__verdictFrameAt !== undefined, null, { timeout: 30000 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
      return {
        verdict: window.__verdictAt,
        frame: window.__verdictFrameAt,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
        wasmLoaded: wasm?.responseEnd ?? NaN,
        isolated: self.crossOriginIsolated,
      };
    });
  } finally {
    await context.close();
  }
}

async function inputRuns(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="verdict"]').waitFor();
    await settle(page);
    const runs = [];
    for (let i = 0; i < INPUT_RUNS; i++) {
      // The default scenario is 2016 → 2025; alternate the target between 2022 and 2025.
      const value = i % 2 === 0 ? 'windows-server-2022' : 'windows-server-2025';
      const r = await page.evaluate(
        (value) =>
          new Promise((done) => {
            const select = document.querySelector('[data-testid="target-os"]');
            const result = document.querySelector('.result-column') ?? document.querySelector('[data-testid="verdict"]').parentElement;
            let t0 = 0;
            let mutation = NaN;
            const observer = new MutationObserver(() => {
              mutation = performance.now() - t0;
              observer.disconnect();
              requestAnimationFrame(() => done({ mutation, frame: performance.now() - t0, sync, route: document.querySelector('[data-testid="route"]')?.textContent ?? '' }));
            });
            observer.observe(result, { childList: true, subtree: true, attributes: true, characterData: true });
            select.value = value;
            t0 = performance.now();
            select.dispatchEvent(new Event('change', { bubbles: true }));
            const sync = performance.now() - t0;
          }),
        value,
      );
      if (!r.route.includes(value === 'windows-server-2022' ? 'Windows Server 2022' : 'Windows Server 2025')) {
        throw new Error(`run ${i}: the route did not follow target-os=${value}: ${r.route}`);
      }
      runs.push(r);
      await settle(page);
    }
    return runs;
  } finally {
    await context.close();
  }
}

async function sweepRuns(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => typeof window.wasmBindings?.evaluate === 'function');
    const runs = [];
    for (let i = 0; i < SWEEP_RUNS; i++) {
      runs.push(
        await page.evaluate(([oses, editions, archs, installs, clustered]) => {
          let ok = 0;
          let thrown = 0;
          const t0 = performance.now();
          for (const from of oses)
            for (const to of oses)
              for (const edition of editions)
                for (const architecture of archs)
                  for (const installation of installs)
                    for (const cluster_node of clustered) {
                      try {
                        window.wasmBindings.evaluate({ current: { os: from, edition, architecture, installation, cluster_node }, target: { os: to } });
                        ok++;
                      } catch {
                        thrown++;
                      }
                    }
          return { ok, thrown, ms: performance.now() - t0 };
        }, [OSES, EDITIONS, ARCHITECTURES, INSTALLATIONS, CLUSTERED]),
      );
    }
    return runs;
  } finally {
    await context.close();
  }
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`bench-page: ${join(DIST, 'index.html')} not found; build the site first (scripts/serve.sh, or trunk build --release --offline)`);
    process.exit(2);
  }
  // Cross-origin isolation only sharpens performance.now() (5 µs instead of 100 µs); every
  // resource of the page is same-origin, so the page is otherwise unchanged.
  const server = await startServer({
    root: DIST,
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  });
  const browser = await launchBrowser();
  try {
    const version = browser.version();
    const loads = [];
    for (let i = 0; i < LOAD_RUNS; i++) loads.push(await coldLoad(browser, server.url));
    const inputs = await inputRuns(browser, server.url);
    const sweeps = await sweepRuns(browser, server.url);

    const rows = [
      ['cold load: navigation start → verdict in DOM', `${fmt(median(loads.map((l) => l.verdict)))} ms`, `min ${fmt(Math.min(...loads.map((l) => l.verdict)))}, max ${fmt(Math.max(...loads.map((l) => l.verdict)))}`, `${LOAD_RUNS} runs`],
      ['cold load: navigation start → next frame', `${fmt(median(loads.map((l) => l.frame)))} ms`, '', `${LOAD_RUNS} runs`],
      ['cold load: (wasm response end)', `${fmt(median(loads.map((l) => l.wasmLoaded)))} ms`, `DOMContentLoaded ${fmt(median(loads.map((l) => l.domContentLoaded)))} ms`, `${LOAD_RUNS} runs`],
      ['input: change target-os → result DOM mutated', `${fmt(median(inputs.map((r) => r.mutation)))} ms`, `min ${fmt(Math.min(...inputs.map((r) => r.mutation)))}, max ${fmt(Math.max(...inputs.map((r) => r.mutation)))}`, `${INPUT_RUNS} runs`],
      ['input: change target-os → next frame', `${fmt(median(inputs.map((r) => r.frame)))} ms`, `handler returned after ${fmt(median(inputs.map((r) => r.sync)))} ms`, `${INPUT_RUNS} runs`],
    ];
    const sweep = sweeps[0];
    const sweepMs = median(sweeps.map((s) => s.ms));
    const calls = sweep.ok + sweep.thrown;
    rows.push([
      'all-pairs sweep in wasm (evaluate)',
      `${fmt(sweepMs)} ms`,
      `${calls} calls: ${sweep.ok} plans + ${sweep.thrown} thrown; ${((sweepMs * 1000) / calls).toFixed(1)} µs/call`,
      `median of ${SWEEP_RUNS}`,
    ]);

    const head = ['what', 'median', 'detail', 'runs'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log(`Chromium ${version}, headless; cross-origin isolated: ${loads[0].isolated}; site ${DIST}`);
    console.log(line(head));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench-page: ${err.stack || err}`);
    process.exit(1);
  },
);
