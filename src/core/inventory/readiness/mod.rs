//! Readiness exports admins already have, read as facts about machines (by name) rather than as
//! an inventory of their own: the PowerShell exports of `Win32_Processor`, `Win32_ComputerSystem`,
//! `Get-Tpm` and `Confirm-SecureBootUEFI` (`powershell.rs`), Microsoft's HardwareReadiness.ps1
//! results (`script.rs`), and the reports of the ConfigMgr readiness dashboard, Windows Update
//! for Business, Intune's Work from anywhere and WhyNotWin11 (`reports.rs`).
//!
//! A reader only translates: each row becomes (Scenario path, value as a cell would hold it,
//! the header it came from). Nothing is assumed: a fact the export does not carry stays unknown,
//! and none of these exports but Windows Update for Business, Intune and WhyNotWin11 says which
//! Windows the machine runs. `join` puts the facts on the machines of the other files, checks
//! every value as a native cell is checked, and names file, column and value when one is wrong.

mod powershell;
mod reports;
mod script;

use super::columns::norm;
use super::limits::{too_many_rows, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_ROWS};
use crate::core::source::Source;

/// A readiness export the planner reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tool {
    Win32Processor,
    Win32ComputerSystem,
    GetTpm,
    SecureBoot,
    HardwareReadiness,
    ConfigMgrReadiness,
    WufbReadiness,
    WorkFromAnywhere,
    WhyNotWin11,
}

impl Tool {
    pub const ALL: [Tool; 9] = [
        Tool::WhyNotWin11,
        Tool::WorkFromAnywhere,
        Tool::WufbReadiness,
        Tool::ConfigMgrReadiness,
        Tool::HardwareReadiness,
        Tool::GetTpm,
        Tool::SecureBoot,
        Tool::Win32ComputerSystem,
        Tool::Win32Processor,
    ];

    /// The export's name, as the page and the checklist say it.
    pub const fn label(self) -> &'static str {
        match self {
            Tool::Win32Processor => "Win32_Processor export",
            Tool::Win32ComputerSystem => "Win32_ComputerSystem export",
            Tool::GetTpm => "Get-Tpm export",
            Tool::SecureBoot => "Confirm-SecureBootUEFI export",
            Tool::HardwareReadiness => "HardwareReadiness.ps1",
            Tool::ConfigMgrReadiness => "the ConfigMgr Windows 11 readiness dashboard",
            Tool::WufbReadiness => "Windows Update for Business reports",
            Tool::WorkFromAnywhere => "Intune's Work from anywhere report",
            Tool::WhyNotWin11 => "WhyNotWin11",
        }
    }

    /// Where the export's columns and values are described.
    pub const fn source(self) -> Source {
        match self {
            Tool::Win32Processor | Tool::Win32ComputerSystem | Tool::GetTpm | Tool::SecureBoot => {
                Source::Windows11Requirements
            }
            Tool::HardwareReadiness => Source::HardwareReadiness,
            Tool::ConfigMgrReadiness => Source::ReadinessDashboard,
            Tool::WufbReadiness => Source::WufbReadiness,
            Tool::WorkFromAnywhere => Source::WorkFromAnywhere,
            Tool::WhyNotWin11 => Source::WhyNotWin11,
        }
    }

    /// The headers (normalised) that tell this export apart, and the columns that name the machine.
    fn signature(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Tool::WhyNotWin11 => (&["cpucompatibility", "tpmversion"], &["hostname"]),
            Tool::WorkFromAnywhere => (&["upgradeeligibility"], &["devicename"]),
            Tool::WufbReadiness => (&["readinessstatus"], &["devicename"]),
            Tool::ConfigMgrReadiness => (&["upgex"], &["name0", "name", "netbiosname0"]),
            Tool::HardwareReadiness => (
                &["scriptoutput"],
                &[
                    "device",
                    "devicename",
                    "pscomputername",
                    "computername",
                    "name",
                ],
            ),
            Tool::GetTpm => (&["tpmpresent"], &["pscomputername", "computername", "name"]),
            Tool::SecureBoot => (&["secureboot"], &["pscomputername", "computername", "name"]),
            Tool::Win32ComputerSystem => (
                &["totalphysicalmemory"],
                &["pscomputername", "name", "dnshostname", "computername"],
            ),
            Tool::Win32Processor => (
                &["maxclockspeed"],
                &["pscomputername", "systemname", "computername"],
            ),
        }
    }
}

/// The headers of a CSV export, normalised, and where each is.
pub struct Cols {
    pub headers: Vec<String>,
    keys: Vec<String>,
}

impl Cols {
    fn new(headers: &[String]) -> Self {
        Cols {
            headers: headers.to_vec(),
            keys: headers.iter().map(|h| norm(h)).collect(),
        }
    }
    fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
    fn index(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }
}

/// One row of an export, being read: its cells by header and the facts found so far.
pub struct Record<'a> {
    cols: &'a Cols,
    cells: &'a csv::StringRecord,
    pub facts: Vec<Fact>,
}

/// One fact: the Scenario path, the value as a cell would hold it, and the header it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub path: &'static str,
    pub value: String,
    pub header: String,
}

/// A value the reader could not read: (header, value, what is accepted).
pub type Bad = (String, String, String);

impl<'a> Record<'a> {
    /// The trimmed cell under the header `key` (normalised); `None` when empty or absent.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let i = self.cols.index(key)?;
        let v = self.cells.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }
    /// The header as the file wrote it.
    pub fn header(&self, key: &str) -> String {
        self.cols
            .index(key)
            .and_then(|i| self.cols.headers.get(i).cloned())
            .unwrap_or_else(|| key.to_string())
    }
    pub fn set(&mut self, path: &'static str, value: &str, key: &str) {
        let header = self.header(key);
        self.facts.push(Fact {
            path,
            value: value.to_string(),
            header,
        });
    }
    pub fn bad(&self, key: &str, value: &str, accepted: &str) -> Bad {
        (self.header(key), value.to_string(), accepted.to_string())
    }
    /// A True/False cell (PowerShell writes `True` / `False`; Graph writes `true` / `false`).
    pub fn flag(&self, key: &str) -> Result<Option<bool>, Bad> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(self.bad(key, v, "`True` or `False`")),
        }
    }
    /// A whole number cell.
    pub fn number(&self, key: &str) -> Result<Option<u64>, Bad> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .parse::<u64>()
                .map(Some)
                .map_err(|_| self.bad(key, v, "a whole number")),
        }
    }
    /// Record the tool's verdict: `failed` checks failed, every other check it makes passed.
    pub fn reported(
        &mut self,
        tool: Tool,
        covers: &[crate::core::ids::ReadinessCheck],
        failed: &[crate::core::ids::ReadinessCheck],
        key: &str,
    ) {
        let ids = |v: &mut dyn Iterator<Item = &crate::core::ids::ReadinessCheck>| {
            v.map(|c| c.id()).collect::<Vec<_>>().join(";")
        };
        let passed = ids(&mut covers.iter().filter(|c| !failed.contains(c)));
        let failed = ids(&mut failed.iter());
        if !failed.is_empty() {
            self.set("hardware.reported_fail", &failed, key);
        }
        if !passed.is_empty() {
            self.set("hardware.reported_pass", &passed, key);
        }
        self.set("hardware.reported_by", tool.label(), key);
    }
}

/// What one row of an export says of one machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Line of the file where the row starts (1-based).
    pub line: usize,
    pub name: String,
    pub facts: Vec<Fact>,
    /// A value that could not be read: (header, value, message).
    pub error: Option<Bad>,
}

/// A readiness export, read.
#[derive(Clone, Debug)]
pub struct Report {
    pub tool: Tool,
    pub rows: Vec<Facts>,
}

/// Which readiness export these headers are, if any. Exports with a native `current.os`
/// column are inventories, not readiness exports.
pub fn detect(headers: &[String]) -> Option<Tool> {
    let cols = Cols::new(headers);
    if cols.has("current.os") || cols.has("currentos") {
        return None;
    }
    Tool::ALL.into_iter().find(|t| {
        let (marks, names) = t.signature();
        marks.iter().all(|m| cols.has(m)) && names.iter().any(|n| cols.has(n))
    })
}

fn is_preamble(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with("#TYPE") || t.starts_with("\"#TYPE")
}

/// Read `text` as a readiness export: `None` when it is not one (an inventory, JSON), else its
/// rows, or why the whole text is refused.
pub fn read(text: &str) -> Option<Result<Report, String>> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        return None;
    }
    let header_line = text.lines().find(|l| !is_preamble(l))?;
    let delimiter = super::find_delimiter(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut lines = super::decode::LineCounter::new(text);
    let mut cols: Option<(Tool, Cols)> = None;
    let mut rows = Vec::new();
    loop {
        let line = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => lines.at(record.position().map_or(0, |p| p.byte())),
            Err(e) => {
                cols.as_ref()?;
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                rows.push(Facts {
                    line,
                    name: format!("line {line}"),
                    facts: Vec::new(),
                    error: Some((String::new(), String::new(), format!("unreadable CSV: {e}"))),
                });
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some((tool, c)) = &cols else {
            if record.len() == 1 && record[0].trim_start().starts_with("#TYPE") {
                continue;
            }
            let headers: Vec<String> = record
                .iter()
                .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
                .collect();
            let tool = detect(&headers)?;
            if headers.len() > MAX_COLUMNS {
                return Some(Err(format!(
                    "the header has {} columns; at most {MAX_COLUMNS} are accepted",
                    headers.len()
                )));
            }
            cols = Some((tool, Cols::new(&headers)));
            continue;
        };
        if rows.len() >= MAX_ROWS {
            return Some(Err(too_many_rows()));
        }
        rows.push(read_row(*tool, c, &record, line));
    }
    let (tool, _) = cols?;
    Some(Ok(Report { tool, rows }))
}

fn read_row(tool: Tool, cols: &Cols, cells: &csv::StringRecord, line: usize) -> Facts {
    let mut r = Record {
        cols,
        cells,
        facts: Vec::new(),
    };
    let (_, names) = tool.signature();
    let name = names
        .iter()
        .find_map(|n| r.get(n))
        .map(str::to_string)
        .unwrap_or_else(|| format!("line {line}"));
    let failed = |error: Bad| Facts {
        line,
        name: name.clone(),
        facts: Vec::new(),
        error: Some(error),
    };
    if let Some(v) = cells.iter().find(|v| v.len() > MAX_FIELD_BYTES) {
        return failed((
            String::new(),
            v.chars().take(40).collect(),
            format!(
                "the field is {} bytes long; at most {MAX_FIELD_BYTES} bytes are accepted",
                v.len()
            ),
        ));
    }
    let result = match tool {
        Tool::Win32Processor => powershell::processor(&mut r),
        Tool::Win32ComputerSystem => powershell::computer_system(&mut r),
        Tool::GetTpm => powershell::tpm(&mut r),
        Tool::SecureBoot => powershell::secure_boot(&mut r),
        Tool::HardwareReadiness => script::hardware_readiness(&mut r),
        Tool::ConfigMgrReadiness => reports::configmgr(&mut r),
        Tool::WufbReadiness => reports::wufb(&mut r),
        Tool::WorkFromAnywhere => reports::work_from_anywhere(&mut r),
        Tool::WhyNotWin11 => reports::why_not_win11(&mut r),
    };
    match result {
        Ok(()) => Facts {
            line,
            name,
            facts: r.facts,
            error: None,
        },
        Err(e) => failed(e),
    }
}

/// `10.0.19045.5371` or `19045.5371` or `19045` → the facts of a Windows 10/11 client build:
/// `current.os`, `current.release` when the build number names one, `current.build`.
pub fn client_build(r: &mut Record<'_>, key: &str, v: &str) -> Result<(), Bad> {
    use crate::core::catalog::Family;
    let parts: Vec<&str> = v.split('.').collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    let (build, ubr) = match parts.as_slice() {
        ["10", "0", b, u] if digits(b) && digits(u) => (*b, Some(*u)),
        ["10", "0", b] if digits(b) => (*b, None),
        [b, u] if digits(b) && digits(u) => (*b, Some(*u)),
        [b] if digits(b) => (*b, None),
        _ => return Err(r.bad(key, v, "a Windows build such as 10.0.19045.5371 or 19045")),
    };
    let n: u32 = build.parse().unwrap_or(0);
    let os =
        super::windows::os_from_build(n, Some(Family::Client)).map_err(|m| r.bad(key, v, &m))?;
    r.set("current.os", os.id(), key);
    if let Some(release) = super::windows::release_of(os, n) {
        r.set("current.release", release, key);
    }
    let full = match ubr {
        Some(u) => format!("{build}.{u}"),
        None => build.to_string(),
    };
    r.set("current.build", &full, key);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detects_each_export_by_its_headers() {
        assert_eq!(
            detect(&h(&["PSComputerName", "Name", "Caption", "MaxClockSpeed"])),
            Some(Tool::Win32Processor)
        );
        assert_eq!(
            detect(&h(&["Hostname", "CPU Compatibility", "TPM Version"])),
            Some(Tool::WhyNotWin11)
        );
        assert_eq!(
            detect(&h(&["ResourceID", "Name0", "UpgEx", "RedReason"])),
            Some(Tool::ConfigMgrReadiness)
        );
        assert_eq!(
            detect(&h(&["Device", "Script Output", "Exit Code"])),
            Some(Tool::HardwareReadiness)
        );
        // An inventory with the planner's own columns is never a readiness export.
        assert_eq!(
            detect(&h(&[
                "name",
                "current.os",
                "hardware.tpm",
                "TpmPresent",
                "PSComputerName"
            ])),
            None
        );
        // Without a column that names the machine there is nothing to join on.
        assert_eq!(detect(&h(&["Caption", "MaxClockSpeed"])), None);
        assert_eq!(detect(&h(&["Name", "Caption", "Version"])), None);
    }

    #[test]
    fn a_non_export_is_not_read() {
        assert!(read("name,current.os\nA,windows-10\n").is_none());
        assert!(read("[{\"name\":\"A\"}]").is_none());
        assert!(read("").is_none());
    }
}
