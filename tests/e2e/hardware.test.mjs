// Know the machine: an administrator fills the Hardware section for a Windows 10 PC and reads the
// Windows 11 readiness checklist (pass / fail / not known, fixable or replace), the headline and
// the ESU offer. Every expectation about a check's status also comes from the `upgrade-plan`
// command for the same scenario (the URL fragment the page wrote), so page and command agree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './support/app.mjs';
import { withScreenshotOnFailure } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = resolve(REPO, process.env.UPGRADE_PLAN_BIN || 'target/debug/upgrade-plan');

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

const NUMBERS = /(_gb|\.family|\.model|\.stepping|\.logical_processors|\.clock_mhz)$/;

/** The Scenario JSON the page's fragment stands for (dotted keys; yes/no and numbers typed). */
function scenarioOf(hash) {
  const scenario = {};
  for (const [key, raw] of new URLSearchParams(hash.replace(/^#/, ''))) {
    const path = key.split('.');
    let at = scenario;
    for (const part of path.slice(0, -1)) at = at[part] ??= {};
    at[path.at(-1)] = raw === 'true' ? true : raw === 'false' ? false : NUMBERS.test(key) ? Number(raw) : raw;
  }
  return scenario;
}

/** The command's plan for the scenario the page's URL fragment holds. */
async function commandPlan(page) {
  const scenario = scenarioOf(await page.evaluate(() => location.hash));
  return JSON.parse(execFileSync(BIN, ['-'], { input: JSON.stringify(scenario) }).toString('utf8'));
}

/** `{ code: status }` of the page's checklist. */
async function checklist(planner) {
  return planner.page.locator('[data-testid="check"]').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.code, e.dataset.status])));
}

async function openGroup(planner, testid) {
  const group = planner.byTestId(testid);
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
}

test('the Hardware section drives the Windows 11 checklist: not known -> fixable -> ready -> replace', async () => {
  const planner = await app.open();
  const { page } = planner;
  await withScreenshotOnFailure(page, 'hardware-checklist', async () => {
    await planner.goto('current.os=windows-10&current.edition=pro&current.release=22H2&target.os=windows-11&target.edition=pro');
    const readiness = planner.byTestId('readiness');
    // Nothing is known about the machine: every hardware check says how to read it.
    assert.equal(await readiness.getAttribute('data-outcome'), 'unknown');
    const unknown = await checklist(planner);
    assert.equal(unknown['w11-tpm'], 'unknown');
    assert.match(await page.locator(`[data-testid="check"][data-code="w11-tpm"]`).textContent(), /Get-Tpm/);
    assert.equal(await planner.verdict(), 'supported-after-prerequisites');

    // A PC whose firmware is still in legacy BIOS mode with an MBR disk: fixable (MBR2GPT).
    await openGroup(planner, 'hardware-section');
    await planner.select('hardware-tpm', '2.0');
    await planner.select('hardware-tpm-enabled', 'true');
    await planner.select('hardware-firmware', 'bios');
    await planner.select('hardware-secure-boot', 'capable');
    await planner.select('hardware-partition-style', 'mbr');
    await planner.fill('hardware-ram-gb', '16');
    await planner.fill('hardware-disk-gb', '237');
    await planner.select('hardware-s-mode', 'false');
    await openGroup(planner, 'cpu-section');
    await planner.select('hardware-cpu-manufacturer', 'intel');
    await planner.fill('hardware-cpu-family', '6');
    await planner.fill('hardware-cpu-model', '142');
    await planner.fill('hardware-cpu-stepping', '10');
    await planner.fill('hardware-cpu-logical-processors', '8');
    await planner.fill('hardware-cpu-clock-mhz', '2112');
    await openGroup(planner, 'vm-section');
    await planner.select('virtualisation-platform', 'physical');

    await eventually(async () => assert.equal(await readiness.getAttribute('data-outcome'), 'fixable'));
    const boot = page.locator('[data-testid="check"][data-code="w11-uefi-secure-boot"]');
    assert.equal(await boot.getAttribute('data-status'), 'fail');
    assert.equal(await boot.getAttribute('data-remedy'), 'fixable');
    assert.match(await boot.textContent(), /MBR2GPT/);
    assert.match(await boot.textContent(), /BitLocker/);
    assert.equal(await planner.verdict(), 'supported-after-prerequisites');
    assert.match(await planner.byTestId('headline').innerText(), /firmware/i);
    let cli = await commandPlan(page);
    assert.equal(cli.readiness.outcome, 'fixable');
    assert.deepEqual(await checklist(planner), Object.fromEntries(cli.readiness.checks.map((c) => [c.code, c.status])));

    // After the firmware switch: every check passes and the checklist says so.
    await planner.select('hardware-firmware', 'uefi');
    await planner.select('hardware-secure-boot', 'enabled');
    await planner.select('hardware-partition-style', 'gpt');
    await eventually(async () => assert.equal(await readiness.getAttribute('data-outcome'), 'ready'));
    const ready = await checklist(planner);
    for (const [code, status] of Object.entries(ready)) {
      // SSE4.2/POPCNT follows from an admitted processor generation; only the release build is open.
      if (code !== 'w11-source-release') assert.equal(status, 'pass', `${code} is ${status}`);
    }

    // A 6th-generation Core (family 6 model 94, Skylake): replace, or stay on Windows 10 with ESU.
    await planner.fill('hardware-cpu-model', '94');
    await planner.fill('hardware-cpu-stepping', '3');
    await eventually(async () => assert.equal(await readiness.getAttribute('data-outcome'), 'replace'));
    const cpu = page.locator('[data-testid="check"][data-code="w11-cpu-generation"]');
    assert.equal(await cpu.getAttribute('data-status'), 'fail');
    assert.equal(await cpu.getAttribute('data-remedy'), 'replace');
    assert.equal(await planner.verdict(), 'not-supported');
    const headline = await planner.byTestId('headline').innerText();
    assert.match(headline, /Not supported on this hardware/);
    assert.match(headline, /Extended Security Updates|ESU/);
    cli = await commandPlan(page);
    assert.equal(headline.trim(), cli.headline);
    assert.ok((await planner.byTestId('esu').count()) >= 1, 'no ESU offer listed');
    assert.deepEqual(page.pageErrors, []);
  });
});

test('a generation 1 Hyper-V virtual machine has no in-place route to Windows 11', async () => {
  const planner = await app.open();
  await withScreenshotOnFailure(planner.page, 'hardware-gen1', async () => {
    await planner.goto('current.os=windows-10&current.release=22H2&target.os=windows-11&virtualisation.platform=hyper-v-gen1');
    await eventually(async () => assert.equal(await planner.verdict(), 'not-supported'));
    assert.match(await planner.byTestId('headline').innerText(), /generation 1 virtual machine/);
    assert.equal(
      await planner.page.locator('[data-testid="check"][data-code="w11-vm-generation"]').getAttribute('data-remedy'),
      'replace',
    );
  });
});
