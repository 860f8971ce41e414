//! The fleet in pictures: inline SVG drawn here from the engine's numbers (`core::fleet::charts`),
//! with no script or style of its own (strict CSP: colours come from `style/fleet.css`, light,
//! dark and print alike). Each chart has a title, a description and the same numbers as a table
//! for screen readers; a bar of decisions or findings filters the table when clicked.

use super::Fleet;
use crate::core::fleet::charts::{Bar, Charts as ChartData, Quarter};
use leptos::prelude::*;

/// Width of every chart's drawing (SVG units); it scales to the page.
const W: f64 = 640.0;
const ROW: f64 = 26.0;
const LABEL: f64 = 250.0;

/// What a click on a bar of this chart filters by.
#[derive(Clone, Copy, PartialEq)]
enum Filter {
    Decision,
    Finding,
    Current,
}

fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let cut: String = label.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[component]
pub fn Charts(fleet: Fleet, charts: ChartData) -> impl IntoView {
    let ChartData {
        decisions,
        findings,
        current,
        timeline,
        ended_without_esu,
        ended_with_esu,
        end_unknown,
    } = charts;
    view! {
        <div class="fleet-charts" data-testid="fleet-charts">
            <BarChart fleet=fleet id="chart-decisions" title="Machines by decision"
                desc="How many machines get each decision: upgrade now, fix first, migrate, replace the hardware, bridge with ESU, already on the target, input error. Click a bar to list those machines."
                bars=decisions filter=Filter::Decision/>
            {(!findings.is_empty()).then(|| view! {
                <BarChart fleet=fleet id="chart-findings" title="Most frequent blockers and prerequisites"
                    desc="The blockers and prerequisites that stop or delay the most machines. Click a bar to list those machines."
                    bars=findings filter=Filter::Finding/>
            })}
            <Timeline timeline=timeline ended=(ended_without_esu, ended_with_esu) unknown=end_unknown/>
            <BarChart fleet=fleet id="chart-current" title="Machines by installed version"
                desc="How many machines run each Windows version today. Click a bar to search for them."
                bars=current filter=Filter::Current/>
        </div>
    }
}

#[component]
fn BarChart(
    fleet: Fleet,
    id: &'static str,
    title: &'static str,
    desc: &'static str,
    bars: Vec<Bar>,
    filter: Filter,
) -> impl IntoView {
    let most = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1) as f64;
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let width = W - LABEL - 60.0;
    let pick = move |value: String| {
        fleet.set_query(|q| {
            let slot = match filter {
                Filter::Decision => &mut q.decision,
                Filter::Finding => &mut q.blocker,
                Filter::Current => {
                    q.search = if q.search == value {
                        String::new()
                    } else {
                        value
                    };
                    return;
                }
            };
            *slot = if slot.as_deref() == Some(value.as_str()) {
                None
            } else {
                Some(value)
            };
        })
    };
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let table = bars.clone();
    view! {
        <figure class="chart" data-testid=id>
            <svg viewBox=format!("0 0 {W} {height}") role="img" aria-labelledby=format!("{title_id} {desc_id}") class="bars">
                <title id=title_id.clone()>{title}</title>
                <desc id=desc_id>{desc}</desc>
                {bars.into_iter().enumerate().map(|(i, b)| {
                    let y = i as f64 * ROW + 4.0;
                    let w = (b.value as f64 / most * width).max(2.0);
                    let value = b.id.clone();
                    let key = b.id.clone();
                    let kind = match filter {
                        Filter::Decision => format!("bar decision-{}", b.id),
                        Filter::Finding => "bar finding".to_string(),
                        Filter::Current => "bar current".to_string(),
                    };
                    let go = pick;
                    let go_key = pick;
                    let key_value = b.id.clone();
                    view! {
                        <g class="bar-row" role="button" tabindex="0" data-testid="chart-bar" data-id=key data-value=b.value
                            aria-label=format!("{}: {}", b.label, b.value)
                            on:click=move |_| go(value.clone())
                            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); go_key(key_value.clone()); }>
                            <title>{format!("{}: {}", b.label, b.value)}</title>
                            <text x=LABEL - 8.0 y=y + ROW * 0.62 text-anchor="end" class="label">{short(&b.label, 38)}</text>
                            <rect x=LABEL y=y + 3.0 width=w height=ROW - 8.0 rx="3" class=kind/>
                            <text x=LABEL + w + 6.0 y=y + ROW * 0.62 class="value">{b.value}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{title}</figcaption>
            <table class="visually-hidden">
                <caption>{title}</caption>
                <thead><tr><th scope="col">"What"</th><th scope="col">"Machines"</th></tr></thead>
                <tbody>
                    {table.into_iter().map(|b| view! { <tr><th scope="row">{b.label}</th><td>{b.value}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

#[component]
fn Timeline(timeline: Vec<Quarter>, ended: (usize, usize), unknown: usize) -> impl IntoView {
    let h = 200.0;
    let top = 16.0;
    let base = h - 36.0;
    let most = timeline
        .iter()
        .map(|q| q.without_esu.max(q.with_esu))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let slot = (W - 40.0) / timeline.len().max(1) as f64;
    let bw = (slot - 8.0) / 2.0;
    let title = "End of support in the next three years";
    let desc = format!(
        "Machines whose installed version loses support in each quarter, without and with Extended Security Updates. Already out of support: {} without ESU, {} with ESU; end not known: {unknown}.",
        ended.0, ended.1
    );
    let table = timeline.clone();
    view! {
        <figure class="chart" data-testid="chart-timeline">
            <svg viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby="chart-timeline-title chart-timeline-desc" class="timeline">
                <title id="chart-timeline-title">{title}</title>
                <desc id="chart-timeline-desc">{desc.clone()}</desc>
                <line x1="30" x2=W - 4.0 y1=base y2=base class="axis"/>
                {timeline.into_iter().enumerate().map(|(i, q)| {
                    let x = 34.0 + i as f64 * slot;
                    let h1 = q.without_esu as f64 / most * (base - top);
                    let h2 = q.with_esu as f64 / most * (base - top);
                    view! {
                        <g data-testid="chart-quarter" data-quarter=q.label.clone() data-without=q.without_esu data-with=q.with_esu>
                            <title>{format!("{}: {} without ESU, {} with ESU", q.label, q.without_esu, q.with_esu)}</title>
                            <rect x=x y=base - h1 width=bw height=h1 class="bar no-esu"/>
                            <rect x=x + bw + 1.0 y=base - h2 width=bw height=h2 class="bar esu"/>
                            <text x=x + bw y=base + 14.0 text-anchor="middle" class="label small">{q.label.replace(' ', "\u{a0}")}</text>
                        </g>
                    }
                }).collect_view()}
                <g class="legend">
                    <rect x="34" y=h - 14.0 width="10" height="10" class="bar no-esu"/>
                    <text x="48" y=h - 5.0 class="label small">"without ESU"</text>
                    <rect x="140" y=h - 14.0 width="10" height="10" class="bar esu"/>
                    <text x="154" y=h - 5.0 class="label small">"with ESU"</text>
                </g>
            </svg>
            <figcaption>{title} " — " {desc}</figcaption>
            <table class="visually-hidden">
                <caption>{title}</caption>
                <thead><tr><th scope="col">"Quarter"</th><th scope="col">"Without ESU"</th><th scope="col">"With ESU"</th></tr></thead>
                <tbody>
                    {table.into_iter().map(|q| view! { <tr><th scope="row">{q.label}</th><td>{q.without_esu}</td><td>{q.with_esu}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}
