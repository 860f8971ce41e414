//! The planner page's second stage, its own wasm (`src/bin/planner-extras.rs`) loaded after the
//! first answer is on screen: the compatibility matrices with their explanation, and the sources.
//! It keeps its own copy of the Scenario in step with the URL fragment, the only link to the
//! planner: activating a cell writes the fragment, and the planner follows it.

use super::embed::{EmbedDialog, OfflineLink};
use super::state::Planner;
use super::url;
use super::{CellSelection, Explanation, MatrixTable, Sources};
use crate::core::matrices;
use leptos::prelude::*;

/// This app's copy of the page's Scenario, kept in step with the URL fragment.
fn follow_the_page() -> Planner {
    let (initial, link_error) = url::initial();
    let planner = Planner::new(initial);
    // A malformed opening link stays as it is, next to the planner's message about it.
    planner.link_error.set(link_error);
    provide_context(planner);
    url::sync(planner, Some(RwSignal::new(url::initial_view())));
    planner
}

/// The "Embed" button and dialog, mounted into the planner's share bar (`#embed-root`).
#[component]
pub fn EmbedSlot() -> impl IntoView {
    follow_the_page();
    view! { <EmbedDialog/> }
}

#[component]
pub fn PageExtras() -> impl IntoView {
    follow_the_page();
    let selected = RwSignal::new(None::<CellSelection>);
    view! {
        <section class="matrices-area no-print" aria-labelledby="matrices-title">
            <h2 id="matrices-title">"Compatibility matrices"</h2>
            <p class="hint">"Hover or focus a cell to see what it means; activate it to load that scenario above. Arrow keys move between cells."</p>
            <div class="matrices-layout">
                <div class="matrices">
                    {matrices::all().into_iter().map(|m| view! { <MatrixTable matrix=m selected=selected/> }).collect_view()}
                </div>
                <Explanation selected=selected.read_only()/>
            </div>
        </section>
        <Sources/>
        <p class="offline no-print"><OfflineLink/></p>
        <div data-testid="app-ready" hidden></div>
    }
}
