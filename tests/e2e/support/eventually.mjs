// Retries an assertion until it passes or the timeout expires (playwright-core has no auto-retrying expect).
import { setTimeout as sleep } from 'node:timers/promises';

export async function eventually(fn, { timeout = 5000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await sleep(interval);
    }
  }
}
