// The README's Fleet view screenshots, from the built site and the example fleet
// (scripts/example-fleet.mjs): the pictures, the upgrade waves (from the next Monday, weekly, at
// most 25 machines) and the progress since the earlier inventory, at 1280 and 375 px wide, light
// and dark, into docs/screenshots/fleet-500-{pictures,waves,progress}[-375]-{light,dark}.png.
// usage: node scripts/fleet-screenshots.mjs   (after a build: trunk build --release)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/support/server.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(REPO, 'docs/screenshots');
const dir = mkdtempSync(join(tmpdir(), 'example-fleet-'));
execFileSync('node', [join(REPO, 'scripts/example-fleet.mjs'), dir], { stdio: 'inherit' });

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const width of [1280, 375]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('fleet-screenshots: page error', e));
      await page.goto(`${server.url}#fleet`);
      await page.getByTestId('fleet-file').setInputFiles(join(dir, 'fleet-500.csv'));
      await page.locator('[data-testid="fleet-summary"][data-rows="500"]').waitFor();
      await page.locator('[data-testid="fleet-charts"] svg').first().waitFor();
      await page.getByTestId('waves-max').fill('25');
      await page.getByTestId('waves-plan').click();
      await page.locator('[data-testid="waves-result"] [data-testid="wave"]').first().waitFor();
      await page.getByTestId('progress-file').setInputFiles(join(dir, 'fleet-500-earlier.csv'));
      await page.locator('[data-testid="progress-result"]').waitFor();
      const suffix = `${width === 375 ? '-375' : ''}-${colorScheme}`;
      for (const [name, testid] of [['pictures', 'fleet-charts'], ['waves', 'fleet-waves'], ['progress', 'fleet-progress']]) {
        const path = join(OUT, `fleet-500-${name}${suffix}.png`);
        await page.getByTestId(testid).screenshot({ path });
        console.log(`fleet-screenshots: ${path}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
