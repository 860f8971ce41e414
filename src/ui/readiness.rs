//! The readiness checklist beside the verdict (each requirement ✓ / ✗ / ? with what the machine
//! has and whether a failure is fixable or needs other hardware), and the ESU programmes.

use super::citation::Citation;
use super::state::Planner;
use crate::core::hardware::{Remedy, Status};
use crate::core::plan::Confidence;
use leptos::prelude::*;

/// The checklist against the target's hardware requirements.
#[component]
pub fn ReadinessChecklist() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        let plan = p.plan.get().ok()?;
        let r = plan.readiness?;
        let items = r
            .checks
            .into_iter()
            .map(|c| {
                let status = c.status;
                let sure = (c.confidence != Confidence::Confirmed).then(|| {
                    view! { <span class="badge unconfirmed">{if c.confidence == Confidence::Secondary { "secondary" } else { "unconfirmed" }}</span> }
                });
                let steps = (!c.steps.is_empty() && status != Status::Pass).then(|| {
                    let title = if status == Status::Unknown { "How to read it" } else { "What to do" };
                    view! {
                        <details class="check-steps">
                            <summary>{title}</summary>
                            <ul>{c.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                        </details>
                    }
                });
                view! {
                    <li class=format!("check {}", status.id()) data-testid="check" data-code=c.code.id() data-status=status.id()
                        data-remedy=c.remedy.map(Remedy::label).unwrap_or("")>
                        <span class="mark" aria-hidden="true">{status.mark()}</span>
                        <span class="check-label">{c.label}</span>
                        <span class="visually-hidden">{format!(" — {}", status.id())}</span>
                        <span class="check-value">{c.value.clone()}</span>
                        {c.remedy.map(Remedy::label).map(|t| view! { <span class=format!("badge remedy {t}")>{t}</span> })}
                        {sure}
                        " "<Citation source=c.source/>
                        {steps}
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class=format!("readiness {}", r.outcome.id()) aria-labelledby="readiness-title" data-testid="readiness" data-outcome=r.outcome.id()>
                <h2 id="readiness-title">{format!("Hardware for {}: {}", r.target, r.outcome.label().to_ascii_lowercase())}</h2>
                <ul class="checklist">{items}</ul>
            </section>
        })
    }
}

/// Extended Security Updates for the installed version: who, until when, at what price.
#[component]
pub fn EsuOffers() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        let plan = p.plan.get().ok()?;
        if plan.esu.is_empty() {
            return None;
        }
        let items = plan
            .esu
            .iter()
            .map(|o| {
                let state = if o.open {
                    format!("until {} ({} days left)", o.until, o.days_left)
                } else {
                    format!("ended {}", o.until)
                };
                view! {
                    <li data-testid="esu" data-id=o.id data-open=o.open.to_string()>
                        <strong>{o.name}</strong>" — "{state}". "
                        <span class="esu-who">{format!("For {}; {} year(s).", o.who, o.years)}</span>
                        {o.requires.clone().map(|r| view! { " "<span class="esu-needs">{format!("Needs {r}.")}</span> })}
                        {o.price.map(|pr| view! { " "<span class="esu-price">{format!("Price: {pr}.")}</span> })}
                        {(!o.note.is_empty()).then(|| view! { " "<span class="esu-note">{o.note}</span> })}
                        {(o.confidence != Confidence::Confirmed).then(|| view! { " "<span class="badge unconfirmed">"not confirmed by Microsoft"</span> })}
                        " "<Citation source=o.source/>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="esu" aria-labelledby="esu-title" data-testid="esu-offers">
                <h2 id="esu-title">"Extended Security Updates"</h2>
                <ul>{items}</ul>
            </section>
        })
    }
}
