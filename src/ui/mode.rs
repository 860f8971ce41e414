//! How the planner is shown: the full page, a compact iframe embed, or a widget mounted into a
//! host page by the JavaScript API.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The full page: header, planner, matrices, footer; the scenario lives in the URL fragment.
    Page,
    /// Inside an iframe (`?embed=1`): compact, no header or footer, height reported to the parent.
    Embed { transparent: bool },
    /// Mounted into an element of a host page: compact, and the host's URL is left alone.
    Widget,
}

impl Mode {
    /// The mode of the page, from its query string (`?embed=1`, `&transparent=1`).
    pub fn from_location() -> Mode {
        let search = window().location().search().unwrap_or_default();
        let has = |key: &str| {
            search
                .trim_start_matches('?')
                .split('&')
                .any(|p| p == key || p.starts_with(&format!("{key}=")) && !p.ends_with("=0"))
        };
        if has("embed") {
            Mode::Embed {
                transparent: has("transparent"),
            }
        } else {
            Mode::Page
        }
    }

    pub fn compact(self) -> bool {
        self != Mode::Page
    }

    pub fn class(self) -> &'static str {
        match self {
            Mode::Page => "upgrade-planner page",
            Mode::Embed { transparent: false } => "upgrade-planner compact",
            Mode::Embed { transparent: true } => "upgrade-planner compact transparent",
            Mode::Widget => "upgrade-planner compact widget",
        }
    }
}

/// True when the page asked to mount the planner itself (the same-page JS API), so `main` must not
/// mount it into `<body>`.
pub fn manual_mount() -> bool {
    js_sys::Reflect::get(&window(), &"__UPGRADE_PLANNER_MANUAL_MOUNT__".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// True in the single-file offline copy (its boot script sets the flag).
pub fn offline_copy() -> bool {
    js_sys::Reflect::get(&window(), &"__UPGRADE_PLANNER_OFFLINE__".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// The page's two apps (planner and Fleet view) share one window: the Fleet view notes which row
/// was opened (its name and the fragment it opened) so the planner can name it and link back.
const FLEET_ROW: &str = "__upgradePlannerFleetRow";

pub fn remember_fleet_row(name: &str, hash: &str) {
    let row = js_sys::Array::of2(&name.into(), &hash.into());
    let _ = js_sys::Reflect::set(&leptos::prelude::window(), &FLEET_ROW.into(), &row);
}

/// The name of the Fleet row whose fragment is `hash`, if the planner shows one.
pub fn fleet_row_for(hash: &str) -> Option<String> {
    let row = js_sys::Reflect::get(&leptos::prelude::window(), &FLEET_ROW.into()).ok()?;
    let row: js_sys::Array = wasm_bindgen::JsCast::dyn_into(row).ok()?;
    (row.get(1).as_string()? == hash).then(|| row.get(0).as_string())?
}
