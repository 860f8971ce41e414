use crate::core::source::SEED_DOCUMENTS;
use leptos::prelude::*;

/// Footer listing the documents the rules come from.
#[component]
pub fn Sources() -> impl IntoView {
    view! {
        <footer class="site-footer" data-testid="sources">
            <h2>"Sources"</h2>
            <ul>
                {SEED_DOCUMENTS
                    .iter()
                    .map(|(src, title)| view! { <li>{*title} " — " <cite>{src.cite()}</cite></li> })
                    .collect_view()}
                <li>"Windows Server and Windows client upgrade facts (upgrade-rules.md), each rule tagged with its Microsoft source."</li>
            </ul>
        </footer>
    }
}
