//! Fleet planning: an inventory of many machines → one Scenario per row → one Plan per row.
//!
//! Accepted text (`docs/inventory-format.md`):
//! - **JSON** (`json_input`): an array of Scenarios, of Scenarios with an extra `"name"`, or of
//!   `{ "name": …, "scenario": { … } }`;
//! - **CSV** (`csv_input`; delimiter `,`, `;` or tab, found from the header line; a UTF-8 BOM and
//!   PowerShell's `#TYPE` line are skipped) in three forms told apart by the headers
//!   (`columns`): the **native form** (a `name` column and one column per Scenario field, headed
//!   by its dotted path such as `current.os`), the **PowerShell form** (`Get-ComputerInfo`,
//!   `Get-CimInstance Win32_OperatingSystem` properties) and the **ConfigMgr hardware-inventory
//!   form** (`Name0`, `Caption0`, `Version0`, `CSDVersion0`, …), read by `windows`.
//!
//! Bad rows never stop the import: every row carries either its Scenario or a [`RowError`] naming
//! the column and the value. Only the limits (`limits`), an empty text, malformed JSON or a bad
//! option refuse the whole text ([`Inventory::error`]). Planning is `results`; the CSV, JSON and
//! Markdown reports are `reports`. Everything here is pure: no I/O, no web crates.

mod columns;
mod csv_input;
mod decode;
mod join;
mod json_input;
mod limits;
mod product_name;
pub mod readiness;
mod reports;
mod results;
pub mod windows;

pub use columns::{aliases, detect, mapping_fields, norm, Column, Win};
pub use csv_input::find_delimiter;
pub use decode::{decode_text, line_break_ends_at, line_breaks};
pub use join::{parse_inventories, FileRead, InputFile};
pub use limits::{too_large, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_INVENTORY_BYTES, MAX_ROWS};
pub use product_name::{parse_product_name, words, ProductName};
pub use reports::{
    csv_line, markdown_head, markdown_server, md, to_csv, to_json, to_markdown, write_json,
    CsvLines, CSV_HEADER,
};
pub use results::{plan_inventory, plan_row, summary, Blocker, RowResult, Summary};

use crate::core::ids::Os;
use crate::core::scenario::{printable, Resolved, Scenario, Target};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// How to read an inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryOptions {
    /// Header (as written in the file, or equal to it ignoring case, spaces, `_` and `-`) → field
    /// id from [`mapping_fields`]; `""` or `"ignore"` ignores the column. Overrides detection per header.
    #[serde(default)]
    pub mapping: BTreeMap<String, String>,
    /// "One target for all": applied to every row that gives no `target.os` of its own
    /// (the row's other `target.*` cells still apply on top). In JSON: a Target object or an os id.
    #[serde(default, deserialize_with = "target_or_os")]
    pub target: Option<Target>,
}

impl InventoryOptions {
    /// Options with one target version for all rows.
    pub fn with_target_os(os: Os) -> Self {
        InventoryOptions {
            target: Some(Target::new(os)),
            ..InventoryOptions::default()
        }
    }
}

fn target_or_os<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Target>, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(id) => Os::from_id(&id)
            .map(|os| Some(Target::new(os)))
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "target: unknown value `{}`, accepted: {}",
                    printable(&id),
                    Os::accepted()
                ))
            }),
        other => crate::core::parse::target_from_value(&other, "target")
            .map(Some)
            .map_err(|e| D::Error::custom(e.to_string())),
    }
}

/// Which form the text was read as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// A JSON array of Scenarios.
    Json,
    /// CSV with a column per Scenario field (`current.os`, `target.os`, …).
    Native,
    /// CSV exported from `Get-ComputerInfo` or `Get-CimInstance Win32_OperatingSystem`.
    Powershell,
    /// CSV exported from Configuration Manager's hardware inventory (`Name0`, `Caption0`, …).
    Configmgr,
    /// Readiness exports only (Win32_Processor, Get-Tpm, HardwareReadiness.ps1, ConfigMgr's
    /// readiness dashboard, …): facts about machines, joined by name (`readiness`, `join`).
    Readiness,
    /// CSV whose headers name nothing the planner knows: map the columns.
    #[default]
    Unknown,
}

/// What a form is, in words (the page and the command say it).
pub fn form_words(form: Form) -> &'static str {
    match form {
        Form::Json => "JSON array of Scenarios",
        Form::Native => "native CSV (dotted Scenario paths)",
        Form::Powershell => "PowerShell export (Get-ComputerInfo / Win32_OperatingSystem)",
        Form::Configmgr => "ConfigMgr hardware-inventory export",
        Form::Readiness => "readiness exports",
        Form::Unknown => "CSV with unrecognised headers",
    }
}

/// What one CSV column was read as: a field id from [`mapping_fields`], or `None` (ignored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub header: String,
    pub field: Option<String>,
}

/// Why one row has no Scenario: the column (header) and the value (sanitised) that were wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub column: String,
    pub value: String,
    pub message: String,
}

impl RowError {
    fn new(column: &str, value: &str, message: impl Into<String>) -> Self {
        RowError {
            column: printable(column),
            value: printable(value),
            message: message.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.column.is_empty(), self.value.is_empty()) {
            (true, _) => f.write_str(&self.message),
            (false, true) => write!(f, "{}: {}", self.column, self.message),
            (false, false) => write!(f, "{} `{}`: {}", self.column, self.value, self.message),
        }
    }
}

/// One machine of the inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Line of the text where the row starts (1-based).
    pub line: usize,
    /// The name given in the row (plain data, never interpreted), or `line N` when none is given.
    pub name: String,
    /// The row's Scenario, shared with its `Resolved` (one copy per row: a fleet holds them all).
    pub result: Result<std::sync::Arc<Scenario>, RowError>,
    /// The scenario as resolved when the row was read (a fleet drops it once the row is planned).
    #[serde(skip)]
    pub resolved: Option<Resolved>,
}

impl Row {
    /// A row read and resolved; its Scenario is the one the `Resolved` keeps as given (the same
    /// value, held once).
    fn read(line: usize, name: String, resolved: Resolved) -> Row {
        Row {
            line,
            name,
            result: Ok(resolved.given.clone()),
            resolved: Some(resolved),
        }
    }
    fn failed(line: usize, name: String, e: RowError) -> Row {
        Row {
            line,
            name,
            result: Err(e),
            resolved: None,
        }
    }
}

/// An imported inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Inventory {
    pub form: Form,
    /// The CSV delimiter found from the header line (`None` for JSON).
    pub delimiter: Option<char>,
    /// How every CSV column was read (empty for JSON).
    pub columns: Vec<ColumnMapping>,
    /// A proposal for the column-mapping step: set when a header was not recognised or when no
    /// column gives the current Windows version. Pass a corrected mapping in
    /// [`InventoryOptions::mapping`] to import again.
    pub column_mapping: Option<Vec<ColumnMapping>>,
    pub rows: Vec<Row>,
    /// Set when the whole text was refused (limits, empty text, malformed JSON, bad options);
    /// `rows` is then empty.
    pub error: Option<String>,
    /// How each file was read, when several were joined or a readiness export was among them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRead>,
}

impl Inventory {
    fn refused(message: impl Into<String>) -> Self {
        Inventory {
            error: Some(message.into()),
            ..Inventory::default()
        }
    }
    /// Rows that carry a Scenario.
    pub fn good_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.result.is_ok()).count()
    }
}

const NO_TARGET: &str =
    "no target version; accepted: a target.os column, or one target for all rows (--target)";

/// Read an inventory (JSON or CSV, or a readiness export). Never panics; bad rows become row
/// errors.
pub fn parse_inventory(text: &str, options: &InventoryOptions) -> Inventory {
    parse_inventories(&[InputFile { name: "", text }], options)
}

/// One inventory text that is not a readiness export.
fn parse_one(text: &str, options: &InventoryOptions) -> Inventory {
    if text.len() > MAX_INVENTORY_BYTES {
        return Inventory::refused(format!(
            "the inventory is {} bytes; at most {MAX_INVENTORY_BYTES} bytes (10 MiB) are accepted: split it into smaller files",
            text.len()
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.is_empty() {
        return Inventory::refused(
            "the inventory is empty; accepted: CSV with a header line, or a JSON array of scenarios",
        );
    }
    if start.starts_with('[') || start.starts_with('{') {
        json_input::parse_json(text, options)
    } else {
        csv_input::parse_csv(text, options)
    }
}
