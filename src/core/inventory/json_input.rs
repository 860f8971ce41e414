//! JSON inventories: an array of Scenarios, of Scenarios with an extra `"name"`, or of
//! `{ "name": …, "scenario": { … } }`. Each element is read by the same schema walk as a
//! single Scenario, and resolved once.

use super::limits::{too_many_rows, MAX_FIELD_BYTES, MAX_ROWS};
use super::{Form, Inventory, InventoryOptions, Row, RowError, NO_TARGET};
use crate::core::parse::scenario_from_value;
use crate::core::scenario::printable;
use serde_json::{Map, Value};

pub fn parse_json(text: &str, options: &InventoryOptions) -> Inventory {
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

/// The name a row gives (plain data, never interpreted), or `line N`.
fn row_name(obj: &mut Map<String, Value>, line: usize) -> String {
    match obj.remove("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Null | Value::String(_)) | None => format!("line {line}"),
        Some(other) => other.to_string(),
    }
}

/// The Scenario object of a row: the row itself, or its `scenario` beside a `name`.
fn scenario_object(mut obj: Map<String, Value>) -> Result<Map<String, Value>, RowError> {
    if !obj.contains_key("scenario") || obj.contains_key("current") {
        return Ok(obj);
    }
    if let Some(k) = obj.keys().find(|k| *k != "scenario") {
        return Err(RowError::new(
            k,
            "",
            format!(
                "unknown field `{}` beside `scenario`; accepted: `name`, `scenario`",
                printable(k)
            ),
        ));
    }
    match obj.remove("scenario") {
        Some(Value::Object(s)) => Ok(s),
        other => {
            let shown = other.map(|v| v.to_string()).unwrap_or_default();
            Err(RowError::new("scenario", &shown, "not a scenario object"))
        }
    }
}

fn json_row(raw: &str, line: usize, options: &InventoryOptions) -> Row {
    let value: Value = serde_json::from_str(raw).unwrap_or(Value::Null);
    let Value::Object(mut obj) = value else {
        return Row::failed(
            line,
            format!("line {line}"),
            RowError::new(
                "",
                raw,
                "not a scenario; accepted: a Scenario object, or {\"name\": …, \"scenario\": {…}}",
            ),
        );
    };
    let name = row_name(&mut obj, line);
    if name.len() > MAX_FIELD_BYTES {
        let e = RowError::new(
            "name",
            &name,
            format!("the name is longer than {MAX_FIELD_BYTES} bytes"),
        );
        return Row::failed(line, name, e);
    }
    let mut scenario = match scenario_object(obj) {
        Ok(s) => s,
        Err(e) => return Row::failed(line, name, e),
    };
    if !scenario.contains_key("target") {
        match &options.target {
            Some(t) => {
                let t = serde_json::to_value(t).unwrap_or(Value::Null);
                scenario.insert("target".into(), t);
            }
            None => return Row::failed(line, name, RowError::new("target.os", "", NO_TARGET)),
        }
    }
    let value = Value::Object(scenario);
    let read = scenario_from_value(&value).and_then(|s| s.resolve().map(|r| (s, r)));
    match read {
        Ok((s, r)) => Row::read(line, name, s, r),
        Err(e) => {
            let column = if e.path.is_empty() {
                "scenario"
            } else {
                &e.path
            };
            let e = RowError::new(column, &lookup(&value, &e.path), e.message);
            Row::failed(line, name, e)
        }
    }
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
