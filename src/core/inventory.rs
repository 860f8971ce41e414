//! Fleet planning: an inventory of many servers → one Scenario per row → one Plan per row.
//!
//! Accepted text (`docs/inventory-format.md`):
//! - **JSON**: an array of Scenarios, of Scenarios with an extra `"name"`, or of
//!   `{ "name": …, "scenario": { … } }`;
//! - **CSV** (delimiter `,`, `;` or tab, found from the header line; a UTF-8 BOM and PowerShell's
//!   `#TYPE` line are skipped) in three forms told apart by the headers, which are matched
//!   case-, space-, `_`- and `-`-insensitively:
//!   the **native form** (a `name` column and one column per Scenario field, headed by its dotted
//!   path such as `current.os`), the **PowerShell form** (`Get-ComputerInfo`,
//!   `Get-CimInstance Win32_OperatingSystem` properties) and the **ConfigMgr hardware-inventory
//!   form** (`Name0`, `Caption0`, `Version0`, `CSDVersion0`, …).
//!
//! Bad rows never stop the import: every row carries either its Scenario or a [`RowError`] naming
//! the column and the value. Only the limits below, an empty text, malformed JSON or a bad option
//! refuse the whole text ([`Inventory::error`]). Everything here is pure: no I/O, no web crates.

use super::catalog::{version, Family};
use super::codes::Code;
use super::date::Date;
use super::eval::evaluate;
use super::ids::{Arch, Channel, Edition, Installation, Os};
use super::plan::{Method, Plan, Verdict};
use super::scenario::{parse_scenario, printable, InputError, Scenario, Target};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Largest inventory text accepted (bytes): 10 MiB.
pub const MAX_INVENTORY_BYTES: usize = 10 * 1024 * 1024;
/// The refusal of an inventory over [`MAX_INVENTORY_BYTES`]: `subject` (a file's name) and its size.
pub fn too_large(subject: &str, bytes: u64) -> String {
    format!(
        "{} has {bytes} bytes, more than 10 MiB ({MAX_INVENTORY_BYTES} bytes), the most an inventory may have: split it",
        printable(subject)
    )
}

/// Most rows (servers) accepted in one inventory.
pub const MAX_ROWS: usize = 100_000;
/// Most columns accepted in the header or in a row.
pub const MAX_COLUMNS: usize = 200;
/// Longest field (cell) accepted (bytes): 4 KiB.
pub const MAX_FIELD_BYTES: usize = 4 * 1024;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/// How to read an inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryOptions {
    /// Header (as written in the file, or equal to it ignoring case, spaces, `_` and `-`) → field
    /// id from [`FIELDS`]; `""` or `"ignore"` ignores the column. Overrides detection per header.
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
                    super::scenario::printable(&id),
                    Os::accepted()
                ))
            }),
        other => super::parse::target_from_value(&other, "target")
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
    /// CSV whose headers name nothing the planner knows: map the columns.
    #[default]
    Unknown,
}

/// What one CSV column was read as: a field id from [`FIELDS`], or `None` (ignored).
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

/// One server of the inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Line of the text where the row starts (1-based).
    pub line: usize,
    /// The name given in the row (plain data, never interpreted), or `line N` when none is given.
    pub name: String,
    pub result: Result<Scenario, RowError>,
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
    pub method: Option<Method>,
    pub route: Vec<Os>,
    pub first_blocker: Option<Blocker>,
    /// Every distinct blocker code of the plan, in order.
    pub blockers: Vec<Code>,
    /// `None` for a planned row; one line naming the column and value for a bad row.
    pub error: Option<String>,
    pub plan: Option<Plan>,
}

/// Counts over a fleet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: usize,
    pub planned: usize,
    pub errors: usize,
    /// Verdict id → servers.
    pub by_verdict: BTreeMap<String, usize>,
    /// Blocker code → servers it stops (a server with two blockers counts under both).
    pub by_blocker: BTreeMap<String, usize>,
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
        for code in &r.blockers {
            *self.by_blocker.entry(code.to_string()).or_default() += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fields and header aliases
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Id,
    Os,
    Number,
    Bool,
    List,
    IdList,
}

/// Every Scenario field by dotted path, with how a cell is turned into its JSON value.
const NATIVE: &[(&str, Kind)] = &[
    ("current.os", Kind::Os),
    ("current.edition", Kind::Id),
    ("current.service_pack", Kind::Number),
    ("current.architecture", Kind::Id),
    ("current.language", Kind::Text),
    ("current.channel", Kind::Id),
    ("current.installation", Kind::Id),
    ("current.cluster_node", Kind::Bool),
    ("current.domain_controller", Kind::Bool),
    ("current.release", Kind::Text),
    ("current.conditions", Kind::IdList),
    ("target.os", Kind::Os),
    ("target.edition", Kind::Id),
    ("target.service_pack", Kind::Number),
    ("target.architecture", Kind::Id),
    ("target.language", Kind::Text),
    ("target.installation", Kind::Id),
    ("target.media_channel", Kind::Id),
    ("target.key_channel", Kind::Id),
    ("target.key_edition", Kind::Id),
    ("target.release", Kind::Text),
    ("cluster.nodes", Kind::List),
    ("cluster.groups", Kind::List),
    ("configmgr.version", Kind::Number),
    ("configmgr.content", Kind::Id),
    ("configmgr.delivery", Kind::Id),
    ("configmgr.boot_image", Kind::Bool),
    ("configmgr.via_cmg", Kind::Bool),
    ("configmgr.distribution_point", Kind::Bool),
    ("configmgr.software_update_point", Kind::Bool),
    ("configmgr.package.edition", Kind::Id),
    ("configmgr.package.architecture", Kind::Id),
    ("configmgr.package.language", Kind::Text),
    ("configmgr.planned_changes", Kind::IdList),
    ("as_of", Kind::Text),
];

/// Every field a column can be mapped to, with what it holds (for the column-mapping step).
/// `name` and the dotted Scenario paths take the contract's values; the `os.*` fields take the
/// values Windows itself reports and are interpreted.
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "the server's name"),
    (
        "current.os",
        "the installed version: an os id such as `windows-server-2016`",
    ),
    (
        "current.edition",
        "the installed edition id, e.g. `datacenter`",
    ),
    ("current.service_pack", "the installed service pack number"),
    ("current.architecture", "`x86`, `x64`, `ia64` or `arm64`"),
    ("current.language", "a language tag such as `en-US`"),
    (
        "current.channel",
        "`retail`, `msdn`, `evaluation`, `oem` or `volume`",
    ),
    ("current.installation", "`desktop` or `core`"),
    ("current.cluster_node", "`true` or `false`"),
    ("current.domain_controller", "`true` or `false`"),
    ("current.release", "Windows 10/11 release, e.g. `22H2`"),
    ("current.conditions", "condition ids, comma-separated"),
    ("target.os", "the version to upgrade to: an os id"),
    ("target.edition", "the target edition id"),
    ("target.service_pack", "the target service pack number"),
    ("target.architecture", "the target architecture id"),
    ("target.language", "the target language tag"),
    ("target.installation", "`desktop` or `core`"),
    ("target.media_channel", "the channel of the target media"),
    ("target.key_channel", "the channel of the product key"),
    ("target.key_edition", "the edition of the product key"),
    ("target.release", "the target Windows 10/11 release"),
    ("cluster.nodes", "the cluster's node names, comma-separated"),
    (
        "cluster.groups",
        "the cluster's group names, comma-separated",
    ),
    (
        "configmgr.version",
        "Configuration Manager version, e.g. `2403`",
    ),
    ("configmgr.content", "`upgrade-package` or `feature-update`"),
    (
        "configmgr.delivery",
        "`software-center` or `stand-alone-media`",
    ),
    ("configmgr.boot_image", "`true` or `false`"),
    ("configmgr.via_cmg", "`true` or `false`"),
    ("configmgr.distribution_point", "`true` or `false`"),
    ("configmgr.software_update_point", "`true` or `false`"),
    (
        "configmgr.package.edition",
        "edition of the OS upgrade package",
    ),
    (
        "configmgr.package.architecture",
        "architecture of the OS upgrade package",
    ),
    (
        "configmgr.package.language",
        "language of the OS upgrade package",
    ),
    (
        "configmgr.planned_changes",
        "planned change ids, comma-separated",
    ),
    (
        "as_of",
        "the date lifecycle dates are compared with, `YYYY-MM-DD`",
    ),
    (
        "os.caption",
        "the product name, e.g. `Microsoft Windows Server 2016 Datacenter`",
    ),
    (
        "os.version",
        "the version or build number, e.g. `10.0.17763` or `17763`",
    ),
    (
        "os.architecture",
        "`64-bit`, `32-bit`, `ARM 64-bit Processor`",
    ),
    (
        "os.language",
        "a language ID (LCID) such as `1033`, or a tag such as `en-US`",
    ),
    ("os.service_pack", "`2` or `Service Pack 2`"),
    (
        "os.domain_role",
        "DomainRole: 0–5 or its name; 4 and 5 are domain controllers",
    ),
    (
        "os.product_type",
        "ProductType: 1 workstation, 2 domain controller, 3 server",
    ),
    (
        "os.installation_type",
        "`Server Core`, `Server` or `Client`",
    ),
    (
        "os.other_type",
        "OtherTypeDescription: `R2` marks Windows Server 2003 R2",
    ),
];

/// The fields read by interpretation (from PowerShell or ConfigMgr columns), not by path.
const INTERPRETED: [Field; 9] = [
    Field::Caption,
    Field::Version,
    Field::Architecture,
    Field::Language,
    Field::ServicePack,
    Field::DomainRole,
    Field::ProductType,
    Field::InstallationType,
    Field::OtherType,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Path(usize),
    Caption,
    Version,
    Architecture,
    Language,
    ServicePack,
    DomainRole,
    ProductType,
    InstallationType,
    OtherType,
}

impl Field {
    fn id(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Path(i) => NATIVE[i].0,
            Field::Caption => "os.caption",
            Field::Version => "os.version",
            Field::Architecture => "os.architecture",
            Field::Language => "os.language",
            Field::ServicePack => "os.service_pack",
            Field::DomainRole => "os.domain_role",
            Field::ProductType => "os.product_type",
            Field::InstallationType => "os.installation_type",
            Field::OtherType => "os.other_type",
        }
    }

    fn from_id(id: &str) -> Option<Field> {
        NATIVE
            .iter()
            .position(|(p, _)| *p == id)
            .map(Field::Path)
            .or_else(|| {
                [Field::Name]
                    .into_iter()
                    .chain(INTERPRETED)
                    .find(|f| f.id() == id)
            })
    }

    fn path(id: &str) -> Field {
        Field::from_id(id).unwrap_or(Field::Name)
    }
}

/// Header aliases (normalised: lower case, no spaces, `_` or `-`), highest priority first. When
/// several columns map to one field, the first non-empty cell in this order wins.
const ALIASES: &[(&str, &str)] = &[
    ("csname", "name"),
    ("computername", "name"),
    ("pscomputername", "name"),
    ("netbiosname", "name"),
    ("servername", "name"),
    ("hostname", "name"),
    ("dnshostname", "name"),
    ("csdnshostname", "name"),
    ("devicename", "name"),
    ("machinename", "name"),
    ("computer", "name"),
    ("server", "name"),
    ("host", "name"),
    ("device", "name"),
    ("name", "name"),
    ("caption", "os.caption"),
    ("osname", "os.caption"),
    ("windowsproductname", "os.caption"),
    ("productname", "os.caption"),
    ("operatingsystem", "os.caption"),
    ("operatingsystemname", "os.caption"),
    ("operatingsystemnameandversion", "os.caption"),
    ("operatingsystemnameand", "os.caption"),
    ("oscaption", "os.caption"),
    ("os", "os.caption"),
    ("buildnumber", "os.version"),
    ("osbuildnumber", "os.version"),
    ("currentbuildnumber", "os.version"),
    ("currentbuild", "os.version"),
    ("build", "os.version"),
    ("osbuild", "os.version"),
    ("version", "os.version"),
    ("osversion", "os.version"),
    ("build01", "os.version"),
    ("osarchitecture", "os.architecture"),
    ("architecture", "os.architecture"),
    ("arch", "os.architecture"),
    ("cssystemtype", "os.architecture"),
    ("systemtype", "os.architecture"),
    ("oslanguage", "os.language"),
    ("language", "os.language"),
    ("osuilanguage", "os.language"),
    ("muilanguages", "os.language"),
    ("osmuilanguages", "os.language"),
    ("oslocale", "os.language"),
    ("servicepackmajorversion", "os.service_pack"),
    ("osservicepackmajorversion", "os.service_pack"),
    ("servicepack", "os.service_pack"),
    ("sp", "os.service_pack"),
    ("csdversion", "os.service_pack"),
    ("oscsdversion", "os.service_pack"),
    ("csdomainrole", "os.domain_role"),
    ("domainrole", "os.domain_role"),
    ("osproducttype", "os.product_type"),
    ("producttype", "os.product_type"),
    ("windowsinstallationtype", "os.installation_type"),
    ("installationtype", "os.installation_type"),
    ("othertypedescription", "os.other_type"),
    ("osothertypedescription", "os.other_type"),
    ("osdisplayversion", "current.release"),
    ("displayversion", "current.release"),
    ("release", "current.release"),
    ("domaincontroller", "current.domain_controller"),
    ("isdomaincontroller", "current.domain_controller"),
    ("target", "target.os"),
    ("targetversion", "target.os"),
];

fn norm(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// (field, rank, via the ConfigMgr trailing `0`) for a header; lower rank wins.
fn detect(header: &str) -> Option<(Field, usize, bool)> {
    let key = norm(header);
    let undotted: String = key.chars().filter(|&c| c != '.').collect();
    if let Some(i) = NATIVE
        .iter()
        .position(|(p, _)| p.replace(['.', '_'], "") == undotted)
    {
        return Some((Field::Path(i), 1, false));
    }
    let alias = |k: &str| {
        ALIASES
            .iter()
            .position(|(a, _)| *a == k)
            .map(|i| (Field::path(ALIASES[i].1), 10 + i))
    };
    if let Some((f, r)) = alias(&key) {
        return Some((f, r, false));
    }
    // ConfigMgr's SQL views add a `0` to every property: Name0, Caption0, CSDVersion0, …
    key.strip_suffix('0')
        .and_then(alias)
        .map(|(f, r)| (f, r, true))
}

/// Every accepted header alias for a field id (normalised), for the documentation and the UI.
pub fn aliases(field: &str) -> Vec<&'static str> {
    ALIASES
        .iter()
        .filter(|(_, f)| *f == field)
        .map(|(a, _)| *a)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Decoding bytes
// ---------------------------------------------------------------------------------------------

/// Bytes of a file → text: UTF-8 (BOM optional), UTF-16 with a BOM (what PowerShell's `>`
/// writes), or else Windows-1252 (what Excel's "CSV" writes on Western systems).
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8(rest.to_vec()).map_err(|_| {
            "the file starts with a UTF-8 byte-order mark but is not UTF-8".to_string()
        })?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
        }
    };
    if text.contains('\0') {
        return Err(
            "the file is not text (it contains NUL bytes; UTF-16 needs a byte-order mark): save it as UTF-8 CSV or JSON"
                .to_string(),
        );
    }
    Ok(text)
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| "the file is not valid UTF-16 text".to_string())
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// Read an inventory (JSON or CSV). Never panics; bad rows become row errors.
pub fn parse_inventory(text: &str, options: &InventoryOptions) -> Inventory {
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
        parse_json(text, options)
    } else {
        parse_csv(text, options)
    }
}

fn too_many_rows() -> String {
    format!(
        "the inventory has more than {MAX_ROWS} rows; at most {MAX_ROWS} are accepted: split it into smaller files"
    )
}

fn parse_json(text: &str, options: &InventoryOptions) -> Inventory {
    use serde_json::value::RawValue;
    let items: Vec<&RawValue> = if text.trim_start().starts_with('{') {
        match serde_json::from_str::<&RawValue>(text) {
            Ok(v) => vec![v],
            Err(e) => return Inventory::refused(json_error(&e)),
        }
    } else {
        match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(v) => v,
            Err(e) => return Inventory::refused(json_error(&e)),
        }
    };
    if items.len() > MAX_ROWS {
        return Inventory::refused(too_many_rows());
    }
    let base = text.as_ptr() as usize;
    let (mut line, mut seen) = (1usize, 0usize);
    let mut rows = Vec::with_capacity(items.len());
    for raw in items {
        let at = (raw.get().as_ptr() as usize)
            .saturating_sub(base)
            .min(text.len());
        if at >= seen {
            line += text.as_bytes()[seen..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            seen = at;
        }
        rows.push(json_row(raw.get(), line, options));
    }
    Inventory {
        form: Form::Json,
        rows,
        ..Inventory::default()
    }
}

fn json_error(e: &serde_json::Error) -> String {
    let what = e.to_string();
    let what = what.split(" at line ").next().unwrap_or(&what).to_string();
    format!(
        "malformed JSON at line {} column {} ({what}); accepted: a JSON array of scenarios, or CSV with a header line",
        e.line(),
        e.column()
    )
}

fn json_row(raw: &str, line: usize, options: &InventoryOptions) -> Row {
    let fallback = format!("line {line}");
    let value: Value = serde_json::from_str(raw).unwrap_or(Value::Null);
    let Value::Object(mut obj) = value else {
        return Row {
            line,
            name: fallback,
            result: Err(RowError::new(
                "",
                raw,
                "not a scenario; accepted: a Scenario object, or {\"name\": …, \"scenario\": {…}}",
            )),
        };
    };
    let name = match obj.remove("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Null) | None => fallback,
        Some(Value::String(_)) => fallback,
        Some(other) => other.to_string(),
    };
    let fail = |column: &str, value: &str, msg: String| Row {
        line,
        name: name.clone(),
        result: Err(RowError::new(column, value, msg)),
    };
    if name.len() > MAX_FIELD_BYTES {
        return fail(
            "name",
            &name,
            format!("the name is longer than {MAX_FIELD_BYTES} bytes"),
        );
    }
    let mut scenario = if obj.contains_key("scenario") && !obj.contains_key("current") {
        if let Some(k) = obj.keys().find(|k| *k != "scenario") {
            return fail(
                k,
                "",
                format!(
                    "unknown field `{}` beside `scenario`; accepted: `name`, `scenario`",
                    printable(k)
                ),
            );
        }
        match obj.remove("scenario") {
            Some(Value::Object(s)) => s,
            other => {
                let shown = other.map(|v| v.to_string()).unwrap_or_default();
                return fail("scenario", &shown, "not a scenario object".to_string());
            }
        }
    } else {
        obj
    };
    if !scenario.contains_key("target") {
        if let Some(t) = &options.target {
            scenario.insert(
                "target".into(),
                serde_json::to_value(t).unwrap_or(Value::Null),
            );
        }
    }
    if !scenario.contains_key("target") {
        return fail("target.os", "", NO_TARGET.to_string());
    }
    let scenario = Value::Object(scenario);
    let result = parse_scenario(&scenario.to_string())
        .and_then(|s| s.resolve().map(|_| s))
        .map_err(|e| {
            let value = lookup(&scenario, &e.path);
            RowError::new(
                if e.path.is_empty() {
                    "scenario"
                } else {
                    &e.path
                },
                &value,
                e.message,
            )
        });
    Row { line, name, result }
}

/// The value at a dotted path such as `cluster.nodes[1]`, as text.
fn lookup(v: &Value, path: &str) -> String {
    let mut cur = v;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        cur = match cur.get(key) {
            Some(c) => c,
            None => return String::new(),
        };
        if let Some(i) = index {
            cur = match cur.get(i) {
                Some(c) => c,
                None => return String::new(),
            };
        }
    }
    match cur {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other if std::ptr::eq(other, v) => String::new(),
        other => other.to_string(),
    }
}

const NO_TARGET: &str =
    "no target version; accepted: a target.os column, or one target for all rows (--target)";

/// The columns of a CSV header: which field each feeds, in priority order per field.
struct ColumnPlan {
    headers: Vec<String>,
    /// field → column indexes, highest priority first.
    fields: Vec<(Field, Vec<usize>)>,
}

impl ColumnPlan {
    fn columns(&self, f: Field) -> &[usize] {
        self.fields
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, c)| c.as_slice())
            .unwrap_or(&[])
    }
    fn has(&self, f: Field) -> bool {
        !self.columns(f).is_empty()
    }
    fn gives_current_os(&self) -> bool {
        self.has(Field::path("current.os")) || self.has(Field::Caption) || self.has(Field::Version)
    }
}

fn plan_columns(
    headers: &[String],
    options: &InventoryOptions,
) -> Result<(ColumnPlan, Vec<ColumnMapping>, bool, Form), String> {
    let mut ranked: Vec<(Field, usize, usize)> = Vec::new(); // field, rank, column
    let mut mapping = Vec::with_capacity(headers.len());
    let mut unrecognised = false;
    let (mut native, mut configmgr, mut interpreted) = (false, false, false);
    for (col, header) in headers.iter().enumerate() {
        let explicit = options.mapping.get(header).or_else(|| {
            let n = norm(header);
            options
                .mapping
                .iter()
                .find(|(k, _)| norm(k) == n)
                .map(|(_, v)| v)
        });
        let found = match explicit {
            Some(id) if id.is_empty() || id == "ignore" => None,
            Some(id) => match Field::from_id(id) {
                Some(f) => Some((f, 0, false)),
                None => {
                    return Err(format!(
                        "mapping for column `{}`: `{}` is not a field; accepted: `ignore` or {}",
                        printable(header),
                        printable(id),
                        FIELDS
                            .iter()
                            .map(|(f, _)| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                }
            },
            None => {
                let d = detect(header);
                if d.is_none() {
                    unrecognised = true;
                }
                d
            }
        };
        if let Some((f, rank, zero)) = found {
            match f {
                Field::Path(_) => native = true,
                Field::Name => {}
                _ => interpreted = true,
            }
            let n = norm(header);
            configmgr |= zero || n.contains("netbios") || n.starts_with("operatingsystem");
            ranked.push((f, rank, col));
        }
        mapping.push(ColumnMapping {
            header: header.clone(),
            field: found.map(|(f, _, _)| f.id().to_string()),
        });
    }
    ranked.sort_by_key(|&(_, rank, col)| (rank, col));
    let mut fields: Vec<(Field, Vec<usize>)> = Vec::new();
    for (f, _, col) in ranked {
        match fields.iter_mut().find(|(g, _)| *g == f) {
            Some((_, cols)) => cols.push(col),
            None => fields.push((f, vec![col])),
        }
    }
    let form = if interpreted && configmgr {
        Form::Configmgr
    } else if interpreted {
        Form::Powershell
    } else if native {
        Form::Native
    } else {
        Form::Unknown
    };
    Ok((
        ColumnPlan {
            headers: headers.to_vec(),
            fields,
        },
        mapping,
        unrecognised,
        form,
    ))
}

/// The delimiter that occurs most often outside quotes in the header line (`,` on a tie).
fn find_delimiter(line: &str) -> u8 {
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn is_preamble(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with("#TYPE") || t.starts_with("\"#TYPE")
}

fn parse_csv(text: &str, options: &InventoryOptions) -> Inventory {
    let header_line = text.lines().find(|l| !is_preamble(l)).unwrap_or("");
    let delimiter = find_delimiter(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut header: Option<(ColumnPlan, Vec<ColumnMapping>, bool, Form)> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                if header.is_none() {
                    return Inventory::refused(format!("cannot read the CSV header: {e}"));
                }
                if rows.len() >= MAX_ROWS {
                    return Inventory::refused(too_many_rows());
                }
                rows.push(Row {
                    line,
                    name: format!("line {line}"),
                    result: Err(RowError::new("", "", format!("unreadable CSV: {e}"))),
                });
                continue;
            }
        }
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        if record.iter().all(str::is_empty) {
            continue;
        }
        let Some((plan, _, _, _)) = &header else {
            if record.len() == 1 && record[0].starts_with("#TYPE") {
                continue;
            }
            if record.len() > MAX_COLUMNS {
                return Inventory::refused(format!(
                    "the header has {} columns; at most {MAX_COLUMNS} are accepted",
                    record.len()
                ));
            }
            if let Some(h) = record.iter().find(|h| h.len() > MAX_FIELD_BYTES) {
                return Inventory::refused(format!(
                    "a header `{}` is longer than {MAX_FIELD_BYTES} bytes",
                    printable(h)
                ));
            }
            let headers: Vec<String> = record
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
                .collect();
            match plan_columns(&headers, options) {
                Ok(p) => header = Some(p),
                Err(e) => return Inventory::refused(e),
            }
            continue;
        };
        if rows.len() >= MAX_ROWS {
            return Inventory::refused(too_many_rows());
        }
        rows.push(csv_row(&record, line, plan, options));
    }
    let Some((plan, columns, unrecognised, form)) = header else {
        return Inventory::refused("the inventory has no header line");
    };
    let needs_mapping = unrecognised || !plan.gives_current_os();
    Inventory {
        form,
        delimiter: Some(delimiter as char),
        column_mapping: needs_mapping.then(|| columns.clone()),
        columns,
        rows,
        error: None,
    }
}

/// Line numbers from byte offsets (the csv crate's own line count is off after CRLF line ends).
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }
    /// The line of the record starting at `byte` (offsets only grow).
    fn at(&mut self, byte: u64) -> usize {
        let mut start = (byte as usize).min(self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.at {
            self.line += self.text[self.at..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.at = start;
        }
        self.line
    }
}

/// Where each Scenario path's value came from: (path, column) — or (path, usize::MAX) for the
/// one-target-for-all option.
type Provenance = Vec<(&'static str, usize)>;

const FROM_OPTIONS: usize = usize::MAX;

fn csv_row(
    record: &csv::StringRecord,
    line: usize,
    plan: &ColumnPlan,
    options: &InventoryOptions,
) -> Row {
    let headers = &plan.headers;
    let header = |col: usize| -> String {
        if col == FROM_OPTIONS {
            "target (for all rows)".to_string()
        } else {
            headers
                .get(col)
                .cloned()
                .unwrap_or_else(|| format!("column {}", col + 1))
        }
    };
    let cell = |col: usize| record.get(col).unwrap_or("");
    let first = |f: Field| {
        plan.columns(f)
            .iter()
            .map(|&c| (c, cell(c)))
            .find(|(_, v)| !v.is_empty())
    };
    let name = first(Field::Name)
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| format!("line {line}"));
    let fail = |col: usize, value: &str, msg: String| Row {
        line,
        name: name.clone(),
        result: Err(RowError::new(&header(col), value, msg)),
    };
    if record.len() > MAX_COLUMNS {
        return Row {
            line,
            name: name.clone(),
            result: Err(RowError::new(
                "",
                "",
                format!(
                    "the row has {} columns; at most {MAX_COLUMNS} are accepted",
                    record.len()
                ),
            )),
        };
    }
    if let Some((col, v)) = record
        .iter()
        .enumerate()
        .find(|(_, v)| v.len() > MAX_FIELD_BYTES)
    {
        return fail(
            col,
            v,
            format!(
                "the field is {} bytes long; at most {MAX_FIELD_BYTES} bytes are accepted",
                v.len()
            ),
        );
    }
    if record.len() > headers.len() && record.iter().skip(headers.len()).any(|v| !v.is_empty()) {
        return Row {
            line,
            name: name.clone(),
            result: Err(RowError::new(
                "",
                record.get(headers.len()).unwrap_or(""),
                format!(
                    "the row has {} columns but the header has {}; quote values that contain the delimiter",
                    record.len(),
                    headers.len()
                ),
            )),
        };
    }
    if record.len() == 1 && headers.len() > 1 {
        return Row {
            line,
            name: name.clone(),
            result: Err(RowError::new(
                "",
                cell(0),
                format!(
                    "the row has 1 column but the header has {}; check the delimiter",
                    headers.len()
                ),
            )),
        };
    }

    let mut root = Map::new();
    let mut prov: Provenance = Vec::new();
    for (f, _) in &plan.fields {
        let Field::Path(i) = *f else { continue };
        let Some((col, raw)) = first(*f) else {
            continue;
        };
        let (path, kind) = NATIVE[i];
        insert(&mut root, path, native_value(kind, raw));
        prov.push((path, col));
    }
    if let Err(e) = interpret(&mut root, &mut prov, plan, &first) {
        let (col, value, msg) = e;
        return fail(col, value, msg);
    }
    if get(&root, "current.os").is_none() {
        let col = [Field::path("current.os"), Field::Caption, Field::Version]
            .into_iter()
            .find_map(|f| plan.columns(f).first().copied());
        return Row {
            line,
            name: name.clone(),
            result: Err(RowError::new(
                &col.map(header).unwrap_or_else(|| "current.os".into()),
                "",
                "no current Windows version; accepted: a current.os id, a product name (Caption) or a build number (Version)",
            )),
        };
    }
    if get(&root, "target.os").is_none() {
        match &options.target {
            Some(t) => {
                let mut base = match serde_json::to_value(t) {
                    Ok(Value::Object(m)) => m,
                    _ => Map::new(),
                };
                if let Some(Value::Object(row_target)) = root.remove("target") {
                    base.extend(row_target);
                }
                for k in base.keys() {
                    if let Some(&(p, _)) = NATIVE
                        .iter()
                        .find(|(p, _)| p.strip_prefix("target.") == Some(k.as_str()))
                    {
                        if !prov.iter().any(|&(q, _)| q == p) {
                            prov.push((p, FROM_OPTIONS));
                        }
                    }
                }
                root.insert("target".into(), Value::Object(base));
            }
            None => {
                return Row {
                    line,
                    name: name.clone(),
                    result: Err(RowError::new("target.os", "", NO_TARGET)),
                }
            }
        }
    }
    let json = Value::Object(root);
    let result = parse_scenario(&json.to_string())
        .and_then(|s| s.resolve().map(|_| s))
        .map_err(|e| {
            let path = e.path.split('[').next().unwrap_or("");
            let from = prov
                .iter()
                .find(|(p, _)| *p == path)
                .or_else(|| {
                    prov.iter()
                        .find(|(p, _)| !path.is_empty() && p.starts_with(path))
                })
                .copied();
            match from {
                Some((_, FROM_OPTIONS)) => {
                    RowError::new(&header(FROM_OPTIONS), &lookup(&json, &e.path), e.message)
                }
                Some((_, col)) => RowError::new(&header(col), cell(col), e.message),
                None => RowError::new(&e.path, &lookup(&json, &e.path), e.message),
            }
        });
    Row { line, name, result }
}

fn get<'a>(root: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut cur = root.get(parts.next()?)?;
    for p in parts {
        cur = cur.get(p)?;
    }
    Some(cur)
}

fn insert(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap_or(path);
    let mut node = root;
    for p in parts {
        let entry = node
            .entry(p.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        node = match entry {
            Value::Object(m) => m,
            _ => return,
        };
    }
    node.insert(last.to_string(), value);
}

fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A native cell → the JSON value `parse_scenario` expects (serde then names what is wrong).
fn native_value(kind: Kind, raw: &str) -> Value {
    match kind {
        Kind::Text => Value::String(raw.to_string()),
        Kind::Id => Value::String(raw.to_ascii_lowercase()),
        Kind::Os => {
            let id = raw.to_ascii_lowercase();
            if Os::from_id(&id).is_some() {
                Value::String(id)
            } else {
                // Also accept a product name such as "Windows Server 2016".
                match parse_product_name(raw) {
                    Ok(ProductName { os: Some(os), .. }) => Value::String(os.id().to_string()),
                    _ => Value::String(raw.to_string()),
                }
            }
        }
        Kind::Number => {
            if !raw.is_empty() && raw.len() <= 9 && raw.bytes().all(|b| b.is_ascii_digit()) {
                Value::Number(raw.parse::<u64>().unwrap_or(0).into())
            } else {
                Value::String(raw.to_string())
            }
        }
        Kind::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "x" => Value::Bool(true),
            "false" | "no" | "n" | "0" => Value::Bool(false),
            _ => Value::String(raw.to_string()),
        },
        Kind::List => Value::Array(
            split_list(raw)
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
        Kind::IdList => Value::Array(
            split_list(raw)
                .map(|s| Value::String(s.to_ascii_lowercase()))
                .collect(),
        ),
    }
}

type CellError<'a> = (usize, &'a str, String);

/// The `os.*` columns (what Windows reports) → Scenario values, for paths the row's native
/// columns did not set.
fn interpret<'a>(
    root: &mut Map<String, Value>,
    prov: &mut Provenance,
    plan: &ColumnPlan,
    first: &dyn Fn(Field) -> Option<(usize, &'a str)>,
) -> Result<(), CellError<'a>> {
    let caption = first(Field::Caption);
    let build_cell = first(Field::Version);
    if !INTERPRETED.iter().any(|&f| plan.has(f)) {
        return Ok(());
    }
    let mut set = |root: &mut Map<String, Value>, path: &'static str, v: Value, col: usize| {
        if get(root, path).is_none() {
            insert(root, path, v);
            prov.push((path, col));
        }
    };

    let product = match caption {
        Some((col, v)) => Some((col, parse_product_name(v).map_err(|m| (col, v, m))?)),
        None => None,
    };
    let (kernel, build) = match build_cell {
        Some((col, v)) => parse_version(v).map_err(|m| (col, v, m))?,
        None => (None, None),
    };
    let kernel = kernel.or(product.as_ref().and_then(|(_, p)| p.kernel));
    let domain_role = match first(Field::DomainRole) {
        Some((col, v)) => Some((col, parse_domain_role(v).map_err(|m| (col, v, m))?)),
        None => None,
    };
    let product_type = match first(Field::ProductType) {
        Some((col, v)) => Some((col, parse_product_type(v).map_err(|m| (col, v, m))?)),
        None => None,
    };
    let family = product
        .as_ref()
        .and_then(|(_, p)| p.family)
        .or(product_type.map(|(_, t)| {
            if t == 1 {
                Family::Client
            } else {
                Family::Server
            }
        }))
        .or(domain_role.map(|(_, r)| {
            if r <= 1 {
                Family::Client
            } else {
                Family::Server
            }
        }));
    let r2 = first(Field::OtherType).is_some_and(|(_, v)| v.to_ascii_lowercase().contains("r2"));

    // The version: the native current.os wins; else the product name, else the build.
    let native_os = get(root, "current.os")
        .and_then(Value::as_str)
        .and_then(Os::from_id);
    let mut os_col = None;
    let os = match (native_os, &product) {
        (Some(os), _) => Some(os),
        (None, Some((col, p))) if p.os.is_some() => {
            os_col = Some(*col);
            p.os
        }
        (None, _) => match (build, kernel) {
            (Some(b), _) => {
                let (col, v) = build_cell.unwrap_or((0, ""));
                os_col = Some(col);
                Some(os_from_build(b, family).map_err(|m| (col, v, m))?)
            }
            (None, Some(k)) => {
                let (col, v) = build_cell.or(caption).unwrap_or((0, ""));
                os_col = Some(col);
                Some(os_from_kernel(k, family).map_err(|m| (col, v, m))?)
            }
            (None, None) => {
                if let Some((col, p)) = &product {
                    let v = caption.map(|c| c.1).unwrap_or("");
                    return Err((
                        *col,
                        v,
                        match p.kernel {
                            Some(_) => "the product name gives the kernel version only; add a build number column (os.version), e.g. BuildNumber".to_string(),
                            None => "the product name does not say which version; add a build number column (os.version), e.g. BuildNumber".to_string(),
                        },
                    ));
                }
                None
            }
        },
    };
    // Windows 11 reports "Windows 10" in its registry ProductName: the build decides.
    let os = match (os, build) {
        (Some(Os::Windows10), Some(b)) if b >= 22000 && native_os.is_none() => Some(Os::Windows11),
        (Some(Os::Windows11), Some(b)) if b < 22000 && native_os.is_none() => Some(Os::Windows10),
        (Some(Os::Server2003), _) if r2 && native_os.is_none() => Some(Os::Server2003R2),
        (os, _) => os,
    };
    if let (Some(os), Some(col)) = (os, os_col) {
        set(root, "current.os", Value::String(os.id().into()), col);
    }
    if let Some((col, p)) = &product {
        if native_os.is_none() || native_os == p.os {
            if let Some(e) = p.edition {
                set(root, "current.edition", Value::String(e.id().into()), *col);
            }
        }
        if let Some(c) = p.channel {
            set(root, "current.channel", Value::String(c.id().into()), *col);
        }
        if let Some(a) = p.arch {
            set(
                root,
                "current.architecture",
                Value::String(a.id().into()),
                *col,
            );
        }
        if let Some(i) = p.installation {
            set(
                root,
                "current.installation",
                Value::String(i.id().into()),
                *col,
            );
        }
        if p.s_mode {
            set(
                root,
                "current.conditions",
                Value::Array(vec![Value::String("s-mode".into())]),
                *col,
            );
        }
    }
    if let (Some(os @ (Os::Windows10 | Os::Windows11)), Some(b)) = (os, build) {
        let (col, v) = build_cell.unwrap_or((0, ""));
        let release = release_of(os, b).ok_or_else(|| {
            (
                col,
                v,
                format!(
                    "build {b} is not a release of {} the planner knows; accepted: {}",
                    os.label(),
                    release_builds(os)
                ),
            )
        })?;
        set(root, "current.release", Value::String(release.into()), col);
    }
    if let Some((col, v)) = first(Field::Architecture) {
        let a = parse_arch(v).map_err(|m| (col, v, m))?;
        set(
            root,
            "current.architecture",
            Value::String(a.id().into()),
            col,
        );
    }
    if let Some((col, v)) = first(Field::Language) {
        if let Some(tag) = parse_language(v).map_err(|m| (col, v, m))? {
            set(root, "current.language", Value::String(tag), col);
        }
    }
    match first(Field::ServicePack) {
        Some((col, v)) => {
            let sp = parse_service_pack(v).map_err(|m| (col, v, m))?;
            set(root, "current.service_pack", Value::Number(sp.into()), col);
        }
        None => {
            // ConfigMgr and WMI leave CSDVersion empty when no service pack is installed.
            if let Some(&col) = plan
                .columns(Field::ServicePack)
                .iter()
                .find(|&&c| norm(&plan.headers[c]).starts_with("csdversion"))
            {
                set(root, "current.service_pack", Value::Number(0.into()), col);
            }
        }
    }
    if let Some((col, v)) = first(Field::InstallationType) {
        let i = parse_installation_type(v).map_err(|m| (col, v, m))?;
        set(
            root,
            "current.installation",
            Value::String(i.id().into()),
            col,
        );
    }
    let dc = match (domain_role, product_type) {
        (Some((col, r)), _) if r >= 4 => Some((col, true)),
        (_, Some((col, 2))) => Some((col, true)),
        (Some((col, _)), _) => Some((col, false)),
        (None, Some((col, _))) => Some((col, false)),
        (None, None) => None,
    };
    if let Some((col, dc)) = dc {
        // Windows client versions have no domain-controller role to carry.
        if dc || os.is_none_or(|o| version(o).family == Family::Server) {
            set(root, "current.domain_controller", Value::Bool(dc), col);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What Windows reports → ids
// ---------------------------------------------------------------------------------------------

/// What a product name (WMI `Caption`, `WindowsProductName`, ConfigMgr `Caption0`) says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProductName {
    pub os: Option<Os>,
    pub family: Option<Family>,
    /// NT kernel version when the name gives only that (`Microsoft Windows NT Server 6.3`).
    pub kernel: Option<(u32, u32)>,
    pub edition: Option<Edition>,
    pub channel: Option<Channel>,
    pub arch: Option<Arch>,
    pub installation: Option<Installation>,
    pub s_mode: bool,
}

fn words(s: &str) -> String {
    let mut cleaned = String::with_capacity(s.len() + 2);
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            '®' | '™' | ',' | ';' | ':' | '-' | '_' | '(' | ')' | '[' | ']' | '/' | '|' | '"'
            | '\'' | '*' | '+' | '&' | '<' | '>' | '=' => cleaned.push(' '),
            c if c.is_whitespace() || c.is_control() => cleaned.push(' '),
            c => cleaned.push(c),
        }
    }
    let mut out = String::from(" ");
    for w in cleaned
        .split(' ')
        .filter(|w| !w.is_empty() && !matches!(*w, "microsoft" | "r" | "tm" | "c"))
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// `hay` (from `words`, padded with spaces) contains the words `w`.
fn has(hay: &str, w: &str) -> bool {
    hay.match_indices(w).any(|(i, _)| {
        hay.as_bytes().get(i.wrapping_sub(1)) == Some(&b' ')
            && hay.as_bytes().get(i + w.len()) == Some(&b' ')
    })
}

const NOT_IN_CATALOG: &[(&str, &str)] = &[
    ("small business server", "Small Business Server"),
    ("essential business server", "Essential Business Server"),
    ("home server", "Windows Home Server"),
    ("multipoint", "MultiPoint Server"),
    ("nano server", "Nano Server"),
    ("hpc", "Windows HPC Server"),
    ("foundation", "the Foundation edition"),
    ("for workstations", "Pro for Workstations"),
    ("iot", "Windows IoT"),
    ("xp", "Windows XP"),
    ("vista", "Windows Vista"),
    ("windows 95", "Windows 95"),
    ("windows 98", "Windows 98"),
    ("windows me", "Windows Me"),
    ("windows rt", "Windows RT"),
    ("windows 8.1 rt", "Windows RT"),
    ("2000 professional", "Windows 2000 Professional"),
    ("nt workstation 4.0", "Windows NT Workstation"),
    ("team", "Windows 10 Team"),
];

/// Read a product name such as "Microsoft Windows Server 2008 R2 Enterprise" or
/// "Windows 10 Enterprise LTSC 2019". `Err` names what is not in the planner's catalog.
pub fn parse_product_name(s: &str) -> Result<ProductName, String> {
    let w = words(s);
    let w = w.replace(" without hyper v ", " ");
    let mut p = ProductName::default();
    if let Some((_, what)) = NOT_IN_CATALOG.iter().find(|(k, _)| has(&w, k)) {
        return Err(format!(
            "{what} is not in the planner's catalog; accepted: Windows NT 4.0 to Windows Server 2025 and Windows 7 to Windows 11 (e.g. `Microsoft Windows Server 2019 Standard`)"
        ));
    }
    let unknown = || {
        "not a Windows version the planner knows; accepted: a product name such as `Microsoft Windows Server 2019 Standard`, `Microsoft Windows Server 2008 R2 Enterprise` or `Microsoft Windows 10 Pro`".to_string()
    };
    if !has(&w, "windows") && !has(&w, "hyper v server") && !has(&w, "server") {
        return Err(unknown());
    }
    if has(&w, "evaluation") || has(&w, "eval") {
        p.channel = Some(Channel::Evaluation);
    }
    if has(&w, "x64") || has(&w, "64 bit") || has(&w, "amd64") {
        p.arch = Some(Arch::X64);
    } else if has(&w, "itanium") || has(&w, "ia64") {
        p.arch = Some(Arch::Ia64);
    } else if has(&w, "arm64") {
        p.arch = Some(Arch::Arm64);
    } else if has(&w, "x86") || has(&w, "32 bit") {
        p.arch = Some(Arch::X86);
    }
    let client = [
        ("windows 11", Os::Windows11),
        ("windows 10", Os::Windows10),
        ("windows 8.1", Os::Windows81),
        ("windows 8", Os::Windows8),
        ("windows 7", Os::Windows7),
    ]
    .into_iter()
    .find(|(k, _)| has(&w, k));
    if let Some((_, os)) = client {
        p.os = Some(os);
        p.family = Some(Family::Client);
        p.s_mode = has(&w, "s mode") || has(&w, "windows 10 s");
        p.edition = client_edition(&w, os);
        return Ok(p);
    }
    p.family = Some(Family::Server);
    if has(&w, "server core") || has(&w, "core installation") {
        p.installation = Some(Installation::Core);
    }
    if has(&w, "windows 2000") {
        p.os = Some(Os::Windows2000);
        p.edition = Some(if has(&w, "advanced server") {
            Edition::Advanced
        } else if has(&w, "datacenter") {
            Edition::Datacenter
        } else {
            Edition::Standard
        });
        return Ok(p);
    }
    if has(&w, "windows nt") {
        let kernel = w.split(' ').find_map(|t| {
            let (a, b) = t.split_once('.')?;
            Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?))
        });
        if has(&w, "workstation") {
            p.family = Some(Family::Client);
        }
        match kernel {
            Some((4, 0)) if p.family == Some(Family::Server) => {
                p.os = Some(Os::WindowsNt40);
                p.edition = Some(if has(&w, "enterprise") {
                    Edition::Enterprise
                } else {
                    Edition::Standard
                });
            }
            Some(k) => p.kernel = Some(k),
            None => {}
        }
        return Ok(p);
    }
    let years = [
        ("2003 r2", Os::Server2003R2),
        ("2003", Os::Server2003),
        ("2008 r2", Os::Server2008R2),
        ("2008r2", Os::Server2008R2),
        ("2008", Os::Server2008),
        ("2012 r2", Os::Server2012R2),
        ("2012r2", Os::Server2012R2),
        ("2012", Os::Server2012),
        ("2016", Os::Server2016),
        ("2019", Os::Server2019),
        ("2022", Os::Server2022),
        ("2025", Os::Server2025),
    ];
    p.os = years.iter().find(|(k, _)| has(&w, k)).map(|&(_, os)| os);
    if p.os.is_none() && !has(&w, "server") {
        return Err(unknown());
    }
    p.edition = if has(&w, "hyper v server") || has(&w, "hyperv server") {
        Some(Edition::HyperVServer)
    } else if has(&w, "storage server") {
        Some(Edition::Storage)
    } else if has(&w, "azure edition") || has(&w, "datacenter azure") {
        Some(Edition::DatacenterAzure)
    } else if has(&w, "datacenter") {
        Some(Edition::Datacenter)
    } else if has(&w, "enterprise") {
        Some(Edition::Enterprise)
    } else if has(&w, "essentials") {
        Some(Edition::Essentials)
    } else if has(&w, "web") {
        Some(Edition::Web)
    } else if has(&w, "standard") {
        Some(Edition::Standard)
    } else {
        None
    };
    Ok(p)
}

fn client_edition(w: &str, os: Os) -> Option<Edition> {
    let e = if has(w, "ltsc") || has(w, "ltsb") {
        Edition::EnterpriseLtsc
    } else if has(w, "pro education") {
        Edition::ProEducation
    } else if has(w, "education") {
        Edition::Education
    } else if has(w, "enterprise") {
        Edition::Enterprise
    } else if os == Os::Windows7 {
        if has(w, "professional") || has(w, "pro") {
            Edition::Professional
        } else if has(w, "ultimate") {
            Edition::Ultimate
        } else if has(w, "home premium") {
            Edition::HomePremium
        } else if has(w, "home basic") {
            Edition::HomeBasic
        } else if has(w, "starter") {
            Edition::Starter
        } else {
            return None;
        }
    } else if has(w, "pro") || has(w, "professional") {
        Edition::Pro
    } else if matches!(os, Os::Windows8 | Os::Windows81) {
        // "Windows 8.1" alone (or "Windows 8.1 Single Language") is the core edition.
        Edition::Core
    } else if has(w, "home") || has(w, "core") || has(w, "single language") {
        Edition::Home
    } else if has(w, "windows 10 s") {
        Edition::Pro
    } else {
        return None;
    };
    Some(e)
}

/// `10.0.17763`, `6.1.7601`, `17763`, `10.0.17763.5458`, `10.0` → (kernel, build).
/// (NT kernel version, build number) as read from a version cell.
type KernelBuild = (Option<(u32, u32)>, Option<u32>);

fn parse_version(v: &str) -> Result<KernelBuild, String> {
    let token = v
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .unwrap_or("");
    let parts: Vec<Option<u32>> = token
        .split('.')
        .map(|p| {
            if p.is_empty() || p.len() > 9 {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect();
    let bad = || {
        "not a version or build number; accepted: a build such as `17763` or a version such as `10.0.17763`".to_string()
    };
    match parts.as_slice() {
        [Some(b)] => Ok((None, Some(*b))),
        [Some(a), Some(b)] => Ok((Some((*a, *b)), None)),
        [Some(a), Some(b), Some(c), ..] => Ok((Some((*a, *b)), Some(*c))),
        _ => Err(bad()),
    }
}

const SERVER_BUILDS: &[(u32, Os)] = &[
    (1381, Os::WindowsNt40),
    (2195, Os::Windows2000),
    (3790, Os::Server2003),
    (6001, Os::Server2008),
    (6002, Os::Server2008),
    (6003, Os::Server2008),
    (7600, Os::Server2008R2),
    (7601, Os::Server2008R2),
    (9200, Os::Server2012),
    (9600, Os::Server2012R2),
    (14393, Os::Server2016),
    (17763, Os::Server2019),
    (20348, Os::Server2022),
    (26100, Os::Server2025),
];

const WINDOWS_10_BUILDS: &[(u32, &str)] = &[
    (10240, "1507"),
    (10586, "1511"),
    (14393, "1607"),
    (15063, "1703"),
    (16299, "1709"),
    (17134, "1803"),
    (17763, "1809"),
    (18362, "1903"),
    (18363, "1909"),
    (19041, "2004"),
    (19042, "20H2"),
    (19043, "21H1"),
    (19044, "21H2"),
    (19045, "22H2"),
];

const WINDOWS_11_BUILDS: &[(u32, &str)] = &[
    (22000, "21H2"),
    (22621, "22H2"),
    (22631, "23H2"),
    (26100, "24H2"),
    (26200, "25H2"),
];

fn client_build(b: u32) -> Option<Os> {
    match b {
        7600 | 7601 => Some(Os::Windows7),
        9200 => Some(Os::Windows8),
        9600 => Some(Os::Windows81),
        _ if WINDOWS_10_BUILDS.iter().any(|&(x, _)| x == b) => Some(Os::Windows10),
        _ if WINDOWS_11_BUILDS.iter().any(|&(x, _)| x == b) => Some(Os::Windows11),
        _ => None,
    }
}

/// A build number → version. A build shared by a client and a server release (7601, 9600,
/// 14393, 17763, 26100, …) is the server unless the family says client.
fn os_from_build(b: u32, family: Option<Family>) -> Result<Os, String> {
    let server = SERVER_BUILDS
        .iter()
        .find(|&&(x, _)| x == b)
        .map(|&(_, os)| os);
    let found = match family {
        Some(Family::Client) => client_build(b),
        Some(Family::Server) => server,
        None => server.or_else(|| client_build(b)),
    };
    found.ok_or_else(|| match family {
        Some(Family::Server) => format!(
            "build {b} is not a Windows Server release the planner knows (semi-annual channel releases are not covered); accepted: {}",
            SERVER_BUILDS
                .iter()
                .map(|(x, os)| format!("{x} ({})", os.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "build {b} is not a Windows release the planner knows; accepted: a build such as 7601, 9600, 14393, 17763, 19045, 20348, 22631 or 26100"
        ),
    })
}

fn os_from_kernel(k: (u32, u32), family: Option<Family>) -> Result<Os, String> {
    let client = family == Some(Family::Client);
    Ok(match (k, client) {
        ((4, 0), false) => Os::WindowsNt40,
        ((5, 0), false) => Os::Windows2000,
        ((5, 2), false) => Os::Server2003,
        ((6, 0), false) => Os::Server2008,
        ((6, 1), false) => Os::Server2008R2,
        ((6, 1), true) => Os::Windows7,
        ((6, 2), false) => Os::Server2012,
        ((6, 2), true) => Os::Windows8,
        ((6, 3), false) => Os::Server2012R2,
        ((6, 3), true) => Os::Windows81,
        ((a, b), _) => {
            return Err(format!(
                "version {a}.{b} alone does not say which release; add the build number, e.g. 10.0.17763"
            ))
        }
    })
}

fn release_of(os: Os, build: u32) -> Option<&'static str> {
    let table = if os == Os::Windows11 {
        WINDOWS_11_BUILDS
    } else {
        WINDOWS_10_BUILDS
    };
    table.iter().find(|&&(b, _)| b == build).map(|&(_, r)| r)
}

fn release_builds(os: Os) -> String {
    let table = if os == Os::Windows11 {
        WINDOWS_11_BUILDS
    } else {
        WINDOWS_10_BUILDS
    };
    table
        .iter()
        .map(|(b, r)| format!("{b} ({r})"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_arch(v: &str) -> Result<Arch, String> {
    let l = v.to_ascii_lowercase();
    if l.contains("arm") {
        Ok(Arch::Arm64)
    } else if l.contains("itanium") || l.contains("ia64") || l.contains("ia-64") {
        Ok(Arch::Ia64)
    } else if l.contains("64") {
        Ok(Arch::X64)
    } else if l.contains("32") || l.contains("86") {
        Ok(Arch::X86)
    } else {
        Err("not an architecture; accepted: `64-bit`, `32-bit`, `ARM 64-bit Processor`, `x64`, `x86`, `arm64`, `ia64`".into())
    }
}

const LCIDS: &[(u32, &str)] = &[
    (1025, "ar-SA"),
    (1028, "zh-TW"),
    (1029, "cs-CZ"),
    (1030, "da-DK"),
    (1031, "de-DE"),
    (1032, "el-GR"),
    (1033, "en-US"),
    (1034, "es-ES"),
    (1035, "fi-FI"),
    (1036, "fr-FR"),
    (1037, "he-IL"),
    (1038, "hu-HU"),
    (1040, "it-IT"),
    (1041, "ja-JP"),
    (1042, "ko-KR"),
    (1043, "nl-NL"),
    (1044, "nb-NO"),
    (1045, "pl-PL"),
    (1046, "pt-BR"),
    (1049, "ru-RU"),
    (1053, "sv-SE"),
    (1055, "tr-TR"),
    (2052, "zh-CN"),
    (2057, "en-GB"),
    (2070, "pt-PT"),
    (3082, "es-ES"),
];

/// An LCID (`1033`, `0x0409`) or a tag (`en-US`, `{en-US, de-DE}`: the first) → tag.
/// `Ok(None)` for PowerShell's placeholder `System.String[]`.
fn parse_language(v: &str) -> Result<Option<String>, String> {
    let t = v.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace());
    if t.starts_with("System.") {
        return Ok(None);
    }
    let first = t
        .split([',', ';', ' '])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let lcid = if let Some(hex) = first
        .strip_prefix("0x")
        .or_else(|| first.strip_prefix("0X"))
    {
        u32::from_str_radix(hex, 16).ok()
    } else if first.len() == 4 && first.starts_with('0') {
        u32::from_str_radix(first, 16).ok()
    } else if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) {
        first.parse().ok().or(Some(0))
    } else {
        None
    };
    match lcid {
        Some(n) => LCIDS
            .iter()
            .find(|&&(x, _)| x == n)
            .map(|&(_, tag)| Some(tag.to_string()))
            .ok_or_else(|| {
                "not a language ID the planner knows; accepted: an LCID such as 1033 (en-US), 1031 (de-DE), 1036 (fr-FR), 1041 (ja-JP), or a tag such as en-US".to_string()
            }),
        None => Ok(Some(first.to_string())),
    }
}

/// `2`, `Service Pack 2`, `SP2`, `Service Pack 2, v.3244` → 2.
fn parse_service_pack(v: &str) -> Result<u8, String> {
    let l = v.to_ascii_lowercase();
    let digits: String = l
        .trim_start_matches("service pack")
        .trim_start_matches("sp")
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest_ok = l.starts_with("service pack")
        || l.starts_with("sp")
        || l.bytes().all(|b| b.is_ascii_digit());
    match digits.parse::<u8>() {
        Ok(n) if rest_ok => Ok(n),
        _ => Err("not a service pack; accepted: a number such as `2` or `Service Pack 2`".into()),
    }
}

fn parse_domain_role(v: &str) -> Result<u8, String> {
    let n = norm(v);
    let names = [
        "standaloneworkstation",
        "memberworkstation",
        "standaloneserver",
        "memberserver",
        "backupdomaincontroller",
        "primarydomaincontroller",
    ];
    match n.parse::<u8>() {
        Ok(r) if r <= 5 => Ok(r),
        _ => names
            .iter()
            .position(|x| *x == n)
            .map(|i| i as u8)
            .ok_or_else(|| {
                "not a domain role; accepted: 0 to 5, or a name such as `MemberServer` or `PrimaryDomainController`".to_string()
            }),
    }
}

fn parse_product_type(v: &str) -> Result<u8, String> {
    match norm(v).as_str() {
        "1" | "workstation" => Ok(1),
        "2" | "domaincontroller" => Ok(2),
        "3" | "server" => Ok(3),
        _ => Err(
            "not a product type; accepted: 1 (WorkStation), 2 (DomainController), 3 (Server)"
                .into(),
        ),
    }
}

fn parse_installation_type(v: &str) -> Result<Installation, String> {
    match norm(v).as_str() {
        "servercore" | "core" => Ok(Installation::Core),
        "server" | "client" | "desktop" | "desktopexperience" => Ok(Installation::Desktop),
        _ => Err(
            "not an installation type the planner knows; accepted: `Server Core`, `Server`, `Client`"
                .into(),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Planning and reports
// ---------------------------------------------------------------------------------------------

/// Plan one row; rows without an `as_of` use `as_of`.
pub fn plan_row(row: &Row, as_of: Date) -> RowResult {
    let mut r = RowResult {
        name: row.name.clone(),
        line: row.line,
        current: None,
        target: None,
        verdict: None,
        method: None,
        route: Vec::new(),
        first_blocker: None,
        blockers: Vec::new(),
        error: None,
        plan: None,
    };
    let s = match &row.result {
        Ok(s) => s,
        Err(e) => {
            r.error = Some(e.to_string());
            return r;
        }
    };
    r.current = Some(s.current.os);
    r.target = Some(s.target.os);
    let plan = if s.as_of.is_none() {
        let mut s = s.clone();
        s.as_of = Some(as_of);
        evaluate(&s)
    } else {
        evaluate(s)
    };
    match plan {
        Err(e) => r.error = Some(input_error_line(&e)),
        Ok(plan) => {
            r.verdict = Some(plan.verdict);
            r.method = Some(plan.method);
            r.route = plan.route.clone();
            for f in plan.blockers() {
                if r.first_blocker.is_none() {
                    r.first_blocker = Some(Blocker {
                        code: f.code,
                        message: f.message.clone(),
                    });
                }
                if !r.blockers.contains(&f.code) {
                    r.blockers.push(f.code);
                }
            }
            r.plan = Some(plan);
        }
    }
    r
}

fn input_error_line(e: &InputError) -> String {
    e.to_string().replace(['\n', '\r'], " ")
}

/// Plan every row of an inventory (`as_of`: `YYYY-MM-DD` for rows that give none).
pub fn plan_inventory(inventory: &Inventory, as_of: Date) -> Vec<RowResult> {
    inventory.rows.iter().map(|r| plan_row(r, as_of)).collect()
}

pub fn summary(results: &[RowResult]) -> Summary {
    let mut s = Summary::default();
    for r in results {
        s.add(r);
    }
    s
}

/// The header line of [`to_csv`].
pub const CSV_HEADER: &str = "name,current,target,verdict,method,route,first_blocker,error";

/// One CSV line (with its newline) for a result, in the columns of [`CSV_HEADER`].
pub fn csv_line(r: &RowResult) -> String {
    let route: Vec<&str> = r.route.iter().map(|o| o.id()).collect();
    let blocker = r
        .first_blocker
        .as_ref()
        .map(|b| format!("{}: {}", b.code, b.message))
        .unwrap_or_default();
    let cells = [
        r.name.as_str(),
        r.current.map(Os::id).unwrap_or(""),
        r.target.map(Os::id).unwrap_or(""),
        r.verdict.map(Verdict::id).unwrap_or(""),
        r.method.map(Method::id).unwrap_or(""),
        &route.join(" > "),
        &blocker,
        r.error.as_deref().unwrap_or(""),
    ];
    let mut out = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_cell(&mut out, c);
    }
    out.push('\n');
    out
}

/// A CSV cell, quoted when needed; a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` so that a
/// spreadsheet shows it as text instead of running it as a formula.
fn csv_cell(out: &mut String, s: &str) {
    let formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let quote = formula
        || s.contains([',', '"', '\n', '\r', ';'])
        || s.starts_with(' ')
        || s.ends_with(' ');
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// The results as CSV: [`CSV_HEADER`], then one line per row; the route is joined with ` > `.
pub fn to_csv(results: &[RowResult]) -> String {
    let mut out = String::with_capacity(64 + results.len() * 96);
    out.push_str(CSV_HEADER);
    out.push('\n');
    for r in results {
        out.push_str(&csv_line(r));
    }
    out
}

/// Write the results as a JSON array, one object per line (what `--format json` prints).
pub fn write_json<W: std::io::Write, R: Serialize>(
    out: &mut W,
    results: impl Iterator<Item = R>,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in results.enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &r).map_err(std::io::Error::other)?;
    }
    out.write_all(b"\n]\n")
}

/// Every row planned, as the JSON array of [`write_json`] (planned one row at a time).
pub fn to_json(inventory: &Inventory, as_of: Date) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and serde_json output is UTF-8.
    let _ = write_json(&mut out, inventory.rows.iter().map(|r| plan_row(r, as_of)));
    String::from_utf8(out).unwrap_or_default()
}

/// Untrusted text inside Markdown: one line, punctuation that Markdown or HTML would act on
/// escaped with a backslash.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '!'
                | '&'
                | '~'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The fleet report: the summary tables, then one section per server with its verdict, route
/// and runbook ([`Plan::runbook_markdown`], headings moved one level down).
pub fn to_markdown<R: std::borrow::Borrow<RowResult>>(
    results: impl IntoIterator<Item = R>,
    summary: &Summary,
) -> String {
    let mut out = String::from("# Fleet upgrade plan\n\n");
    out.push_str(&format!(
        "{} servers: {} planned, {} with errors.\n\n",
        summary.rows, summary.planned, summary.errors
    ));
    out.push_str("| verdict | servers |\n|---|---:|\n");
    for v in Verdict::ALL {
        let n = summary.by_verdict.get(v.id()).copied().unwrap_or(0);
        out.push_str(&format!("| {} | {n} |\n", v.label()));
    }
    out.push_str(&format!("| Input errors | {} |\n\n", summary.errors));
    if !summary.by_blocker.is_empty() {
        let mut blockers: Vec<(&String, &usize)> = summary.by_blocker.iter().collect();
        blockers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        out.push_str("| blocker | servers |\n|---|---:|\n");
        for (code, n) in blockers {
            out.push_str(&format!("| `{code}` | {n} |\n"));
        }
        out.push('\n');
    }
    for r in results {
        let r = r.borrow();
        out.push_str(&format!("## {} (line {})\n\n", md(&r.name), r.line));
        if let Some(e) = &r.error {
            out.push_str(&format!("**Input error:** {}\n\n", md(e)));
            continue;
        }
        let Some(plan) = &r.plan else {
            continue;
        };
        let (cur, tgt) = (
            r.current.map(Os::label).unwrap_or(""),
            r.target.map(Os::label).unwrap_or(""),
        );
        if let Some(b) = &r.first_blocker {
            out.push_str(&format!(
                "**First blocker:** `{}`: {}\n\n",
                b.code,
                md(&b.message)
            ));
        }
        for l in plan.runbook_markdown(&format!("{} → {}", cur, tgt)).lines() {
            if l.starts_with('#') {
                out.push('#');
            }
            out.push_str(l);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(s: &str) -> (Option<Os>, Option<Edition>, Option<Channel>) {
        let p = parse_product_name(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (p.os, p.edition, p.channel)
    }

    #[test]
    fn product_names_become_version_and_edition() {
        use Edition::*;
        use Os::*;
        let cases = [
            (
                "Microsoft Windows Server 2016 Datacenter",
                Server2016,
                Some(Datacenter),
                None,
            ),
            (
                "Microsoft Windows Server 2008 R2 Enterprise ",
                Server2008R2,
                Some(Enterprise),
                None,
            ),
            (
                "Windows Server 2012 R2 Standard Evaluation",
                Server2012R2,
                Some(Standard),
                Some(Channel::Evaluation),
            ),
            (
                "Microsoft® Windows Server® 2008 Standard",
                Server2008,
                Some(Standard),
                None,
            ),
            (
                "Microsoft Windows Server 2008 Datacenter without Hyper-V",
                Server2008,
                Some(Datacenter),
                None,
            ),
            ("Microsoft Windows 10 Pro", Windows10, Some(Pro), None),
            (
                "Microsoft Windows 11 Enterprise",
                Windows11,
                Some(Enterprise),
                None,
            ),
            (
                "Windows 10 Enterprise LTSC 2019",
                Windows10,
                Some(EnterpriseLtsc),
                None,
            ),
            (
                "Microsoft Windows Server 2022 Datacenter: Azure Edition",
                Server2022,
                Some(DatacenterAzure),
                None,
            ),
            ("Hyper-V Server 2019", Server2019, Some(HyperVServer), None),
            (
                "Windows Storage Server 2016 Standard",
                Server2016,
                Some(Storage),
                None,
            ),
            (
                "Microsoft Windows Server 2003 R2 Enterprise x64 Edition",
                Server2003R2,
                Some(Enterprise),
                None,
            ),
            (
                "Microsoft(R) Windows(R) Server 2003, Web Edition",
                Server2003,
                Some(Web),
                None,
            ),
            (
                "Microsoft Windows 2000 Advanced Server",
                Windows2000,
                Some(Advanced),
                None,
            ),
            (
                "Microsoft Windows 7 Professional ",
                Windows7,
                Some(Professional),
                None,
            ),
            ("Microsoft Windows 8.1", Windows81, Some(Core), None),
            ("windows-server-2012-r2", Server2012R2, None, None),
            (
                "Windows 10 Pro Education N",
                Windows10,
                Some(ProEducation),
                None,
            ),
        ];
        for (s, os, e, c) in cases {
            assert_eq!(product(s), (Some(os), e, c), "{s}");
        }
        assert_eq!(
            parse_product_name("Microsoft Windows Server 2003 R2 Enterprise x64 Edition")
                .unwrap()
                .arch,
            Some(Arch::X64)
        );
        for bad in [
            "Microsoft Windows XP Professional",
            "Windows Small Business Server 2011 Standard",
            "Microsoft Windows 95",
            "Ubuntu 22.04",
            "<script>alert(1)</script>",
            "Windows Server 2012 R2 Foundation",
        ] {
            assert!(parse_product_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn builds_versions_and_languages() {
        assert_eq!(
            parse_version("10.0.17763").unwrap(),
            (Some((10, 0)), Some(17763))
        );
        assert_eq!(parse_version("17763").unwrap(), (None, Some(17763)));
        assert_eq!(parse_version("6.1.7601.65536").unwrap().1, Some(7601));
        assert!(parse_version("latest").is_err());
        assert_eq!(os_from_build(17763, None).unwrap(), Os::Server2019);
        assert_eq!(
            os_from_build(17763, Some(Family::Client)).unwrap(),
            Os::Windows10
        );
        assert_eq!(os_from_build(22631, None).unwrap(), Os::Windows11);
        assert!(os_from_build(16299, Some(Family::Server)).is_err());
        assert_eq!(release_of(Os::Windows10, 19045), Some("22H2"));
        assert_eq!(release_of(Os::Windows11, 26200), Some("25H2"));
        assert_eq!(parse_language("1031").unwrap().as_deref(), Some("de-DE"));
        assert_eq!(parse_language("3082").unwrap().as_deref(), Some("es-ES"));
        assert_eq!(parse_language("0409").unwrap().as_deref(), Some("en-US"));
        assert_eq!(
            parse_language("{fr-FR, en-US}").unwrap().as_deref(),
            Some("fr-FR")
        );
        assert_eq!(parse_language("System.String[]").unwrap(), None);
        assert!(parse_language("9999").is_err());
        assert_eq!(parse_arch("ARM 64-bit Processor").unwrap(), Arch::Arm64);
        assert_eq!(parse_arch("64 bits").unwrap(), Arch::X64);
        assert_eq!(parse_arch("32-bit").unwrap(), Arch::X86);
        assert_eq!(parse_service_pack("Service Pack 1").unwrap(), 1);
        assert_eq!(parse_service_pack("2").unwrap(), 2);
        assert!(parse_service_pack("latest").is_err());
        assert_eq!(parse_domain_role("PrimaryDomainController").unwrap(), 5);
        assert_eq!(parse_domain_role("3").unwrap(), 3);
    }

    #[test]
    fn headers_are_matched_loosely() {
        assert_eq!(detect("Current.OS").map(|d| d.0.id()), Some("current.os"));
        assert_eq!(
            detect("current_service_pack").map(|d| d.0.id()),
            Some("current.service_pack")
        );
        assert_eq!(
            detect("CSDVersion0").map(|d| d.0.id()),
            Some("os.service_pack")
        );
        assert_eq!(detect("Netbios Name").map(|d| d.0.id()), Some("name"));
        assert_eq!(
            detect("OS Build Number").map(|d| d.0.id()),
            Some("os.version")
        );
        assert!(detect("Favourite colour").is_none());
        for (id, _) in FIELDS {
            assert_eq!(Field::from_id(id).map(Field::id), Some(*id));
        }
        for (_, f) in ALIASES {
            assert!(Field::from_id(f).is_some(), "{f}");
        }
    }

    #[test]
    fn delimiter_and_cells() {
        assert_eq!(find_delimiter("a;b;c"), b';');
        assert_eq!(find_delimiter("\"a,x\";b;c"), b';');
        assert_eq!(find_delimiter("a\tb"), b'\t');
        assert_eq!(find_delimiter("name"), b',');
        let mut s = String::new();
        csv_cell(&mut s, "=HYPERLINK(\"x\")");
        assert_eq!(s, "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(md("<script>"), "\\<script\\>");
    }

    #[test]
    fn decoding() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
        assert_eq!(decode_text(&[0xFF, 0xFE, b'a', 0, b',', 0]).unwrap(), "a,");
        assert_eq!(decode_text(b"caf\xE9 \x80").unwrap(), "café €");
        assert!(decode_text(b"a\0b").is_err());
    }
}
