// File access, hashing and checks shared by the post-build steps.
import { readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { join } from 'node:path';

export const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
export const read = (name) => readFileSync(join(dir, name));
export const write = (name, data) => writeFileSync(join(dir, name), data);
export const remove = (name) => rmSync(join(dir, name));
export const exists = (name) => existsSync(join(dir, name));
export const list = () => readdirSync(dir);
export const hex = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
export const b64hash = (data) => `'sha256-${createHash('sha256').update(data, 'utf8').digest('base64')}'`;

export function fail(msg) {
  console.error(`postbuild: ${msg}`);
  process.exit(1);
}

/** Generated classic scripts are parsed before they are written: a syntax error fails the build. */
export function writeScript(name, code) {
  try {
    new Script(code, { filename: name });
  } catch (e) {
    fail(`generated ${name} does not parse: ${e.message}`);
  }
  write(name, code);
}

/** Bytes as an expression that rebuilds them from base64 (for inlining a wasm). */
export const inlineBytes = (bytes) => `Uint8Array.from(atob("${bytes.toString('base64')}"), (c) => c.charCodeAt(0))`;
