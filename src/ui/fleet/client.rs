//! The page's side of the fleet engine: a Web Worker running the `fleet-worker` wasm
//! (`core::fleet` behind `postMessage`). The hosted site names the worker's script in
//! `<meta name="upgrade-planner-fleet-worker">`; the single-file offline copy carries the whole
//! worker (script and wasm) in `<script type="text/plain" id="upgrade-planner-fleet-worker">` and
//! starts it from a `blob:` URL. Both are written by `scripts/postbuild.mjs`.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, MessageEvent, Url, Worker};

/// What the worker answered.
pub enum Reply {
    /// A JSON response of `core::fleet::handle`, with the engine's wasm memory in bytes.
    Json { id: u32, text: String, memory: f64 },
    /// An export, ready to download.
    File { blob: Blob, name: String },
    /// The engine could not answer (failed to load, or threw).
    Failed(String),
}

type OnReply = std::rc::Rc<dyn Fn(Reply)>;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    static ON_REPLY: RefCell<Option<OnReply>> = const { RefCell::new(None) };
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(o: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), value);
}

fn spawn() -> Result<Worker, String> {
    let document = leptos::prelude::document();
    let failed = |e: JsValue| {
        format!(
            "the fleet engine could not start ({})",
            e.as_string()
                .or_else(|| get(&e, "message").as_string())
                .unwrap_or_else(|| "unknown reason".into())
        )
    };
    if let Some(inline) = document.get_element_by_id("upgrade-planner-fleet-worker") {
        let opts = BlobPropertyBag::new();
        opts.set_type("text/javascript");
        let parts = Array::of1(&get(&inline, "textContent"));
        let blob = Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(failed)?;
        let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
        return Worker::new(&url).map_err(failed);
    }
    let src = document
        .query_selector("meta[name=upgrade-planner-fleet-worker]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or("this copy of the planner has no fleet engine (it was not built with Trunk)")?;
    Worker::new(&src).map_err(failed)
}

/// Route the engine's replies to `on_reply` and start it (once).
pub fn start(on_reply: impl Fn(Reply) + 'static) -> Result<(), String> {
    ON_REPLY.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| std::rc::Rc::new(on_reply));
    });
    ensure()
}

/// Stop the engine (after it failed: its state cannot be trusted); the next request starts a new one.
pub fn reset() {
    if let Some(worker) = WORKER.with(|w| w.borrow_mut().take()) {
        worker.terminate();
    }
}

fn ensure() -> Result<(), String> {
    if WORKER.with(|w| w.borrow().is_some()) {
        return Ok(());
    }
    let Some(on_reply) = ON_REPLY.with(|r| r.borrow().clone()) else {
        return Err("the fleet engine is not set up".into());
    };
    let worker = spawn()?;
    let reply = on_reply.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let id = get(&data, "id").as_f64().unwrap_or(0.0) as u32;
        if let Some(message) = get(&data, "error").as_string() {
            reset();
            reply(Reply::Failed(format!(
                "the fleet engine failed ({message}) and was restarted: import the inventory again"
            )));
        } else if let Ok(blob) = get(&data, "blob").dyn_into::<Blob>() {
            let name = get(&data, "name").as_string().unwrap_or_default();
            reply(Reply::File { blob, name });
        } else if let Some(text) = get(&data, "json").as_string() {
            let memory = get(&data, "memory").as_f64().unwrap_or(0.0);
            reply(Reply::Json { id, text, memory });
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        reset();
        let detail = get(&ev, "message").as_string().unwrap_or_default();
        on_reply(Reply::Failed(format!(
            "the fleet engine could not be loaded{}{}",
            if detail.is_empty() { "" } else { ": " },
            detail
        )));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    WORKER.with(|w| *w.borrow_mut() = Some(worker));
    Ok(())
}

/// The inventory sent with an import: pasted text, or files (an inventory and readiness
/// exports, joined by machine name in the engine).
pub enum Input {
    Text(String),
    Files(Vec<web_sys::File>),
    None,
}

/// Send one request. `export` = (file name, MIME type) turns the answer into a download.
pub fn send(
    id: u32,
    request: &crate::core::fleet::Request,
    input: Input,
    export: Option<(&str, &str)>,
) -> Result<(), String> {
    // Written by serde-wasm-bindgen (maps as plain objects) and the browser's JSON: no JSON
    // writer in this view's wasm.
    let request = request
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| s.as_string())
        .ok_or("the request could not be written")?;
    let message = Object::new();
    set(&message, "id", &JsValue::from(id));
    set(&message, "request", &JsValue::from_str(&request));
    match input {
        Input::Text(t) => set(&message, "text", &JsValue::from_str(&t)),
        Input::Files(files) => {
            let list: Array = files.iter().collect();
            set(&message, "files", &list);
        }
        Input::None => {}
    }
    if let Some((name, mime)) = export {
        set(&message, "name", &JsValue::from_str(name));
        set(&message, "mime", &JsValue::from_str(mime));
    }
    ensure()?;
    WORKER.with(|w| match w.borrow().as_ref() {
        Some(worker) => worker
            .post_message(&message)
            .map_err(|_| "the fleet engine did not take the request".to_string()),
        None => Err("the fleet engine is not running".to_string()),
    })
}

/// Offer `blob` as a download named `name` (nothing leaves the browser).
pub fn download(blob: &Blob, name: &str) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = leptos::prelude::document()
        .create_element("a")
        .map(|a| a.unchecked_into::<HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Give the browser time to start the download before the URL is released.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
}
