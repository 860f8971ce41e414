// The built site never shows an internal name: no source tag (S-SAMEHW), no seed file name
// (000_872fc5ce77b3fee7.txt), no facts file name (upgrade-rules.md) in any file of dist/ — the
// pages, the scripts, the wasm's strings and the offline copy. (Plans and reports: tests/no_internal_names.rs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './support/app.mjs';

const PATTERNS = [
  /upgrade-rules\.md/,
  /hardware-and-lifecycle\.md/,
  /\b\d{3}_[0-9a-f]{16}\.txt\b/,
  /(?<![A-Za-z0-9])S-(?:[A-Z][A-Z0-9]+|[0-9]+[A-Z][A-Z0-9]*)(?:-[A-Z0-9]+)*(?![a-z])/,
];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

test('no file of the built site carries a source tag, a seed file name or a facts file name', () => {
  let scanned = 0;
  for (const path of files(DIST)) {
    const text = readFileSync(path).toString('latin1');
    for (const pattern of PATTERNS) {
      const m = pattern.exec(text);
      assert.equal(m, null, `${path}: ${m && text.slice(Math.max(0, m.index - 60), m.index + 40)}`);
    }
    scanned += 1;
  }
  assert.ok(scanned >= 10, `only ${scanned} files scanned`);
});
