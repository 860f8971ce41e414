// The Fleet view (`#fleet`): import an inventory (paste, choose, drop, map columns), the counts, the
// table (filter, sort, page, open a row in the planner), the exports, hostile input, the size limit,
// the single-file offline copy and the strict CSP. Every expectation comes from the `upgrade-plan`
// command or from the fixture files, never from what the page shows.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startApp, DIST } from './support/app.mjs';
import { withScreenshotOnFailure } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { FleetPage } from './pages/fleet-page.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = resolve(REPO, process.env.UPGRADE_PLAN_BIN || 'target/debug/upgrade-plan');
const INVENTORIES = join(REPO, 'tests/inventories');
/** The Fleet view's default target for rows without their own target.os. */
const TARGET = 'windows-server-2025';
const VERDICTS = ['supported', 'supported-after-prerequisites', 'not-supported', 'error'];

let app;

before(async () => {
  assert.ok(
    existsSync(BIN),
    `the upgrade-plan command was not found at ${BIN}: build it with ` +
      '`cargo build --no-default-features --bin upgrade-plan` (cargo test builds it too) or set UPGRADE_PLAN_BIN',
  );
  app = await startApp();
});

after(async () => {
  await app?.close();
});

/** Browser contexts opened by the current test, closed after it (their pages hold a fleet each). */
const contexts = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => {});
});

// ---- the command and the fixtures ---------------------------------------------------------------

const fixture = (name) => join(INVENTORIES, name);

/** Runs upgrade-plan --inventory on a file (or on `text` through stdin); returns stdout as a Buffer. */
function cli({ file, text, format, markdown = false, target = TARGET }) {
  const args = ['--inventory', file ?? '-', '--target', target];
  if (format) args.push('--format', format);
  if (markdown) args.push('--markdown');
  return execFileSync(BIN, args, { input: text, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });
}

const cliJson = (source) => JSON.parse(cli({ ...source, format: 'json' }).toString('utf8'));

/** The Windows versions the command knows (its refusal of `--target windows-95` lists them). */
function cliCatalog() {
  try {
    cli({ file: fixture('native.csv'), target: 'windows-95', format: 'csv' });
  } catch (err) {
    const accepted = String(err.stderr).split('accepted:')[1] ?? '';
    return [...accepted.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  }
  assert.fail('upgrade-plan accepted --target windows-95');
}

const verdictOf = (r) => (r.error == null ? r.verdict : 'error');

/** Servers per verdict (error = rows that could not be planned) and per blocker code. */
function tally(results) {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0]));
  const blockers = {};
  for (const r of results) {
    counts[verdictOf(r)] += 1;
    if (r.error == null) for (const code of new Set(r.blockers)) blockers[code] = (blockers[code] ?? 0) + 1;
  }
  return { counts, blockers };
}

/** A small RFC 4180 reader for the comma-separated fixtures: rows of cells (empty lines dropped). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}

/** The fixture's rows as { header: cell } objects. */
function fixtureRecords(name) {
  const [header, ...rows] = parseCsv(readFileSync(fixture(name), 'utf8'));
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** location.hash as { path: value } (percent-decoded). */
function fragmentParams(hash) {
  return Object.fromEntries(
    hash
      .replace(/^#/, '')
      .split('&')
      .filter(Boolean)
      .map((kv) => {
        const at = kv.indexOf('=');
        return [decodeURIComponent(kv.slice(0, at)), decodeURIComponent(kv.slice(at + 1))];
      }),
  );
}

/** A Fleet page on a fresh context of the test server, with dialogs recorded (and dismissed). */
async function openFleet() {
  const planner = await app.open();
  contexts.push(planner.page.context());
  const fleet = new FleetPage(planner.page, app.server.url);
  fleet.planner = planner;
  fleet.dialogs = [];
  planner.page.on('dialog', (d) => {
    fleet.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await fleet.goto();
  return fleet;
}

const pageErrors = (page) => [
  ...page.consoleErrors.map((e) => `console: ${e}`),
  ...page.pageErrors.map((e) => `pageerror: ${e}`),
];

/** The counts the page shows, and the rows, equal what the command gives for the same inventory. */
async function assertSameAsCli(fleet, expected) {
  const { counts, blockers } = tally(expected);
  assert.deepEqual(await fleet.counts(), counts, 'servers per verdict');
  assert.deepEqual(await fleet.blockerCounts(), blockers, 'servers per blocker');
  const rows = await fleet.rows();
  assert.deepEqual(
    rows.map((r) => ({ name: r.name, line: r.line, verdict: r.verdict, decision: r.decision })),
    expected.slice(0, 100).map((r) => ({ name: r.name, line: r.line, verdict: verdictOf(r), decision: r.decision })),
    'rows in inventory order',
  );
  // Machines by decision, as the command decides them.
  const decisions = {};
  for (const r of expected) decisions[r.decision] = (decisions[r.decision] ?? 0) + 1;
  const shown = await fleet.page.locator('[data-testid^="decision-count-"]').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.testid.slice('decision-count-'.length), Number(e.dataset.count)])));
  assert.deepEqual(shown, decisions, 'machines per decision');
}

// ---- a. paste ------------------------------------------------------------------------------------

test('a: pasting native.csv plans every row: counts by verdict and blocker, names and verdicts as the command', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  const expected = cliJson({ file: fixture('native.csv') });
  await withScreenshotOnFailure(page, 'fleet-a-paste', async () => {
    assert.equal(await fleet.byTestId('fleet-target').inputValue(), TARGET, 'the default target');
    // Every comparison below needs the command and the site built from the same catalog.
    assert.deepEqual(
      (await fleet.byTestId('fleet-target').locator('option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean),
      cliCatalog(),
      `${BIN} and the site know different Windows versions (a build with --features synthetic-2028?): ` +
        'rebuild it with `cargo build --no-default-features --bin upgrade-plan`',
    );
    const privacy = fleet.byTestId('fleet-privacy');
    assert.ok(await privacy.isVisible(), 'the privacy note is not visible');
    assert.match(await privacy.innerText(), /never leaves this browser/);

    const n = await fleet.paste(readFileSync(fixture('native.csv'), 'utf8'));
    assert.equal(n, expected.length, 'rows planned');
    await assertSameAsCli(fleet, expected);
    assert.ok(Object.keys(tally(expected).blockers).length > 0, 'the fixture has blockers (else the blocker check is empty)');
    const planned = expected.filter((r) => r.error == null).length;
    assert.match(await fleet.summaryText(), new RegExp(`^${expected.length} rows read as native CSV.*: ${planned} planned, ${expected.length - planned} with input errors\\.$`));
    assert.equal(await fleet.range(), `Rows 1–${expected.length} of ${expected.length}`);
    assert.ok(await privacy.isVisible(), 'the privacy note is not visible after the import');
    // The last column says what stops a row, or what it waits for: the command's first blocker,
    // else its plan's first prerequisite.
    const rows = await fleet.rows();
    const afterPrerequisites = expected.filter((r) => r.verdict === 'supported-after-prerequisites');
    assert.ok(afterPrerequisites.length > 0, 'the fixture has rows supported after prerequisites');
    for (const [i, r] of expected.entries()) {
      const prerequisite = r.plan?.findings.find((f) => f.severity === 'prerequisite');
      const want = r.error ?? (r.first_blocker ? `${r.first_blocker.code}: ${r.first_blocker.message}` : prerequisite ? `${prerequisite.code}: ${prerequisite.message}` : '');
      assert.equal(rows[i].detail, want, `the last column of ${r.name}`);
    }
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- b. exports ----------------------------------------------------------------------------------

test('b: the CSV, JSON and Markdown exports are what upgrade-plan --inventory writes', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  const file = fixture('native.csv');
  await withScreenshotOnFailure(page, 'fleet-b-exports', async () => {
    await fleet.paste(readFileSync(file, 'utf8'));

    const csv = await fleet.exportDownload('csv');
    assert.equal(csv.name, 'fleet-plan.csv');
    const cliCsv = cli({ file, format: 'csv' });
    assert.ok(csv.bytes.equals(cliCsv), `the CSV export differs from the command's:\n--- page\n${csv.text}\n--- command\n${cliCsv}`);

    const json = await fleet.exportDownload('json');
    assert.equal(json.name, 'fleet-plan.json');
    assert.deepEqual(JSON.parse(json.text), cliJson({ file }), 'the JSON export');

    const md = await fleet.exportDownload('markdown');
    assert.equal(md.name, 'fleet-plan.md');
    const trimLines = (s) => s.split('\n').map((l) => l.trimEnd()).join('\n').trimEnd();
    assert.equal(trimLines(md.text), trimLines(cli({ file, markdown: true }).toString('utf8')), 'the Markdown export');

    await eventually(async () => assert.equal(await fleet.statusText(), 'Exported fleet-plan.md.'));
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- c. open a row -------------------------------------------------------------------------------

test('c: a row opens its server in the planner; Back returns to the same results without a new import', async () => {
  const fleet = await openFleet();
  const { page, planner } = fleet;
  const name = 'SQL-CLU-A';
  const expected = cliJson({ file: fixture('native.csv') }).find((r) => r.name === name);
  const cells = fixtureRecords('native.csv').find((r) => r.name === name);
  assert.ok(expected && cells, `${name} is in native.csv`);
  await withScreenshotOnFailure(page, 'fleet-c-open-row', async () => {
    await fleet.paste(readFileSync(fixture('native.csv'), 'utf8'));
    const rowsBefore = await fleet.rows();
    const statusBefore = await fleet.statusText();
    // Remember the rendered results and watch the status: a new import would say "Planning…".
    await page.evaluate(() => {
      window.__fleetSummary = document.querySelector('[data-testid="fleet-summary"]');
      window.__fleetStatuses = [];
      const status = document.querySelector('[data-testid="fleet-status"]');
      new MutationObserver(() => window.__fleetStatuses.push(status.textContent)).observe(status, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });

    await fleet.openRow(name);
    await eventually(async () => assert.notEqual(await fleet.hash(), '#fleet'));
    const params = fragmentParams(await fleet.hash());
    for (const [column, value] of Object.entries(cells)) {
      if (column === 'name' || value === '') continue;
      assert.equal(params[column], value, `the link's ${column} (fixture: ${value}); fragment ${await fleet.hash()}`);
    }
    await planner.byTestId('verdict').waitFor({ state: 'visible' });
    assert.equal(await fleet.byTestId('fleet').isVisible(), false, 'the Fleet view is hidden in the planner');
    await eventually(async () => assert.equal(await planner.verdict(), expected.verdict));
    assert.equal(await planner.value('current-os'), expected.current);
    assert.equal(await planner.value('target-os'), expected.target);

    await page.goBack();
    await eventually(async () => assert.equal(await fleet.hash(), '#fleet'));
    await fleet.byTestId('fleet-table').waitFor({ state: 'visible' });
    assert.equal(await planner.byTestId('verdict').isVisible(), false, 'the planner is hidden in the Fleet view');
    assert.deepEqual(await fleet.rows(), rowsBefore, 'the same rows');
    assert.equal(await fleet.statusText(), statusBefore);
    assert.deepEqual(await page.evaluate(() => window.__fleetStatuses), [], 'the status changed: the inventory was imported again');
    assert.ok(
      await page.evaluate(() => window.__fleetSummary === document.querySelector('[data-testid="fleet-summary"]')),
      'the results were rendered again',
    );

    // Opened again: the planner names the machine at the top, and "Back to fleet" returns to the
    // same results.
    await fleet.openRow(name);
    await planner.byTestId('from-fleet').waitFor({ state: 'visible' });
    assert.match(await planner.byTestId('from-fleet').innerText(), new RegExp(`^${name} from the fleet`));
    const fromTop = await planner.byTestId('from-fleet').evaluate((el) => el.getBoundingClientRect().top);
    const verdictTop = await planner.byTestId('verdict').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(fromTop < verdictTop, 'the name comes before the verdict');
    await planner.byTestId('back-to-fleet').click();
    await eventually(async () => assert.equal(await fleet.hash(), '#fleet'));
    await fleet.byTestId('fleet-table').waitFor({ state: 'visible' });
    assert.deepEqual(await fleet.rows(), rowsBefore, 'the same rows after Back to fleet');
    // A scenario typed by hand is not "from the fleet".
    await planner.goto('current.os=windows-server-2016&target.os=windows-server-2019');
    assert.equal(await planner.byTestId('from-fleet').count(), 0);
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- d. choose and drop files --------------------------------------------------------------------

test('d: a chosen Get-ComputerInfo file and a dropped ConfigMgr file are read and planned as the command does', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-d-files', async () => {
    const ps = cliJson({ file: fixture('get-computerinfo.csv') });
    assert.equal(await fleet.chooseFile(fixture('get-computerinfo.csv')), ps.length);
    assert.match(await fleet.summaryText(), new RegExp(`^${ps.length} rows read as PowerShell export`));
    assert.match(await fleet.byTestId('fleet-file-name').innerText(), /get-computerinfo\.csv/);
    await assertSameAsCli(fleet, ps);

    const cm = cliJson({ file: fixture('configmgr-hinv.csv') });
    assert.equal(await fleet.dropFile('configmgr-hinv.csv', readFileSync(fixture('configmgr-hinv.csv'), 'utf8')), cm.length);
    assert.match(await fleet.summaryText(), new RegExp(`^${cm.length} rows read as ConfigMgr hardware-inventory export`));
    assert.match(await fleet.byTestId('fleet-file-name').innerText(), /configmgr-hinv\.csv/);
    assert.doesNotMatch(await fleet.byTestId('fleet-dropzone').getAttribute('class'), /dragging/, 'the drop zone left its dragging state');
    await assertSameAsCli(fleet, cm);
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

test('d2: a mixed fleet of PCs to Windows 11: machines by hardware readiness as the command counts them, each a filter', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-d2-hardware', async () => {
    const file = fixture('readiness/native-hardware.csv');
    const expected = cliJson({ file, target: 'windows-11' });
    await fleet.chooseTarget('windows-11');
    assert.equal(await fleet.chooseFile(file), expected.length);
    await assertSameAsCli(fleet, expected);
    const want = { ready: 0, fixable: 0, replace: 0, unknown: 0 };
    for (const r of expected) want[r.hardware] += 1;
    const shown = await page.locator('[data-testid^="hw-count-"]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.dataset.testid.slice('hw-count-'.length), Number(e.dataset.count)])));
    assert.deepEqual(shown, want);
    assert.deepEqual(want, { ready: 2, fixable: 5, replace: 3, unknown: 2 }, 'the README of tests/inventories/readiness');
    // Each count is a filter: the machines to replace, with the outcome in their row.
    await fleet.byTestId('hw-count-replace').click();
    await eventually(async () => {
      const rows = await page.locator('[data-testid="fleet-row"]').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th a, th span').textContent, tr.querySelector('[data-testid="fleet-hardware-cell"]').dataset.hardware]));
      assert.deepEqual(rows, expected.filter((r) => r.hardware === 'replace').map((r) => [r.name, 'replace']));
    });
    await fleet.byTestId('fleet-clear-hardware').click();
    // The decision is a filter too: the machines ESU has to bridge until they are replaced.
    await fleet.byTestId('decision-count-bridge-with-esu').click();
    await eventually(async () => {
      const names = await page.locator('[data-testid="fleet-row"] th a').allTextContents();
      assert.deepEqual(names, expected.filter((r) => r.decision === 'bridge-with-esu').map((r) => r.name));
    });
    await fleet.byTestId('fleet-clear-decision').click();
    await eventually(async () => assert.equal(await page.locator('[data-testid="fleet-row"]').count(), expected.length));
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

test('d5: an inventory and nine readiness exports chosen together are joined by machine name as the command joins them', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-d5-readiness', async () => {
    const names = ['os-only.csv', 'win32-processor.csv', 'win32-computersystem.csv', 'get-tpm.csv', 'secure-boot.csv',
      'hardware-readiness-runscripts.csv', 'configmgr-readiness.csv', 'wufb-ucclientreadinessstatus.csv',
      'intune-work-from-anywhere.csv', 'whynotwin11.csv'];
    const files = names.map((n) => fixture(`readiness/${n}`));
    const args = files.flatMap((f) => ['--inventory', f]).concat(['--target', 'windows-11', '--format', 'json']);
    const expected = JSON.parse(execFileSync(BIN, args, { stdio: 'pipe' }).toString('utf8'));
    await fleet.chooseTarget('windows-11');
    assert.equal(await fleet.chooseFile(files), expected.length);
    assert.match(await fleet.summaryText(), /^12 machines from 10 files, joined by machine name/);
    const read = await fleet.filesRead();
    assert.deepEqual(read.map((r) => r.file), names);
    assert.match(read[3].text, /get-tpm\.csv: read as Get-Tpm export, 10 rows, 10 joined/);
    await assertSameAsCli(fleet, expected);
    // The README of tests/inventories/readiness: every source together.
    const shown = await page.locator('[data-testid^="hw-count-"]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.dataset.testid.slice('hw-count-'.length), Number(e.dataset.count)])));
    assert.deepEqual(shown, { ready: 2, fixable: 5, replace: 4, unknown: 1 });
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

test('p: the pictures count what the command counts, a bar filters the table, and they carry their data tables', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-p-pictures', async () => {
    const file = fixture('waves.csv');
    const expected = cliJson({ file, target: 'windows-server-2025' });
    await fleet.chooseTarget('windows-server-2025');
    assert.equal(await fleet.chooseFile(file), expected.length);
    const bars = (chart) => page.locator(`[data-testid="${chart}"] [data-testid="chart-bar"]`).evaluateAll((gs) =>
      Object.fromEntries(gs.map((g) => [g.dataset.id, Number(g.dataset.value)])));
    await page.locator('[data-testid="chart-decisions"] svg').waitFor({ state: 'visible' });
    const want = {};
    for (const r of expected) want[r.decision] = (want[r.decision] ?? 0) + 1;
    assert.deepEqual(await bars('chart-decisions'), want);
    const versions = {};
    for (const r of expected.filter((r) => r.error == null)) versions[r.current] = (versions[r.current] ?? 0) + 1;
    assert.deepEqual(await bars('chart-current'), versions);
    // Each picture has a title and a description, and the same numbers as a table.
    for (const id of ['chart-decisions', 'chart-findings', 'chart-timeline', 'chart-current']) {
      const fig = page.getByTestId(id);
      assert.ok((await fig.locator('svg title').first().textContent()).length > 0, id);
      assert.ok((await fig.locator('svg desc').textContent()).length > 0, id);
      assert.ok(await fig.locator('table tbody tr').count() > 0, id);
    }
    // The timeline: 12 quarters; every planned machine whose support ends in them is counted once.
    assert.equal(await page.locator('[data-testid="chart-quarter"]').count(), 12);
    // No style attribute anywhere in the drawing (strict CSP).
    assert.equal(await page.locator('[data-testid="fleet-charts"] [style]').count(), 0);
    // A click on a decision bar filters the table to those machines; a second click clears it.
    await page.locator('[data-testid="chart-decisions"] [data-id="fix-first"]').click();
    await eventually(async () => {
      const names = await page.locator('[data-testid="fleet-row"]').evaluateAll((trs) => trs.map((tr) => tr.dataset.name));
      assert.deepEqual(names, expected.filter((r) => r.decision === 'fix-first').map((r) => r.name));
    });
    await page.locator('[data-testid="chart-decisions"] [data-id="fix-first"]').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await page.locator('[data-testid="fleet-row"]').count(), expected.length));
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

test('w: upgrade waves for two clusters and three domain controllers: as the command plans them, bad options refused in place', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-w-waves', async () => {
    const file = fixture('waves.csv');
    await fleet.chooseTarget('windows-server-2025');
    assert.equal(await fleet.chooseFile(file), 17);
    // The next Monday, as the form proposes it and as the command is given it.
    const start = await page.getByTestId('waves-start').inputValue();
    assert.match(start, /^\d{4}-\d{2}-\d{2}$/);
    const args = ['--inventory', file, '--target', 'windows-server-2025', '--waves', start, '--every', '7', '--max', '3'];
    const expected = JSON.parse(execFileSync(BIN, [...args, '--format', 'json'], { stdio: 'pipe' }).toString('utf8'));
    // Bad options: said beside the form; the fleet stays.
    await fleet.planWaves({ max: 0 }, { expectWaves: false });
    assert.match(await fleet.byTestId('waves-error').innerText(), /most machines per wave: 0 is not accepted; accepted: 1 to 10000/);
    assert.equal(await page.locator('[data-testid="fleet-row"]').count(), 17);
    await fleet.planWaves({ start: '2020-01-06', max: 3 }, { expectWaves: false });
    await eventually(async () => assert.match(await fleet.byTestId('waves-error').innerText(), /start date 2020-01-06 is in the past/));
    await fleet.planWaves({ start, every: 7, max: 3 });
    assert.equal(await fleet.byTestId('waves-error').count(), 0);
    assert.deepEqual(await fleet.waves(), expected.waves.map((w) => [w.number, w.date, w.entries.map((e) => e.name)]));
    // The Hyper-V cluster's nodes in one wave, in order; dc01 and dc02 apart.
    const waves = await fleet.waves();
    const waveOf = (n) => waves.filter(([, , names]) => names.includes(n)).map(([w]) => w);
    assert.deepEqual(waveOf('hv2'), waveOf('hv1'));
    assert.notDeepEqual(waveOf('dc01'), waveOf('dc02'));
    assert.match(await fleet.byTestId('waves-note').first().innerText(), /1 domain controller without a domain/);
    assert.match(await page.locator('[data-testid="wave-unscheduled"]').first().textContent(), /new01: already on the target/);
    // The exports hold the same bytes as the command writes.
    assert.equal(await fleet.wavesExport('csv'), execFileSync(BIN, args, { stdio: 'pipe' }).toString('utf8'));
    assert.equal(await fleet.wavesExport('markdown'), execFileSync(BIN, [...args, '--markdown'], { stdio: 'pipe' }).toString('utf8'));
    // The workbook: machines, summary and these waves, cell for cell as the command writes them,
    // read back by openpyxl.
    const dir = mkdtempSync(join(tmpdir(), 'fleet-xlsx-'));
    const fromPage = join(dir, 'page.xlsx');
    const fromCli = join(dir, 'cli.xlsx');
    writeFileSync(fromPage, (await fleet.exportDownload('xlsx')).bytes);
    execFileSync(BIN, [...args, '--xlsx', fromCli], { stdio: 'pipe' });
    const cells = (f) => JSON.parse(execFileSync('/usr/bin/python3', [fileURLToPath(new URL('../support/xlsx_cells.py', import.meta.url)), f]).toString('utf8'));
    const book = cells(fromPage);
    assert.deepEqual(Object.keys(book), ['Machines', 'Summary', 'Waves']);
    assert.deepEqual(book, cells(fromCli));
    assert.equal(book.Machines.length, 18);
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

test('q: progress since an earlier inventory: a file or the inventory remembered on request, as the command compares them; bad input said in place', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  const KEY = 'upgrade-planner-fleet-remembered';
  await withScreenshotOnFailure(page, 'fleet-q-progress', async () => {
    const earlier = fixture('progress/earlier.csv');
    const later = fixture('progress/later.csv');
    // The command's comparison: its CSV, and the statuses and counts read from it.
    const cliCsv = execFileSync(BIN, ['--inventory', later, '--target', TARGET, '--compare', earlier], { stdio: 'pipe' }).toString('utf8');
    const cliRows = cliCsv.trim().split('\n').slice(1).map((l) => l.split(','));
    const cliCounts = {};
    for (const id of ['upgraded', 'on-target', 'still-to-do', 'new', 'removed']) cliCounts[id] = cliRows.filter((r) => r[1] === id).length;
    cliCounts['verdict-changed'] = cliRows.filter((r) => r[8] === 'true').length;
    const byStatus = (rows) => Object.fromEntries(rows.map(([name, status, changed]) => [name, [status, String(changed)]]));

    assert.equal(await fleet.chooseFile(later), 6);
    // Bad earlier inventories: a message in the progress section; the fleet on screen stays.
    const refusals = [
      [{ name: 'old.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]) }, /^the earlier inventory: `old\.xlsx`/],
      [{ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from('Computer;Owner\nA;B\n') }, /columns were not recognised/],
      [{ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('name,current.os\n') }, /the earlier inventory has no rows/],
    ];
    for (const [file, message] of refusals) {
      assert.match(await fleet.compareWith(file, { expectResult: false }), message);
      assert.equal(await page.locator('[data-testid="fleet-row"]').count(), 6, `${file.name}: the fleet was lost`);
      assert.equal(await fleet.byTestId('progress-result').count(), 0);
    }
    // The earlier file: counts, rows and the CSV export as the command's.
    await fleet.compareWith(earlier);
    assert.deepEqual(await fleet.progressCounts(), cliCounts);
    assert.deepEqual(byStatus(await fleet.progressRows()), Object.fromEntries(cliRows.map((r) => [r[0], [r[1], r[8]]])));
    // A name given twice is said in place.
    assert.match(await fleet.byTestId('progress-note').innerText(), /`APP01` appears more than once in the earlier inventory/);
    assert.equal(await fleet.progressExport(), cliCsv);
    // Nothing was stored: remembering is opt-in.
    assert.equal((await fleet.storedKeys())[KEY], undefined);

    // Remember the earlier inventory, then import the later one and compare with what was kept.
    assert.equal(await fleet.chooseFile(earlier), 7);
    assert.equal(await fleet.byTestId('progress-result').count(), 0, 'a new import keeps no comparison');
    await fleet.setRemember(true);
    assert.ok((await fleet.storedKeys())[KEY] > 0);
    await page.reload();
    await fleet.ready();
    assert.equal(await fleet.chooseFile(later), 6);
    assert.match(await fleet.byTestId('progress-remembered').innerText(), /the inventory planned on \d{4}-\d{2}-\d{2} \(7 machines, earlier\.csv/);
    await fleet.compareWithRemembered();
    assert.deepEqual(await fleet.progressCounts(), cliCounts);
    assert.equal(await fleet.progressExport(), cliCsv);
    // What was kept is what a comparison needs, no more.
    const kept = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.deepEqual([...new Set(kept.rows.flatMap((r) => Object.keys(r)))].sort(), ['current', 'decision', 'error', 'name', 'verdict']);
    // A damaged remembered inventory is refused with what to do.
    await page.evaluate((k) => localStorage.setItem(k, '{"format":"something else"}'), KEY);
    assert.match(await fleet.compareWithRemembered({ expectResult: false }), /saved in another format .*forget it/);
    // Forget it: gone from the page and from the browser.
    await fleet.byTestId('progress-forget').click();
    await eventually(async () => assert.equal(await fleet.byTestId('progress-remembered').count(), 0));
    assert.deepEqual(Object.keys(await fleet.storedKeys()).filter((k) => k.startsWith(KEY)), []);
    // The switch, switched off, forgets too.
    await fleet.setRemember(true);
    assert.ok((await fleet.storedKeys())[KEY] > 0);
    await fleet.setRemember(false);
    assert.deepEqual(Object.keys(await fleet.storedKeys()).filter((k) => k.startsWith(KEY)), []);
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

test('d3: a file that cannot be decoded after a good one clears the results and the exports', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-d3-refused', async () => {
    for (const bad of [
      { name: 'nul.csv', mimeType: 'text/csv', buffer: Buffer.from('name,current.os\nA\u0000,windows-server-2016\n') },
      { name: 'bom.csv', mimeType: 'text/csv', buffer: Buffer.from([0xef, 0xbb, 0xbf, 0x6e, 0x2c, 0xff, 0xfe, 0x0a]) },
    ]) {
      await fleet.chooseFile(fixture('native.csv'));
      assert.equal(await fleet.byTestId('fleet-export-csv').count(), 1);
      await fleet.chooseFile(bad, { expectImport: false });
      const error = await fleet.waitForError();
      assert.ok(error.length > 0);
      await eventually(async () => {
        assert.equal(await page.locator('[data-testid="fleet-row"]').count(), 0, `${bad.name}: old rows still shown`);
        assert.equal(await fleet.byTestId('fleet-export-csv').count(), 0, `${bad.name}: old exports still offered`);
        assert.equal(await fleet.byTestId('fleet-summary').count(), 0, `${bad.name}: old counts still shown`);
      });
    }
  });
});

test('d4: the table reads as text: values as code without backticks, a row without a name says so, prerequisites are counted and searched', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-d4-text', async () => {
    const text = 'name,current.os,target.os\n,windows-server-2016,windows-server-2025\nBAD,windows-95,windows-server-2025\n';
    const expected = cliJson({ text });
    assert.equal(await fleet.paste(text), 2);
    const rows = await fleet.rows();
    assert.equal(rows[0].shownName, '(no name)');
    assert.equal(rows[0].name, expected[0].name);
    assert.equal(rows[1].detail, expected[1].error);
    assert.ok(!rows[1].detailText.includes('`'), rows[1].detailText);
    assert.ok(await page.locator('[data-testid="fleet-row"] td.detail code').count() >= 1);
    // The first row waits for a prerequisite: it is counted, a filter, and found by its text.
    const prerequisite = expected[0].first_prerequisite;
    assert.ok(prerequisite, 'the command gives a first prerequisite');
    const counted = await page.locator(`[data-testid="prerequisite-count"][data-code="${prerequisite.code}"]`).getAttribute('data-count');
    assert.equal(counted, '1');
    await fleet.search(prerequisite.message.split(' ').slice(0, 3).join(' '));
    await eventually(async () => assert.deepEqual((await fleet.rows()).map((r) => r.name), [expected[0].name]));
  });
});

// ---- e. bad and hostile rows ---------------------------------------------------------------------

test('e: bad rows show the input error naming column and value; hostile strings stay text', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  const file = fixture('broken-and-hostile.csv');
  const expected = cliJson({ file });
  const records = fixtureRecords('broken-and-hostile.csv');
  await withScreenshotOnFailure(page, 'fleet-e-hostile', async () => {
    await fleet.paste(readFileSync(file, 'utf8'));
    await assertSameAsCli(fleet, expected);
    const rows = await fleet.rows();
    assert.equal(rows.length, expected.length);

    // Every error row: verdict "error", labelled "Input error", the command's error as its detail.
    const errors = expected.filter((r) => r.error != null);
    assert.ok(errors.length >= 5, 'the fixture has bad rows');
    for (const [i, r] of expected.entries()) {
      if (r.error == null) continue;
      assert.equal(rows[i].verdict, 'error', `${r.name}`);
      assert.equal(rows[i].verdictLabel, 'Input error', `${r.name}`);
      assert.equal(rows[i].detail, r.error, `the detail of ${r.name}`);
      assert.equal(rows[i].href, null, `${r.name} has no planner link`);
    }
    // The detail names the column and the offending value, as the fixture has them.
    const bad = [
      ['BAD-OS', 'current.os'],
      ['BAD-EDITION', 'current.edition'],
      ['<img src=x onerror=alert(1)>', 'current.edition'],
      ['HOSTILE-NODE', 'cluster.nodes'],
      ['BAD-TARGET', 'target.os'],
    ];
    for (const [name, column] of bad) {
      const value = records.find((r) => r.name === name)?.[column];
      assert.ok(value, `${name} / ${column} in the fixture`);
      const row = rows.find((r) => r.name === name);
      assert.ok(row, `no row named ${name}`);
      assert.equal(row.verdict, 'error');
      assert.ok(row.detail.includes(column), `the detail of ${name} does not name ${column}: ${row.detail}`);
      assert.ok(row.detail.includes(value), `the detail of ${name} does not quote ${value}: ${row.detail}`);
    }

    // Hostile names and values are text.
    const names = rows.map((r) => r.name);
    assert.ok(names.includes('<script>alert(1)</script>'), `names: ${names.join(' | ')}`);
    assert.ok(names.includes('<img src=x onerror=alert(1)>'), `names: ${names.join(' | ')}`);
    assert.ok(names.includes(records.find((r) => r.name.startsWith('='))?.name), 'the formula-like name is shown as it is');
    assert.equal(await page.locator('[data-testid="fleet-table"] img, [data-testid="fleet-table"] script').count(), 0, 'elements injected into the table');
    assert.equal(await page.locator('[data-testid="fleet"] img, [data-testid="fleet"] script').count(), 0, 'elements injected into the Fleet view');
    // The CSV export defuses formula-like cells exactly as the command does.
    assert.ok((await fleet.exportDownload('csv')).bytes.equals(cli({ file, format: 'csv' })), 'the CSV export of the hostile file');
    await fleet.settled();
    assert.deepEqual(fleet.dialogs, [], 'a dialog fired');
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- f. the column-mapping step ------------------------------------------------------------------

test('f: unknown headers bring the mapping step; the mapped columns are planned like native ones', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  // None of these headers is a known alias (docs/inventory-format.md, "Header aliases").
  const headers = ['Asset tag', 'Installed OS', 'Patch level'];
  const body = ['srv1,windows-server-2016,0', 'srv2,windows-server-2008,2', 'srv3,windows-server-2012-r2,'];
  const text = [headers.join(','), ...body, ''].join('\n');
  const mapping = { 'Asset tag': 'name', 'Installed OS': 'current.os', 'Patch level': 'current.service_pack' };
  // The same inventory with native headers, through the command.
  const expected = cliJson({ text: [headers.map((h) => mapping[h]).join(','), ...body, ''].join('\n') });
  await withScreenshotOnFailure(page, 'fleet-f-mapping', async () => {
    await fleet.paste(text);
    await fleet.mapping().waitFor();
    assert.deepEqual((await fleet.mappingColumns()).map((c) => c.header), headers, 'one select per column');
    // The columns' names (and the current version) were not recognised: no row is planned yet.
    assert.equal((await fleet.counts()).error, body.length);

    for (const [header, field] of Object.entries(mapping)) await fleet.mapColumn(header, field);
    assert.equal(await fleet.applyMapping(), body.length);
    assert.deepEqual((await fleet.rows()).map((r) => r.name), ['srv1', 'srv2', 'srv3'], 'names from the first column');
    await assertSameAsCli(fleet, expected);
    assert.equal((await fleet.counts()).error, 0);
    assert.equal(await fleet.mapping().count(), 0, 'the mapping step is done');

    // The mapping belongs to that inventory: a new paste starts with fresh detection, so a header
    // mapped before ('Asset tag' → name) is unknown again and the mapping step asks anew.
    assert.equal(await fleet.paste('Asset tag,current.os\nx1,windows-server-2016\n'), 1);
    await fleet.mapping().waitFor();
    assert.deepEqual(await fleet.mappingColumns(), [
      { header: 'Asset tag', value: '' },
      { header: 'current.os', value: 'current.os' },
    ]);
    assert.deepEqual((await fleet.rows()).map((r) => r.name), ['line 2'], 'no name column without a mapping');
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- g. filter, sort, page -----------------------------------------------------------------------

/** 250 rows of a few valid and invalid kinds, names distinct and not in alphabetical order. */
function generatedInventory(count = 250) {
  const kinds = [
    ['WEB', 'windows-server-2016', 'standard', '', '', 'windows-server-2022'],
    ['app', 'windows-server-2008', 'enterprise', 'true', '', 'windows-server-2008-r2'],
    ['Dc', 'windows-server-2019', 'datacenter', '', 'true', 'windows-server-2022'],
    ['db', 'windows-server-2012-r2', 'datacenter', '', '', ''],
    ['FILE', 'windows-server-2016', 'storage', '', '', 'windows-server-2019'],
    ['bad', 'windows-95', '', '', '', ''],
    ['Typo', 'windows-server-2003', 'pro', '', '', 'windows-server-2003-r2'],
  ];
  const lines = ['name,current.os,current.edition,current.cluster_node,current.domain_controller,target.os'];
  const names = [];
  for (let i = 1; i <= count; i++) {
    const [prefix, ...cells] = kinds[(i * 3) % kinds.length];
    const name = `${prefix}-${String((i * 37) % 1000).padStart(3, '0')}`;
    names.push(name);
    lines.push([name, ...cells].join(','));
  }
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, count, 'generated names are distinct');
  return { text: lines.join('\n') + '\n', names };
}

test('g: 250 rows: pages of 100, filters by verdict (count button and select), search, sort', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  const { text, names } = generatedInventory(250);
  const expected = cliJson({ text });
  const { counts } = tally(expected);
  assert.ok(VERDICTS.every((v) => counts[v] > 0) && counts.error < 100, `a mix of verdicts: ${JSON.stringify(counts)}`);
  const rowNames = async () => (await fleet.rows()).map((r) => r.name);
  await withScreenshotOnFailure(page, 'fleet-g-table', async () => {
    assert.equal(await fleet.paste(text), 250);
    assert.deepEqual(await fleet.counts(), counts);

    // Paging.
    assert.equal(await fleet.range(), 'Rows 1–100 of 250');
    assert.deepEqual(await rowNames(), names.slice(0, 100));
    assert.ok(await fleet.byTestId('fleet-prev').isDisabled(), 'Previous on the first page');
    await fleet.next();
    assert.equal(await fleet.range(), 'Rows 101–200 of 250');
    assert.deepEqual(await rowNames(), names.slice(100, 200));
    await fleet.next();
    assert.equal(await fleet.range(), 'Rows 201–250 of 250');
    assert.deepEqual(await rowNames(), names.slice(200));
    assert.ok(await fleet.byTestId('fleet-next').isDisabled(), 'Next on the last page');
    await fleet.prev();
    assert.equal(await fleet.range(), 'Rows 101–200 of 250');
    assert.deepEqual(await rowNames(), names.slice(100, 200));

    // Filter by verdict through its count button (back to the first page), then clear it.
    await fleet.filterVerdict('not-supported', { via: 'count' });
    assert.deepEqual(await fleet.rangeNumbers(), { from: 1, to: Math.min(100, counts['not-supported']), matched: counts['not-supported'], total: 250 });
    assert.equal(await fleet.byTestId('count-not-supported').getAttribute('aria-pressed'), 'true');
    assert.ok((await fleet.rows()).every((r) => r.verdict === 'not-supported'));
    assert.equal(await fleet.byTestId('fleet-filter-verdict').inputValue(), 'not-supported', 'the select follows the count button');
    await fleet.filterVerdict('not-supported', { via: 'count' });
    assert.equal(await fleet.range(), 'Rows 1–100 of 250');

    // Filter by verdict through the select.
    await fleet.filterVerdict('error');
    assert.deepEqual(await fleet.rangeNumbers(), { from: 1, to: counts.error, matched: counts.error, total: 250 });
    const errorRows = await fleet.rows();
    assert.equal(errorRows.length, counts.error);
    assert.deepEqual(errorRows.map((r) => r.name), expected.filter((r) => r.error != null).map((r) => r.name));
    await fleet.filterVerdict('supported-after-prerequisites');
    assert.equal((await fleet.rangeNumbers()).matched, counts['supported-after-prerequisites']);
    await fleet.filterVerdict('');
    assert.equal(await fleet.range(), 'Rows 1–100 of 250');

    // Search by a name (case-insensitive).
    const wanted = names[136];
    await fleet.search(wanted.toLowerCase());
    assert.deepEqual(await rowNames(), [wanted]);
    assert.equal(await fleet.range(), 'Rows 1–1 of 1 (filtered from 250)');
    await fleet.search('');
    assert.equal(await fleet.range(), 'Rows 1–100 of 250');

    // Sort by name: ascending, then descending.
    const byName = [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
    await fleet.sortBy('name');
    assert.equal(await fleet.sortState('name'), 'ascending');
    assert.deepEqual(await rowNames(), byName.slice(0, 100));
    await fleet.sortBy('name');
    assert.equal(await fleet.sortState('name'), 'descending');
    const descending = await rowNames();
    assert.equal(descending[0], byName.at(-1), 'the alphabetically last name first');
    assert.deepEqual(descending, [...byName].reverse().slice(0, 100));

    // Sort by verdict: the rows that could not be planned first, then not supported.
    await fleet.sortBy('verdict');
    assert.equal(await fleet.sortState('verdict'), 'ascending');
    assert.equal(await fleet.sortState('name'), 'none');
    const verdicts = (await fleet.rows()).map((r) => r.verdict);
    assert.deepEqual(verdicts.slice(0, counts.error), Array(counts.error).fill('error'), 'error rows first');
    assert.equal(verdicts[counts.error], 'not-supported', 'then the rows not supported in place');
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- h. the size limit ---------------------------------------------------------------------------

test('h: a file over 10 MiB is refused with a message; the view keeps working', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  const size = 10 * 1024 * 1024 + 1;
  const header = 'name,current.os,target.os\n';
  const line = 'srv,windows-server-2016,windows-server-2025\n';
  const text = header + line.repeat(Math.ceil((size - header.length) / line.length));
  const buffer = Buffer.from(text).subarray(0, size);
  assert.equal(buffer.length, size);
  await withScreenshotOnFailure(page, 'fleet-h-too-big', async () => {
    await fleet.chooseFile({ name: 'huge.csv', mimeType: 'text/csv', buffer }, { expectImport: false });
    const message = await fleet.waitForError();
    assert.match(message, /10 MiB/);
    assert.match(message, new RegExp(`huge\\.csv has ${size} bytes`), 'the message names the file and its size');
    assert.equal(await fleet.byTestId('fleet-status').getAttribute('data-busy'), 'false');
    assert.equal(await fleet.byTestId('fleet-summary').count(), 0, 'no results for a refused file');

    const expected = cliJson({ file: fixture('native.csv') });
    assert.equal(await fleet.paste(readFileSync(fixture('native.csv'), 'utf8')), expected.length);
    assert.equal(await fleet.fleetError(), null, 'the error is gone after a good import');
    await assertSameAsCli(fleet, expected);
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});

// ---- i. the single-file offline copy -------------------------------------------------------------

test('i: the single-file offline copy plans a fleet from file:// with the network off', async () => {
  const offlineFile = join(DIST, 'upgrade-planner-offline.html');
  assert.ok(existsSync(offlineFile), `${offlineFile} not found: build the site first`);
  const copy = join(mkdtempSync(join(tmpdir(), 'fleet-offline-')), 'upgrade-planner-offline.html');
  copyFileSync(offlineFile, copy);
  const fileUrl = pathToFileURL(copy).href;
  const context = await app.browser.newContext();
  contexts.push(context);
  await context.setOffline(true);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  const fleet = new FleetPage(page, fileUrl);
  const expected = cliJson({ file: fixture('native.csv') });
  await withScreenshotOnFailure(page, 'fleet-i-offline', async () => {
    await fleet.goto();
    assert.equal(await fleet.paste(readFileSync(fixture('native.csv'), 'utf8')), expected.length);
    await assertSameAsCli(fleet, expected);
    // The second stage starts from the file too: the collection script, and a comparison.
    await fleet.byTestId('collect-script').locator('summary').click();
    await eventually(async () => assert.equal(await fleet.byTestId('collect-text').textContent(), readFileSync(join(REPO, 'docs/collect-hardware.ps1'), 'utf8')));
    await fleet.compareWith(fixture('native.csv'));
    assert.equal(Object.entries(await fleet.progressCounts()).filter(([k]) => k !== 'verdict-changed').reduce((n, [, v]) => n + v, 0), expected.length);
  });
  const foreign = requests.filter((u) => !u.startsWith('blob:') && u.replace(/#.*$/, '') !== fileUrl);
  assert.deepEqual(foreign, [], `only the file itself and blob: URLs; all requests: ${requests.join(', ')}`);
  assert.ok(requests.some((u) => u.startsWith(fileUrl)), 'the file itself was loaded');
  assert.deepEqual(errors, [], 'console/page errors');
});

// ---- j. the strict CSP ---------------------------------------------------------------------------

test('j: under the strict CSP an import and the exports cause no violation, no error and no foreign request', async () => {
  const planner = await app.open();
  const { page } = planner;
  contexts.push(page.context());
  const fleet = new FleetPage(page, app.server.url);
  const consoleViolations = [];
  const workerErrors = [];
  const isViolation = (text) => /Content Security Policy|Refused to/.test(text);
  page.on('console', (m) => isViolation(m.text()) && consoleViolations.push(m.text()));
  page.on('worker', (w) =>
    w.on('console', (m) => (m.type() === 'error' || isViolation(m.text())) && workerErrors.push(`${w.url()}: ${m.text()}`)),
  );
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const file = fixture('native.csv');
  await withScreenshotOnFailure(page, 'fleet-j-csp', async () => {
    await fleet.goto();
    await eventually(async () => assert.equal(page.workers().length, 1, 'the fleet engine runs in a Web Worker'));
    assert.equal(await fleet.paste(readFileSync(file, 'utf8')), cliJson({ file }).length);
    assert.ok((await fleet.exportDownload('csv')).bytes.equals(cli({ file, format: 'csv' })));
    assert.ok((await fleet.exportFile('json')).startsWith('['));
    assert.ok((await fleet.exportFile('markdown')).length > 0);
  });
  const origin = app.server.url;
  assert.deepEqual(page.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:')), [], 'requests outside the site');
  assert.ok(page.requests.some((u) => /\/fleet-[0-9a-f]+\.js$/.test(u)), `the fleet engine came from the site: ${page.requests.join(', ')}`);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'securitypolicyviolation events');
  assert.deepEqual(consoleViolations, [], 'CSP violations reported on the console');
  assert.deepEqual(workerErrors, [], 'errors in the worker');
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
  for (const path of new Set(app.server.requests)) {
    assert.ok(existsSync(join(DIST, path === '/' ? 'index.html' : path)), `requested ${path}, which the build does not have`);
  }
});

// ---- k. the example ------------------------------------------------------------------------------

test('k: "Load an example" fills the box and plans it at once, as the command plans the same text', async () => {
  const fleet = await openFleet();
  const { page } = fleet;
  await withScreenshotOnFailure(page, 'fleet-k-example', async () => {
    await fleet.byTestId('fleet-example').click();
    const text = await fleet.byTestId('fleet-input').inputValue();
    assert.match(text, /^name,current\.os,/, 'the example is a native-form inventory');
    const expected = JSON.parse(cli({ text, format: 'json' }).toString('utf8'));
    assert.ok(expected.some((r) => r.error != null), 'the example shows a bad row too');
    await page.locator(`[data-testid="fleet-summary"][data-rows="${expected.length}"]`).waitFor();
    await assertSameAsCli(fleet, expected);
  });
  assert.deepEqual(pageErrors(page), [], 'console/page errors');
});
