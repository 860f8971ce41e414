// The Fleet view's scripts and stylesheet, minified: wasm-bindgen's glue is written to be read, and
// every byte of it counts against the Fleet view's load budget (scripts/size-report.mjs). Terser
// (an npm devDependency, pure JavaScript) keeps top-level names: each glue's global `wasm_bindgen`
// is what the wrappers in fleet.mjs call.
import { minify } from 'terser';
import { read, write, fail } from './util.mjs';

/** A "worker"-type output (see trunk-output.mjs) with its glue minified. */
export async function minified(output, name) {
  try {
    const { code } = await minify(output.glue, { compress: true, mangle: true, format: { comments: false } });
    return { ...output, glue: code };
  } catch (e) {
    fail(`cannot minify the glue of ${name}: ${e.message}`);
  }
}

/**
 * A stylesheet without comments and the white space around `{`, `}`, `;` and `,` (never inside a
 * quoted string: the stylesheets' strings hold none of these characters, which is checked).
 */
export function minifyCss(name) {
  const css = read(name).toString().replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [s] of css.matchAll(/"[^"\n]*"|'[^'\n]*'/g)) {
    if (/[{};,]|\s\s/.test(s)) fail(`${name} has a quoted string (${s}) that minify.mjs would change`);
  }
  const small = css
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
  write(name, small);
}
