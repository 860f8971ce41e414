//! CSV inventories: the header line decides which column feeds which field; every row's cells
//! set the Scenario's fields directly (native columns first, then what the Windows columns
//! say), then the row is resolved once. A bad cell names its column and value.

use super::columns::{cell_value, plan_columns, Column, ColumnPlan};
use super::decode::LineCounter;
use super::limits::{too_many_rows, MAX_COLUMNS, MAX_FIELD_BYTES, MAX_ROWS};
use super::{windows, ColumnMapping, Form, Inventory, InventoryOptions, Row, RowError, NO_TARGET};
use crate::core::ids::Os;
use crate::core::scenario::{printable, InputError, Scenario};
use crate::core::schema::{self, Value};

/// The delimiter that occurs most often outside quotes in the header line (`,` on a tie).
pub fn find_delimiter(line: &str) -> u8 {
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

type Header = (ColumnPlan, Vec<ColumnMapping>, bool, Form);

/// The header record → its column plan, or why the whole text is refused.
fn read_header(record: &csv::StringRecord, options: &InventoryOptions) -> Result<Header, String> {
    if record.len() > MAX_COLUMNS {
        return Err(format!(
            "the header has {} columns; at most {MAX_COLUMNS} are accepted",
            record.len()
        ));
    }
    if let Some(h) = record.iter().find(|h| h.len() > MAX_FIELD_BYTES) {
        return Err(format!(
            "a header `{}` is longer than {MAX_FIELD_BYTES} bytes",
            printable(h)
        ));
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    plan_columns(&headers, options)
}

/// A record that spans more lines than this is a quote that was opened and never closed (no
/// inventory cell holds ten line breaks).
const MAX_RECORD_LINES: usize = 10;

/// Where a record that ran away started and where the reader reached (byte offsets).
fn runaway(text: &str, start: usize, end: usize) -> bool {
    let raw = &text.as_bytes()[start..end.min(text.len())];
    let lines = super::line_breaks(raw, 0..raw.len());
    if lines > MAX_RECORD_LINES {
        return true;
    }
    // Reached the end of the text inside a quoted field: an odd number of quotes.
    let at_end = text[end.min(text.len())..].trim().is_empty();
    at_end && lines > 0 && raw.iter().filter(|&&b| b == b'"').count() % 2 == 1
}

/// The error row of a quote opened on `line` and never closed, and the byte to read on from: the
/// start of the next line.
fn runaway_row(text: &str, start: usize, end: usize, line: usize) -> (Row, usize) {
    let until = line + super::line_breaks(text.as_bytes(), start..end.min(text.len()));
    let row = Row::failed(
        line,
        format!("line {line}"),
        RowError::new(
            "",
            "",
            format!(
                "a quote opened on line {line} is never closed (this row would run to line \
                 {until}); remove the stray quote or close it. The rows after it were read \
                 on their own."
            ),
        ),
    );
    let next = text[start..].find(['\n', '\r']).map_or(text.len(), |i| {
        let i = start + i;
        if text[i..].starts_with("\r\n") {
            i + 2
        } else {
            i + 1
        }
    });
    (row, next)
}

pub fn parse_csv(text: &str, options: &InventoryOptions) -> Inventory {
    let header_line = text.lines().find(|l| !is_preamble(l)).unwrap_or("");
    let delimiter = find_delimiter(header_line);
    let mut builder = csv::ReaderBuilder::new();
    builder
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter);
    let mut reader = builder.from_reader(text.as_bytes());
    // Byte offset of `reader`'s input in `text` (it restarts after a runaway quote).
    let mut base = 0usize;
    let mut record = csv::StringRecord::new();
    let mut header: Option<Header> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut lines = LineCounter::new(text);
    loop {
        let line = match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = base + record.position().map_or(0, |p| p.byte() as usize);
                // After CRLF the reader's record may start at the LF of the line before.
                while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                let end = base + reader.position().byte() as usize;
                let line = lines.at(start as u64);
                if header.is_some() && runaway(text, start, end) {
                    if rows.len() >= MAX_ROWS {
                        return Inventory::refused(too_many_rows());
                    }
                    let (row, next) = runaway_row(text, start, end, line);
                    rows.push(row);
                    base = next;
                    reader = builder.from_reader(&text.as_bytes()[next..]);
                    continue;
                }
                line
            }
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| lines.at((base + p.byte() as usize) as u64));
                if header.is_none() {
                    return Inventory::refused(format!("cannot read the CSV header: {e}"));
                }
                if rows.len() >= MAX_ROWS {
                    return Inventory::refused(too_many_rows());
                }
                rows.push(Row::failed(
                    line,
                    format!("line {line}"),
                    RowError::new("", "", format!("unreadable CSV: {e}")),
                ));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let Some((plan, _, _, _)) = &header else {
            if record.len() == 1 && record[0].starts_with("#TYPE") {
                continue;
            }
            match read_header(&record, options) {
                Ok(h) => header = Some(h),
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
        files: Vec::new(),
    }
}

/// A Scenario path's value came from this column, or from the one-target-for-all option.
const FROM_OPTIONS: usize = usize::MAX;

/// One row being read: its cells, the Scenario they build, and where each path came from.
pub struct Cells<'a, 'p> {
    record: &'a csv::StringRecord,
    plan: &'p ColumnPlan,
    pub scenario: Scenario,
    /// (path, column) of every field set so far; the first setting of a path wins.
    provenance: Vec<(&'static str, usize)>,
}

impl<'a, 'p> Cells<'a, 'p> {
    fn new(record: &'a csv::StringRecord, plan: &'p ColumnPlan) -> Self {
        Cells {
            record,
            plan,
            scenario: Scenario::default(),
            provenance: Vec::new(),
        }
    }

    fn cell(&self, col: usize) -> &'a str {
        self.record.get(col).unwrap_or("")
    }

    /// The first non-empty cell of a field, in the columns' priority order.
    pub fn first(&self, c: Column) -> Option<(usize, &'a str)> {
        self.plan
            .columns(c)
            .iter()
            .map(|&col| (col, self.cell(col)))
            .find(|(_, v)| !v.is_empty())
    }

    fn is_set(&self, path: &str) -> bool {
        self.provenance.iter().any(|(p, _)| *p == path)
    }

    /// Set a field from column `col`, unless an earlier column set it.
    pub fn set(&mut self, path: &'static str, v: Value, col: usize) {
        if self.is_set(path) {
            return;
        }
        if let Some(f) = schema::field(path) {
            (f.set)(&mut self.scenario, Some(v));
            self.provenance.push((path, col));
        }
    }

    /// `current.os` as a native column gave it.
    pub fn native_os(&self) -> Option<Os> {
        self.is_set("current.os")
            .then_some(self.scenario.current.os)
    }

    pub fn has_any_windows_column(&self) -> bool {
        self.plan.has_windows_columns()
    }

    /// A column of `w` whose header starts with `prefix` (normalised).
    pub fn column_headed(&self, w: super::columns::Win, prefix: &str) -> Option<usize> {
        self.plan
            .columns(w.into())
            .iter()
            .copied()
            .find(|&c| super::columns::norm(&self.plan.headers[c]).starts_with(prefix))
    }

    fn header(&self, col: usize) -> String {
        if col == FROM_OPTIONS {
            return "target (for all rows)".to_string();
        }
        self.plan
            .headers
            .get(col)
            .cloned()
            .unwrap_or_else(|| format!("column {}", col + 1))
    }

    /// The native columns: each field's first non-empty cell, read leniently.
    fn native(&mut self) -> Result<(), RowError> {
        for (c, _) in &self.plan.fields {
            let Column::Path(i) = *c else { continue };
            let Some((col, raw)) = self.first(*c) else {
                continue;
            };
            let f = &schema::FIELDS[i];
            match cell_value(f, raw) {
                Ok(v) => self.set(f.path, v, col),
                Err(m) => return Err(RowError::new(&self.header(col), raw, m)),
            }
        }
        Ok(())
    }

    /// "One target for all": the option's target fields, under the row's own `target.*` cells.
    fn target_for_all(&mut self, options: &InventoryOptions) -> Result<(), RowError> {
        if self.is_set("target.os") {
            return Ok(());
        }
        let Some(t) = &options.target else {
            return Err(RowError::new("target.os", "", NO_TARGET));
        };
        let mut base = Scenario {
            target: t.clone(),
            ..Scenario::default()
        };
        for f in schema::FIELDS
            .iter()
            .filter(|f| f.path.starts_with("target."))
        {
            match (f.get)(&self.scenario).filter(|_| self.is_set(f.path)) {
                Some(own) => (f.set)(&mut base, Some(own)),
                None => {
                    if (f.get)(&base).is_some() {
                        self.provenance.push((f.path, FROM_OPTIONS));
                    }
                }
            }
        }
        self.scenario.target = base.target;
        Ok(())
    }

    /// A resolve error → the column (and value) the offending path came from.
    fn resolve_error(&self, e: InputError) -> RowError {
        let path = e.path.split('[').next().unwrap_or("");
        let from = self
            .provenance
            .iter()
            .find(|(p, _)| *p == path)
            .or_else(|| {
                self.provenance
                    .iter()
                    .find(|(p, _)| !path.is_empty() && p.starts_with(path))
            })
            .copied();
        let value_at = |p: &str| {
            schema::field(p)
                .and_then(|f| (f.get)(&self.scenario))
                .map(|v| display(&v))
                .unwrap_or_default()
        };
        match from {
            Some((p, FROM_OPTIONS)) => {
                RowError::new(&self.header(FROM_OPTIONS), &value_at(p), e.message)
            }
            Some((_, col)) => RowError::new(&self.header(col), self.cell(col), e.message),
            None => RowError::new(&e.path, &value_at(path), e.message),
        }
    }
}

/// A value as the user would write it in a cell.
fn display(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::List(items) => items.join(","),
    }
}

/// A row's shape, before any cell is read: too many columns, an over-long cell, cells past the
/// header, a row that is one unsplit cell.
fn shape_error(record: &csv::StringRecord, headers: usize) -> Option<(usize, RowError)> {
    if record.len() > MAX_COLUMNS {
        let m = format!(
            "the row has {} columns; at most {MAX_COLUMNS} are accepted",
            record.len()
        );
        return Some((usize::MAX, RowError::new("", "", m)));
    }
    if let Some((col, v)) = record
        .iter()
        .enumerate()
        .find(|(_, v)| v.len() > MAX_FIELD_BYTES)
    {
        let m = format!(
            "the field is {} bytes long; at most {MAX_FIELD_BYTES} bytes are accepted",
            v.len()
        );
        return Some((col, RowError::new("", v, m)));
    }
    if record.len() > headers && record.iter().skip(headers).any(|v| !v.is_empty()) {
        let m = format!(
            "the row has {} columns but the header has {headers}; quote values that contain the delimiter",
            record.len()
        );
        return Some((
            usize::MAX,
            RowError::new("", record.get(headers).unwrap_or(""), m),
        ));
    }
    if record.len() == 1 && headers > 1 {
        let m = format!("the row has 1 column but the header has {headers}; check the delimiter");
        return Some((
            usize::MAX,
            RowError::new("", record.get(0).unwrap_or(""), m),
        ));
    }
    None
}

fn csv_row(
    record: &csv::StringRecord,
    line: usize,
    plan: &ColumnPlan,
    options: &InventoryOptions,
) -> Row {
    let mut cells = Cells::new(record, plan);
    let name = cells
        .first(Column::Name)
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| format!("line {line}"));
    if let Some((col, mut e)) = shape_error(record, plan.headers.len()) {
        if col != usize::MAX {
            e.column = printable(&cells.header(col));
        }
        return Row::failed(line, name, e);
    }
    match read_row(&mut cells, options) {
        Err(e) => Row::failed(line, name, e),
        Ok(()) => match cells.scenario.resolve() {
            Ok(resolved) => Row::read(line, name, resolved),
            Err(e) => Row::failed(line, name, cells.resolve_error(e)),
        },
    }
}

fn read_row(cells: &mut Cells<'_, '_>, options: &InventoryOptions) -> Result<(), RowError> {
    cells.native()?;
    windows::interpret(cells)
        .map_err(|(col, value, msg)| RowError::new(&cells.header(col), value, msg))?;
    if !cells.is_set("current.os") {
        let col = ["current.os", "os.caption", "os.version"]
            .into_iter()
            .filter_map(Column::from_id)
            .find_map(|c| cells.plan.columns(c).first().copied());
        return Err(RowError::new(
            &col.map(|c| cells.header(c)).unwrap_or_else(|| "current.os".into()),
            "",
            "no current Windows version; accepted: a current.os id, a product name (Caption) or a build number (Version)",
        ));
    }
    cells.target_for_all(options)
}
