#!/usr/bin/env node
// Size report for the built site: raw and gzip (level 9) bytes per file kind, checked against a gzip budget.
// Usage: node scripts/size-report.mjs [distDir]   (env SIZE_BUDGET_KIB, default 250)
// Exit codes: 0 within budget, 1 over budget, 2 dist missing or bad arguments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const KINDS = ['wasm', 'js', 'css', 'html']; // all of these count towards the budget
// Default: <repo>/dist, wherever the script is run from.
const dist = (process.argv[2] ?? (relative(process.cwd(), fileURLToPath(new URL('../dist', import.meta.url))) || '.')).replace(/\/+$/, '');
const budgetKiB = Number(process.env.SIZE_BUDGET_KIB ?? 250);

if (!Number.isFinite(budgetKiB) || budgetKiB <= 0) {
  console.error(`size-report: SIZE_BUDGET_KIB must be a positive number, got "${process.env.SIZE_BUDGET_KIB}"`);
  process.exit(2);
}
if (!statSync(dist, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`size-report: ${dist}/ not found: build the site first (trunk build)`);
  process.exit(2);
}

const rows = new Map([...KINDS, 'other', 'offline'].map((k) => [k, { files: 0, raw: 0, gzip: 0 }]));
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const data = readFileSync(join(entry.parentPath ?? entry.path, entry.name));
  const ext = extname(entry.name).slice(1).toLowerCase();
  // The single-file offline copy is a separate download, reported on its own line.
  const row = rows.get(/-offline\.html$/.test(entry.name) ? 'offline' : KINDS.includes(ext) ? ext : 'other');
  row.files += 1;
  row.raw += data.length;
  row.gzip += gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length;
}

const kib = (bytes) => (bytes / 1024).toFixed(1);
const line = (...cols) => cols.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart']([7, 6, 10, 10, 10, 10][i])).join('').trimEnd();

const total = { files: 0, raw: 0, gzip: 0 };
console.log(`size report (${dist}/)`);
console.log(line('kind', 'files', 'raw B', 'gzip B', 'raw KiB', 'gzip KiB'));
for (const kind of KINDS) {
  const r = rows.get(kind);
  for (const k of Object.keys(total)) total[k] += r[k];
  console.log(line(kind, r.files, r.raw, r.gzip, kib(r.raw), kib(r.gzip)));
}
const over = total.gzip > budgetKiB * 1024;
console.log(
  `${line('total', total.files, total.raw, total.gzip, kib(total.raw), kib(total.gzip))}` +
    `   (budget ${budgetKiB.toFixed(1)} KiB gzip: ${over ? 'OVER' : 'OK'})`,
);
const other = rows.get('other');
if (other.files) console.log(line('other', other.files, other.raw, other.gzip, kib(other.raw), kib(other.gzip)) + '   (not budgeted)');
const offline = rows.get('offline');
if (offline.files) console.log(line('offline', offline.files, offline.raw, offline.gzip, kib(offline.raw), kib(offline.gzip)) + '   (single-file offline copy, not budgeted)');

if (over) {
  console.error(
    `size-report: wasm+js+css+html is ${kib(total.gzip)} KiB gzip, over the ${budgetKiB.toFixed(1)} KiB budget ` +
      `by ${kib(total.gzip - budgetKiB * 1024)} KiB`,
  );
  process.exit(1);
}
