use super::citation::Citation;
use super::state::Planner;
use crate::core::plan::{Confidence, Severity};
use leptos::prelude::*;

/// Findings grouped by severity, each with its source; unconfirmed ones are marked as such.
#[component]
pub fn Findings() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        p.plan.get().ok().map(|plan| {
            let groups = Severity::ALL
                .iter()
                .filter_map(|&sev| {
                    let items: Vec<_> = plan.findings.iter().filter(|f| f.severity == sev).cloned().collect();
                    (!items.is_empty()).then(|| {
                        let list = items
                            .into_iter()
                            .map(|f| {
                                let badge = match f.confidence {
                                    Confidence::Unconfirmed => Some(view! { <span class="badge unconfirmed">"unconfirmed"</span> }.into_any()),
                                    Confidence::Secondary => Some(view! { <span class="badge secondary">"secondary source"</span> }.into_any()),
                                    Confidence::Confirmed => None,
                                };
                                view! {
                                    <li class="finding" data-testid="finding" data-code=f.code.id()>
                                        {badge}
                                        <span class="msg">{f.message}</span>
                                        <Citation source=f.source/>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class=format!("severity {}", sev.id()) data-testid=format!("findings-{}", sev.id())>
                                <h3>{sev.label()}</h3>
                                <ul>{list}</ul>
                            </div>
                        }
                    })
                })
                .collect_view();
            view! {
                <section class="findings" data-testid="findings" aria-labelledby="findings-title">
                    <h2 id="findings-title">"Findings"</h2>
                    {groups}
                </section>
            }
        })
    }
}

/// The exact texts Setup or the compatibility report would show.
#[component]
pub fn SetupMessages() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        p.plan.get().ok().filter(|plan| !plan.setup_messages.is_empty()).map(|plan| {
            let msgs = plan
                .setup_messages
                .into_iter()
                .map(|m| view! { <blockquote class="setup-message" data-testid="setup-message"><pre>{m}</pre></blockquote> })
                .collect_view();
            view! {
                <section class="setup-messages" data-testid="setup-messages" aria-labelledby="setup-title">
                    <h2 id="setup-title">"What Setup would show"</h2>
                    {msgs}
                </section>
            }
        })
    }
}

/// Other ways forward, with why.
#[component]
pub fn Alternatives() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        p.plan
            .get()
            .ok()
            .filter(|plan| !plan.alternatives.is_empty())
            .map(|plan| {
                let items = plan
                    .alternatives
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li data-testid="alternative" data-method=a.method.id()>
                                <strong>{a.method.label()}</strong>": "{a.why}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="alternatives" aria-labelledby="alt-title">
                        <h2 id="alt-title">"Alternatives"</h2>
                        <ul data-testid="alternatives">{items}</ul>
                    </section>
                }
            })
    }
}
