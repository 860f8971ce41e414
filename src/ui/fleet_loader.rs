//! The planner's side of the Fleet view: load its app (the `fleet-ui` wasm) the first time `#fleet`
//! is opened. The hosted site names the app's script in `<meta name="upgrade-planner-fleet-ui">`;
//! the single-file offline copy defines `window.__upgradePlannerStartFleet` instead (both written by
//! `scripts/postbuild.mjs`). The app mounts itself into `#fleet-root`.

use js_sys::{Function, Reflect};
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// Start loading the Fleet view (once). `on_error` receives a message when it cannot load.
pub fn load(on_error: impl Fn(String) + 'static) {
    if REQUESTED.with(|r| r.replace(true)) {
        return;
    }
    let window = window();
    if let Ok(start) = Reflect::get(&window, &"__upgradePlannerStartFleet".into())
        .and_then(|f| f.dyn_into::<Function>())
    {
        if start.call0(&window).is_err() {
            on_error("The Fleet view could not start in this copy.".into());
        }
        return;
    }
    let document = document();
    let src = document
        .query_selector("meta[name=upgrade-planner-fleet-ui]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    let (Some(src), Ok(script)) = (src, document.create_element("script")) else {
        on_error(
            "This copy of the planner has no Fleet view (it was not built with Trunk).".into(),
        );
        return;
    };
    let failed = Closure::once_into_js(move || {
        REQUESTED.with(|r| r.set(false));
        on_error(
            "The Fleet view could not be loaded; check the connection and open Fleet again.".into(),
        );
    });
    let _ = script.set_attribute("src", &src);
    let _ = Reflect::set(&script, &"onerror".into(), &failed);
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}
