use super::findings::{Alternatives, Findings, SetupMessages};
use super::form::ScenarioForm;
use super::runbook::{copy_to_clipboard, Runbook};
use super::state::Planner;
use super::theme::ThemeToggle;
use super::verdict::{RouteChain, VerdictBanner};
use super::{url, CellSelection, Explanation, MatrixTable, Sources};
use crate::core::matrices;
use crate::core::source::RULES_AS_OF;
use leptos::prelude::*;

/// The whole page: the scenario form, the live result, the matrices and the sources.
#[component]
pub fn App() -> impl IntoView {
    let (initial, link_error) = url::initial();
    let planner = Planner::new(initial);
    planner.link_error.set(link_error);
    provide_context(planner);
    url::sync(planner);

    let selected = RwSignal::new(None::<CellSelection>);
    let link_copied = RwSignal::new(false);
    let copy_link = move |_| {
        if let Ok(href) = window().location().href() {
            copy_to_clipboard(&href);
            link_copied.set(true);
        }
    };
    Effect::new(move |_| {
        planner.scenario.track();
        link_copied.set(false);
    });

    view! {
        <header class="site-header">
            <div class="title">
                <h1>"Windows upgrade path planner"</h1>
                <p class="tagline">
                    "Can this Windows server be upgraded in place — and if not, what exactly to do instead. "
                    "Everything runs in your browser; nothing you enter leaves this page."
                </p>
                <p class="rules-as-of" data-testid="rules-as-of">"Rules as of " {RULES_AS_OF}</p>
            </div>
            <ThemeToggle/>
        </header>
        {move || planner.link_error.get().map(|e| view! {
            <p class="link-error" role="alert" data-testid="link-error">{e}</p>
        })}
        <main class="planner">
            <div class="input-column">
                <ScenarioForm/>
            </div>
            <div class="result-column" aria-label="Result">
                <VerdictBanner/>
                <div class="share no-print">
                    <button type="button" data-testid="copy-link" on:click=copy_link>"Copy link"</button>
                    {move || link_copied.get().then(|| view! { <span role="status">"Link copied."</span> })}
                </div>
                <RouteChain/>
                <SetupMessages/>
                <Findings/>
                <Alternatives/>
                <Runbook/>
            </div>
        </main>
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
        <div data-testid="app-ready" hidden></div>
    }
}
