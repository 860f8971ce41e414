//! Planning the rows of an inventory: one compact result per row, and counts over the fleet.

use super::Row;
use crate::core::codes::Code;
use crate::core::date::Date;
use crate::core::decision::{decide, Decision};
use crate::core::eval::evaluate_resolved;
use crate::core::hardware::Outcome;
use crate::core::ids::Os;
use crate::core::plan::{Method, Plan, Severity, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

/// The first blocker of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Blocker {
    pub code: Code,
    pub message: String,
}

/// The outcome for one row: its plan, or the one-line error that kept it from being planned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowResult {
    pub name: String,
    pub line: usize,
    pub current: Option<Os>,
    pub target: Option<Os>,
    pub verdict: Option<Verdict>,
    /// The plan's one-line answer (`Plan::headline`); empty for a bad row.
    pub headline: String,
    /// What to do with the machine (`core::decision`), and why in one line.
    pub decision: Decision,
    pub reason: String,
    /// Until when ESU bridges it (decision `bridge-with-esu`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The machine against the target's hardware requirements, when the target has any.
    pub hardware: Option<Outcome>,
    pub method: Option<Method>,
    pub route: Vec<Os>,
    pub first_blocker: Option<Blocker>,
    /// Every distinct blocker code of the plan, in order.
    pub blockers: Vec<Code>,
    /// The first prerequisite (what "supported after prerequisites" waits for), and every
    /// distinct prerequisite code, in order.
    pub first_prerequisite: Option<Blocker>,
    pub prerequisites: Vec<Code>,
    /// `None` for a planned row; one line naming the column and value for a bad row.
    pub error: Option<String>,
    /// When the installed version's support ends (or ended), if known: the waves' urgency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_end: Option<Date>,
    /// The latest end of the Extended Security Updates offered for it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esu_end: Option<Date>,
    /// What the waves keep together or apart: the cluster's name, the domain, a domain controller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub domain_controller: bool,
    pub plan: Option<Plan>,
}

impl RowResult {
    /// A row's result before it is planned: its name and line only.
    pub fn new(name: &str, line: usize) -> RowResult {
        RowResult {
            name: name.to_string(),
            line,
            current: None,
            target: None,
            verdict: None,
            headline: String::new(),
            decision: Decision::InputError,
            reason: String::new(),
            until: None,
            hardware: None,
            method: None,
            route: Vec::new(),
            first_blocker: None,
            blockers: Vec::new(),
            first_prerequisite: None,
            prerequisites: Vec::new(),
            error: None,
            support_end: None,
            esu_end: None,
            cluster: None,
            domain: None,
            domain_controller: false,
            plan: None,
        }
    }
}

/// Counts over a fleet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub rows: usize,
    pub planned: usize,
    pub errors: usize,
    /// Verdict id → servers.
    pub by_verdict: BTreeMap<String, usize>,
    /// Blocker code → servers it stops (a server with two blockers counts under both).
    pub by_blocker: BTreeMap<String, usize>,
    /// Prerequisite code → machines that wait for it.
    #[serde(default)]
    pub by_prerequisite: BTreeMap<String, usize>,
    /// Decision id → machines (every row, input errors included).
    #[serde(default)]
    pub by_decision: BTreeMap<String, usize>,
    /// Hardware outcome id (`ready`, `fixable`, `replace`, `unknown`) → machines; machines whose
    /// target has no hardware requirements are not counted.
    #[serde(default)]
    pub by_hardware: BTreeMap<String, usize>,
}

impl Summary {
    pub fn add(&mut self, r: &RowResult) {
        self.rows += 1;
        match r.verdict {
            Some(v) => {
                self.planned += 1;
                *self.by_verdict.entry(v.id().to_string()).or_default() += 1;
            }
            None => self.errors += 1,
        }
        *self
            .by_decision
            .entry(r.decision.id().to_string())
            .or_default() += 1;
        if let Some(h) = r.hardware {
            *self.by_hardware.entry(h.id().to_string()).or_default() += 1;
        }
        for code in &r.prerequisites {
            *self
                .by_prerequisite
                .entry(code.id().to_string())
                .or_default() += 1;
        }
        for code in &r.blockers {
            *self.by_blocker.entry(code.id().to_string()).or_default() += 1;
        }
    }
}

/// The first finding of a severity, and every distinct code of that severity, in order.
fn first_and_codes(plan: &Plan, severity: Severity) -> (Option<Blocker>, Vec<Code>) {
    let mut codes: Vec<Code> = Vec::new();
    let mut first = None;
    for f in plan.findings.iter().filter(|f| f.severity == severity) {
        first.get_or_insert_with(|| Blocker {
            code: f.code,
            message: f.message.clone(),
        });
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
    }
    (first, codes)
}

/// Plan one row; rows without an `as_of` use `as_of`. The row's scenario was resolved when it
/// was read; it is resolved again only if that was dropped (e.g. by the fleet after planning).
pub fn plan_row(row: &Row, as_of: Date) -> RowResult {
    let mut r = RowResult::new(&row.name, row.line);
    let s = match &row.result {
        Ok(s) => s,
        Err(e) => {
            r.error = Some(e.to_string());
            r.reason = e.to_string();
            return r;
        }
    };
    r.current = Some(s.current.os);
    r.target = Some(s.target.os);
    r.cluster = s.cluster.as_ref().and_then(|c| c.name.clone());
    r.domain = s.current.domain.clone();
    r.domain_controller = s.current.domain_controller == Some(true);
    let resolved = match &row.resolved {
        Some(resolved) => Ok(resolved.clone()),
        None => s.resolve(),
    };
    let plan = resolved.map(|mut resolved| {
        if s.as_of.is_none() {
            resolved.as_of = as_of;
        }
        evaluate_resolved(&resolved)
    });
    match plan {
        Err(e) => {
            let e = e.to_string().replace(['\n', '\r'], " ");
            r.reason = e.clone();
            r.error = Some(e);
        }
        Ok(plan) => {
            (r.first_blocker, r.blockers) = first_and_codes(&plan, Severity::Blocker);
            (r.first_prerequisite, r.prerequisites) =
                first_and_codes(&plan, Severity::Prerequisite);
            r.verdict = Some(plan.verdict);
            r.headline = plan.headline.clone();
            let d = decide(&plan, s.current.os, s.target.os);
            (r.decision, r.reason, r.until) = (d.decision, d.reason, d.until);
            r.hardware = plan.readiness.as_ref().map(|h| h.outcome);
            r.method = Some(plan.method);
            r.route = plan.route.clone();
            r.support_end = plan.stops.first().and_then(|st| st.end);
            r.esu_end = plan.esu.iter().map(|o| o.until).max();
            r.plan = Some(plan);
        }
    }
    r
}

/// Plan every row of an inventory (`as_of` for rows that give none).
pub fn plan_inventory(inventory: &super::Inventory, as_of: Date) -> Vec<RowResult> {
    inventory.rows.iter().map(|r| plan_row(r, as_of)).collect()
}

pub fn summary(results: &[RowResult]) -> Summary {
    let mut s = Summary::default();
    for r in results {
        s.add(r);
    }
    s
}
