use super::embed::{listen_to_parent, report_height};
use super::findings::{Alternatives, Findings, SetupMessages};
use super::form::ScenarioForm;
use super::lazy_app::{self, LazyApp};
use super::mode::Mode;
use super::runbook::{copy_to_clipboard, Runbook};
use super::state::Planner;
use super::theme::{self, ThemeToggle};
use super::url::{self, View};
use super::verdict::{RouteChain, VerdictBanner};
use super::{EsuOffers, ReadinessChecklist};
use crate::core::fragment;
use crate::core::scenario::Scenario;
use crate::core::source::RULES_AS_OF;
use leptos::html::Div;
use leptos::prelude::*;

/// The page: mode from the query string, scenario from the URL fragment.
#[component]
pub fn App() -> impl IntoView {
    let (initial, link_error) = url::initial();
    view! { <PlannerRoot mode=Mode::from_location() initial=initial link_error=link_error/> }
}

/// The planner in any mode: the scenario form, the live result and, on the full page, the header,
/// the matrices and the sources.
#[component]
pub fn PlannerRoot(
    /// Page, iframe embed or widget.
    mode: Mode,
    /// The scenario to open with.
    initial: Scenario,
    /// A message about a link that could not be read.
    link_error: Option<String>,
) -> impl IntoView {
    let planner = Planner::new(initial);
    planner.link_error.set(link_error);
    provide_context(planner);
    // Only the full page has the Fleet view (`#fleet`): its own app, loaded when first opened.
    let view = RwSignal::new(if mode == Mode::Page {
        url::initial_view()
    } else {
        View::Planner
    });
    let fleet_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if view.get() == View::Fleet {
            fleet_error.set(None);
            lazy_app::load(LazyApp::Fleet, move |e| fleet_error.set(Some(e)));
        }
    });
    if mode != Mode::Widget {
        url::sync(planner, (mode == Mode::Page).then_some(view));
    }
    let in_fleet = move || view.get() == View::Fleet;
    let planner_href = move || format!("#{}", fragment::encode(&planner.scenario.get()));
    let theme = theme::provide();
    let root = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            if matches!(mode, Mode::Embed { .. }) {
                report_height(el.into());
            }
            // The static "loading" note of index.html is only for copies that cannot run.
            if let Some(fallback) = document().get_element_by_id("boot-fallback") {
                fallback.remove();
            }
        }
    });
    if matches!(mode, Mode::Embed { .. }) {
        listen_to_parent(planner);
    }

    // The matrices and the sources (below the fold) are the page's second stage, their own wasm
    // loaded once the answer is on screen (`ui::extras`).
    let extras_error = RwSignal::new(None::<String>);
    if mode == Mode::Page {
        request_animation_frame(move || {
            lazy_app::load(LazyApp::Extras, move |e| extras_error.set(Some(e)));
        });
    }
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
    let page = !mode.compact();

    view! {
        <div class=mode.class() data-theme=move || theme.0.get() node_ref=root>
            {page.then(|| view! {
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
                <nav class="views no-print" aria-label="Views">
                    <a href=planner_href data-testid="nav-planner" aria-current=move || (!in_fleet()).then_some("page")>"Planner: one server"</a>
                    <a href="#fleet" data-testid="nav-fleet" aria-current=move || in_fleet().then_some("page")>"Fleet: a whole inventory"</a>
                </nav>
            })}
            {move || planner.link_error.get().map(|e| view! {
                <p class="link-error" role="alert" data-testid="link-error">{e}</p>
            })}
            {page.then(|| view! {
                <main class="fleet-main" hidden=move || !in_fleet()>
                    {move || fleet_error.get().map(|e| view! { <p class="fleet-error" role="alert" data-testid="fleet-load-error">{e}</p> })}
                    // Static on purpose: the Fleet app owns everything inside.
                    <div id="fleet-root"><p class="fleet-loading">"Loading the Fleet view…"</p></div>
                </main>
            })}
            <main class="planner" hidden=in_fleet>
                <div class="input-column">
                    <ScenarioForm/>
                </div>
                <div class="result-column" aria-label="Result">
                    {page.then(|| view! { <FromFleet/> })}
                    <VerdictBanner/>
                    {(mode != Mode::Widget).then(|| view! {
                        <div class="share no-print">
                            <button type="button" data-testid="copy-link" on:click=copy_link>"Copy link"</button>
                            // The Embed dialog belongs to the page's second stage (`ui::extras`).
                            {page.then(|| view! { <span id="embed-root"></span> })}
                            {move || link_copied.get().then(|| view! { <span role="status">"Link copied."</span> })}
                        </div>
                    })}
                    <ReadinessChecklist/>
                    <RouteChain/>
                    <EsuOffers/>
                    <SetupMessages/>
                    <Findings/>
                    <Alternatives/>
                    <Runbook/>
                </div>
            </main>
            {page.then(|| view! {
                <div class="extras" hidden=in_fleet>
                    {move || extras_error.get().map(|e| view! { <p class="fleet-error" role="alert" data-testid="extras-load-error">{e}</p> })}
                    // Static on purpose: the second-stage app owns everything inside.
                    <div id="extras-root"><p class="extras-loading">"Loading the compatibility matrices…"</p></div>
                </div>
            })}
            {(!page).then(|| view! { <div data-testid="app-ready" hidden></div> })}
        </div>
    }
}

/// Above the answer of a machine opened from the Fleet view: its name and the way back.
#[component]
fn FromFleet() -> impl IntoView {
    let planner = expect_context::<Planner>();
    move || {
        planner.scenario.track();
        let hash = window().location().hash().unwrap_or_default();
        super::mode::fleet_row_for(&hash).map(|name| {
            view! {
                <p class="from-fleet no-print" data-testid="from-fleet">
                    <strong>{name}</strong>" from the fleet · "
                    <a href="#fleet" data-testid="back-to-fleet">"← Back to fleet"</a>
                </p>
            }
        })
    }
}
