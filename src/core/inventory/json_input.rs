//! JSON inventories: an array of Scenarios, of Scenarios with an extra `"name"`, or of
//! `{ "name": …, "scenario": { … } }`. Each element is read by the same schema walk as a
//! single Scenario, and resolved once.

use super::limits::{too_many_rows, MAX_FIELD_BYTES, MAX_ROWS};
use super::{Form, Inventory, InventoryOptions, Row, RowError, NO_TARGET};
use crate::core::json::{self, Json as Value};
use crate::core::parse::scenario_from_value;
use crate::core::scenario::printable;

pub fn parse_json(text: &str, options: &InventoryOptions) -> Inventory {
    let items: Vec<(usize, Value)> = match json::parse(text) {
        Ok(Value::Array(items)) => items,
        Ok(one) => vec![(text.len() - text.trim_start().len(), one)],
        Err(e) => {
            return Inventory::refused(format!(
                "malformed JSON at line {} column {} ({}); accepted: a JSON array of scenarios, or CSV with a header line",
                e.line, e.column, e.message
            ))
        }
    };
    if items.len() > MAX_ROWS {
        return Inventory::refused(too_many_rows());
    }
    let (mut line, mut seen) = (1usize, 0usize);
    let mut rows = Vec::with_capacity(items.len());
    for (at, item) in items {
        line += super::line_breaks(text.as_bytes(), seen..at.max(seen));
        seen = seen.max(at);
        rows.push(json_row(item, line, options));
    }
    Inventory {
        form: Form::Json,
        rows,
        ..Inventory::default()
    }
}

/// The name a row gives (plain data, never interpreted), or `line N`.
fn row_name(obj: &mut Vec<(String, Value)>, line: usize) -> String {
    let name = obj
        .iter()
        .position(|(k, _)| k == "name")
        .map(|i| obj.remove(i).1);
    match name {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Null | Value::String(_)) | None => format!("line {line}"),
        Some(other) => other.to_text(),
    }
}

fn take(obj: &mut Vec<(String, Value)>, key: &str) -> Option<Value> {
    let i = obj.iter().position(|(k, _)| k == key)?;
    Some(obj.remove(i).1)
}

/// The Scenario object of a row: the row itself, or its `scenario` beside a `name`.
fn scenario_object(mut obj: Vec<(String, Value)>) -> Result<Vec<(String, Value)>, RowError> {
    let has = |obj: &[(String, Value)], key: &str| obj.iter().any(|(k, _)| k == key);
    if !has(&obj, "scenario") || has(&obj, "current") {
        return Ok(obj);
    }
    if let Some(k) = obj.iter().map(|(k, _)| k).find(|k| *k != "scenario") {
        return Err(RowError::new(
            k,
            "",
            format!(
                "unknown field `{}` beside `scenario`; accepted: `name`, `scenario`",
                printable(k)
            ),
        ));
    }
    match take(&mut obj, "scenario") {
        Some(Value::Object(s)) => Ok(s),
        other => {
            let shown = other.map(|v| v.to_text()).unwrap_or_default();
            Err(RowError::new("scenario", &shown, "not a scenario object"))
        }
    }
}

fn json_row(value: Value, line: usize, options: &InventoryOptions) -> Row {
    let Value::Object(mut obj) = value else {
        return Row::failed(
            line,
            format!("line {line}"),
            RowError::new(
                "",
                &value.to_text(),
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
    if !scenario.iter().any(|(k, _)| k == "target") {
        match &options.target {
            Some(t) => {
                let t = serde_json::to_value(t).unwrap_or(serde_json::Value::Null);
                scenario.push(("target".into(), json::from_serde(&t)));
            }
            None => return Row::failed(line, name, RowError::new("target.os", "", NO_TARGET)),
        }
    }
    let value = Value::Object(scenario);
    let read = scenario_from_value(&value).and_then(|s| s.resolve().map(|r| (s, r)));
    match read {
        Ok((_, r)) => Row::read(line, name, r),
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
            cur = match cur {
                Value::Array(items) => match items.get(i) {
                    Some((_, c)) => c,
                    None => return String::new(),
                },
                _ => return String::new(),
            };
        }
    }
    match cur {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other if std::ptr::eq(other, v) => String::new(),
        other => other.to_text(),
    }
}
