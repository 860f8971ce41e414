//! A fleet session for the browser's Fleet view: import an inventory once, then page, filter, sort
//! and export its results. Pure: the web worker (`src/bin/fleet-worker.rs`) only holds one
//! [`Session`] and passes the page's requests to [`protocol::handle`]; the requests and replies
//! are the typed enums of [`protocol`], used by the worker and the Fleet view alike.
//!
//! Only the compact results are kept (about 0.3 KiB a row); the JSON and Markdown exports plan the
//! rows again (a few µs each), a chunk at a time, instead of holding every full plan in memory.

pub mod charts;
pub mod extras;
pub mod protocol;

pub use protocol::{handle, next_chunk, Payload, Reply, Request};

use super::date::Date;
use super::fragment;
use super::hardware::Outcome;
use super::inventory::{self, Inventory, InventoryOptions, RowResult, Summary};
use super::plan::{Method, Severity, Verdict};
use super::Os;
use serde::{Deserialize, Serialize};
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
    /// Blocker or prerequisite code → the message of its first occurrence (a readable label for
    /// the counts).
    pub blocker_messages: BTreeMap<String, String>,
    pub as_of: Date,
    /// The export being handed out chunk by chunk: its format and the next chunk.
    pub exporting: Option<(ExportFormat, usize)>,
}

/// Which rows, in which order, which page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Query {
    /// A verdict id, or `error` for rows that could not be planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// A blocker code: rows stopped by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocker: Option<String>,
    /// A hardware outcome id (`ready`, `fixable`, `replace`, `unknown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware: Option<String>,
    /// A decision id (`upgrade-now`, `fix-first`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
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
            hardware: None,
            decision: None,
            search: String::new(),
            sort: SortKey::Line,
            descending: false,
            offset: 0,
            limit: PAGE,
        }
    }
}

/// Columns the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewRow {
    /// Position in the inventory (0-based).
    pub index: usize,
    pub line: usize,
    pub name: String,
    pub current: String,
    pub target: String,
    /// A verdict id, or `error`.
    pub verdict: String,
    pub verdict_label: String,
    /// A hardware outcome id, or empty when the target has no hardware requirements.
    pub hardware: String,
    /// A decision id, and the decision's one-line reason.
    pub decision: String,
    pub reason: String,
    pub method: String,
    /// Labels joined with ` → `.
    pub route: String,
    /// `code: message` of the first blocker (else of the first prerequisite), or the row's input error.
    pub detail: String,
    /// The URL fragment (without `#`) that opens this server in the planner; empty for a bad row.
    pub href: String,
}

/// One page of results.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
        Fleet::import_files(&[inventory::InputFile { name: "", text }], options, as_of)
    }

    /// What the second stage (charts, waves) needs of this fleet, as JSON.
    pub fn plan_input(&self) -> String {
        let input = extras::PlanInput {
            as_of: self.as_of,
            messages: self.blocker_messages.clone(),
            rows: self
                .results
                .iter()
                .map(extras::PlanRow::from_result)
                .collect(),
        };
        serde_json::to_string(&input).unwrap_or_default()
    }

    /// Read several files as one fleet (an inventory and readiness exports, joined by machine
    /// name) and plan it.
    pub fn import_files(
        files: &[inventory::InputFile<'_>],
        options: &InventoryOptions,
        as_of: Date,
    ) -> Fleet {
        let inventory = inventory::parse_inventories(files, options);
        let mut summary = Summary::default();
        let mut blocker_messages = BTreeMap::new();
        let mut results = Vec::with_capacity(inventory.rows.len());
        let mut inventory = inventory;
        for row in inventory.rows.iter_mut() {
            let mut r = inventory::plan_row(row, as_of);
            // Planned: the resolved scenario is not kept (exports resolve again, row by row).
            row.resolved = None;
            // Every code the summary counts gets a label, not only first blockers.
            if let Some(plan) = r.plan.take() {
                for f in plan
                    .findings
                    .iter()
                    .filter(|f| matches!(f.severity, Severity::Blocker | Severity::Prerequisite))
                {
                    blocker_messages
                        .entry(f.code.to_string())
                        .or_insert_with(|| f.message.clone());
                }
            }
            summary.add(&r);
            results.push(r);
        }
        Fleet {
            inventory,
            results,
            summary,
            blocker_messages,
            as_of,
            exporting: None,
        }
    }

    fn matches(&self, r: &RowResult, q: &Query, needle: &str) -> bool {
        if let Some(v) = &q.verdict {
            if verdict_id(r) != v {
                return false;
            }
        }
        if let Some(b) = &q.blocker {
            if !r
                .blockers
                .iter()
                .chain(&r.prerequisites)
                .any(|c| c.id() == b)
            {
                return false;
            }
        }
        if let Some(h) = &q.hardware {
            if r.hardware.map(Outcome::id) != Some(h.as_str()) {
                return false;
            }
        }
        if let Some(d) = &q.decision {
            if r.decision.id() != d {
                return false;
            }
        }
        if needle.is_empty() {
            return true;
        }
        let hit = |s: &str| s.to_lowercase().contains(needle);
        let finding = |b: &Option<inventory::Blocker>| {
            b.as_ref()
                .is_some_and(|b| hit(b.code.id()) || hit(&b.message))
        };
        hit(&r.name)
            || r.current.is_some_and(|o| hit(o.label()) || hit(o.id()))
            || finding(&r.first_blocker)
            || finding(&r.first_prerequisite)
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
                    (None, None) => r
                        .first_prerequisite
                        .as_ref()
                        .map(|p| format!("{}: {}", p.code, p.message))
                        .unwrap_or_default(),
                };
                let href = match &self.inventory.rows[i].result {
                    Ok(s) if r.error.is_none() => fragment::encode(s),
                    _ => String::new(),
                };
                ViewRow {
                    index: i,
                    line: r.line,
                    name: r.name.clone(),
                    current: label(r.current).into(),
                    target: label(r.target).into(),
                    verdict: verdict_id(r).into(),
                    verdict_label: r
                        .verdict
                        .map(Verdict::label)
                        .unwrap_or("Input error")
                        .into(),
                    hardware: r.hardware.map(Outcome::id).unwrap_or("").into(),
                    decision: r.decision.id().into(),
                    reason: r.reason.clone(),
                    method: r.method.map(Method::label).unwrap_or("").into(),
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
        (0..self.export_chunks(format))
            .filter_map(|i| self.export_chunk(format, i))
            .collect()
    }

    /// How many chunks an export has (at least one: the header). The waves are one chunk.
    pub fn export_chunks(&self, format: ExportFormat) -> usize {
        match format {
            // Made by the second stage (`extras`), never by the engine.
            ExportFormat::WavesCsv
            | ExportFormat::WavesMarkdown
            | ExportFormat::Xlsx
            | ExportFormat::ProgressCsv => 0,
            _ => self.results.len().div_ceil(CHUNK_ROWS).max(1),
        }
    }

    /// Chunk `i` of an export: the header with the first rows, …, the last rows with the end.
    /// JSON and Markdown plan the chunk's rows again: never every full plan in memory at once,
    /// and never the whole export as one string.
    pub fn export_chunk(&self, format: ExportFormat, i: usize) -> Option<String> {
        let n = self.export_chunks(format);
        if i >= n {
            return None;
        }
        let rows = i * CHUNK_ROWS..((i + 1) * CHUNK_ROWS).min(self.results.len());
        let mut out = String::new();
        match format {
            ExportFormat::Csv => {
                if i == 0 {
                    out.push_str(inventory::CSV_HEADER);
                    out.push('\n');
                }
                let mut lines = inventory::CsvLines::default();
                for r in &self.results[rows] {
                    out.push_str(&lines.line(r));
                }
            }
            ExportFormat::Json => {
                if i == 0 {
                    out.push('[');
                }
                for row in rows {
                    out.push_str(if row == 0 { "\n" } else { ",\n" });
                    let r = inventory::plan_row(&self.inventory.rows[row], self.as_of);
                    out.push_str(&serde_json::to_string(&r).unwrap_or_default());
                }
                if i + 1 == n {
                    out.push_str("\n]\n");
                }
            }
            ExportFormat::WavesCsv
            | ExportFormat::WavesMarkdown
            | ExportFormat::Xlsx
            | ExportFormat::ProgressCsv => return None,
            ExportFormat::Markdown => {
                if i == 0 {
                    out.push_str(&inventory::markdown_head(&self.summary));
                }
                for row in rows {
                    let r = inventory::plan_row(&self.inventory.rows[row], self.as_of);
                    out.push_str(&inventory::markdown_server(&r));
                }
            }
        }
        Some(out)
    }
}

/// Rows in one chunk of an export.
pub const CHUNK_ROWS: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Json,
    Markdown,
    /// The upgrade waves last planned, as CSV / as a Markdown runbook.
    #[serde(rename = "waves-csv")]
    WavesCsv,
    #[serde(rename = "waves-markdown")]
    WavesMarkdown,
    /// Every row, the counts and the waves as one `.xlsx` workbook (made by the second stage from
    /// the CSV export).
    Xlsx,
    /// The progress since an earlier inventory, as CSV (made by the second stage).
    #[serde(rename = "progress-csv")]
    ProgressCsv,
}

impl ExportFormat {
    pub fn from_id(id: &str) -> Option<ExportFormat> {
        match id {
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "markdown" => Some(ExportFormat::Markdown),
            "waves-csv" => Some(ExportFormat::WavesCsv),
            "waves-markdown" => Some(ExportFormat::WavesMarkdown),
            "xlsx" => Some(ExportFormat::Xlsx),
            "progress-csv" => Some(ExportFormat::ProgressCsv),
            _ => None,
        }
    }
}
