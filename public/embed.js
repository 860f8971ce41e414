// Windows upgrade path planner: iframe embed for wiki pages (docs/embedding.md).
//   <div data-upgrade-planner data-scenario='{"current":{"os":"windows-server-2012-r2"},"target":{"os":"windows-server-2025"}}'></div>
//   <script src="https://…/planner/embed.js" defer></script>
// Every such div becomes an iframe of the planner (compact mode) that sizes itself to its content.
(() => {
  const script = document.currentScript;
  const base = new URL('.', script ? script.src : location.href);
  const origin = base.origin;
  const frames = new Map();

  window.addEventListener('message', (event) => {
    const frame = frames.get(event.source);
    const data = event.data;
    if (!frame || event.origin !== origin || !data || data.type !== 'upgrade-planner:height') return;
    const height = Number(data.height);
    if (Number.isFinite(height)) frame.style.height = `${Math.min(Math.max(Math.ceil(height), 120), 20000)}px`;
  });

  for (const host of document.querySelectorAll('[data-upgrade-planner]:not([data-upgrade-planner-ready])')) {
    host.setAttribute('data-upgrade-planner-ready', '');
    const params = new URLSearchParams({ embed: '1' });
    if (host.hasAttribute('data-transparent')) params.set('transparent', '1');
    const scenario = host.getAttribute('data-scenario');
    const hash = scenario ? `#scenario=${encodeURIComponent(scenario)}` : '';
    const frame = document.createElement('iframe');
    frame.src = new URL(`index.html?${params}${hash}`, base).href;
    frame.title = host.getAttribute('data-title') || 'Windows upgrade path planner';
    frame.loading = 'lazy';
    frame.referrerPolicy = 'no-referrer';
    frame.style.width = '100%';
    frame.style.height = '640px';
    frame.style.border = '0';
    if (host.hasAttribute('data-transparent')) frame.setAttribute('allowtransparency', 'true');
    host.replaceChildren(frame);
    frames.set(frame.contentWindow, frame);
  }
})();
