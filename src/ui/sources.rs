use super::citation::Citation;
use crate::core::source::{Source, RULES_AS_OF};
use leptos::prelude::*;

/// Footer listing every source the rules cite, with its date and kind, and "rules as of" the
/// newest.
#[component]
pub fn Sources() -> impl IntoView {
    view! {
        <footer class="site-footer" data-testid="sources">
            <h2>"Sources"</h2>
            <p>"Rules as of " {RULES_AS_OF} ", the date of the newest source. Every finding and step cites its source; secondary and archived sources are marked, and what no source states is shown as unconfirmed."</p>
            <ul class="source-list">
                {Source::ALL
                    .iter()
                    .map(|&src| {
                        let date = src.row().date.map(|d| format!(", {d}")).unwrap_or_default();
                        view! { <li data-testid="source"><Citation source=src/> {format!(" — {}{date}", src.publisher())}</li> }
                    })
                    .collect_view()}
            </ul>
        </footer>
    }
}
