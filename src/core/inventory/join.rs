//! Several files, one fleet: inventories (native CSV, PowerShell, ConfigMgr, JSON) give the
//! machines; readiness exports (`readiness`) add what they know of each, matched by machine name
//! (case-insensitive; `PC-01.contoso.com` matches `PC-01`). A machine only a readiness export
//! names becomes a row of its own, planned when some file says which Windows it runs.
//!
//! The first file to give a fact wins; the checks tools reported (`hardware.reported_*`) add up,
//! and `hardware.reported_by` names every tool. Every value is checked as a native cell is, and
//! a bad one names its file, column and value.

use super::columns::cell_value;
use super::readiness::{self, Fact, Facts, Report};
use super::{Form, Inventory, InventoryOptions, Row, RowError, NO_TARGET};
use crate::core::scenario::Scenario;
use crate::core::schema::{self, Kind, Value};
use std::collections::BTreeMap;

/// One input file: its name (for messages) and its text.
pub struct InputFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// How one file was read, for the page and the command's messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileRead {
    pub file: String,
    /// What it was read as, in words.
    pub read_as: String,
    pub rows: usize,
    /// Rows that named a machine an earlier file gave.
    pub joined: usize,
}

fn key(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

fn short(name: &str) -> String {
    key(name).split('.').next().unwrap_or("").to_string()
}

/// A machine being assembled: where it came from and the facts gathered so far.
struct Machine {
    line: usize,
    name: String,
    /// (file, fact)
    facts: Vec<(String, Fact)>,
    error: Option<RowError>,
}

/// Read several files as one fleet (see the module documentation). One file that is not a
/// readiness export reads exactly as [`super::parse_inventory`] reads it.
pub fn parse_inventories(files: &[InputFile<'_>], options: &InventoryOptions) -> Inventory {
    let mut base: Option<Inventory> = None;
    let mut reports: Vec<(&str, Report)> = Vec::new();
    let mut read: Vec<FileRead> = Vec::new();
    for f in files {
        match readiness::read(f.text) {
            Some(Ok(report)) => {
                read.push(FileRead {
                    file: f.name.to_string(),
                    read_as: report.tool.label().to_string(),
                    rows: report.rows.len(),
                    joined: 0,
                });
                reports.push((f.name, report));
            }
            Some(Err(e)) => return Inventory::refused(prefixed(files, f.name, &e)),
            None => {
                let inv = super::parse_one(f.text, options);
                if let Some(e) = &inv.error {
                    return Inventory::refused(prefixed(files, f.name, e));
                }
                read.push(FileRead {
                    file: f.name.to_string(),
                    read_as: super::form_words(inv.form).to_string(),
                    rows: inv.rows.len(),
                    joined: 0,
                });
                match &mut base {
                    None => base = Some(inv),
                    Some(b) => {
                        if b.rows.len() + inv.rows.len() > super::MAX_ROWS {
                            return Inventory::refused(super::limits::too_many_rows());
                        }
                        b.rows.extend(inv.rows);
                    }
                }
            }
        }
    }
    let mut inv = base.unwrap_or_else(|| Inventory {
        form: Form::Readiness,
        ..Inventory::default()
    });
    if reports.is_empty() {
        if files.len() > 1 {
            inv.files = read;
        }
        return inv;
    }
    // Machines of the inventories, by name and by short name (first occurrence).
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut short_index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in inv.rows.iter().enumerate() {
        index.entry(key(&row.name)).or_insert(i);
        short_index.entry(short(&row.name)).or_insert(i);
    }
    let base_rows = inv.rows.len();
    let mut machines: Vec<Machine> = inv
        .rows
        .iter()
        .map(|r| Machine {
            line: r.line,
            name: r.name.clone(),
            facts: Vec::new(),
            error: None,
        })
        .collect();
    let first_report = read.len() - reports.len();
    for (n, (file, report)) in reports.into_iter().enumerate() {
        let mut joined = 0;
        for Facts {
            line,
            name,
            facts,
            error,
        } in report.rows
        {
            let found = index
                .get(&key(&name))
                .or_else(|| short_index.get(&short(&name)))
                .copied();
            let i = match found {
                Some(i) => {
                    joined += 1;
                    i
                }
                None => {
                    if machines.len() >= super::MAX_ROWS {
                        return Inventory::refused(super::limits::too_many_rows());
                    }
                    machines.push(Machine {
                        line,
                        name: name.clone(),
                        facts: Vec::new(),
                        error: None,
                    });
                    let i = machines.len() - 1;
                    index.insert(key(&name), i);
                    short_index.entry(short(&name)).or_insert(i);
                    i
                }
            };
            let m = &mut machines[i];
            if let Some((header, value, message)) = error {
                m.error
                    .get_or_insert_with(|| in_file(&header, &value, &message, file));
            }
            m.facts
                .extend(facts.into_iter().map(|f| (file.to_string(), f)));
        }
        if let Some(r) = read.get_mut(first_report + n) {
            r.joined = joined;
        }
    }
    let mut rows: Vec<Row> = Vec::with_capacity(machines.len());
    let mut old = std::mem::take(&mut inv.rows).into_iter();
    for (i, m) in machines.into_iter().enumerate() {
        let row = if i < base_rows {
            let row = old.next().unwrap_or_else(|| {
                Row::failed(m.line, m.name.clone(), RowError::new("", "", "missing row"))
            });
            merge_into(row, m)
        } else {
            new_machine(m, options)
        };
        rows.push(row);
    }
    inv.rows = rows;
    if inv.form != Form::Readiness || files.len() > 1 {
        inv.files = read;
    }
    inv
}

/// A bad value of a readiness export: its column and value, and the file it is in.
fn in_file(header: &str, value: &str, message: &str, file: &str) -> RowError {
    RowError::new(
        header,
        value,
        format!("{message} (in {})", crate::core::scenario::printable(file)),
    )
}

fn prefixed(files: &[InputFile<'_>], name: &str, message: &str) -> String {
    if files.len() > 1 || !name.is_empty() {
        format!("`{}`: {message}", crate::core::scenario::printable(name))
    } else {
        message.to_string()
    }
}

/// Apply facts to a Scenario: a field already set keeps its value, except the reported checks
/// (added up) and the tools that reported them (all named).
/// `fresh`: `s` is a default Scenario, whose required fields (which always read as set) take
/// the first fact for them.
fn apply(s: &mut Scenario, facts: &[(String, Fact)], fresh: bool) -> Result<bool, RowError> {
    let mut changed = false;
    let mut required_set: Vec<&str> = Vec::new();
    for (file, f) in facts {
        let Some(field) = schema::field(f.path) else {
            continue;
        };
        let value =
            cell_value(field, &f.value).map_err(|m| in_file(&f.header, &f.value, &m, file))?;
        let current = if fresh && field.required && !required_set.contains(&f.path) {
            required_set.push(f.path);
            None
        } else {
            (field.get)(s)
        };
        let merged = match (current, value) {
            (None, v) => v,
            (Some(Value::List(mut a)), Value::List(b)) if matches!(field.kind, Kind::Ids(_)) => {
                let before = a.len();
                a.extend(b.into_iter().filter(|x| !a.contains(x)).collect::<Vec<_>>());
                if a.len() == before {
                    continue;
                }
                Value::List(a)
            }
            (Some(Value::Text(a)), Value::Text(b)) if f.path == "hardware.reported_by" => {
                if a.split(", ").any(|x| x == b) {
                    continue;
                }
                Value::Text(format!("{a}, {b}"))
            }
            _ => continue,
        };
        (field.set)(s, Some(merged));
        changed = true;
    }
    Ok(changed)
}

/// A machine an inventory gave, with the facts of the readiness exports added.
fn merge_into(row: Row, m: Machine) -> Row {
    if let Some(e) = m.error {
        return Row::failed(row.line, row.name, e);
    }
    let Ok(given) = &row.result else {
        return row;
    };
    if m.facts.is_empty() {
        return row;
    }
    let mut s = Scenario::clone(given);
    match apply(&mut s, &m.facts, false) {
        Err(e) => Row::failed(row.line, row.name, e),
        Ok(false) => row,
        Ok(true) => match s.resolve() {
            Ok(resolved) => Row::read(row.line, row.name, resolved),
            Err(e) => Row::failed(row.line, row.name, resolve_error(&m.facts, e)),
        },
    }
}

/// A machine only readiness exports name.
fn new_machine(m: Machine, options: &InventoryOptions) -> Row {
    if let Some(e) = m.error {
        return Row::failed(m.line, m.name, e);
    }
    let gives = |path: &str| m.facts.iter().any(|(_, f)| f.path == path);
    if !gives("current.os") {
        let tools: Vec<&str> = {
            let mut files: Vec<&str> = m.facts.iter().map(|(file, _)| file.as_str()).collect();
            files.dedup();
            files
        };
        let from = if tools.is_empty() {
            "the readiness export".to_string()
        } else {
            tools.join(", ")
        };
        return Row::failed(
            m.line,
            m.name,
            RowError::new(
                "current.os",
                "",
                format!(
                    "no current Windows version: {from} does not say which Windows this machine runs; import it together with an inventory that names the machine (a native CSV with current.os, Get-CimInstance Win32_OperatingSystem or ConfigMgr hardware inventory)"
                ),
            ),
        );
    }
    let mut s = Scenario::default();
    if let Err(e) = apply(&mut s, &m.facts, true) {
        return Row::failed(m.line, m.name, e);
    }
    if !gives("target.os") {
        let Some(t) = &options.target else {
            return Row::failed(m.line, m.name, RowError::new("target.os", "", NO_TARGET));
        };
        let own = s.target.clone();
        s.target = t.clone();
        if gives("target.release") {
            s.target.release = own.release;
        }
    }
    match s.resolve() {
        Ok(resolved) => Row::read(m.line, m.name, resolved),
        Err(e) => Row::failed(m.line, m.name, resolve_error(&m.facts, e)),
    }
}

/// A resolve error → the file and column of the fact it is about.
fn resolve_error(facts: &[(String, Fact)], e: crate::core::scenario::InputError) -> RowError {
    let path = e.path.split('[').next().unwrap_or("");
    match facts.iter().find(|(_, f)| f.path == path) {
        Some((file, f)) => in_file(&f.header, &f.value, &e.message, file),
        None => RowError::new(&e.path, "", e.message),
    }
}
