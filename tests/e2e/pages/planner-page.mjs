// Page object for the upgrade path planner. Selectors are data-testid contracts with the Rust app.
import assert from 'node:assert/strict';
import { eventually } from '../support/eventually.mjs';

export class PlannerPage {
  /** @param {import('playwright-core').Page} page @param {string} baseUrl */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Loads the app (optionally at a #hash) and waits until it has mounted. */
  async goto(hash = '') {
    await this.page.goto(`${this.baseUrl}#${hash}`);
    await this.ready();
  }

  /** Waits until the app has mounted and the verdict is on the page. */
  async ready() {
    await this.page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached' });
    await this.byTestId('verdict').waitFor();
    await this.settled();
  }

  /**
   * Lets pending effects run (Leptos schedules effects such as the URL sync after the event
   * handler): one animation frame plus a macrotask.
   */
  async settled() {
    await this.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
  }

  /** The element with this data-testid (exactly one expected by Playwright's strict locators). */
  byTestId(testid) {
    return this.page.locator(`[data-testid="${testid}"]`);
  }

  // ---- form ----------------------------------------------------------------------------------

  /**
   * Chooses `value` (an option value, i.e. an id such as `windows-server-2003`) in the select
   * `testid` and waits until the page shows it as chosen (the app re-renders the form from the
   * resolved scenario, so a value the app rejected or reset would not stick).
   */
  async select(testid, value) {
    const select = this.byTestId(testid);
    await select.waitFor();
    await select.selectOption(String(value));
    await this.settled();
    await eventually(async () =>
      assert.equal(await select.inputValue(), String(value), `${testid} does not show the chosen ${value}`),
    );
  }

  /** Current value of a form control (select, input or textarea). */
  async value(testid) {
    return this.byTestId(testid).inputValue();
  }

  /** Label of the chosen option of a select. */
  async selectedLabel(testid) {
    return this.byTestId(testid).evaluate((el) => el.selectedOptions[0]?.textContent.trim() ?? '');
  }

  /** Types `text` into a text input or textarea and leaves it (the app commits on change/blur). */
  async fill(testid, text) {
    const field = this.byTestId(testid);
    await field.waitFor();
    await field.fill(text);
    await field.blur();
    await this.settled();
  }

  /** Sets a checkbox and waits until the page shows it in that state. */
  async check(testid, on = true) {
    const box = this.byTestId(testid);
    await box.waitFor();
    await box.setChecked(on);
    await this.settled();
    await eventually(async () => assert.equal(await box.isChecked(), on, `${testid} is not ${on ? 'checked' : 'unchecked'}`));
  }

  /** Every notice of the form (the resets next to their fields, then the general one), or null. */
  async notice() {
    const texts = await this.page
      .locator('[data-testid^="reset-"], [data-testid="form-notice"]')
      .evaluateAll((els) => els.map((e) => e.textContent.trim()));
    return texts.length ? texts.join(' ') : null;
  }

  // ---- result --------------------------------------------------------------------------------

  /** data-verdict of the verdict banner: supported | supported-after-prerequisites | not-supported | input-error. */
  async verdict() {
    return this.byTestId('verdict').getAttribute('data-verdict');
  }

  async verdictText() {
    return (await this.byTestId('verdict').innerText()).trim();
  }

  /** data-method of the verdict's method line, or null (input error). */
  async method() {
    const m = this.byTestId('method');
    return (await m.count()) ? m.getAttribute('data-method') : null;
  }

  /** The route's stops as os ids (data-os), in order; [] when there is no route. */
  async route() {
    return this.page.locator('[data-testid="route"] [data-testid="stop"]').evaluateAll((els) => els.map((e) => e.dataset.os));
  }

  async routeText() {
    const r = this.byTestId('route');
    return (await r.count()) ? (await r.innerText()).trim() : '';
  }

  /** data-code of every finding, in page order. */
  async findingCodes() {
    return this.page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.dataset.code));
  }

  /** Texts of the Setup messages. */
  async setupMessages() {
    return this.page.locator('[data-testid="setup-message"]').evaluateAll((els) => els.map((e) => e.innerText.trim()));
  }

  /** data-method of every alternative. */
  async alternativeMethods() {
    return this.page.locator('[data-testid="alternative"]').evaluateAll((els) => els.map((e) => e.dataset.method));
  }

  /** Visible text of every runbook step, in order. */
  async steps() {
    return this.page.locator('[data-testid="runbook"] [data-testid="step"]').evaluateAll((els) => els.map((e) => e.innerText.trim()));
  }

  /** location.hash, with its '#'. */
  async hash() {
    return this.page.evaluate(() => location.hash);
  }

  /** Copies the runbook as Markdown and returns the text shown in the runbook-markdown textarea. */
  async copyMarkdown() {
    await this.byTestId('copy-markdown').click();
    const md = this.byTestId('runbook-markdown');
    await md.waitFor();
    return md.inputValue();
  }

  /**
   * data-theme of the element that themes the planner (the nearest ancestor of the verdict with
   * the attribute: <html> in the first builds, the planner's root element since the embed modes).
   */
  async theme() {
    return this.page.evaluate(() => document.querySelector('[data-testid="verdict"]')?.closest('[data-theme]')?.getAttribute('data-theme') ?? null);
  }

  /** Clicks the theme toggle until the planner's theme is `wanted` (auto → light → dark). */
  async setTheme(wanted) {
    for (let i = 0; i < 3 && (await this.theme()) !== wanted; i++) {
      await this.byTestId('theme-toggle').click();
      await this.settled();
    }
    assert.equal(await this.theme(), wanted, `the theme toggle never reached ${wanted}`);
  }

  // ---- matrices ------------------------------------------------------------------------------

  channelMatrix() {
    return this.page.locator('[data-testid="channel-matrix"]');
  }

  skuMatrix() {
    return this.page.locator('[data-testid="sku-matrix"]');
  }

  serverMatrix() {
    return this.page.locator('[data-testid="server-matrix"]');
  }

  clientMatrix() {
    return this.page.locator('[data-testid="client-matrix"]');
  }

  /** @param {'channel'|'sku'|'server'|'client'} kind */
  matrixCell(kind, from, to) {
    return this.page.locator(`[data-testid="cell-${kind}-${from}-${to}"]`);
  }

  async activateCell(kind, from, to) {
    await this.matrixCell(kind, from, to).click();
  }

  /** data-testids of the cells of a matrix that carry aria-current="true". */
  async currentCells(kind) {
    return this.page
      .locator(`[data-testid="${kind}-matrix"] [aria-current="true"]`)
      .evaluateAll((els) => els.map((e) => e.dataset.testid));
  }

  explanation() {
    return this.page.locator('[data-testid="cell-explanation"]');
  }

  async explanationText() {
    return (await this.explanation().innerText()).trim();
  }

  /** data-testid of the focused element. */
  async focusedTestId() {
    return this.page.evaluate(() => document.activeElement?.dataset?.testid ?? null);
  }
}
