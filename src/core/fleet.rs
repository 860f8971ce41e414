//! A fleet session for the browser's Fleet view: import an inventory once, then page, filter, sort
//! and export its results. Pure: the web worker (`src/bin/fleet-worker.rs`) only holds one
//! [`Fleet`] and passes the page's requests to [`handle`].
//!
//! Requests and responses are JSON text (the worker's only channel is `postMessage`):
//! - `{"op":"import","options":{…InventoryOptions…},"as_of":"YYYY-MM-DD","query":{…}}` with the
//!   inventory passed beside it (text, or bytes of a file in any encoding [`decode_text`] reads)
//!   → `{"kind":"import",…inventory facts…,"summary":{…},"view":{…first page…}}`;
//! - `{"op":"view","query":{…Query…}}` → `{"kind":"view",…}`;
//! - `{"op":"export","format":"csv"|"json"|"markdown"}` → the export itself (not JSON): the same
//!   text as `upgrade-plan --inventory FILE --format csv|json` / `--markdown` print;
//! - anything wrong → `{"kind":"error","message":"…what was wrong and what is accepted…"}`.
//!
//! Only the compact results are kept (about 0.3 KiB a row); the JSON and Markdown exports plan the
//! rows again (a few µs each) instead of holding every full plan in memory.

use super::date::Date;
use super::fragment;
use super::inventory::{
    self, Form, Inventory, InventoryOptions, RowResult, Summary, MAX_INVENTORY_BYTES,
};
use super::plan::{Method, Severity, Verdict};
use super::scenario::printable;
use super::Os;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Rows in one page of the table, unless the query asks for fewer (at most [`MAX_PAGE`]).
pub const PAGE: usize = 100;
/// Most rows one view request returns.
pub const MAX_PAGE: usize = 1000;

/// An imported and planned inventory.
#[derive(Debug, Default)]
pub struct Fleet {
    pub inventory: Inventory,
    /// One compact result per row (no full plan), in the inventory's order.
    pub results: Vec<RowResult>,
    pub summary: Summary,
    /// Blocker code → the message of its first occurrence (a readable label for the counts).
    pub blocker_messages: BTreeMap<String, String>,
    /// Per row, the first prerequisite of a plan that has no blocker (`code: message`), so the
    /// table says what "supported after prerequisites" waits for.
    pub prerequisites: Vec<Option<String>>,
    pub as_of: Date,
}

/// Which rows, in which order, which page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// A verdict id, or `error` for rows that could not be planned.
    pub verdict: Option<String>,
    /// A blocker code: rows stopped by it.
    pub blocker: Option<String>,
    /// Case-insensitive text searched in the name, the current version and the first blocker.
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            verdict: None,
            blocker: None,
            search: String::new(),
            sort: SortKey::Line,
            descending: false,
            offset: 0,
            limit: PAGE,
        }
    }
}

/// Columns the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Line,
    Name,
    Current,
    Target,
    Verdict,
    Method,
    Blocker,
}

impl SortKey {
    pub const ALL: [(SortKey, &'static str); 7] = [
        (SortKey::Line, "line"),
        (SortKey::Name, "name"),
        (SortKey::Current, "current"),
        (SortKey::Target, "target"),
        (SortKey::Verdict, "verdict"),
        (SortKey::Method, "method"),
        (SortKey::Blocker, "blocker"),
    ];
    pub fn from_id(id: &str) -> Option<SortKey> {
        Self::ALL.iter().find(|(_, i)| *i == id).map(|(k, _)| *k)
    }
    /// The id of the protocol (`query.sort`).
    pub fn id(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("line", |(_, i)| i)
    }
}

/// One table row as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ViewRow {
    /// Position in the inventory (0-based).
    pub index: usize,
    pub line: usize,
    pub name: String,
    pub current: &'static str,
    pub target: &'static str,
    /// A verdict id, or `error`.
    pub verdict: &'static str,
    pub verdict_label: &'static str,
    pub method: &'static str,
    /// Labels joined with ` → `.
    pub route: String,
    /// `code: message` of the first blocker (else of the first prerequisite), or the row's input error.
    pub detail: String,
    /// The URL fragment (without `#`) that opens this server in the planner; empty for a bad row.
    pub href: String,
}

/// One page of results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Page {
    /// Rows in the fleet.
    pub total: usize,
    /// Rows that pass the filters.
    pub matched: usize,
    pub offset: usize,
    pub rows: Vec<ViewRow>,
}

/// Verdict rank for sorting: the rows that need attention first.
fn verdict_rank(r: &RowResult) -> u8 {
    match r.verdict {
        None => 0,
        Some(Verdict::NotSupported) => 1,
        Some(Verdict::SupportedAfterPrerequisites) => 2,
        Some(Verdict::Supported) => 3,
    }
}

fn verdict_id(r: &RowResult) -> &'static str {
    r.verdict.map(Verdict::id).unwrap_or("error")
}

impl Fleet {
    /// Read and plan an inventory (`as_of`: `YYYY-MM-DD` for rows that give none).
    pub fn import(text: &str, options: &InventoryOptions, as_of: Date) -> Fleet {
        let inventory = inventory::parse_inventory(text, options);
        let mut summary = Summary::default();
        let mut blocker_messages = BTreeMap::new();
        let mut results = Vec::with_capacity(inventory.rows.len());
        let mut prerequisites = Vec::with_capacity(inventory.rows.len());
        for row in &inventory.rows {
            let mut r = inventory::plan_row(row, as_of);
            let mut prerequisite = None;
            // Every code the summary counts gets a label, not only first blockers.
            if let Some(plan) = r.plan.take() {
                for f in plan.blockers() {
                    blocker_messages
                        .entry(f.code.to_string())
                        .or_insert_with(|| f.message.clone());
                }
                prerequisite = plan
                    .findings
                    .iter()
                    .find(|f| f.severity == Severity::Prerequisite)
                    .map(|f| format!("{}: {}", f.code, f.message));
            }
            prerequisites.push(prerequisite);
            summary.add(&r);
            results.push(r);
        }
        Fleet {
            inventory,
            results,
            summary,
            blocker_messages,
            prerequisites,
            as_of,
        }
    }

    fn matches(&self, r: &RowResult, q: &Query, needle: &str) -> bool {
        if let Some(v) = &q.verdict {
            if verdict_id(r) != v {
                return false;
            }
        }
        if let Some(b) = &q.blocker {
            if !r.blockers.iter().any(|c| c.id() == b) {
                return false;
            }
        }
        if needle.is_empty() {
            return true;
        }
        let hit = |s: &str| s.to_lowercase().contains(needle);
        hit(&r.name)
            || r.current.is_some_and(|o| hit(o.label()) || hit(o.id()))
            || r.first_blocker.as_ref().is_some_and(|b| hit(b.code.id()))
    }

    /// The rows that pass `q`'s filters, in `q`'s order, cut to `q`'s page.
    pub fn view(&self, q: &Query) -> Page {
        let needle = q.search.trim().to_lowercase();
        let mut idx: Vec<usize> = (0..self.results.len())
            .filter(|&i| self.matches(&self.results[i], q, &needle))
            .collect();
        let rs = &self.results;
        let label = |o: Option<Os>| o.map(Os::label).unwrap_or("");
        match q.sort {
            SortKey::Line => {}
            SortKey::Name => idx.sort_by_cached_key(|&i| rs[i].name.to_lowercase()),
            SortKey::Current => idx.sort_by_key(|&i| rs[i].current),
            SortKey::Target => idx.sort_by_key(|&i| rs[i].target),
            SortKey::Verdict => idx.sort_by_key(|&i| verdict_rank(&rs[i])),
            SortKey::Method => idx.sort_by_key(|&i| rs[i].method.map(Method::label).unwrap_or("")),
            SortKey::Blocker => idx.sort_by_key(|&i| {
                rs[i]
                    .first_blocker
                    .as_ref()
                    .map(|b| b.code.id())
                    .unwrap_or("")
            }),
        }
        if q.descending {
            idx.reverse();
        }
        let limit = q.limit.clamp(1, MAX_PAGE);
        let offset = q.offset.min(idx.len().saturating_sub(1) / limit * limit);
        let rows = idx
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&i| {
                let r = &rs[i];
                let detail = match (&r.error, &r.first_blocker) {
                    (Some(e), _) => e.clone(),
                    (None, Some(b)) => format!("{}: {}", b.code, b.message),
                    (None, None) => self.prerequisites[i].clone().unwrap_or_default(),
                };
                let href = match &self.inventory.rows[i].result {
                    Ok(s) if r.error.is_none() => fragment::encode(s),
                    _ => String::new(),
                };
                ViewRow {
                    index: i,
                    line: r.line,
                    name: r.name.clone(),
                    current: label(r.current),
                    target: label(r.target),
                    verdict: verdict_id(r),
                    verdict_label: r.verdict.map(Verdict::label).unwrap_or("Input error"),
                    method: r.method.map(Method::label).unwrap_or(""),
                    route: r
                        .route
                        .iter()
                        .map(|o| o.label())
                        .collect::<Vec<_>>()
                        .join(" → "),
                    detail,
                    href,
                }
            })
            .collect();
        Page {
            total: rs.len(),
            matched: idx.len(),
            offset,
            rows,
        }
    }

    /// The results of every row as CSV, JSON or Markdown (the command's formats).
    pub fn export(&self, format: ExportFormat) -> String {
        match format {
            ExportFormat::Csv => inventory::to_csv(&self.results),
            ExportFormat::Json => inventory::to_json(&self.inventory, self.as_of),
            // Planned one row at a time: never every full plan in memory at once.
            ExportFormat::Markdown => inventory::to_markdown(
                self.inventory
                    .rows
                    .iter()
                    .map(|r| inventory::plan_row(r, self.as_of)),
                &self.summary,
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Markdown,
}

impl ExportFormat {
    pub fn from_id(id: &str) -> Option<ExportFormat> {
        match id {
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "markdown" => Some(ExportFormat::Markdown),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The worker's protocol
// ---------------------------------------------------------------------------------------------

fn error(message: impl Into<String>) -> String {
    json!({"kind": "error", "message": message.into()}).to_string()
}

fn opt_str(v: &Value, key: &str, path: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{path}.{key}: expected text")),
    }
}

/// Read a Query; unknown values are refused with what is accepted.
pub fn parse_query(v: &Value) -> Result<Query, String> {
    let mut q = Query::default();
    if v.is_null() {
        return Ok(q);
    }
    let Some(obj) = v.as_object() else {
        return Err("query: expected an object".into());
    };
    for key in obj.keys() {
        if ![
            "verdict",
            "blocker",
            "search",
            "sort",
            "descending",
            "offset",
            "limit",
        ]
        .contains(&key.as_str())
        {
            return Err(format!(
                "query.{}: unknown field; accepted: verdict, blocker, search, sort, descending, offset, limit",
                printable(key)
            ));
        }
    }
    q.verdict = opt_str(v, "verdict", "query")?;
    if let Some(id) = &q.verdict {
        if id != "error" && !Verdict::ALL.iter().any(|x| x.id() == id) {
            return Err(format!(
                "query.verdict: unknown value `{}`; accepted: {}, error",
                printable(id),
                Verdict::ALL.map(Verdict::id).join(", ")
            ));
        }
    }
    q.blocker = opt_str(v, "blocker", "query")?;
    q.search = opt_str(v, "search", "query")?.unwrap_or_default();
    if let Some(s) = opt_str(v, "sort", "query")? {
        q.sort = SortKey::from_id(&s).ok_or_else(|| {
            format!(
                "query.sort: unknown value `{}`; accepted: {}",
                printable(&s),
                SortKey::ALL.map(|(_, i)| i).join(", ")
            )
        })?;
    }
    q.descending = match v.get("descending") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("query.descending: expected true or false".into()),
    };
    for (key, slot) in [("offset", &mut q.offset), ("limit", &mut q.limit)] {
        match v.get(key) {
            None | Some(Value::Null) => {}
            Some(n) => {
                *slot = n
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| format!("query.{key}: expected a whole number ≥ 0"))?
            }
        }
    }
    Ok(q)
}

/// Read InventoryOptions; unknown fields are refused (a misspelt `target` would otherwise plan the
/// fleet without it).
fn parse_options(v: Option<&Value>) -> Result<InventoryOptions, String> {
    let v = match v {
        None | Some(Value::Null) => return Ok(InventoryOptions::default()),
        Some(v) => v,
    };
    let Some(obj) = v.as_object() else {
        return Err("options: expected an object; accepted fields: mapping, target".into());
    };
    for key in obj.keys() {
        if key != "mapping" && key != "target" {
            return Err(format!(
                "options.{}: unknown field; accepted: mapping, target",
                printable(key)
            ));
        }
    }
    if let Some(m) = obj.get("mapping") {
        if !m.is_null()
            && !m
                .as_object()
                .is_some_and(|m| m.values().all(Value::is_string))
        {
            return Err(
                "options.mapping: expected an object of column header → field id (text)".into(),
            );
        }
    }
    serde_json::from_value(v.clone()).map_err(|e| format!("options: {e}"))
}

/// The inventory handed to an import: pasted text, or a file's bytes.
pub enum Payload<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
    None,
}

/// Answer one request of the Fleet view (see the module documentation). Never panics; every
/// problem is an `error` response that says what was wrong.
pub fn handle(state: &mut Option<Fleet>, request: &str, payload: Payload<'_>) -> String {
    let req: Value = match serde_json::from_str(request) {
        Ok(v) => v,
        Err(e) => return error(format!("the request is not JSON ({e})")),
    };
    let op = req.get("op").and_then(Value::as_str).unwrap_or("");
    match op {
        "import" => {
            let options = match parse_options(req.get("options")) {
                Ok(o) => o,
                Err(e) => return error(e),
            };
            let query = match parse_query(req.get("query").unwrap_or(&Value::Null)) {
                Ok(q) => q,
                Err(e) => return error(e),
            };
            let as_of = match req
                .get("as_of")
                .and_then(Value::as_str)
                .and_then(Date::parse)
            {
                Some(d) => d,
                None => return error("as_of: expected a date YYYY-MM-DD"),
            };
            let decoded;
            let text = match payload {
                Payload::Text(t) => t,
                Payload::Bytes(b) if b.len() > MAX_INVENTORY_BYTES => {
                    return error(inventory::too_large("the file", b.len() as u64))
                }
                Payload::Bytes(b) => match inventory::decode_text(b) {
                    Ok(t) => {
                        decoded = t;
                        &decoded
                    }
                    Err(e) => return error(e),
                },
                Payload::None => {
                    return error("no inventory given: paste CSV or JSON, or choose a file")
                }
            };
            let fleet = Fleet::import(text, &options, as_of);
            let response = import_response(&fleet, &query);
            *state = Some(fleet);
            response
        }
        "view" | "export" => {
            let Some(fleet) = state.as_ref() else {
                return error("no inventory has been imported yet");
            };
            if op == "view" {
                return match parse_query(req.get("query").unwrap_or(&Value::Null)) {
                    Ok(q) => json!({"kind": "view", "view": fleet.view(&q)}).to_string(),
                    Err(e) => error(e),
                };
            }
            match req
                .get("format")
                .and_then(Value::as_str)
                .and_then(ExportFormat::from_id)
            {
                Some(f) => fleet.export(f),
                None => error("format: expected csv, json or markdown"),
            }
        }
        other => error(format!(
            "op: unknown value `{}`; accepted: import, view, export",
            printable(other)
        )),
    }
}

fn import_response(fleet: &Fleet, query: &Query) -> String {
    let inv = &fleet.inventory;
    let needs_mapping = inv.column_mapping.is_some();
    json!({
        "kind": "import",
        "error": inv.error,
        "form": form_label(inv.form),
        "columns": inv.columns,
        "column_mapping": inv.column_mapping,
        "fields": if needs_mapping { inventory::mapping_fields().iter().map(|(id, what)| json!([id, what])).collect::<Vec<_>>() } else { Vec::new() },
        "summary": fleet.summary,
        "blocker_messages": fleet.blocker_messages,
        "view": fleet.view(query),
    })
    .to_string()
}

/// How the page names the form the text was read as.
pub fn form_label(form: Form) -> &'static str {
    match form {
        Form::Json => "JSON array of Scenarios",
        Form::Native => "native CSV (dotted Scenario paths)",
        Form::Powershell => "PowerShell export (Get-ComputerInfo / Win32_OperatingSystem)",
        Form::Configmgr => "ConfigMgr hardware-inventory export",
        Form::Unknown => "CSV with unrecognised headers",
    }
}
