// What Trunk wrote: its index.html, the planner's wasm-bindgen glue and wasm, the stylesheets, and
// the "worker"-type outputs (the second stage, the Fleet view's app and its engine). Every expectation about Trunk's output is here,
// checked, so that a change in Trunk fails the build with a message instead of a broken page.
import { read, write, remove, exists, hex, fail } from './util.mjs';

export function readPage() {
  const html = read('index.html').toString();
  const loader = html.match(/<script type="module">([\s\S]*?)<\/script>/);
  if (!loader) fail("no inline module loader in index.html: Trunk's output changed; update scripts/postbuild/trunk-output.mjs");
  const glue = loader[1].match(/from '\.\/([\w.-]+\.js)'/)?.[1];
  const wasm = loader[1].match(/'\.\/([\w.-]+_bg\.wasm)'/)?.[1];
  if (!glue || !wasm) fail('cannot find the wasm-bindgen glue or the wasm file in the loader');
  const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="\.\/([\w.-]+\.css)"[^>]*>/g)].map((m) => m[1]);
  const fleetCss = stylesheets.find((name) => name.startsWith('fleet-'));
  if (!fleetCss) fail('no fleet-*.css in the build: check the style/fleet.css link in index.html');
  return {
    html,
    loader: loader[0],
    glue,
    wasm,
    stylesheets,
    plannerCss: stylesheets.filter((name) => name.startsWith('main-')),
    fleetCss,
  };
}

/**
 * A "worker"-type output (wasm-bindgen no-modules glue + wasm, with no file hash): its glue text
 * and wasm bytes; the wasm is renamed with its hash and the glue removed (it goes into a script).
 */
export function takeWorkerOutput(name) {
  if (!exists(`${name}.js`) || !exists(`${name}_bg.wasm`)) {
    fail(`no ${name}.js / ${name}_bg.wasm in the build: check its data-type="worker" link in index.html`);
  }
  const glue = read(`${name}.js`).toString();
  const bytes = read(`${name}_bg.wasm`);
  const wasmName = `${name}-${hex(bytes)}_bg.wasm`;
  write(wasmName, bytes);
  remove(`${name}.js`);
  remove(`${name}_bg.wasm`);
  return { glue, bytes, wasmName };
}

/** The page as served: the external boot script instead of Trunk's loader, the Fleet scripts named. */
export function writeServedPage(trunk, { bootName, fleetUiName, fleetName, extrasName }) {
  const page = trunk.html
    .replace(trunk.loader, `<script type="module" src="./${bootName}"></script>`)
    .replace(new RegExp(`\\s*<link rel="stylesheet" href="\\./${trunk.fleetCss}"[^>]*>`), '')
    .replace(
      '</head>',
      `  <meta name="upgrade-planner-extras" content="./${extrasName}">\n` +
        `  <meta name="upgrade-planner-fleet-ui" content="./${fleetUiName}">\n` +
        `  <meta name="upgrade-planner-fleet-worker" content="./${fleetName}">\n  </head>`,
    );
  write('index.html', page);
  return page;
}
