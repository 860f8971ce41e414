//! Upgrade waves for the imported fleet: start date, cadence and most machines per wave in; the
//! waves (each machine's place explained), the machines not scheduled, and the exports out.
//! The engine plans them (`core::waves`), exactly as `upgrade-plan --waves` does.

use super::Fleet;
use crate::core::fleet::ExportFormat;
use crate::core::waves::WaveOptions;
use leptos::prelude::*;

/// The next Monday from today (today when it is one): the form's first proposal.
fn next_monday() -> String {
    let today = crate::ui::state::today();
    today
        .plus_days((7 - i64::from(today.weekday())) % 7)
        .to_string()
}

#[component]
pub fn WavesPanel(fleet: Fleet) -> impl IntoView {
    let start = RwSignal::new(next_monday());
    let every = RwSignal::new("7".to_string());
    let max = RwSignal::new("20".to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let start_text = start.get_untracked();
        let Some(date) = crate::core::date::Date::parse(start_text.trim()) else {
            fleet.waves_error.set(Some(format!(
                "start date: `{}` is not a date; accepted: YYYY-MM-DD, today or later",
                start_text
            )));
            return;
        };
        let number = |v: String, what: &str, accepted: &str| {
            v.trim()
                .parse::<u64>()
                .map_err(|_| format!("{what}: `{v}` is not a whole number; accepted: {accepted}"))
        };
        let every_days = match number(every.get_untracked(), "cadence", "1 to 365 days") {
            Ok(n) => n.min(u64::from(u32::MAX)) as u32,
            Err(e) => return fleet.waves_error.set(Some(e)),
        };
        let most = match number(max.get_untracked(), "most machines per wave", "1 to 10000") {
            Ok(n) => n.min(1 << 40) as usize,
            Err(e) => return fleet.waves_error.set(Some(e)),
        };
        fleet.plan_waves(WaveOptions {
            start: date,
            every_days,
            max: most,
        });
    };
    move || {
        fleet.imported.get()?;
        Some(view! {
            <section class="fleet-waves" aria-labelledby="waves-title" data-testid="fleet-waves">
                <h3 id="waves-title">"Upgrade waves"</h3>
                <p class="hint">
                    "Most urgent first (support ended, then ending soonest); machines to fix first from the second wave; "
                    "a cluster's nodes in one wave, one node at a time; a migration in a wave of its own; never two domain controllers of one domain together; "
                    "a route of several hops in consecutive waves."
                </p>
                <form class="waves-form" on:submit=submit data-testid="waves-form">
                    <div class="field">
                        <label for="waves-start">"First wave"</label>
                        <input id="waves-start" type="date" data-testid="waves-start"
                            prop:value=move || start.get()
                            on:input=move |ev| start.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="waves-every">"Every (days)"</label>
                        <input id="waves-every" type="number" min="1" max="365" inputmode="numeric" data-testid="waves-every"
                            prop:value=move || every.get()
                            on:input=move |ev| every.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="waves-max">"Most machines per wave"</label>
                        <input id="waves-max" type="number" min="1" max="10000" inputmode="numeric" data-testid="waves-max"
                            prop:value=move || max.get()
                            on:input=move |ev| max.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="primary" data-testid="waves-plan" disabled=move || fleet.busy.get()>"Plan the waves"</button>
                </form>
                {move || fleet.waves_error.get().map(|e| view! { <p class="fleet-error" role="alert" data-testid="waves-error">{e}</p> })}
                <WavesList fleet=fleet/>
            </section>
        })
    }
}

#[component]
fn WavesList(fleet: Fleet) -> impl IntoView {
    move || {
        let data = fleet.waves.get()?;
        let shown = data.waves.len();
        Some(view! {
            <div class="waves-result" data-testid="waves-result" data-waves=data.total_waves data-scheduled=data.scheduled>
                <p>
                    {format!("{} waves, {} steps; {} machines not scheduled.", data.total_waves, data.scheduled, data.unscheduled.len())}
                    {(shown < data.total_waves).then(|| format!(" The first {shown} waves are listed; the exports hold all."))}
                </p>
                {data.notes.iter().map(|n| view! { <p class="note" data-testid="waves-note">{n.clone()}</p> }).collect_view()}
                <div class="fleet-exports no-print">
                    <button type="button" data-testid="waves-export-csv" disabled=move || fleet.busy.get()
                        on:click=move |_| fleet.export(ExportFormat::WavesCsv, "upgrade-waves.csv", "text/csv")>"Waves as CSV"</button>
                    <button type="button" data-testid="waves-export-markdown" disabled=move || fleet.busy.get()
                        on:click=move |_| fleet.export(ExportFormat::WavesMarkdown, "upgrade-waves.md", "text/markdown")>"Waves as a Markdown runbook"</button>
                </div>
                <ol class="waves">
                    {data.waves.into_iter().map(|w| view! {
                        <li data-testid="wave" data-wave=w.number data-date=w.date.to_string()>
                            <details open=w.number <= 3>
                                <summary>{format!("Wave {} — {} ({} {})", w.number, w.date, w.entries.len(), if w.entries.len() == 1 { "machine" } else { "machines" })}</summary>
                                <ol class="wave-entries">
                                    {w.entries.into_iter().map(|e| view! {
                                        <li data-testid="wave-entry" data-name=e.name.clone() data-hop=e.hop>
                                            <strong>{e.name.clone()}</strong>
                                            {format!(": {} {} → {}{}", e.step, e.from.label(), e.to.label(),
                                                if e.hops > 1 { format!(" (hop {} of {})", e.hop, e.hops) } else { String::new() })}
                                            <span class="why">{format!(" — {}", e.why)}</span>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            </details>
                        </li>
                    }).collect_view()}
                </ol>
                {(!data.unscheduled.is_empty()).then(|| view! {
                    <details class="waves-unscheduled" data-testid="waves-unscheduled">
                        <summary>{format!("Not scheduled ({})", data.unscheduled.len())}</summary>
                        <ul>
                            {data.unscheduled.into_iter().map(|u| view! {
                                <li data-testid="wave-unscheduled" data-name=u.name.clone()><strong>{u.name.clone()}</strong>{format!(": {}", u.reason)}</li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            </div>
        })
    }
}
