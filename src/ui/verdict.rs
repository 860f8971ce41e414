use super::citation::Citation;
use super::state::Planner;
use crate::core::plan::Confidence;
use leptos::prelude::*;

/// The answer in one line: verdict, method, and why not when not supported.
#[component]
pub fn VerdictBanner() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        match p.plan.get() {
        Err(e) => view! {
            <section class="verdict input-error" data-testid="verdict" data-verdict="input-error" role="status" aria-live="polite">
                <h2>"This scenario cannot be evaluated"</h2>
                <p data-testid="input-error">{e.to_string()}</p>
            </section>
        }
        .into_any(),
        Ok(plan) => {
            let unconfirmed = (plan.confidence == Confidence::Unconfirmed).then(|| view! {
                <p class="badge unconfirmed" data-testid="unconfirmed">"Rests on unconfirmed rules — see the findings marked unconfirmed."</p>
            });
            view! {
                <section class=format!("verdict {}", plan.verdict.id()) data-testid="verdict" data-verdict=plan.verdict.id() role="status" aria-live="polite">
                    <h2 data-testid="headline">{plan.headline.clone()}</h2>
                    <p class="method" data-testid="method" data-method=plan.method.id()>
                        {if plan.verdict == crate::core::Verdict::NotSupported { "Instead: " } else { "Method: " }}
                        <strong>{plan.method.label()}</strong>
                    </p>
                    {(!plan.why().is_empty()).then(|| view! {
                        <ul class="why-list" data-testid="why">
                            {plan.why().into_iter().map(|f| view! {
                                <li data-testid="why-item" data-code=f.code.id()>{f.message.clone()} " " <Citation source=f.source/></li>
                            }).collect_view()}
                        </ul>
                    })}
                    {plan.explanation.clone().map(|e| view! {
                        <details class="why-chain">
                            <summary>"The reasoning, step by step"</summary>
                            <p class="why" data-testid="explanation">{e}</p>
                        </details>
                    })}
                    {unconfirmed}
                </section>
            }
            .into_any()
        }
    }
    }
}

/// The route as a chain of stops, each with its end-of-support dates.
#[component]
pub fn RouteChain() -> impl IntoView {
    let p = expect_context::<Planner>();
    move || {
        p.plan.get().ok().filter(|plan| !plan.stops.is_empty()).map(|plan| {
            let stops = plan
                .stops
                .iter()
                .map(|stop| {
                    let dates = match (stop.end, stop.days_left) {
                        (Some(end), Some(d)) if d >= 0 => format!("support ends {end} ({d} days left)"),
                        (Some(end), Some(d)) => format!("support ended {end} ({} days ago)", -d),
                        _ => "no lifecycle data in the sources".to_string(),
                    };
                    let mainstream = match (stop.mainstream_end, stop.extended_end) {
                        (Some(main), Some(_)) => format!("mainstream ends {main}; "),
                        _ => String::new(),
                    };
                    let name = match stop.release {
                        Some(r) => format!("{} {r}", stop.name),
                        None => stop.name.to_string(),
                    };
                    let state = stop.support.label();
                    let sure = match stop.lifecycle_confidence {
                        Confidence::Confirmed => "",
                        Confidence::Secondary => " (secondary source)",
                        Confidence::Unconfirmed => " (unconfirmed)",
                    };
                    view! {
                        <li class=format!("stop {}", stop.support.id()) data-testid="stop" data-os=stop.os.id()>
                            <span class="stop-name">{name}</span>
                            {stop.applies_to.clone().map(|a| view! { <span class="stop-applies">{a}</span> })}
                            <span class="stop-dates">{mainstream}{dates} {sure}</span>
                            <span class="stop-state">{state}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="route" aria-labelledby="route-title">
                    <h2 id="route-title">{if plan.route.is_empty() { "Versions (no in-place route)" } else { "Route" }}</h2>
                    <ol class="chain" data-testid="route">{stops}</ol>
                </section>
            }
        })
    }
}
