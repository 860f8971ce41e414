//! The edges of the iframe embed: report the content height to the parent page, and accept a
//! scenario sent by it. Plus the "Embed" dialog that writes the snippet for the current scenario.

use super::runbook::copy_to_clipboard;
use super::state::Planner;
use crate::core::scenario::parse_scenario;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const HEIGHT_MESSAGE: &str = "upgrade-planner:height";
pub const SET_SCENARIO_MESSAGE: &str = "upgrade-planner:set-scenario";

fn post_height(root: &web_sys::Element) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
    let height = root.get_bounding_client_rect().height().ceil();
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    let _ = parent.post_message(&msg, "*");
}

/// Report the height of `root` to the parent window whenever it changes.
pub fn report_height(root: web_sys::Element) {
    post_height(&root);
    let target = root.clone();
    let callback = Closure::<dyn FnMut()>::new(move || post_height(&target));
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        callback.forget();
    }
}

/// Accept `{ type: "upgrade-planner:set-scenario", scenario: {…} | "json" }` from the parent page.
/// Anything else is ignored; a bad scenario is shown as a link error, never run.
pub fn listen_to_parent(planner: Planner) {
    let handle = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let from_parent = match (ev.source(), window().parent()) {
            (Some(src), Ok(Some(parent))) => src.loose_eq(&parent),
            _ => false,
        };
        if !from_parent {
            return;
        }
        let data = ev.data();
        let kind = js_sys::Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|v| v.as_string());
        if kind.as_deref() != Some(SET_SCENARIO_MESSAGE) {
            return;
        }
        let scenario =
            js_sys::Reflect::get(&data, &"scenario".into()).unwrap_or(JsValue::UNDEFINED);
        let text = scenario.as_string().or_else(|| {
            js_sys::JSON::stringify(&scenario)
                .ok()
                .and_then(|s| s.as_string())
        });
        match text.map(|t| parse_scenario(&t)) {
            Some(Ok(s)) => {
                planner.link_error.set(None);
                planner.load(s);
            }
            Some(Err(e)) => planner.link_error.set(Some(format!(
                "The scenario sent by the page could not be read ({e})."
            ))),
            None => planner
                .link_error
                .set(Some("The scenario sent by the page is not JSON.".into())),
        }
    });
    on_cleanup(move || handle.remove());
}

fn html_attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The snippet a wiki author pastes: a div for `embed.js` and the script tag.
pub fn snippet(base: &str, scenario_json: &str) -> String {
    format!(
        "<div data-upgrade-planner data-scenario='{}'></div>\n<script src=\"{base}embed.js\" defer></script>",
        html_attr_escape(scenario_json)
    )
}

/// A button that opens the snippet for embedding the current scenario.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let p = expect_context::<Planner>();
    let open = RwSignal::new(false);
    let text = move || {
        let json = p
            .scenario
            .with(|s| serde_json::to_string(s).unwrap_or_default());
        let href = window().location().href().unwrap_or_default();
        let base = href
            .split(['#', '?'])
            .next()
            .unwrap_or("")
            .rsplit_once('/')
            .map(|(b, _)| format!("{b}/"))
            .unwrap_or_default();
        snippet(&base, &json)
    };
    view! {
        <button type="button" data-testid="embed-open" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            "Embed"
        </button>
        {move || open.get().then(|| view! {
            <div class="embed-dialog" role="dialog" aria-labelledby="embed-title" data-testid="embed-dialog">
                <h2 id="embed-title">"Embed this planner"</h2>
                <p>"Paste this into a wiki page (HTML allowed). It shows the planner in a frame sized to its content, opened on the current scenario. See docs/embedding.md for the JavaScript API and the CSP the page needs."</p>
                <label for="embed-snippet">"Snippet"</label>
                <textarea id="embed-snippet" data-testid="embed-snippet" readonly rows="4" prop:value=text></textarea>
                <div class="actions">
                    <button type="button" data-testid="embed-copy" on:click=move |_| copy_to_clipboard(&text())>"Copy snippet"</button>
                    <button type="button" on:click=move |_| open.set(false)>"Close"</button>
                </div>
            </div>
        })}
    }
}

/// The offline copy to download (not shown inside the offline copy itself).
#[component]
pub fn OfflineLink() -> impl IntoView {
    (!super::mode::offline_copy()).then(|| view! {
        <a class="offline-link" data-testid="download-offline" href="upgrade-planner-offline.html" download="upgrade-planner-offline.html">
            "Download offline copy"
        </a>
    })
}
