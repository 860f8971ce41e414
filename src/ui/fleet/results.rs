//! The fleet's results: counts by verdict and blocker (each a filter), search, a sortable table
//! paged 100 rows at a time, and the exports.

use super::{Fleet, Imported, RowData};
use crate::core::decision::Decision;
use crate::core::fleet::{ExportFormat, SortKey, PAGE};
use crate::core::hardware::Outcome;
use crate::core::Verdict;
use leptos::prelude::*;

/// The verdict filters: every verdict of the core (id, label), then the rows that could not be planned.
fn verdicts() -> impl Iterator<Item = (&'static str, &'static str)> {
    Verdict::ALL
        .iter()
        .map(|v| (v.id(), v.label()))
        .chain([("error", "Input errors")])
}

/// The table's columns: the key they sort by (the route does not sort), and their heading.
const COLUMNS: [(Option<SortKey>, &str); 9] = [
    (Some(SortKey::Name), "Server"),
    (Some(SortKey::Current), "Current"),
    (Some(SortKey::Target), "Target"),
    (Some(SortKey::Verdict), "Verdict"),
    (None, "Decision"),
    (None, "Hardware"),
    (Some(SortKey::Method), "Method"),
    (None, "Route"),
    (
        Some(SortKey::Blocker),
        "First blocker, prerequisite or error",
    ),
];

fn count(imported: &Imported, verdict: &str) -> usize {
    if verdict == "error" {
        return imported.errors;
    }
    imported
        .by_verdict
        .iter()
        .find(|(v, _)| v == verdict)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

#[component]
pub fn Results(fleet: Fleet) -> impl IntoView {
    move || {
        let imported = fleet.imported.get()?;
        let charts = imported.charts_html.clone();
        Some(view! {
            <Summary fleet=fleet imported=imported/>
            <super::charts::Charts fleet=fleet html=charts/>
            <Filters fleet=fleet/>
            <Table fleet=fleet/>
            <Exports fleet=fleet/>
        })
    }
}

#[component]
fn Summary(fleet: Fleet, imported: Imported) -> impl IntoView {
    let toggle = move |key: &'static str, value: String| {
        fleet.set_query(|q| {
            let slot = match key {
                "verdict" => &mut q.verdict,
                "hardware" => &mut q.hardware,
                "decision" => &mut q.decision,
                _ => &mut q.blocker,
            };
            *slot = if slot.as_deref() == Some(value.as_str()) {
                None
            } else {
                Some(value)
            };
        })
    };
    let blockers = imported.by_blocker.clone();
    let prerequisites = imported.by_prerequisite.clone();
    let hardware = imported.by_hardware.clone();
    let decisions = imported.by_decision.clone();
    view! {
        <div class="fleet-summary" data-testid="fleet-summary" data-rows=imported.total>
            <p>
                <strong data-testid="fleet-total">{imported.total}</strong>
                {if imported.files.is_empty() {
                    format!(" {} read as {}: {} planned, {} with input errors.",
                        if imported.total == 1 { "row" } else { "rows" }, imported.form, imported.planned, imported.errors)
                } else {
                    format!(" {} from {} files, joined by machine name: {} planned, {} with input errors.",
                        if imported.total == 1 { "machine" } else { "machines" }, imported.files.len(), imported.planned, imported.errors)
                }}
            </p>
            {(!imported.files.is_empty()).then(|| view! {
                <ul class="fleet-files" data-testid="fleet-files">
                    {imported.files.iter().enumerate().map(|(i, f)| {
                        let joined = if i == 0 { String::new() } else { format!(", {} joined to machines of earlier files", f.joined) };
                        view! {
                            <li data-testid="fleet-file-read" data-file=f.file.clone() data-joined=f.joined>
                                <code>{f.file.clone()}</code>
                                {format!(": read as {}, {} {}{joined}", f.read_as, f.rows, if f.rows == 1 { "row" } else { "rows" })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <div class="counts" role="group" aria-label="Servers by verdict (click to filter)">
                {verdicts().map(|(id, label)| {
                    let n = count(&imported, id);
                    view! {
                        <button type="button" class=format!("count verdict-{id}") data-testid=format!("count-{id}") data-count=n
                            aria-pressed=move || (fleet.query.with(|q| q.verdict.as_deref() == Some(id))).to_string()
                            on:click=move |_| toggle("verdict", id.to_string())>
                            <span class="n">{n}</span> " " {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="counts" role="group" aria-label="Machines by decision (click to filter)" data-testid="fleet-decisions">
                {Decision::ALL.map(|d| {
                    let id = d.id();
                    let n = decisions.iter().find(|(k, _)| k == id).map(|(_, n)| *n).unwrap_or(0);
                    (n > 0).then(|| view! {
                        <button type="button" class=format!("count decision-{id}") data-testid=format!("decision-count-{id}") data-count=n
                            aria-pressed=move || fleet.query.with(|q| q.decision.as_deref() == Some(id)).to_string()
                            on:click=move |_| toggle("decision", id.to_string())>
                            <span class="n">{n}</span> " " {d.label()}
                        </button>
                    })
                }).into_iter().flatten().collect_view()}
            </div>
            {(!hardware.is_empty()).then(|| view! {
                <div class="counts" role="group" aria-label="Machines by hardware readiness (click to filter)" data-testid="fleet-hardware">
                    {Outcome::ALL.map(|h| {
                        let id = h.id();
                        let n = hardware.iter().find(|(k, _)| k == id).map(|(_, n)| *n).unwrap_or(0);
                        view! {
                            <button type="button" class=format!("count hardware-{id}") data-testid=format!("hw-count-{id}") data-count=n
                                aria-pressed=move || fleet.query.with(|q| q.hardware.as_deref() == Some(id)).to_string()
                                on:click=move |_| toggle("hardware", id.to_string())>
                                <span class="n">{n}</span> " " {h.label()}
                            </button>
                        }
                    }).collect_view()}
                </div>
            })}
            <CodeCounts fleet=fleet counts=blockers title="Machines by blocker (click to filter)" list_testid="fleet-blockers" item_testid="blocker-count"/>
            <CodeCounts fleet=fleet counts=prerequisites title="Machines by prerequisite (click to filter)" list_testid="fleet-prerequisites" item_testid="prerequisite-count"/>
        </div>
    }
}

/// Machines per finding code (blockers, or prerequisites), each a filter.
#[component]
fn CodeCounts(
    fleet: Fleet,
    counts: Vec<(String, usize, String)>,
    title: &'static str,
    list_testid: &'static str,
    item_testid: &'static str,
) -> impl IntoView {
    (!counts.is_empty()).then(|| view! {
        <details class="blockers" open>
            <summary>{title}</summary>
            <ul data-testid=list_testid>
                {counts.into_iter().map(|(code, n, message)| {
                    let c = code.clone();
                    let pressed = code.clone();
                    let data_code = code.clone();
                    view! {
                        <li>
                            <button type="button" data-testid=item_testid data-code=data_code data-count=n title=message.clone()
                                aria-pressed=move || fleet.query.with(|q| q.blocker.as_deref() == Some(pressed.as_str())).to_string()
                                on:click=move |_| fleet.set_query(|q| {
                                    q.blocker = if q.blocker.as_deref() == Some(c.as_str()) { None } else { Some(c.clone()) };
                                })>
                                <span class="n">{n}</span> " " <code>{code}</code>
                            </button>
                            <span class="blocker-message">{message}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    })
}

#[component]
fn Filters(fleet: Fleet) -> impl IntoView {
    view! {
        <div class="fleet-filters">
            <div class="field">
                <label for="fleet-search">"Search name, version, blocker or prerequisite"</label>
                <input id="fleet-search" type="search" data-testid="fleet-search"
                    prop:value=move || fleet.query.with(|q| q.search.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); fleet.set_query(|q| q.search = v); }/>
            </div>
            <div class="field">
                <label for="fleet-verdict">"Verdict"</label>
                <select id="fleet-verdict" data-testid="fleet-filter-verdict"
                    on:change=move |ev| { let v = event_target_value(&ev); fleet.set_query(|q| q.verdict = Some(v).filter(|v| !v.is_empty())); }>
                    <option value="" prop:selected=move || fleet.query.with(|q| q.verdict.is_none())>"All"</option>
                    {verdicts().map(|(id, label)| view! {
                        <option value=id prop:selected=move || fleet.query.with(|q| q.verdict.as_deref() == Some(id))>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <ActiveFilter fleet=fleet what="Decision" clear_testid="fleet-clear-decision" clear_text="Show every decision"
                get=|q| q.decision.as_deref().map(decision_label).map(str::to_string) clear=|q| q.decision = None/>
            <ActiveFilter fleet=fleet what="Hardware" clear_testid="fleet-clear-hardware" clear_text="Show all machines"
                get=|q| q.hardware.as_deref().map(hardware_label).map(str::to_string) clear=|q| q.hardware = None/>
            <ActiveFilter fleet=fleet what="Blocker or prerequisite" clear_testid="fleet-clear-blocker" clear_text="Show all blockers"
                get=|q| q.blocker.clone() clear=|q| q.blocker = None as_code=true/>
        </div>
    }
}

/// One active filter of the query, in words, with the button that clears it.
#[component]
fn ActiveFilter(
    fleet: Fleet,
    what: &'static str,
    clear_testid: &'static str,
    clear_text: &'static str,
    /// The filter's value in words, when it is set.
    get: fn(&crate::core::fleet::Query) -> Option<String>,
    clear: fn(&mut crate::core::fleet::Query),
    /// Show the value as code (a finding code) rather than as words.
    #[prop(optional)]
    as_code: bool,
) -> impl IntoView {
    move || {
        fleet.query.with(get).map(|value| {
            view! {
                <p class="active-filter">{what} ": "
                    {if as_code { view! { <code>{value}</code> }.into_any() } else { value.into_any() }} " "
                    <button type="button" data-testid=clear_testid on:click=move |_| fleet.set_query(clear)>{clear_text}</button>
                </p>
            }
        })
    }
}

fn decision_label(id: &str) -> &'static str {
    Decision::from_id(id).map_or("", Decision::label)
}

fn hardware_label(id: &str) -> &'static str {
    Outcome::from_id(id).map_or("", Outcome::label)
}

/// A message with `quoted values`: the values as code, without the backticks.
fn with_code(text: &str) -> impl IntoView {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                view! { <code>{part.to_string()}</code> }.into_any()
            } else {
                part.to_string().into_any()
            }
        })
        .collect_view()
}

fn row_view(r: RowData) -> impl IntoView {
    let planned = !r.href.is_empty();
    let href = format!("#{}", r.href);
    // A row without a name is called by its line (the core names it `line N`).
    let shown = if r.name == format!("line {}", r.line) {
        "(no name)".to_string()
    } else {
        r.name.clone()
    };
    let detail = r.detail.clone();
    view! {
        <tr data-testid="fleet-row" data-index=r.index data-verdict=r.verdict.clone() data-name=r.name.clone()>
            <th scope="row">
                {if planned {
                    let (name, target) = (r.name.clone(), href.clone());
                    // The planner says which machine it shows and offers the way back (`ui::app`).
                    let remember = move |_| crate::ui::mode::remember_fleet_row(&name, &target);
                    view! { <a href=href data-testid="fleet-open" title="Open this server's full plan in the planner" on:click=remember>{shown}</a> }.into_any()
                } else {
                    view! { <span>{shown}</span> }.into_any()
                }}
                <span class="line">", line " {r.line}</span>
            </th>
            <td data-label="Current">{r.current}</td>
            <td data-label="Target">{r.target}</td>
            <td data-label="Verdict"><span class=format!("badge verdict-{}", r.verdict)>{r.verdict_label}</span></td>
            <td data-label="Decision" data-testid="fleet-decision-cell" data-decision=r.decision.clone() title=r.reason.clone()>{decision_label(&r.decision)}</td>
            <td data-label="Hardware" data-testid="fleet-hardware-cell" data-hardware=r.hardware.clone()>{hardware_label(&r.hardware)}</td>
            <td data-label="Method">{r.method}</td>
            <td data-label="Route" class="route-chips" data-route=r.route.clone()>
                {r.route.split(" → ").filter(|s| !s.is_empty()).map(|stop| view! { <span class="chip">{stop.to_string()}</span> }).collect_view()}
            </td>
            <td data-label="First blocker, prerequisite or error" class="detail" data-detail=detail.clone() title=detail>{with_code(&r.detail)}</td>
        </tr>
    }
}

#[component]
fn Table(fleet: Fleet) -> impl IntoView {
    let sort_by = move |key: SortKey| {
        fleet.set_query(|q| {
            if q.sort == key {
                q.descending = !q.descending;
            } else {
                q.sort = key;
                q.descending = false;
            }
        })
    };
    let go = move |delta: i64| {
        let matched = fleet
            .page
            .with_untracked(|p| p.as_ref().map(|p| p.matched).unwrap_or(0));
        fleet.query.update(|q| {
            let next = q.offset as i64 + delta * PAGE as i64;
            if next >= 0 && (next as usize) < matched {
                q.offset = next as usize;
            }
        });
        fleet.refresh();
    };
    let range = move || {
        fleet.page.with(|p| match p {
            Some(p) if p.matched > 0 => format!(
                "Rows {}–{} of {}{}",
                p.offset + 1,
                p.offset + p.rows.len(),
                p.matched,
                if p.matched < p.total {
                    format!(" (filtered from {})", p.total)
                } else {
                    String::new()
                }
            ),
            _ => "No rows match.".to_string(),
        })
    };
    let at_start = move || {
        fleet
            .page
            .with(|p| p.as_ref().is_none_or(|p| p.offset == 0))
    };
    let at_end = move || {
        fleet.page.with(|p| {
            p.as_ref()
                .is_none_or(|p| p.offset + p.rows.len() >= p.matched)
        })
    };
    view! {
        <div class="fleet-table-wrap">
            <table class="fleet-table" data-testid="fleet-table">
                <thead>
                    <tr>
                        {COLUMNS.iter().map(|&(key, label)| {
                            let Some(key) = key else {
                                return view! { <th scope="col">{label}</th> }.into_any();
                            };
                            let aria = move || fleet.query.with(|q| {
                                if q.sort != key { "none" } else if q.descending { "descending" } else { "ascending" }
                            });
                            view! {
                                <th scope="col" aria-sort=aria>
                                    <button type="button" data-testid=format!("sort-{}", key.id()) on:click=move |_| sort_by(key)>{label}</button>
                                </th>
                            }.into_any()
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || fleet.page.get().map(|p| p.rows.into_iter().map(row_view).collect_view())}
                </tbody>
            </table>
        </div>
        <div class="pager">
            <button type="button" data-testid="fleet-prev" disabled=at_start on:click=move |_| go(-1)>"Previous 100"</button>
            <span data-testid="fleet-range" aria-live="polite">{range}</span>
            <button type="button" data-testid="fleet-next" disabled=at_end on:click=move |_| go(1)>"Next 100"</button>
        </div>
    }
}

#[component]
fn Exports(fleet: Fleet) -> impl IntoView {
    const FORMATS: [(ExportFormat, &str, &str, &str, &str); 4] = [
        (
            ExportFormat::Csv,
            "csv",
            "CSV",
            "fleet-plan.csv",
            "text/csv",
        ),
        (
            ExportFormat::Json,
            "json",
            "JSON (full plans)",
            "fleet-plan.json",
            "application/json",
        ),
        (
            ExportFormat::Markdown,
            "markdown",
            "Markdown report",
            "fleet-plan.md",
            "text/markdown",
        ),
        (
            ExportFormat::Xlsx,
            "xlsx",
            "Workbook (.xlsx)",
            "fleet-plan.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ];
    view! {
        <div class="fleet-exports no-print">
            <span>"Export all rows: "</span>
            {FORMATS.iter().map(|&(format, id, label, name, mime)| view! {
                <button type="button" data-testid=format!("fleet-export-{id}") disabled=move || fleet.busy.get()
                    on:click=move |_| fleet.export(format, name, mime)>{label}</button>
            }).collect_view()}
            <span class="hint">" The same files as " <code>"upgrade-plan --inventory FILE"</code> " writes; made in this browser."</span>
        </div>
    }
}
