//! Upgrade waves for the imported fleet: start date, cadence and most machines per wave in; the
//! waves (each machine's place explained), the machines not scheduled, and the exports out.
//! The engine plans them (`core::waves`), exactly as `upgrade-plan --waves` does.

use super::Fleet;
use crate::core::fleet::ExportFormat;
use crate::core::waves::{WaveOptions, MAX_CADENCE, MAX_PER_WAVE};
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
        let every_days = match number(
            every.get_untracked(),
            "cadence",
            &format!("1 to {MAX_CADENCE} days"),
        ) {
            Ok(n) => n.min(u64::from(u32::MAX)) as u32,
            Err(e) => return fleet.waves_error.set(Some(e)),
        };
        let most = match number(
            max.get_untracked(),
            "most machines per wave",
            &format!("1 to {MAX_PER_WAVE}"),
        ) {
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
                    "Most urgent first; fixes first; a cluster's nodes together, one at a time; a migrating cluster alone; two domain controllers of one domain never together; one hop per wave."
                </p>
                <form class="waves-form" novalidate on:submit=submit data-testid="waves-form">
                    <div class="field">
                        <label for="waves-start">"First wave"</label>
                        <input id="waves-start" type="date" data-testid="waves-start"
                            prop:value=move || start.get()
                            on:input=move |ev| start.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="waves-every">"Every (days)"</label>
                        <input id="waves-every" type="number" min="1" max=MAX_CADENCE.to_string() inputmode="numeric" data-testid="waves-every"
                            prop:value=move || every.get()
                            on:input=move |ev| every.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="waves-max">"Most machines per wave"</label>
                        <input id="waves-max" type="number" min="1" max=MAX_PER_WAVE.to_string() inputmode="numeric" data-testid="waves-max"
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
        let shown = data
            .total_waves
            .min(crate::core::fleet::protocol::WAVES_SHOWN);
        Some(view! {
            <div class="waves-result" data-testid="waves-result" data-waves=data.total_waves data-scheduled=data.scheduled>
                <p>
                    {format!("{} waves, {} steps; {} machines not scheduled.", data.total_waves, data.scheduled, data.unscheduled)}
                    {(shown < data.total_waves).then(|| format!(" The first {shown} waves are listed; the exports hold all."))}
                </p>
                <div class="fleet-exports no-print">
                    <button type="button" data-testid="waves-export-csv" disabled=move || fleet.busy.get()
                        on:click=move |_| fleet.export(ExportFormat::WavesCsv, "upgrade-waves.csv", "text/csv")>"Waves as CSV"</button>
                    <button type="button" data-testid="waves-export-markdown" disabled=move || fleet.busy.get()
                        on:click=move |_| fleet.export(ExportFormat::WavesMarkdown, "upgrade-waves.md", "text/markdown")>"Waves as a Markdown runbook"</button>
                </div>
                <div inner_html=data.html></div>
            </div>
        })
    }
}
