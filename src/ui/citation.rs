//! A source as the page cites it: its title as a link (a new tab), marked when it is not current
//! Microsoft documentation; in the offline copy the address is written out too, since a link may
//! not open there.

use crate::core::source::{Kind, Source};
use leptos::prelude::*;

/// Whether this is the single-file offline copy (its boot script sets the flag).
pub fn offline() -> bool {
    js_sys::Reflect::get(
        &window(),
        &wasm_bindgen::JsValue::from_str("__UPGRADE_PLANNER_OFFLINE__"),
    )
    .ok()
    .is_some_and(|v| v.is_truthy())
}

/// The citation of one source.
#[component]
pub fn Citation(
    /// The source cited.
    source: Source,
) -> impl IntoView {
    let row = source.row();
    let mark = (row.kind != Kind::Primary).then(|| {
        view! { <span class=format!("source-kind {}", row.kind.id())>" (" {row.kind.mark()} ")"</span> }
    });
    let title = if row.url.is_empty() {
        view! { <span>{row.title}</span> }.into_any()
    } else {
        view! { <a href=row.url target="_blank" rel="noopener noreferrer">{row.title}</a> }
            .into_any()
    };
    let address = (offline() && !row.url.is_empty())
        .then(|| view! { <span class="source-url">" " {row.url}</span> });
    view! { <cite class="citation" data-source=row.id>{title}{mark}{address}</cite> }
}
