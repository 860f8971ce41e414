//! The Fleet view's protocol: the requests the page sends its engine (a Web Worker) and the
//! replies it gets, as one set of serde types used by both sides. The worker's only channel is
//! `postMessage`, so both travel as JSON text:
//! - [`Request::Import`] with the inventory passed beside it (text, or the bytes of a file in any
//!   encoding `decode_text` reads) → [`Reply::Import`]: what was read, counts, the first page;
//! - [`Request::View`] → [`Reply::View`]: a page of the table;
//! - [`Request::Export`] → [`Reply::Export`], then the export itself in chunks from
//!   [`next_chunk`]: the same text as `upgrade-plan --inventory FILE --format csv|json` /
//!   `--markdown` print, never built as one string;
//! - anything wrong → [`Reply::Error`]: what was wrong and what is accepted.
//!
//! The page builds requests from these types and reads replies into them (a reply missing a field
//! is an error it shows, never an empty cell). Requests are read here by hand, so that a bad one
//! from any caller names the field and the accepted values.

use super::{ExportFormat, Fleet, Page, Query, SortKey};
use crate::core::date::Date;
use crate::core::decision::Decision;
use crate::core::hardware::Outcome;
use crate::core::inventory::{
    self, ColumnMapping, FileRead, Form, InputFile, InventoryOptions, Summary, MAX_INVENTORY_BYTES,
};
use crate::core::plan::Verdict;
use crate::core::scenario::printable;
use crate::core::waves::WaveOptions;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A request of the Fleet view to its engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
pub enum Request {
    /// Read and plan an inventory (given beside the request); rows without a date use `as_of`.
    Import {
        #[serde(default)]
        options: InventoryOptions,
        as_of: Date,
        #[serde(default)]
        query: Query,
    },
    /// A page of the table.
    View {
        #[serde(default)]
        query: Query,
    },
    /// Every row as CSV, JSON or Markdown, or the waves as CSV or Markdown.
    Export { format: ExportFormat },
    /// Plan upgrade waves for the imported fleet (`today` checks the start date).
    Waves { options: WaveOptions, today: Date },
    /// Compare the imported fleet with an earlier inventory: a file or text given beside the
    /// request, read and planned with `options` apart from the session, or (`remembered`) the
    /// inventory this browser remembered, given beside it as text.
    Compare {
        #[serde(default)]
        options: InventoryOptions,
        as_of: Date,
        #[serde(default)]
        remembered: bool,
    },
    /// The imported fleet in the form this browser remembers (what a comparison needs of it);
    /// `label` names where it came from (file names).
    Remember {
        #[serde(default)]
        label: String,
    },
    /// The PowerShell script that collects a machine's hardware facts (`docs/collect-hardware.ps1`),
    /// to show and copy: kept in the second stage, out of the view's first load.
    #[serde(rename = "collect-script")]
    CollectScript,
}

/// The engine's answer to a request. (One is built per request and written out at once, so the
/// size of the large `Import` variant does not matter.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Reply {
    Import {
        /// Set when the whole text was refused; the rest is then empty.
        error: Option<String>,
        /// The form the text was read as, in words.
        form: String,
        /// How each file was read, when several were joined or readiness exports were read.
        #[serde(default)]
        files: Vec<FileRead>,
        /// How every CSV column was read.
        columns: Vec<ColumnMapping>,
        /// The column-mapping proposal, when a header was not recognised.
        column_mapping: Option<Vec<ColumnMapping>>,
        /// (field id, what it holds): what a column can be mapped to (with a proposal only).
        fields: Vec<(String, String)>,
        summary: Summary,
        /// Blocker code → the message of its first occurrence (a readable label for the counts).
        blocker_messages: BTreeMap<String, String>,
        /// The pictures (decisions, findings, end of support, versions) as HTML with inline SVG:
        /// drawn by the second stage (`extras`), which the worker runs after the engine.
        #[serde(default)]
        charts_html: String,
        view: Page,
    },
    View {
        view: Page,
    },
    /// The export is ready: fetch its chunks with [`next_chunk`] until there are none.
    Export {
        format: ExportFormat,
        chunks: usize,
    },
    /// The waves as the page lists them, as HTML (at most [`WAVES_SHOWN`] waves; the exports
    /// hold all), with their counts.
    Waves {
        html: String,
        total_waves: usize,
        scheduled: usize,
        unscheduled: usize,
    },
    /// The progress since an earlier inventory: the machines per status id, the verdicts that
    /// changed, what the earlier inventory was, and the comparison as HTML (notes, then a table
    /// per status).
    Progress {
        counts: BTreeMap<String, usize>,
        verdicts_changed: usize,
        earlier: String,
        html: String,
    },
    /// The imported fleet to remember (text for local storage) and how to name it.
    Remember {
        snapshot: String,
        label: String,
    },
    #[serde(rename = "collect-script")]
    CollectScript {
        text: String,
    },
    Error {
        message: String,
    },
}

/// Waves the page lists; the CSV and Markdown exports hold every wave.
pub const WAVES_SHOWN: usize = 104;

impl Reply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"kind":"error","message":"the reply could not be written ({e})"}}"#)
        })
    }
}

fn error(message: impl Into<String>) -> String {
    Reply::Error {
        message: message.into(),
    }
    .to_json()
}

/// The inventory handed to an import: pasted text, a file's bytes, or several files (an
/// inventory and readiness exports, joined by machine name) with their names.
pub enum Payload<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
    Files(Vec<(&'a str, &'a [u8])>),
    None,
}

/// Answer one request of the Fleet view (see the module documentation). Never panics; every
/// problem is an `error` reply that says what was wrong.
pub fn handle(state: &mut Option<Fleet>, request: &str, payload: Payload<'_>) -> String {
    let request = match read_request(request) {
        Ok(r) => r,
        Err(e) => {
            // A refused import, even one whose options are wrong, ends the previous session: the
            // page clears its results, and the engine must not export them afterwards.
            if serde_json::from_str::<Value>(request)
                .ok()
                .is_some_and(|v| v.get("op") == Some(&Value::from("import")))
            {
                *state = None;
            }
            return error(e);
        }
    };
    match request {
        Request::Import {
            options,
            as_of,
            query,
        } => {
            // A new import replaces the session even when it is refused: the results and exports
            // of the previous inventory must not outlive it.
            *state = None;
            let texts = match texts_of(payload) {
                Ok(t) => t,
                Err(e) => return error(e),
            };
            let inputs: Vec<InputFile> = texts
                .iter()
                .map(|(name, text)| InputFile { name, text })
                .collect();
            let fleet = Fleet::import_files(&inputs, &options, as_of);
            drop(inputs);
            drop(texts);
            let reply = import_reply(&fleet, &query);
            *state = Some(fleet);
            reply.to_json()
        }
        Request::View { query } => match state.as_ref() {
            Some(fleet) => Reply::View {
                view: fleet.view(&query),
            }
            .to_json(),
            None => error("no inventory has been imported yet"),
        },
        Request::Export { format } => match state.as_mut() {
            Some(_)
                if matches!(
                    format,
                    ExportFormat::WavesCsv
                        | ExportFormat::WavesMarkdown
                        | ExportFormat::Xlsx
                        | ExportFormat::ProgressCsv
                ) =>
            {
                error("this export is made by the second stage of the Fleet view")
            }
            Some(fleet) => {
                fleet.exporting = Some((format, 0));
                Reply::Export {
                    format,
                    chunks: fleet.export_chunks(format),
                }
                .to_json()
            }
            None => error("no inventory has been imported yet"),
        },
        Request::Waves { .. }
        | Request::Compare { .. }
        | Request::Remember { .. }
        | Request::CollectScript => {
            error("this request is answered by the second stage of the Fleet view")
        }
    }
}

/// The earlier inventory of a `compare` request, given beside it: read and planned with the
/// request's options, apart from the session (the imported fleet stays as it is). Its compact
/// results (JSON of [`super::extras::PlanInput`]) for the second stage to compare, or an error
/// reply that says why it cannot be compared.
pub fn earlier(request: &str, payload: Payload<'_>) -> String {
    let (options, as_of) = match read_request(request) {
        Ok(Request::Compare { options, as_of, .. }) => (options, as_of),
        Ok(_) => return error("op: expected compare"),
        Err(e) => return error(e),
    };
    let texts = match texts_of(payload) {
        Ok(t) => t,
        Err(e) => return error(format!("the earlier inventory: {e}")),
    };
    let inputs: Vec<InputFile> = texts
        .iter()
        .map(|(name, text)| InputFile { name, text })
        .collect();
    let fleet = Fleet::import_files(&inputs, &options, as_of);
    let inv = &fleet.inventory;
    if let Some(e) = &inv.error {
        return error(format!("the earlier inventory cannot be read: {e}"));
    }
    if inv.column_mapping.is_some() {
        return error(
            "the earlier inventory's columns were not recognised, or none gives the current Windows version: \
             accepted: an inventory this view reads without mapping its columns (CSV with known headers, \
             or a JSON array of Scenarios), or with the same columns as the current one",
        );
    }
    if fleet.results.is_empty() {
        return error("the earlier inventory has no rows");
    }
    // Not one machine read: a file of another kind (a report, another tool's columns).
    if fleet.summary.planned == 0 {
        let first = fleet.results.iter().find_map(|r| {
            r.error
                .as_ref()
                .map(|e| format!("line {}: {}", r.line, printable(e)))
        });
        return error(format!(
            "not one of the earlier inventory's rows could be planned ({} {}){}{}: \
             accepted: an inventory of the same kind as the current one (CSV with known headers, \
             or a JSON array of Scenarios)",
            fleet.results.len(),
            if fleet.results.len() == 1 {
                "row"
            } else {
                "rows"
            },
            if first.is_some() { ", e.g. " } else { "" },
            first.unwrap_or_default()
        ));
    }
    fleet.plan_input()
}

/// The texts of an import's payload (each file decoded, named), or why not.
fn texts_of(payload: Payload<'_>) -> Result<Vec<(&str, Cow<'_, str>)>, String> {
    let no_input = "no inventory given: paste CSV or JSON, or choose a file";
    Ok(match payload {
        Payload::Text(t) => vec![("", Cow::Borrowed(t))],
        Payload::Bytes(b) => vec![("", Cow::Owned(decode_file("", b)?))],
        Payload::Files(files) if !files.is_empty() => {
            let mut texts = Vec::with_capacity(files.len());
            for (name, b) in files {
                texts.push((name, Cow::Owned(decode_file(name, b)?)));
            }
            texts
        }
        Payload::Files(_) | Payload::None => return Err(no_input.into()),
    })
}

/// The next chunk of the export last asked for; `None` when it is complete (or none was asked).
pub fn next_chunk(state: &mut Option<Fleet>) -> Option<String> {
    let fleet = state.as_mut()?;
    let (format, i) = fleet.exporting?;
    let chunk = fleet.export_chunk(format, i);
    fleet.exporting = chunk.as_ref().map(|_| (format, i + 1));
    chunk
}

/// A file's bytes → its text, or why not (named after the file when it has a name).
fn decode_file(name: &str, b: &[u8]) -> Result<String, String> {
    let subject = if name.is_empty() {
        "the file".to_string()
    } else {
        format!("`{}`", printable(name))
    };
    if b.len() > MAX_INVENTORY_BYTES {
        return Err(inventory::too_large(&subject, b.len() as u64));
    }
    inventory::decode_text(b).map_err(|e| {
        if name.is_empty() {
            e
        } else {
            format!("{subject}: {e}")
        }
    })
}

fn import_reply(fleet: &Fleet, query: &Query) -> Reply {
    let inv = &fleet.inventory;
    let fields = if inv.column_mapping.is_some() {
        inventory::mapping_fields()
            .into_iter()
            .map(|(id, what)| (id.to_string(), what))
            .collect()
    } else {
        Vec::new()
    };
    Reply::Import {
        error: inv.error.clone(),
        form: form_label(inv.form).to_string(),
        files: inv.files.clone(),
        columns: inv.columns.clone(),
        column_mapping: inv.column_mapping.clone(),
        fields,
        summary: fleet.summary.clone(),
        blocker_messages: fleet.blocker_messages.clone(),
        // Drawn by the second stage and added by the worker (`extras`).
        charts_html: String::new(),
        view: fleet.view(query),
    }
}

/// How the page names the form the text was read as.
pub fn form_label(form: Form) -> &'static str {
    inventory::form_words(form)
}

// ---------------------------------------------------------------------------------------------
// Reading a request: the same types, with a message for every mistake
// ---------------------------------------------------------------------------------------------

/// Read a request from JSON text; the error says what was wrong and what is accepted.
pub fn read_request(text: &str) -> Result<Request, String> {
    let req: Value =
        serde_json::from_str(text).map_err(|e| format!("the request is not JSON ({e})"))?;
    let op = req.get("op").and_then(Value::as_str).unwrap_or("");
    match op {
        "import" => Ok(Request::Import {
            options: read_options(req.get("options"))?,
            as_of: read_as_of(&req)?,
            query: read_query(req.get("query").unwrap_or(&Value::Null))?,
        }),
        "view" => Ok(Request::View {
            query: read_query(req.get("query").unwrap_or(&Value::Null))?,
        }),
        "export" => Ok(Request::Export {
            format: req
                .get("format")
                .and_then(Value::as_str)
                .and_then(ExportFormat::from_id)
                .ok_or("format: expected csv, json, markdown, waves-csv, waves-markdown, xlsx or progress-csv")?,
        }),
        "compare" => Ok(Request::Compare {
            options: read_options(req.get("options"))?,
            as_of: read_as_of(&req)?,
            remembered: opt_bool(&req, "remembered", "")?,
        }),
        "collect-script" => Ok(Request::CollectScript),
        "remember" => Ok(Request::Remember {
            label: opt_str(&req, "label", "request")?.unwrap_or_default(),
        }),
        // Read by the second stage (`extras::read_waves`); the engine never plans waves.
        "waves" => Err("the waves are planned by the second stage of the Fleet view".into()),
        other => Err(format!(
            "op: unknown value `{}`; accepted: import, view, export, waves, compare, remember, collect-script",
            printable(other)
        )),
    }
}

fn read_as_of(req: &Value) -> Result<Date, String> {
    req.get("as_of")
        .and_then(Value::as_str)
        .and_then(Date::parse)
        .ok_or_else(|| "as_of: expected a date YYYY-MM-DD".to_string())
}

/// A true/false field, false when absent; `prefix` names where it is (`query.`).
fn opt_bool(v: &Value, key: &str, prefix: &str) -> Result<bool, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("{prefix}{key}: expected true or false")),
    }
}

fn opt_str(v: &Value, key: &str, path: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{path}.{key}: expected text")),
    }
}

const QUERY_FIELDS: [&str; 9] = [
    "verdict",
    "blocker",
    "hardware",
    "decision",
    "search",
    "sort",
    "descending",
    "offset",
    "limit",
];

/// Read a Query; unknown fields and values are refused with what is accepted.
pub fn read_query(v: &Value) -> Result<Query, String> {
    let mut q = Query::default();
    if v.is_null() {
        return Ok(q);
    }
    let Some(obj) = v.as_object() else {
        return Err("query: expected an object".into());
    };
    if let Some(key) = obj.keys().find(|k| !QUERY_FIELDS.contains(&k.as_str())) {
        return Err(format!(
            "query.{}: unknown field; accepted: {}",
            printable(key),
            QUERY_FIELDS.join(", ")
        ));
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
    q.hardware = opt_str(v, "hardware", "query")?;
    if let Some(id) = &q.hardware {
        if !Outcome::ALL.iter().any(|x| x.id() == id) {
            return Err(format!(
                "query.hardware: unknown value `{}`; accepted: {}",
                printable(id),
                Outcome::ALL.map(Outcome::id).join(", ")
            ));
        }
    }
    q.decision = opt_str(v, "decision", "query")?;
    if let Some(id) = &q.decision {
        if Decision::from_id(id).is_none() {
            return Err(format!(
                "query.decision: unknown value `{}`; accepted: {}",
                printable(id),
                Decision::ALL.map(Decision::id).join(", ")
            ));
        }
    }
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
    q.descending = opt_bool(v, "descending", "query.")?;
    for (key, slot) in [("offset", &mut q.offset), ("limit", &mut q.limit)] {
        if let Some(n) = v.get(key).filter(|n| !n.is_null()) {
            *slot = n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("query.{key}: expected a whole number ≥ 0"))?;
        }
    }
    Ok(q)
}

/// Read InventoryOptions; unknown fields are refused (a misspelt `target` would otherwise plan the
/// fleet without it).
fn read_options(v: Option<&Value>) -> Result<InventoryOptions, String> {
    let v = match v {
        None | Some(Value::Null) => return Ok(InventoryOptions::default()),
        Some(v) => v,
    };
    let Some(obj) = v.as_object() else {
        return Err("options: expected an object; accepted fields: mapping, target".into());
    };
    if let Some(key) = obj.keys().find(|k| *k != "mapping" && *k != "target") {
        return Err(format!(
            "options.{}: unknown field; accepted: mapping, target",
            printable(key)
        ));
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
