//! The fleet in pictures: the engine sends them as HTML with inline SVG
//! (`core::fleet::charts::charts_html`: whole-number coordinates, every text escaped, no script
//! and no style attribute, so the strict CSP holds; colours come from `style/fleet.css`, light,
//! dark and print alike; each with a title, a description and a data table for screen readers).
//! One listener here turns a click (or Enter) on a bar into a filter: the figure's `data-filter`
//! says which, the bar's `data-id` the value.

use super::Fleet;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// (filter, value) of the bar an event happened on.
fn picked(ev: &web_sys::Event) -> Option<(String, String)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let bar = el.closest("[data-id]").ok()??;
    let figure = bar.closest("[data-filter]").ok()??;
    Some((
        figure.get_attribute("data-filter")?,
        bar.get_attribute("data-id")?,
    ))
}

#[component]
pub fn Charts(fleet: Fleet, html: String) -> impl IntoView {
    let pick = move |(filter, value): (String, String)| {
        fleet.set_query(|q| {
            let slot = match filter.as_str() {
                "decision" => &mut q.decision,
                "blocker" => &mut q.blocker,
                _ => {
                    q.search = if q.search == value {
                        String::new()
                    } else {
                        value
                    };
                    return;
                }
            };
            *slot = if slot.as_deref() == Some(value.as_str()) {
                None
            } else {
                Some(value)
            };
        })
    };
    view! {
        <div class="fleet-charts" data-testid="fleet-charts" inner_html=html
            on:click=move |ev| if let Some(p) = picked(&ev) { pick(p) }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    if let Some(p) = picked(&ev) { ev.prevent_default(); pick(p) }
                }
            }>
        </div>
    }
}
