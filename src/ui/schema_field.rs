//! Form controls generated from the Scenario schema: one control per field, with the field's
//! label and its one-line hint of where to read it on the machine. A new schema entry appears in
//! the form without UI code. "Not known" is always a choice: left out means unknown. The
//! controls are the type-erased ones of `fields.rs`, so each kind costs its code once.

use super::fields::{check_field, checked_text_field, select_field, text_field};
use super::state::Planner;
use crate::core::schema::{self, Field, Kind, Value};
use leptos::prelude::*;

/// The control for the schema field at `path` (nothing when the schema has no such field).
pub fn schema_field(path: &'static str) -> AnyView {
    let Some(f) = schema::field(path) else {
        return ().into_any();
    };
    let p = expect_context::<Planner>();
    let get = move || p.scenario.with(|s| (f.get)(s));
    let set = move |v: Option<Value>| p.update(|s| (f.set)(s, v));
    let testid = super::state::testid_of(f.path);
    match f.kind {
        Kind::Id(_) | Kind::Bool => {
            let value = move || match get() {
                Some(Value::Text(t)) => t,
                Some(Value::Bool(b)) => b.to_string(),
                _ => String::new(),
            };
            let control = select_field(
                f.label,
                testid,
                move || options(f),
                value,
                move |v: String| {
                    set(match (v.as_str(), f.kind) {
                        ("", _) => None,
                        (v, Kind::Bool) => Some(Value::Bool(v == "true")),
                        (v, _) => Some(Value::Text(v.to_string())),
                    })
                },
            );
            view! { <div class="with-hint">{control}<small class="hint">{f.hint}</small></div> }
                .into_any()
        }
        Kind::Int { accepted, .. } => {
            let value = move || match get() {
                Some(Value::Int(n)) => n.to_string(),
                _ => String::new(),
            };
            checked_text_field(f.label, testid, f.hint, value, move |text: String| {
                let text = text.trim();
                let value = match text.parse::<u64>() {
                    _ if text.is_empty() => None,
                    Ok(n) => Some(Value::Int(n)),
                    Err(_) => {
                        return Err(format!(
                            "`{text}` is not a whole number; accepted: {accepted}."
                        ))
                    }
                };
                set(value);
                Ok(())
            })
        }
        Kind::Ids(set_of) => several(f, set_of, testid),
        Kind::Text | Kind::Names | Kind::Date => text_field(
            f.label,
            testid,
            f.hint,
            move || {
                get()
                    .and_then(|v| v.text().map(String::from))
                    .unwrap_or_default()
            },
            move |t: String| {
                let t = t.trim().to_string();
                set((!t.is_empty()).then_some(Value::Text(t)))
            },
        ),
    }
}

/// The choices of an id or yes/no field, the left-out choice first ("Not known" for a fact about
/// the machine, else the documented default).
fn options(f: &Field) -> Vec<(String, String)> {
    let blank = match f.default {
        "unknown" => "Not known".to_string(),
        d => format!("Default: {}", d.replace('`', "")),
    };
    let mut o = vec![(String::new(), blank)];
    match f.kind {
        Kind::Id(set) => o.extend(
            (set.all)()
                .into_iter()
                .map(|(id, l)| (id.to_string(), l.to_string())),
        ),
        _ => o.extend([("true".into(), "Yes".into()), ("false".into(), "No".into())]),
    }
    o
}

/// A list of ids: one checkbox each.
fn several(f: &'static Field, set: schema::IdSet, testid: String) -> AnyView {
    let p = expect_context::<Planner>();
    let list = move || match p.scenario.with(|s| (f.get)(s)) {
        Some(Value::List(l)) => l,
        _ => Vec::new(),
    };
    let boxes = (set.all)()
        .into_iter()
        .map(|(id, label)| {
            check_field(
                label.to_string(),
                format!("{testid}-{id}"),
                move || list().iter().any(|x| x == id),
                move |on| {
                    let mut l = list();
                    l.retain(|x| x != id);
                    if on {
                        l.push(id.to_string());
                    }
                    p.update(|s| (f.set)(s, (!l.is_empty()).then_some(Value::List(l))));
                },
            )
        })
        .collect_view();
    view! {
        <fieldset class="several">
            <legend>{f.label}</legend>
            {boxes}
            <small class="hint">{f.hint}</small>
        </fieldset>
    }
    .into_any()
}

/// The schema fields whose paths start with one of `prefixes`, in the contract's order.
pub fn schema_fields(prefixes: &'static [&'static str]) -> AnyView {
    schema::FIELDS
        .iter()
        .filter(|f| prefixes.iter().any(|p| f.path.starts_with(p)))
        .map(|f| schema_field(f.path))
        .collect_view()
        .into_any()
}

/// A collapsible group of schema fields (every field whose path starts with one of `prefixes`),
/// opened when `open` becomes true.
pub fn schema_group(
    title: &'static str,
    testid: &'static str,
    prefixes: &'static [&'static str],
    open: Memo<bool>,
) -> AnyView {
    view! {
        <details class="group schema-group" data-testid=testid prop:open=move || open.get()>
            <summary>{title}</summary>
            <div class="schema-fields">{schema_fields(prefixes)}</div>
        </details>
    }
    .into_any()
}
