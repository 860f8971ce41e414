//! The Fleet view's second stage: the pictures and the upgrade waves, planned from a compact copy
//! of the fleet's results ([`PlanInput`]) by a second wasm module (`src/bin/fleet-extras.rs`) that
//! the engine's worker loads only after the first import. The engine writes the input
//! ([`super::Fleet::plan_input`]); this side reads it, draws the charts, plans the waves and writes
//! their exports. Pure, like the rest of the core: the command and the tests call it directly.

use super::charts::{charts, charts_html};
use super::protocol::{read_request, Reply, Request, WAVES_SHOWN};
use super::ExportFormat;
use crate::core::codes::Code;
use crate::core::date::Date;
use crate::core::decision::Decision;
use crate::core::inventory::RowResult;
use crate::core::plan::Verdict;
use crate::core::progress::{self, Progress};
use crate::core::text::count;
use crate::core::waves::{self, WaveOptions, WavePlan};
use crate::core::Os;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the charts, the waves and a comparison need of one machine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub name: String,
    pub decision: String,
    /// The verdict's id; empty for an input error.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verdict: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Os>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Os>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route: Vec<Os>,
    /// Blocker and prerequisite codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_end: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esu_end: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub domain_controller: bool,
}

/// The fleet as the second stage sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub as_of: Date,
    /// Finding code → its message (the charts' labels).
    pub messages: BTreeMap<String, String>,
    pub rows: Vec<PlanRow>,
}

impl PlanRow {
    pub fn from_result(r: &RowResult) -> PlanRow {
        PlanRow {
            name: r.name.clone(),
            decision: r.decision.id().to_string(),
            verdict: r.verdict.map(Verdict::id).unwrap_or_default().to_string(),
            reason: r.reason.clone(),
            error: r.error.clone(),
            current: r.current,
            target: r.target,
            route: r.route.clone(),
            findings: r
                .blockers
                .iter()
                .chain(&r.prerequisites)
                .map(|c| c.id().to_string())
                .collect(),
            support_end: r.support_end,
            esu_end: r.esu_end,
            cluster: r.cluster.clone(),
            domain: r.domain.clone(),
            domain_controller: r.domain_controller,
        }
    }

    /// Back to a result with the fields the charts and the waves read (findings as blockers).
    pub fn to_result(&self, line: usize) -> RowResult {
        let mut r = RowResult::new(&self.name, line);
        r.decision = Decision::from_id(&self.decision).unwrap_or(Decision::InputError);
        r.verdict = Verdict::ALL.into_iter().find(|v| v.id() == self.verdict);
        r.reason = self.reason.clone();
        r.error = self.error.clone();
        r.current = self.current;
        r.target = self.target;
        r.route = self.route.clone();
        r.blockers = self
            .findings
            .iter()
            .filter_map(|c| Code::from_id(c))
            .collect();
        r.support_end = self.support_end;
        r.esu_end = self.esu_end;
        r.cluster = self.cluster.clone();
        r.domain = self.domain.clone();
        r.domain_controller = self.domain_controller;
        r
    }
}

/// The rows back as results (line = position, from 1).
fn results(rows: &[PlanRow]) -> Vec<RowResult> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| r.to_result(i + 1))
        .collect()
}

/// The second stage's state: the fleet it was given, and the waves last planned for it.
#[derive(Default)]
pub struct Extras {
    pub results: Vec<RowResult>,
    pub messages: BTreeMap<String, String>,
    pub as_of: Date,
    pub waves: Option<(WaveOptions, WavePlan)>,
    /// The comparison with an earlier inventory last made.
    pub progress: Option<Progress>,
    /// The export being handed out.
    pub exporting: Option<String>,
}

impl Extras {
    /// Read the engine's input (JSON of [`PlanInput`]).
    pub fn load(input: &str) -> Result<Extras, String> {
        let input: PlanInput = serde_json::from_str(input)
            .map_err(|e| format!("the fleet's results could not be read ({e})"))?;
        Ok(Extras {
            results: results(&input.rows),
            messages: input.messages,
            as_of: input.as_of,
            waves: None,
            progress: None,
            exporting: None,
        })
    }

    /// The pictures, as the page shows them.
    pub fn charts_html(&self) -> String {
        charts_html(&charts(&self.results, &self.messages, self.as_of))
    }
}

fn error(message: impl Into<String>) -> String {
    Reply::Error {
        message: message.into(),
    }
    .to_json()
}

/// A `waves` request: `{"op": "waves", "options": {"start", "every_days", "max"}, "today"}`; the
/// error names the field and what is accepted.
pub fn read_waves(text: &str) -> Result<Request, String> {
    use serde_json::Value;
    let req: Value =
        serde_json::from_str(text).map_err(|e| format!("the request is not JSON ({e})"))?;
    let date = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .and_then(|d| Date::parse(d.trim()))
            .ok_or_else(|| format!("{key}: expected a date YYYY-MM-DD"))
    };
    let o = req.get("options").unwrap_or(&Value::Null);
    let number = |key: &str, accepted: &str| {
        o.get(key)
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("options.{key}: expected a whole number, {accepted}"))
    };
    Ok(Request::Waves {
        options: WaveOptions {
            start: date(o, "start").map_err(|e| format!("options.{e}"))?,
            every_days: number("every_days", &format!("1 to {}", waves::MAX_CADENCE))?
                .min(u64::from(u32::MAX)) as u32,
            max: number("max", &format!("1 to {}", waves::MAX_PER_WAVE))?.min(1 << 40) as usize,
        },
        today: date(&req, "today")?,
    })
}

/// Answer a request of the second stage: `waves` (with the engine's input, which replaces the
/// state), `compare` (the engine's input and the earlier inventory: the engine's results for a
/// file, or the text this browser remembered), `remember` (the engine's input), or an `export` of
/// the waves or of the comparison; anything else is an error reply.
pub fn handle(
    state: &mut Option<Extras>,
    request: &str,
    input: Option<&str>,
    earlier: Option<&str>,
) -> String {
    let is_waves = serde_json::from_str::<serde_json::Value>(request)
        .ok()
        .is_some_and(|v| v.get("op").and_then(|o| o.as_str()) == Some("waves"));
    let read = if is_waves {
        read_waves(request)
    } else {
        read_request(request)
    };
    let request = match read {
        Ok(r) => r,
        Err(e) => return error(e),
    };
    let current = || match input {
        Some(text) if !text.is_empty() => Extras::load(text),
        _ => Err("no inventory has been imported yet".to_string()),
    };
    match request {
        Request::Waves { options, today } => {
            match current() {
                Ok(x) => *state = Some(x),
                Err(e) => return error(e),
            }
            let Some(x) = state.as_mut() else {
                return error("no inventory has been imported yet");
            };
            if let Err(e) = options.check(today) {
                return error(e);
            }
            let plan = waves::plan_waves(&x.results, &options);
            let reply = Reply::Waves {
                html: waves::waves_html(&plan, WAVES_SHOWN),
                total_waves: plan.waves.len(),
                scheduled: plan.waves.iter().map(|w| w.entries.len()).sum(),
                unscheduled: plan.unscheduled.len(),
            };
            x.waves = Some((options, plan));
            reply.to_json()
        }
        Request::Compare { remembered, .. } => {
            let now = match current() {
                Ok(x) => x,
                Err(e) => return error(e),
            };
            let (before, earlier) = match read_earlier(earlier.unwrap_or(""), remembered) {
                Ok(b) => b,
                Err(e) => return error(e),
            };
            let p = progress::compare(&before, &now.results);
            let reply = Reply::Progress {
                counts: p.counts.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
                verdicts_changed: p.verdicts_changed,
                html: progress::progress_html(&p, &earlier, progress::PROGRESS_SHOWN),
                earlier,
            };
            match state.as_mut() {
                Some(x) => x.progress = Some(p),
                None => {
                    *state = Some(Extras {
                        progress: Some(p),
                        ..now
                    })
                }
            }
            reply.to_json()
        }
        Request::CollectScript => Reply::CollectScript {
            text: COLLECT_SCRIPT.into(),
        }
        .to_json(),
        Request::Remember { label } => match current() {
            Ok(x) => remember(&x, &label),
            Err(e) => error(e),
        },
        Request::Export { format } => {
            let (waves, progress) = match state.as_ref() {
                Some(x) => (x.waves.as_ref(), x.progress.as_ref()),
                None => (None, None),
            };
            let text = match (format, waves, progress) {
                (ExportFormat::WavesCsv, Some((_, plan)), _) => waves::waves_csv(plan),
                (ExportFormat::WavesMarkdown, Some((options, plan)), _) => {
                    waves::waves_markdown(plan, options)
                }
                (ExportFormat::WavesCsv | ExportFormat::WavesMarkdown, None, _) => {
                    return error("no waves have been planned yet: plan the waves first")
                }
                (ExportFormat::ProgressCsv, _, Some(p)) => progress::progress_csv(p),
                (ExportFormat::ProgressCsv, _, None) => {
                    return error(
                        "no earlier inventory has been compared yet: choose one to compare first",
                    )
                }
                _ => return error("this export is made by the fleet engine"),
            };
            if let Some(x) = state.as_mut() {
                x.exporting = Some(text);
            }
            Reply::Export { format, chunks: 1 }.to_json()
        }
        _ => error(
            "the second stage plans waves, compares inventories and exports them; other requests go to the fleet engine",
        ),
    }
}

/// The PowerShell script that collects one machine's facts into a CSV the Fleet view reads as it is.
pub const COLLECT_SCRIPT: &str = include_str!("../../../docs/collect-hardware.ps1");

/// What this browser keeps of an inventory it is asked to remember (`remember` request), and
/// reads back for a comparison: the format's name and version, when and from what it was
/// planned, and per machine its name, version, verdict and decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    pub format: String,
    pub as_of: Date,
    #[serde(default)]
    pub label: String,
    pub rows: Vec<PlanRow>,
}

/// The `format` of [`Remembered`]; another value is refused with a message.
pub const REMEMBERED_FORMAT: &str = "upgrade-planner remembered inventory 1";

/// How the page names a remembered inventory.
fn remembered_label(as_of: Date, machines: usize, label: &str) -> String {
    format!(
        "the inventory planned on {as_of} ({}{}{label})",
        count(machines, "machine", "machines"),
        if label.is_empty() { "" } else { ", " },
    )
}

/// The `remember` reply: the fleet as [`Remembered`] JSON, with its label.
fn remember(x: &Extras, label: &str) -> String {
    let keep = Remembered {
        format: REMEMBERED_FORMAT.into(),
        as_of: x.as_of,
        label: crate::core::scenario::printable(label.trim()),
        rows: x
            .results
            .iter()
            .map(|r| {
                let full = PlanRow::from_result(r);
                PlanRow {
                    name: full.name,
                    decision: full.decision,
                    verdict: full.verdict,
                    error: full.error,
                    current: full.current,
                    ..PlanRow::default()
                }
            })
            .collect(),
    };
    match serde_json::to_string(&keep) {
        Ok(snapshot) => Reply::Remember {
            label: remembered_label(keep.as_of, keep.rows.len(), &keep.label),
            snapshot,
        }
        .to_json(),
        Err(e) => error(format!("the inventory could not be written ({e})")),
    }
}

/// The earlier side of a comparison, with how to name it: the engine's results for a file (or
/// its error reply, passed on), or the inventory this browser remembered.
fn read_earlier(text: &str, remembered: bool) -> Result<(Vec<RowResult>, String), String> {
    if remembered {
        let forget = "forget it, then remember the current inventory again";
        if text.trim().is_empty() {
            return Err("no inventory is remembered in this browser: tick \"Remember this inventory in this browser\" after an import".into());
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            format!("the inventory remembered in this browser cannot be read ({e}): {forget}")
        })?;
        let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != REMEMBERED_FORMAT {
            return Err(format!(
                "the inventory remembered in this browser was saved in another format (`{}`; this version reads `{REMEMBERED_FORMAT}`): {forget}",
                crate::core::scenario::printable(format)
            ));
        }
        let r: Remembered = serde_json::from_value(value).map_err(|e| {
            format!("the inventory remembered in this browser cannot be read ({e}): {forget}")
        })?;
        return Ok((
            results(&r.rows),
            remembered_label(r.as_of, r.rows.len(), &r.label),
        ));
    }
    // The engine's error reply: `{"error": {"message": …}}`.
    if let Some(message) = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.pointer("/error/message")?.as_str().map(str::to_string))
    {
        return Err(message);
    }
    let input: PlanInput = serde_json::from_str(text)
        .map_err(|e| format!("the earlier inventory's results could not be read ({e})"))?;
    Ok((
        results(&input.rows),
        format!(
            "the earlier inventory ({})",
            count(input.rows.len(), "machine", "machines")
        ),
    ))
}

/// The export prepared by the last `export` request, once.
pub fn next_chunk(state: &mut Option<Extras>) -> Option<String> {
    state.as_mut()?.exporting.take()
}

/// The whole fleet as one workbook: "Machines" (the rows of the engine's CSV export, cell for
/// cell), "Summary" (machines per verdict, decision and hardware outcome, counted from those rows)
/// and, when waves were planned, "Waves" (the waves' CSV export).
pub fn workbook(state: &Option<Extras>, machines_csv: &str) -> Vec<u8> {
    use crate::core::xlsx::{csv_rows, workbook, Sheet};
    let machines = csv_rows(machines_csv);
    let mut summary: Vec<Vec<String>> =
        vec![vec!["count".into(), "value".into(), "machines".into()]];
    if let Some(header) = machines.first() {
        for column in ["verdict", "decision", "hardware"] {
            let Some(i) = header.iter().position(|h| h == column) else {
                continue;
            };
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for row in &machines[1..] {
                let v = row.get(i).map_or("", String::as_str);
                *counts
                    .entry(if v.is_empty() { "(none)" } else { v })
                    .or_default() += 1;
            }
            for (v, n) in counts {
                summary.push(vec![column.to_string(), v.to_string(), n.to_string()]);
            }
        }
    }
    let mut sheets = vec![
        Sheet {
            name: "Machines".into(),
            rows: machines,
        },
        Sheet {
            name: "Summary".into(),
            rows: summary,
        },
    ];
    if let Some((_, plan)) = state.as_ref().and_then(|x| x.waves.as_ref()) {
        sheets.push(Sheet {
            name: "Waves".into(),
            rows: csv_rows(&waves::waves_csv(plan)),
        });
    }
    workbook(&sheets)
}
