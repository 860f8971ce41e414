//! Apps the planner page loads after its first answer, each its own wasm: the Fleet view (the
//! `fleet-ui` wasm, the first time `#fleet` is opened) and the page's second stage (the
//! `planner-extras` wasm: the compatibility matrices and the sources, below the fold). The hosted
//! site names each app's script in a `<meta>`; the single-file offline copy defines a starter
//! function instead (both written by `scripts/postbuild.mjs`). Each app mounts itself into its
//! root element (`#fleet-root`, `#extras-root`).

use js_sys::{Function, Reflect};
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyApp {
    Fleet,
    Extras,
}

impl LazyApp {
    fn meta(self) -> &'static str {
        match self {
            LazyApp::Fleet => "meta[name=upgrade-planner-fleet-ui]",
            LazyApp::Extras => "meta[name=upgrade-planner-extras]",
        }
    }
    fn starter(self) -> &'static str {
        match self {
            LazyApp::Fleet => "__upgradePlannerStartFleet",
            LazyApp::Extras => "__upgradePlannerStartExtras",
        }
    }
    fn name(self) -> &'static str {
        match self {
            LazyApp::Fleet => "The Fleet view",
            LazyApp::Extras => "The compatibility matrices and the sources",
        }
    }
    fn index(self) -> usize {
        self as usize
    }
}

thread_local! {
    static REQUESTED: Cell<[bool; 2]> = const { Cell::new([false; 2]) };
}

fn requested(app: LazyApp, value: bool) -> bool {
    REQUESTED.with(|r| {
        let mut all = r.get();
        let was = all[app.index()];
        all[app.index()] = value;
        r.set(all);
        was
    })
}

/// Start loading `app` (once). `on_error` receives a message when it cannot load.
pub fn load(app: LazyApp, on_error: impl Fn(String) + 'static) {
    if requested(app, true) {
        return;
    }
    let window = window();
    if let Ok(start) =
        Reflect::get(&window, &app.starter().into()).and_then(|f| f.dyn_into::<Function>())
    {
        if start.call0(&window).is_err() {
            on_error(format!("{} could not start in this copy.", app.name()));
        }
        return;
    }
    let document = document();
    let src = document
        .query_selector(app.meta())
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"));
    let (Some(src), Ok(script)) = (src, document.create_element("script")) else {
        on_error(format!(
            "{} is not in this copy of the planner (it was not built with Trunk).",
            app.name()
        ));
        return;
    };
    let failed = Closure::once_into_js(move || {
        requested(app, false);
        on_error(format!(
            "{} could not be loaded; check the connection and reload.",
            app.name()
        ));
    });
    let _ = script.set_attribute("src", &src);
    let _ = Reflect::set(&script, &"onerror".into(), &failed);
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}
