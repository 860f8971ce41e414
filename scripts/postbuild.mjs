// Trunk post_build hook (see Trunk.toml), run in Trunk's staging directory. One job per module
// under scripts/postbuild/:
//  - trunk-output.mjs: read what Trunk wrote (every expectation about its output, checked) and
//    write the served index.html;
//  - boot.mjs: the external boot script (Trunk's loader moved out of the page, for a strict CSP);
//  - fleet.mjs: the lazily loaded apps' scripts (the page's second stage, the Fleet view) and the
//    Fleet engine's Web Worker (with the Fleet view's second stage, fleet-extras, loaded on demand);
//  - api.mjs: api.js, the same-page JavaScript API for wiki pages;
//  - sw.mjs: sw.js, the service worker with this build's real file names;
//  - offline.mjs: upgrade-planner-offline.html, the single file that works from disk;
//  - minify.mjs: the Fleet view's glue and stylesheet, minified (its load budget).
// No Rust constant is read here: the engine reports its own limits at run time.
// usage: node scripts/postbuild.mjs [DIR]   (Trunk passes TRUNK_STAGING_DIR)
import { readPage, takeWorkerOutput, writeServedPage } from './postbuild/trunk-output.mjs';
import { writeBoot } from './postbuild/boot.mjs';
import { writeLazyApp, writeFleetWorker } from './postbuild/fleet.mjs';
import { writeApi } from './postbuild/api.mjs';
import { writeServiceWorker } from './postbuild/sw.mjs';
import { writeOffline } from './postbuild/offline.mjs';
import { minified, minifyCss } from './postbuild/minify.mjs';

const trunk = readPage();
const bootName = writeBoot(trunk);
minifyCss(trunk.fleetCss);
const fleetUi = await minified(takeWorkerOutput('fleet-ui'), 'fleet-ui');
const fleetUiName = writeLazyApp('fleet-ui', fleetUi, trunk.fleetCss);
const extras = takeWorkerOutput('planner-extras');
const extrasName = writeLazyApp('planner-extras', extras);
const fleetEngine = await minified(takeWorkerOutput('fleet-worker'), 'fleet-worker');
const fleetExtras = await minified(takeWorkerOutput('fleet-extras'), 'fleet-extras');
const fleetName = writeFleetWorker(fleetEngine, fleetExtras);
const page = writeServedPage(trunk, { bootName, fleetUiName, fleetName, extrasName });
writeApi(trunk);
const { files, version } = writeServiceWorker();
const offlineSize = writeOffline(trunk, page, { fleetUi, extras }, fleetEngine, fleetExtras);
console.log(
  `postbuild: ${bootName}, ${extrasName}, ${fleetUiName}, ${fleetName}, api.js, sw.js (${files} files, cache ${version}), upgrade-planner-offline.html (${Math.round(offlineSize / 1024)} KiB)`,
);
