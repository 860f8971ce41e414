// Windows upgrade path planner: loads the same-page JavaScript API (api.js) from beside this file
// and says so, loudly, when it cannot (docs/embedding.md). A classic script, so it runs even where
// the module scripts it loads are refused:
//   <script src="https://planner.example/api-loader.js"></script>
//   <script>UpgradePlannerReady.then((api) => api.mount(el, { scenario })).catch((e) => show(e.message));</script>
(function () {
  var base = new URL('./', document.currentScript.src);
  var HINT =
    ' When the planner is served from another origin than this page, its server must send ' +
    '"Access-Control-Allow-Origin" (e.g. "*") for api.js, its other .js files and its .wasm file ' +
    '(served as application/wasm), and this page\'s Content-Security-Policy must allow ' + base.origin +
    ' in script-src and connect-src, with \'wasm-unsafe-eval\'.';
  var settle = {};
  window.UpgradePlannerReady = new Promise(function (resolve, reject) {
    settle.resolve = resolve;
    settle.reject = reject;
  });
  window.addEventListener('upgrade-planner-ready', function (e) { settle.resolve(e.detail); });
  window.addEventListener('upgrade-planner-error', function (e) { settle.reject(e.detail); });
  function fail(message) {
    var error = new Error(message + HINT);
    console.error(error.message);
    window.dispatchEvent(new CustomEvent('upgrade-planner-error', { detail: error }));
  }
  var script = document.createElement('script');
  script.type = 'module';
  script.crossOrigin = 'anonymous';
  script.src = new URL('api.js', base).href;
  script.onerror = function () { fail('The upgrade planner could not load ' + script.src + '.'); };
  document.head.appendChild(script);
})();
