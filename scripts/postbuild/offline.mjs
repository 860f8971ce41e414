// upgrade-planner-offline.html: one self-contained file (CSS, JS and wasm inlined, the Fleet
// engine as an inert text block started from a blob: URL) that works from disk with the network
// off, under its own CSP with the hashes of its inline parts.
import { read, write, b64hash, inlineBytes, fail } from './util.mjs';
import { extrasLib, fleetWorker, offlineLazyApp } from './fleet.mjs';

export function writeOffline(trunk, page, apps, fleetEngine, fleetExtras) {
  const glueInline = read(trunk.glue)
    .toString()
    .replace(/^export (class|function) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?\s*$/gm, '');
  const wasmB64 = read(trunk.wasm).toString('base64');
  const offlineScript = `${glueInline}
  window.__UPGRADE_PLANNER_OFFLINE__ = true;
  const __upB64 = "${wasmB64}";
  const __upBytes = new Uint8Array(__upB64.length * 3 / 4 - (__upB64.endsWith('==') ? 2 : __upB64.endsWith('=') ? 1 : 0));
  {
    const bin = atob(__upB64);
    for (let i = 0; i < __upBytes.length; i++) __upBytes[i] = bin.charCodeAt(i);
  }
  await __wbg_init({ module_or_path: __upBytes });
  window.wasmBindings = { evaluate, mount };
  `;
  const offlineStyle = trunk.stylesheets.map((name) => read(name).toString()).join('\n');
  const icon = `data:image/svg+xml;base64,${read('icon.svg').toString('base64')}`;
  // The fleet worker travels as inert text (type text/plain is never run by the page) and is started
  // from a blob: URL, which inherits this CSP: hence worker-src blob: and 'wasm-unsafe-eval'.
  const fleetOffline = fleetWorker(fleetEngine.glue, inlineBytes(fleetEngine.bytes), {
    load: extrasLib(fleetExtras.glue),
    wasmSource: inlineBytes(fleetExtras.bytes),
  });
  // The lazily loaded apps: classic scripts that define the starters the planner calls.
  const fleetUiOffline = offlineLazyApp('fleet-ui', apps.fleetUi, inlineBytes);
  const extrasOffline = offlineLazyApp('planner-extras', apps.extras, inlineBytes);
  if (/<\/script/i.test(fleetOffline + fleetUiOffline + extrasOffline)) fail('the lazily loaded apps contain "</script": cannot inline them');
  const csp = `default-src 'none'; script-src ${b64hash(offlineScript)} ${b64hash(fleetUiOffline)} ${b64hash(extrasOffline)} 'wasm-unsafe-eval'; style-src ${b64hash(offlineStyle)}; img-src data:; worker-src blob:; form-action 'none'; base-uri 'none'`;
  const offline = page
    .replace(/<link rel="(?:stylesheet|modulepreload|preload)"[^>]*>\s*/g, '')
    .replace(/<script type="module" src="[^"]*"><\/script>\s*/, '')
    .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${icon}" type="image/svg+xml">`)
    .replace(/<meta charset="utf-8">/, `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace(/<div id="boot-fallback">[\s\S]*?<\/div>/, '<div id="boot-fallback"><p>Windows upgrade path planner — loading…</p><noscript><p>This planner needs JavaScript and WebAssembly.</p></noscript></div>')
    .replace(/\s*<meta name="upgrade-planner-(?:fleet-ui|fleet-worker|extras)"[^>]*>/g, '')
    .replace('</head>', () => `<style>${offlineStyle}</style>\n<script type="module">${offlineScript}</script>\n<script>${fleetUiOffline}</script>\n<script>${extrasOffline}</script>\n<script type="text/plain" id="upgrade-planner-fleet-worker">${fleetOffline}</script>\n</head>`);
  write('upgrade-planner-offline.html', offline);
  write('upgrade-planner-offline.csp.txt', `Content-Security-Policy of upgrade-planner-offline.html (in its <meta> tag):\n${csp}\n`);
  return offline.length;
}
