// Minimal static file server for end-to-end tests: 127.0.0.1, free port, no listing.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Content-Security-Policy the hosted build must run under (issue 6; docs/embedding.md). */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; manifest-src 'self'; worker-src 'self'";

export const DEFAULT_ROOT = fileURLToPath(new URL('../../../dist/', import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {{ root?: string, headers?: Record<string, string> }} [opts]
 * @returns {Promise<{ url: string, port: number, requests: string[], close: () => Promise<void> }>}
 */
export async function startServer({ root = DEFAULT_ROOT, headers = {}, port: wantedPort = 0, csp = STRICT_CSP } = {}) {
  headers = csp ? { 'Content-Security-Policy': csp, ...headers } : headers;
  const base = resolve(root);
  const requests = [];

  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    requests.push(pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    if (pathname.includes('\0')) return send(400, 'bad request');

    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = resolve(base, '.' + pathname);
    if (file !== base && !file.startsWith(base + sep)) return send(404, 'not found');

    try {
      if (!(await stat(file)).isFile()) return send(404, 'not found');
      const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      send(200, await readFile(file), type);
    } catch {
      send(404, 'not found');
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(wantedPort, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

