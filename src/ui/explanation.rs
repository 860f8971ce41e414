use leptos::prelude::*;

/// The matrix cell a user activated, with what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellSelection {
    pub matrix_id: &'static str,
    pub row: usize,
    pub col: usize,
    /// "Retail → OEM R2".
    pub title: String,
    pub explanation: String,
    pub source: crate::core::source::Source,
}

/// Shows the explanation of the selected matrix cell, announced to screen readers.
#[component]
pub fn Explanation(
    /// The selected cell, if any.
    selected: ReadSignal<Option<CellSelection>>,
) -> impl IntoView {
    view! {
        <aside class="explanation" data-testid="cell-explanation" aria-live="polite">
            {move || match selected.get() {
                None => view! {
                    <p class="hint">"Hover over or focus a matrix cell to see what it means and where the rule comes from; activate it to load that scenario into the planner."</p>
                }
                .into_any(),
                Some(sel) => view! {
                    <h2>{sel.title}</h2>
                    <p>{sel.explanation}</p>
                    <p class="source">"Source: " <super::citation::Citation source=sel.source/></p>
                }
                .into_any(),
            }}
        </aside>
    }
}
