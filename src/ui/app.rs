use super::{CellSelection, Explanation, MatrixTable, Sources};
use crate::core::matrices;
use crate::core::source::RULES_AS_OF;
use leptos::prelude::*;

/// The whole page: header, the 2003 R2 matrices with their explanation, and the sources.
#[component]
pub fn App() -> impl IntoView {
    let selected = RwSignal::new(None::<CellSelection>);
    view! {
        <header class="site-header">
            <h1>"Windows upgrade path planner"</h1>
            <p class="tagline">
                "Can this Windows server be upgraded in place, and if not, what exactly to do instead. "
                "Everything runs in your browser; nothing you enter leaves this page."
            </p>
            <p class="rules-as-of" data-testid="rules-as-of">"Rules as of " {RULES_AS_OF}</p>
        </header>
        <main class="layout">
            <section class="matrices" aria-label="Windows Server 2003 R2 compatibility matrices">
                <MatrixTable matrix=matrices::r2_channel_matrix() selected=selected/>
                <MatrixTable matrix=matrices::r2_sku_matrix() selected=selected/>
            </section>
            <Explanation selected=selected.read_only()/>
        </main>
        <Sources/>
        <div data-testid="app-ready" hidden></div>
    }
}
