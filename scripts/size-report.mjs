#!/usr/bin/env node
// Size report for the built site: raw and gzip (level 9) bytes per file kind, checked against budgets.
//   - first load: everything a visitor of the planner downloads (wasm, JS, CSS, HTML) — budget
//     SIZE_BUDGET_KIB, default 250 KiB gzip;
//   - second stage: the planner page's matrices and sources (planner-extras-*), loaded after the
//     first answer is on screen — reported, not budgeted;
//   - host pages: api.js and embed.js, which wiki pages load and the planner never does — reported;
//   - Fleet view: the files loaded only when Fleet is opened (fleet-*: its app and its engine) —
//     budget FLEET_BUDGET_KIB, default 400 KiB gzip;
//   - Fleet second stage: fleet-extras-* (pictures, waves, progress, workbook, collection script), loaded by the engine
//     when first needed — reported, not budgeted.
// The single-file offline copy is reported on its own line (not budgeted: it is a separate download).
// Usage: node scripts/size-report.mjs [distDir]
// Exit codes: 0 within budgets, 1 over a budget, 2 dist missing or bad arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const KINDS = ['wasm', 'js', 'css', 'html']; // all of these count towards a budget
// Default: <repo>/dist, wherever the script is run from.
const dist = (process.argv[2] ?? (relative(process.cwd(), fileURLToPath(new URL('../dist', import.meta.url))) || '.')).replace(/\/+$/, '');
const budgets = { first: Number(process.env.SIZE_BUDGET_KIB ?? 250), fleet: Number(process.env.FLEET_BUDGET_KIB ?? 400) };

for (const [name, kib] of Object.entries(budgets)) {
  if (!Number.isFinite(kib) || kib <= 0) {
    console.error(`size-report: the ${name} budget must be a positive number of KiB, got "${kib}"`);
    process.exit(2);
  }
}
if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`size-report: ${dist}/ not found: build the site first (trunk build)`);
  process.exit(2);
}

const empty = () => ({ files: 0, raw: 0, gzip: 0 });
const groups = Object.fromEntries(['first', 'second', 'host', 'fleet', 'fleet2'].map((g) => [g, new Map(KINDS.map((k) => [k, empty()]))]));
// api.js and embed.js are for host pages (wiki embedding); the planner page never loads them.
const HOST_PAGE = new Set(['api.js', 'api-loader.js', 'embed.js']);
const groupOf = (name) =>
  name.startsWith('fleet-extras-') ? 'fleet2' : name.startsWith('fleet-') ? 'fleet' : name.startsWith('planner-extras-') ? 'second' : HOST_PAGE.has(name) ? 'host' : 'first';
const other = empty();
const offline = empty();
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const data = readFileSync(join(entry.parentPath ?? entry.path, entry.name));
  const ext = extname(entry.name).slice(1).toLowerCase();
  const row = /-offline\.html$/.test(entry.name)
    ? offline
    : !KINDS.includes(ext)
      ? other
      : groups[groupOf(entry.name)].get(ext);
  row.files += 1;
  row.raw += data.length;
  row.gzip += gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length;
}

const kib = (bytes) => (bytes / 1024).toFixed(1);
const line = (...cols) => cols.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart']([9, 6, 10, 10, 10, 10][i])).join('').trimEnd();
const failures = [];
console.log(`size report (${dist}/)`);
for (const [group, title] of [['first', 'first load (the planner)'], ['second', 'second stage (matrices and sources, loaded after the first answer)'], ['host', 'for host pages (api.js, api-loader.js, embed.js; not loaded by the planner)'], ['fleet', 'Fleet view (loaded when Fleet is opened)'], ['fleet2', 'Fleet second stage (pictures, waves, progress, workbook, collection script; loaded by the engine when first needed)']]) {
  console.log(`${title}:`);
  console.log(line('  kind', 'files', 'raw B', 'gzip B', 'raw KiB', 'gzip KiB'));
  const total = empty();
  for (const kind of KINDS) {
    const r = groups[group].get(kind);
    for (const k of Object.keys(total)) total[k] += r[k];
    if (r.files) console.log(line(`  ${kind}`, r.files, r.raw, r.gzip, kib(r.raw), kib(r.gzip)));
  }
  if (!(group in budgets)) {
    console.log(`${line('  total', total.files, total.raw, total.gzip, kib(total.raw), kib(total.gzip))}   (not budgeted)`);
    continue;
  }
  const over = total.gzip > budgets[group] * 1024;
  console.log(`${line('  total', total.files, total.raw, total.gzip, kib(total.raw), kib(total.gzip))}   (budget ${budgets[group].toFixed(1)} KiB gzip: ${over ? 'OVER' : 'OK'})`);
  if (over) failures.push(`${title} is ${kib(total.gzip)} KiB gzip, over its ${budgets[group].toFixed(1)} KiB budget by ${kib(total.gzip - budgets[group] * 1024)} KiB`);
}
if (other.files) console.log(line('other', other.files, other.raw, other.gzip, kib(other.raw), kib(other.gzip)) + '   (not budgeted)');
if (offline.files) console.log(line('offline', offline.files, offline.raw, offline.gzip, kib(offline.raw), kib(offline.gzip)) + '   (single-file offline copy with the Fleet view, not budgeted)');
for (const f of failures) console.error(`size-report: ${f}`);
process.exit(failures.length ? 1 : 0);
