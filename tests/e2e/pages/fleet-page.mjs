// Page object for the Fleet view (`#fleet`). Selectors are data-testid contracts with src/ui/fleet/*.rs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { eventually } from '../support/eventually.mjs';

/** How long an import or a view may take (the engine is a Web Worker that loads its wasm first). */
const IMPORT_TIMEOUT = 15000;

export class FleetPage {
  /**
   * @param {import('playwright-core').Page} page
   * @param {string} baseUrl the site (http://…/) or the offline file's URL (file://…/upgrade-planner-offline.html)
   */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  byTestId(testid) {
    return this.page.locator(`[data-testid="${testid}"]`);
  }

  /** Opens the page at `#fleet` and waits until the Fleet app has mounted its input. */
  async goto() {
    await this.watchEngine();
    await this.page.goto(`${this.baseUrl}#fleet`);
    await this.ready();
  }

  /**
   * Counts the fleet engine's answers in `window.__fleetAnswers` (from the next navigation on): every
   * Web Worker the page starts gets a message listener that counts one task after each message, i.e.
   * once the page's own handler has run and its updates were scheduled. The view answers of sorting,
   * filtering and paging leave nothing else to wait for: the table may be patched in place, or not
   * change at all.
   */
  async watchEngine() {
    if (this.page.__fleetWatched) return;
    this.page.__fleetWatched = true;
    await this.page.addInitScript(() => {
      const Native = window.Worker;
      if (!Native) return;
      window.__fleetAnswers = 0;
      window.Worker = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', () => setTimeout(() => (window.__fleetAnswers += 1), 0));
        }
      };
    });
  }

  /** Waits for the Fleet view's input (the Fleet app is loaded on demand by the planner). */
  async ready() {
    await this.byTestId('fleet-input').waitFor({ timeout: IMPORT_TIMEOUT });
  }

  // ---- getting an inventory in ---------------------------------------------------------------

  /** Pastes `text` into the textarea, clicks "Plan the pasted inventory" and waits for the result. */
  async paste(text) {
    const input = this.byTestId('fleet-input');
    await input.waitFor();
    await input.fill(text);
    await this.byTestId('fleet-plan').click();
    return this.waitForImport();
  }

  /** Chooses a file in the file input: a path, or { name, mimeType, buffer }. */
  async chooseFile(file, { expectImport = true } = {}) {
    await this.byTestId('fleet-file').setInputFiles(file);
    return expectImport ? this.waitForImport() : undefined;
  }

  /** Drops a file named `name` holding `content` on the drop zone (dragover, then drop). */
  async dropFile(name, content, type = 'text/csv') {
    await this.byTestId('fleet-dropzone').evaluate(
      (zone, { name, content, type }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([content], name, { type }));
        const init = { dataTransfer: dt, bubbles: true, cancelable: true };
        zone.dispatchEvent(new DragEvent('dragenter', init));
        zone.dispatchEvent(new DragEvent('dragover', init));
        zone.dispatchEvent(new DragEvent('drop', init));
      },
      { name, content, type },
    );
    return this.waitForImport();
  }

  /**
   * Waits until the import that was just started is on screen: the status is no longer busy, says
   * "Read N rows and planned …", and the summary shows N rows. (Starting an import sets the status to
   * "Planning…" synchronously, so an earlier import's status cannot be mistaken for this one.)
   * Returns N.
   */
  async waitForImport() {
    const status = this.byTestId('fleet-status');
    const rows = await eventually(
      async () => {
        assert.equal(await this.fleetError(), null, 'the Fleet view shows an error');
        assert.equal(await status.getAttribute('data-busy'), 'false', 'the import is still running');
        const m = /^Read (\d+) rows? and planned \d+ in \d+ ms\.$/.exec((await status.innerText()).trim());
        assert.ok(m, `status: ${await status.innerText()}`);
        const summary = this.byTestId('fleet-summary');
        assert.equal(await summary.getAttribute('data-rows'), m[1], 'the summary does not show this import');
        return Number(m[1]);
      },
      { timeout: IMPORT_TIMEOUT },
    );
    await this.settled();
    return rows;
  }

  /** One animation frame plus a macrotask: lets Leptos effects run. */
  async settled() {
    await this.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
  }

  /** Text of [data-testid=fleet-error], or null when there is none. */
  async fleetError() {
    const e = this.byTestId('fleet-error');
    return (await e.count()) ? (await e.innerText()).trim() : null;
  }

  /** Waits for [data-testid=fleet-error] and returns its text. */
  async waitForError() {
    const e = this.byTestId('fleet-error');
    await e.waitFor({ timeout: IMPORT_TIMEOUT });
    return (await e.innerText()).trim();
  }

  async statusText() {
    return (await this.byTestId('fleet-status').innerText()).trim();
  }

  /** The summary's sentence: "N rows read as <form>: P planned, E with input errors." */
  /** [{ file, readAs, joined }] for each file of a multi-file import, in order. */
  async filesRead() {
    return this.page.locator('[data-testid="fleet-file-read"]').evaluateAll((lis) =>
      lis.map((li) => ({ file: li.dataset.file, joined: Number(li.dataset.joined), text: li.textContent })));
  }

  async summaryText() {
    return (await this.byTestId('fleet-summary').locator('p').first().innerText()).trim();
  }

  /** Chooses the target for rows without their own target.os (an os id, or '' for none). */
  async chooseTarget(id) {
    await this.byTestId('fleet-target').selectOption(id);
  }

  // ---- the column-mapping step ---------------------------------------------------------------

  mapping() {
    return this.byTestId('fleet-mapping');
  }

  /** [{ header, value }] of the mapping step's selects, in column order. */
  async mappingColumns() {
    return this.page
      .locator('[data-testid="fleet-mapping"] [data-testid="fleet-map"]')
      .evaluateAll((els) => els.map((e) => ({ header: e.dataset.header, value: e.value })));
  }

  /** Maps the column `header` to the field `field` (an option value). */
  async mapColumn(header, field) {
    const select = this.page.locator(`[data-testid="fleet-map"][data-header="${header.replace(/["\\]/g, '\\$&')}"]`);
    await select.selectOption(field);
    await eventually(async () => assert.equal(await select.inputValue(), field));
  }

  /** Clicks "Plan with this mapping" and waits for the new import. */
  async applyMapping() {
    await this.byTestId('fleet-apply-mapping').click();
    return this.waitForImport();
  }

  // ---- summary ------------------------------------------------------------------------------

  /** { supported, 'supported-after-prerequisites', 'not-supported', error } from the count buttons. */
  async counts() {
    return this.page.locator('[data-testid^="count-"]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.dataset.testid.slice('count-'.length), Number(e.dataset.count)])),
    );
  }

  /** { blocker code: servers } from the blocker list ({} when there is none). */
  async blockerCounts() {
    return this.page
      .locator('[data-testid="blocker-count"]')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.code, Number(e.dataset.count)])));
  }

  // ---- table --------------------------------------------------------------------------------

  /** The rows of the table's current page, as objects, in page order. */
  async rows() {
    return this.page.locator('[data-testid="fleet-table"] tbody [data-testid="fleet-row"]').evaluateAll((trs) =>
      trs.map((tr) => {
        const th = tr.querySelector('th');
        const link = th.querySelector('[data-testid="fleet-open"]');
        const nameEl = th.firstElementChild;
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
        return {
          index: Number(tr.dataset.index),
          line: Number(/line (\d+)/.exec(th.querySelector('.line')?.textContent ?? '')?.[1]),
          name: tr.dataset.name,
          shownName: nameEl.textContent,
          href: link ? link.getAttribute('href') : null,
          current: cells[0],
          target: cells[1],
          verdict: tr.dataset.verdict,
          verdictLabel: cells[2],
          decision: tr.querySelector('[data-testid="fleet-decision-cell"]').dataset.decision,
          hardware: tr.querySelector('[data-testid="fleet-hardware-cell"]').dataset.hardware,
          method: cells[5],
          route: tr.querySelector('td.route-chips').dataset.route,
          detail: tr.querySelector('td.detail').dataset.detail,
          detailText: cells[7],
        };
      }),
    );
  }

  /** Text of the pager's range, e.g. "Rows 1–100 of 250". */
  async range() {
    return (await this.byTestId('fleet-range').innerText()).trim();
  }

  /** { from, to, matched, total } parsed from the range text (null when no row matches). */
  async rangeNumbers() {
    const text = await this.range();
    const m = /^Rows (\d+)–(\d+) of (\d+)(?: \(filtered from (\d+)\))?$/.exec(text);
    if (!m) return null;
    return { from: +m[1], to: +m[2], matched: +m[3], total: m[4] === undefined ? +m[3] : +m[4] };
  }

  /** Runs `action`, which sends the engine one view request, and waits until its answer is on screen. */
  async #afterView(action) {
    const before = await this.page.evaluate(() => window.__fleetAnswers);
    assert.equal(typeof before, 'number', 'the engine is not watched: open the page with goto()');
    await action();
    await this.page.waitForFunction((n) => window.__fleetAnswers > n, before, { timeout: IMPORT_TIMEOUT });
    await this.settled();
  }

  /** Clicks the column header `key` (name, current, target, verdict, method, blocker) and waits for the rows. */
  async sortBy(key) {
    await this.#afterView(() => this.byTestId(`sort-${key}`).click());
  }

  /** aria-sort of a column header: none | ascending | descending. */
  async sortState(key) {
    return this.byTestId(`sort-${key}`).locator('xpath=..').getAttribute('aria-sort');
  }

  /**
   * Filters by verdict id ('' = all): `via: 'select'` uses the Verdict select, `via: 'count'` clicks
   * the verdict's count button (a second click on the same button clears the filter).
   */
  async filterVerdict(id, { via = 'select' } = {}) {
    if (via === 'count') {
      await this.#afterView(() => this.byTestId(`count-${id}`).click());
    } else {
      await this.#afterView(() => this.byTestId('fleet-filter-verdict').selectOption(id));
    }
  }

  /** Filters by a blocker code through its count button. */
  async filterBlocker(code) {
    await this.#afterView(() => this.page.locator(`[data-testid="blocker-count"][data-code="${code}"]`).click());
  }

  /** Types `text` into the search box. */
  async search(text) {
    await this.#afterView(() => this.byTestId('fleet-search').fill(text));
  }

  async next() {
    await this.#afterView(() => this.byTestId('fleet-next').click());
  }

  async prev() {
    await this.#afterView(() => this.byTestId('fleet-prev').click());
  }

  // ---- exports and opening a row -------------------------------------------------------------

  /**
   * Clicks the export button of `format` (csv, json, markdown) and returns the download:
   * { name, bytes (Buffer), text }.
   */
  async exportDownload(format) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: IMPORT_TIMEOUT }),
      this.byTestId(`fleet-export-${format}`).click(),
    ]);
    const path = await download.path();
    assert.ok(path, `the ${format} download failed: ${await download.failure()}`);
    const bytes = await readFile(path);
    return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  }

  // ---- upgrade waves ---------------------------------------------------------------------------

  /** Fills the waves form and plans; waits for the waves (or, with expectWaves false, an error). */
  async planWaves({ start, every, max }, { expectWaves = true } = {}) {
    if (start !== undefined) await this.byTestId('waves-start').fill(start);
    if (every !== undefined) await this.byTestId('waves-every').fill(String(every));
    if (max !== undefined) await this.byTestId('waves-max').fill(String(max));
    await this.byTestId('waves-plan').click();
    if (expectWaves) await this.byTestId('waves-result').waitFor({ state: 'visible', timeout: IMPORT_TIMEOUT });
    else await this.byTestId('waves-error').waitFor({ state: 'visible', timeout: IMPORT_TIMEOUT });
  }

  /** [[wave number, date, [names in order]]] as listed. */
  async waves() {
    return this.page.locator('[data-testid="wave"]').evaluateAll((lis) =>
      lis.map((li) => [Number(li.dataset.wave), li.dataset.date,
        [...li.querySelectorAll('[data-testid="wave-entry"]')].map((e) => e.dataset.name)]));
  }

  /** Downloads a waves export (`csv` or `markdown`): its text. */
  async wavesExport(format) {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: IMPORT_TIMEOUT }),
      this.byTestId(`waves-export-${format}`).click(),
    ]);
    const path = await download.path();
    assert.ok(path, `the waves ${format} download failed: ${await download.failure()}`);
    return (await readFile(path)).toString('utf8');
  }

  // ---- progress since an earlier inventory -----------------------------------------------------

  /**
   * Chooses the earlier inventory (a path, or { name, mimeType, buffer }) and waits for the
   * comparison, or with expectResult false for the message in the progress section.
   */
  async compareWith(file, { expectResult = true } = {}) {
    await this.byTestId('progress-file').setInputFiles(file);
    return this.#afterCompare(expectResult);
  }

  /** Clicks "Compare with it" (the inventory remembered in this browser) and waits. */
  async compareWithRemembered({ expectResult = true } = {}) {
    await this.byTestId('progress-compare-remembered').click();
    return this.#afterCompare(expectResult);
  }

  async #afterCompare(expectResult) {
    const status = this.byTestId('fleet-status');
    await eventually(async () => {
      assert.equal(await status.getAttribute('data-busy'), 'false', 'the comparison is still running');
      if (expectResult) {
        assert.equal(await this.byTestId('progress-error').count(), 0, 'the comparison was refused');
        assert.match(await status.innerText(), /^Compared with /);
      } else {
        assert.equal(await this.byTestId('progress-error').count(), 1, 'no message in the progress section');
      }
    }, { timeout: IMPORT_TIMEOUT });
    return expectResult ? undefined : (await this.byTestId('progress-error').innerText()).trim();
  }

  /** { status id: machines } as the counts show them. */
  async progressCounts() {
    return Object.fromEntries(await this.page.locator('[data-testid="progress-count"]').evaluateAll((lis) =>
      lis.map((li) => [li.dataset.status, Number(li.querySelector('strong').textContent)])));
  }

  /** [[name, status, verdict changed]] in the order listed (grouped by status). */
  async progressRows() {
    return this.page.locator('[data-testid="progress-row"]').evaluateAll((trs) =>
      trs.map((tr) => [tr.dataset.name, tr.dataset.status, tr.dataset.verdictChanged === 'true']));
  }

  /** Switches "Remember this inventory in this browser" on or off; waits until it is done. */
  async setRemember(on) {
    const box = this.byTestId('progress-remember');
    if (on) await box.check();
    else await box.uncheck();
    await eventually(async () => {
      assert.equal(await this.byTestId('fleet-status').getAttribute('data-busy'), 'false');
      assert.match(await this.statusText(), on ? /^Remembered .* in this browser\.$/ : /^Forgotten/);
    }, { timeout: IMPORT_TIMEOUT });
  }

  /** The keys this page keeps in local storage, with their sizes. */
  async storedKeys() {
    return this.page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k).length])));
  }

  /** Downloads the progress as CSV: its text. */
  async progressExport() {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: IMPORT_TIMEOUT }),
      this.byTestId('progress-export-csv').click(),
    ]);
    const path = await download.path();
    assert.ok(path, `the progress download failed: ${await download.failure()}`);
    assert.equal(download.suggestedFilename(), 'upgrade-progress.csv');
    return (await readFile(path)).toString('utf8');
  }

  /** The exported text of `format` (csv, json, markdown). */
  async exportFile(format) {
    return (await this.exportDownload(format)).text;
  }

  /** Clicks the name link of the row named exactly `name` (it must be on the current page). */
  async openRow(name) {
    const link = this.page.locator('[data-testid="fleet-row"] [data-testid="fleet-open"]').filter({
      hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    });
    assert.equal(await link.count(), 1, `no single link named ${name} in the table`);
    await link.click();
  }

  /** location.hash, with its '#'. */
  async hash() {
    return this.page.evaluate(() => location.hash);
  }
}
