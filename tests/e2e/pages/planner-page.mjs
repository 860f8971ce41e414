// Page object for the upgrade path planner. Selectors are data-testid contracts with the Rust app.
export class PlannerPage {
  /** @param {import('playwright-core').Page} page @param {string} baseUrl */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Loads the app (optionally at a #hash) and waits until it has mounted. */
  async goto(hash = '') {
    await this.page.goto(`${this.baseUrl}#${hash}`);
    await this.page.locator('[data-testid="app-ready"]').waitFor({ state: 'attached' });
  }

  channelMatrix() {
    return this.page.locator('[data-testid="channel-matrix"]');
  }

  skuMatrix() {
    return this.page.locator('[data-testid="sku-matrix"]');
  }

  /** @param {'channel'|'sku'} kind */
  matrixCell(kind, from, to) {
    return this.page.locator(`[data-testid="cell-${kind}-${from}-${to}"]`);
  }

  async activateCell(kind, from, to) {
    await this.matrixCell(kind, from, to).click();
  }

  explanation() {
    return this.page.locator('[data-testid="cell-explanation"]');
  }

  async explanationText() {
    return (await this.explanation().innerText()).trim();
  }
}
