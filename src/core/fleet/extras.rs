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
use crate::core::waves::{self, WaveOptions, WavePlan};
use crate::core::Os;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the charts and the waves need of one machine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub name: String,
    pub decision: String,
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

/// The second stage's state: the fleet it was given, and the waves last planned for it.
#[derive(Default)]
pub struct Extras {
    pub results: Vec<RowResult>,
    pub messages: BTreeMap<String, String>,
    pub as_of: Date,
    pub waves: Option<(WaveOptions, WavePlan)>,
    /// The export being handed out.
    pub exporting: Option<String>,
}

impl Extras {
    /// Read the engine's input (JSON of [`PlanInput`]).
    pub fn load(input: &str) -> Result<Extras, String> {
        let input: PlanInput = serde_json::from_str(input)
            .map_err(|e| format!("the fleet's results could not be read ({e})"))?;
        Ok(Extras {
            results: input
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| r.to_result(i + 1))
                .collect(),
            messages: input.messages,
            as_of: input.as_of,
            waves: None,
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
            every_days: number("every_days", "1 to 365")?.min(u64::from(u32::MAX)) as u32,
            max: number("max", "1 to 10000")?.min(1 << 40) as usize,
        },
        today: date(&req, "today")?,
    })
}

/// Answer a `waves` request (with the engine's input, which replaces the state) or an `export`
/// of the waves; anything else is an error reply.
pub fn handle(state: &mut Option<Extras>, request: &str, input: Option<&str>) -> String {
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
    match request {
        Request::Waves { options, today } => {
            match input {
                Some(text) if !text.is_empty() => match Extras::load(text) {
                    Ok(x) => *state = Some(x),
                    Err(e) => return error(e),
                },
                _ => return error("no inventory has been imported yet"),
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
        Request::Export { format } => {
            let Some((options, plan)) = state.as_mut().and_then(|x| x.waves.as_ref()) else {
                return error("no waves have been planned yet: plan the waves first");
            };
            let text = match format {
                ExportFormat::WavesCsv => waves::waves_csv(plan),
                ExportFormat::WavesMarkdown => waves::waves_markdown(plan, options),
                _ => return error("this export is made by the fleet engine"),
            };
            if let Some(x) = state.as_mut() {
                x.exporting = Some(text);
            }
            Reply::Export { format, chunks: 1 }.to_json()
        }
        _ => error(
            "the second stage plans waves and exports them; other requests go to the fleet engine",
        ),
    }
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
