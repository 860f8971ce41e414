#!/usr/bin/env node
// Benchmark of the Fleet view (not a test): serves dist/ on a free localhost port and measures in
// headless Chromium (/usr/bin/chromium via playwright-core), for a generated inventory of ROWS rows
// (native CSV form, a mix of server and client versions, editions, clusters, domain controllers and
// about 2 % broken rows):
//   0. opening `#fleet` in a new page: to the input box, and to the first answer of the engine;
//   1. import: click "Plan" → every row planned by the engine (Web Worker) and the summary and the
//      first page of the table in the DOM (next animation frame). One cold run (the engine's wasm is
//      compiled on first use), then the median of --runs warm runs;
//   2. the engine's wasm memory: after a 1-row import, and after the ROWS-row import (growth);
//   3. a new sort order (view request → table updated), median of 10;
//   4. the CSV export of every row (click → download event), median of 3;
//   5. upgrade waves for the imported rows (click "Plan the waves" → the waves in the DOM; the
//      second stage planned them), median of 5, alternating 20 and 19 machines per wave;
//   6. progress since an earlier inventory of the same fleet with 5 % fewer machines (the file
//      chosen → the comparison in the DOM: the engine reads and plans it, the second stage
//      compares), median of 5.
// Usage: node scripts/bench-fleet.mjs [--dist DIR] [--rows 10000] [--runs 5]
// Build the site first (scripts/serve.sh or trunk build --release --offline). Always exits 0 once it ran.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, DEFAULT_ROOT } from '../tests/e2e/support/server.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: process.env.E2E_DIST || DEFAULT_ROOT },
    rows: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
  },
});
const DIST = resolve(opts.dist);
const ROWS = Number(opts.rows);
const RUNS = Number(opts.runs);
if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`bench-fleet: ${DIST}/index.html not found: build the site first`);
  process.exit(2);
}

// Row templates: current.os, current.edition, current.service_pack, current.cluster_node,
// current.domain_controller, target.os ('' = the one target for all: Windows Server 2025).
const TEMPLATES = [
  ['windows-server-2016', 'standard', '', '', '', ''],
  ['windows-server-2019', 'datacenter', '', '', 'true', ''],
  ['windows-server-2012-r2', 'standard', '', '', '', ''],
  ['windows-server-2012', 'datacenter', '', 'true', '', ''],
  ['windows-server-2008-r2', 'enterprise', '1', '', '', ''],
  ['windows-server-2008', 'standard', '2', '', '', ''],
  ['windows-server-2003', 'enterprise', '1', '', '', 'windows-server-2003-r2'],
  ['windows-server-2022', 'standard', '', 'true', '', ''],
  ['windows-10', 'pro', '', '', '', 'windows-11'],
  ['windows-7', 'professional', '1', '', '', 'windows-10'],
];
export function inventory(rows) {
  const lines = ['name,current.os,current.edition,current.service_pack,current.cluster_node,current.domain_controller,target.os'];
  for (let i = 0; i < rows; i++) {
    const name = `srv-${String(i).padStart(6, '0')}`;
    if (i % 50 === 49) {
      lines.push(`${name},windows-server-2099,standard,,,,`); // a broken row: unknown version
      continue;
    }
    lines.push([name, ...TEMPLATES[i % TEMPLATES.length]].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

const server = await startServer({ root: DIST });
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('crash', () => console.error('bench-fleet: the page crashed'));
  page.on('pageerror', (e) => console.error('bench-fleet: page error', e));
  // In the page: resolves once done() holds (checked on every DOM change) and a frame has passed;
  // rejects after 20 s naming what did not appear.
  await page.addInitScript(() => {
    window.benchUntil = (done, what) =>
      new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error(`${what} did not appear`)), 20000);
        const obs = new MutationObserver(() => {
          if (done()) {
            obs.disconnect();
            requestAnimationFrame(() => resolve());
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
  });
  const opened = Date.now();
  await page.goto(`${server.url}#fleet`);
  await page.waitForSelector('[data-testid=fleet-input]');
  const openMs = Date.now() - opened;

  // Plans `text` through the page and returns the time from the click to the summary and table in the DOM.
  const plan = (text, rows) =>
    page.evaluate(
      async ({ text, rows }) => {
        const input = document.querySelector('[data-testid=fleet-input]');
        input.value = text;
        const done = () => {
          const s = document.querySelector('[data-testid=fleet-summary]');
          const status = document.querySelector('[data-testid=fleet-status]');
          return s && Number(s.dataset.rows) === rows && status.dataset.busy === 'false' && document.querySelector('[data-testid=fleet-row]');
        };
        // Leave the previous result's DOM behind first, so the observer sees this import.
        const t0 = performance.now();
        document.querySelector('[data-testid=fleet-plan]').click();
        await window.benchUntil(done, 'the imported table');
        const status = document.querySelector('[data-testid=fleet-status]');
        return { ms: performance.now() - t0, memory: Number(status.dataset.memoryBytes) };
      },
      { text, rows },
    );

  const small = await plan(inventory(1), 1);
  const firstAnswerMs = Date.now() - opened;
  const text = inventory(ROWS);
  console.log(`fleet benchmark: ${ROWS} rows (${(text.length / 1024).toFixed(0)} KiB of CSV), ${DIST}`);
  const cold = await plan(text, ROWS);
  const warm = [];
  let memory = cold.memory;
  for (let i = 0; i < RUNS; i++) {
    // Something else in between, so that every run really changes the page.
    await plan(inventory(1), 1);
    const r = await plan(text, ROWS);
    warm.push(r.ms);
    memory = Math.max(memory, r.memory);
  }
  console.log(`  cold open of #fleet (planner, then the Fleet view's app): ${ms(openMs)} to the input box; the first 1-row answer (engine loaded and compiled) ${ms(firstAnswerMs)} after navigation`);
  console.log(`  import, plan and render: first ${ms(cold.ms)} (engine started in the 1-row warm-up), median of ${RUNS} ${ms(median(warm))} (min ${ms(Math.min(...warm))}, max ${ms(Math.max(...warm))})   budget 500 ms`);
  console.log(
    `  engine wasm memory: ${(small.memory / 1048576).toFixed(1)} MiB after a 1-row import, ${(memory / 1048576).toFixed(1)} MiB after ${ROWS} rows ` +
      `(growth ${((memory - small.memory) / 1048576).toFixed(1)} MiB; wasm memory never shrinks)`,
  );

  // Sorting: a view request answered by the engine, then the table re-rendered.
  const sorts = [];
  for (let i = 0; i < 10; i++) {
    sorts.push(
      await page.evaluate(async (key) => {
        // Rows are updated in place: wait for the first row's name to change (sorting by verdict
        // puts a broken row first, by name srv-000000).
        const first = () => document.querySelector('[data-testid=fleet-row] th')?.textContent;
        const before = first();
        const t0 = performance.now();
        document.querySelector(`[data-testid=sort-${key}]`).click();
        await new Promise((resolve, reject) => {
          setTimeout(() => reject(new Error(`sorting by ${key} did not change the first row`)), 10000);
          const obs = new MutationObserver(() => {
            if (first() !== before) {
              obs.disconnect();
              resolve();
            }
          });
          obs.observe(document.querySelector('[data-testid=fleet-table]'), { subtree: true, childList: true, characterData: true });
        });
        return performance.now() - t0;
      }, i % 2 ? 'name' : 'verdict'),
    );
  }
  console.log(`  sort ${ROWS} rows (by verdict, by name) and show the first page: median of 10 ${ms(median(sorts))}`);

  const exports = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    const download = page.waitForEvent('download');
    await page.click('[data-testid=fleet-export-csv]');
    await download;
    exports.push(Date.now() - t0);
  }
  console.log(`  CSV export of ${ROWS} rows (click → download): median of 3 ${ms(median(exports))}`);

  const waves = [];
  for (let i = 0; i < 5; i++) {
    waves.push(
      await page.evaluate(async (max) => {
        const status = document.querySelector('[data-testid=fleet-status]');
        const before = status.textContent;
        const input = document.querySelector('[data-testid=waves-max]');
        input.value = String(max);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const done = () =>
          status.dataset.busy === 'false' && status.textContent.startsWith('Planned') && status.textContent !== before &&
          document.querySelector('[data-testid=waves-result] [data-testid=wave]');
        const t0 = performance.now();
        document.querySelector('[data-testid=waves-plan]').click();
        await window.benchUntil(done, 'the waves');
        return performance.now() - t0;
      }, i % 2 ? 19 : 20),
    );
  }
  console.log(`  upgrade waves for ${ROWS} rows (click → waves listed): median of 5 ${ms(median(waves))} (min ${ms(Math.min(...waves))}, max ${ms(Math.max(...waves))})`);

  // An earlier inventory of the same fleet (5 % fewer machines), chosen in the progress section.
  const earlier = inventory(ROWS - Math.floor(ROWS / 20));
  const compares = [];
  for (let i = 0; i < 5; i++) {
    compares.push(
      await page.evaluate(async (text) => {
        const status = document.querySelector('[data-testid=fleet-status]');
        const input = document.querySelector('[data-testid=progress-file]');
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'earlier.csv', { type: 'text/csv' }));
        input.files = dt.files;
        const done = () => status.dataset.busy === 'false' && status.textContent.startsWith('Compared with') &&
          document.querySelector('[data-testid=progress-result] [data-testid=progress-row]');
        const t0 = performance.now();
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await window.benchUntil(done, 'the comparison');
        return performance.now() - t0;
      }, earlier),
    );
  }
  console.log(`  progress since an earlier inventory of ${ROWS - Math.floor(ROWS / 20)} rows (file chosen → comparison listed): median of 5 ${ms(median(compares))} (min ${ms(Math.min(...compares))}, max ${ms(Math.max(...compares))})`);
} finally {
  await browser.close();
  await server.close();
}
