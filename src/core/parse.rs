//! Reading a Scenario, by walking the schema (`schema::FIELDS`) over a JSON value or over the flat
//! `path = text` pairs of a URL fragment: every error names the field's path and says what is
//! accepted. (A derived `Deserialize` with path tracking did the same at a much larger wasm size.)

use super::json::Json as Value;
use super::scenario::{printable, InputError, Scenario};
use super::schema::{self, Field, Kind, Value as FieldValue};

type Result<T> = std::result::Result<T, InputError>;

fn kind_of(v: &Value) -> &'static str {
    v.kind()
}

pub(crate) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the reader takes values from: a JSON document or a URL fragment's pairs.
pub(crate) trait Input {
    /// Is the object at `path` given? Checks its type and its keys.
    fn object(&self, path: &str) -> Result<bool>;
    /// The value of a field, checked against its kind; `None` when left out.
    fn value(&self, field: &Field) -> Result<Option<FieldValue>>;
}

/// Walk the schema from the root: objects and fields in the contract's order, so the first error
/// found is the one a reader of the document meets first.
pub(crate) fn read(input: &dyn Input) -> Result<Scenario> {
    let mut s = Scenario::default();
    input.object("")?;
    read_object(input, "", &mut s)?;
    Ok(s)
}

fn read_object(input: &dyn Input, path: &str, s: &mut Scenario) -> Result<()> {
    for (name, member) in schema::members(path) {
        match member {
            schema::Member::Section(section) => {
                if input.object(section.path)? {
                    (section.open)(s);
                    read_object(input, section.path, s)?;
                } else if section.required {
                    return Err(InputError::new(path, format!("missing field `{name}`")));
                }
            }
            schema::Member::Field(f) => match input.value(f)? {
                Some(v) => (f.set)(s, Some(v)),
                None if f.required => {
                    return Err(InputError::new(path, format!("missing field `{name}`")))
                }
                None => {}
            },
        }
    }
    Ok(())
}

/// A Scenario from a JSON value.
pub fn scenario_from_value(v: &Value) -> Result<Scenario> {
    read(&Json {
        root: v,
        found: Default::default(),
    })
}

/// A JSON document, read object by object: when an object is checked, the values of its members
/// are noted by their schema path, so a field is found without walking from the root again.
struct Json<'a> {
    root: &'a Value,
    found: std::cell::RefCell<Vec<(&'static str, &'a Value)>>,
}

impl<'a> Json<'a> {
    fn found(&self, path: &str) -> Option<&'a Value> {
        self.found
            .borrow()
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, v)| *v)
    }
}

impl Input for Json<'_> {
    fn object(&self, path: &str) -> Result<bool> {
        let v = if path.is_empty() {
            self.root
        } else {
            match self.found(path) {
                Some(v) => v,
                None => return Ok(false),
            }
        };
        let Value::Object(map) = v else {
            return Err(InputError::new(
                path,
                format!(
                    "expected an object with the fields {}; got {}",
                    list(&schema::children(path)),
                    kind_of(v)
                ),
            ));
        };
        let members = schema::members(path);
        let mut found = self.found.borrow_mut();
        for (k, value) in map {
            let Some((_, member)) = members.iter().find(|(name, _)| name == k) else {
                return Err(InputError::new(
                    path,
                    format!(
                        "unknown field `{}`, accepted: {}",
                        printable(k),
                        list(&schema::children(path))
                    ),
                ));
            };
            if !value.is_null() {
                found.push((member.path(), value));
            }
        }
        Ok(true)
    }

    fn value(&self, f: &Field) -> Result<Option<FieldValue>> {
        self.found(f.path)
            .map(|v| json_value(&f.kind, v, f.path))
            .transpose()
    }
}

/// A JSON value of a field's kind.
fn json_value(kind: &Kind, v: &Value, path: &str) -> Result<FieldValue> {
    let bad = |expected: String| InputError::new(path, expected);
    match (kind, v) {
        (Kind::Id(set), Value::String(s)) => id(set, s, path).map(FieldValue::Text),
        (Kind::Id(set), other) => Err(bad(format!(
            "expected a string, one of {}; got {}",
            (set.accepted)(),
            kind_of(other)
        ))),
        (Kind::Bool, Value::Bool(b)) => Ok(FieldValue::Bool(*b)),
        (Kind::Bool, other) => Err(bad(format!(
            "expected true, false or null; got {}",
            kind_of(other)
        ))),
        (Kind::Int { min, max, accepted }, v) => match v.as_u64() {
            Some(n) if (*min..=*max).contains(&n) => Ok(FieldValue::Int(n)),
            _ => Err(bad(format!(
                "`{}` is not accepted; accepted: {accepted}",
                printable(&v.to_text())
            ))),
        },
        (Kind::Text, Value::String(s)) => Ok(FieldValue::Text(s.clone())),
        (Kind::Date, Value::String(s)) => date(s, path).map(FieldValue::Text),
        (Kind::Text | Kind::Date, other) => {
            Err(bad(format!("expected a string; got {}", kind_of(other))))
        }
        (Kind::Names | Kind::Ids(_), Value::Array(items)) => items
            .iter()
            .map(|(_, item)| item)
            .enumerate()
            .map(|(i, item)| {
                let p = format!("{path}[{i}]");
                match (kind, item) {
                    (Kind::Ids(set), Value::String(s)) => id(set, s, &p),
                    (Kind::Ids(set), other) => Err(InputError::new(
                        p,
                        format!(
                            "expected a string, one of {}; got {}",
                            (set.accepted)(),
                            kind_of(other)
                        ),
                    )),
                    (_, Value::String(s)) => Ok(s.clone()),
                    (_, other) => Err(InputError::new(
                        p,
                        format!("expected a string; got {}", kind_of(other)),
                    )),
                }
            })
            .collect::<Result<Vec<_>>>()
            .map(FieldValue::List),
        (Kind::Names | Kind::Ids(_), other) => {
            Err(bad(format!("expected a list; got {}", kind_of(other))))
        }
    }
}

pub(crate) fn id(set: &schema::IdSet, s: &str, path: &str) -> Result<String> {
    if (set.valid)(s) {
        Ok(s.to_string())
    } else {
        Err(InputError::new(
            path,
            format!(
                "unknown value `{}`, accepted: {}",
                printable(s),
                (set.accepted)()
            ),
        ))
    }
}

pub(crate) fn date(s: &str, path: &str) -> Result<String> {
    match super::date::Date::parse(s) {
        Some(d) => Ok(d.to_string()),
        None => Err(InputError::new(
            path,
            format!("`{}` is not a date; accepted: YYYY-MM-DD", printable(s)),
        )),
    }
}

/// A Target from a JSON value (the inventory's "one target for all").
pub fn target_from_value(v: &serde_json::Value, path: &str) -> Result<super::scenario::Target> {
    // Read it as the `target` of a scenario, then move the paths back under `path`.
    let doc = Value::Object(vec![
        (
            "current".into(),
            Value::Object(vec![("os".into(), Value::String("windows-10".into()))]),
        ),
        ("target".into(), super::json::from_serde(v)),
    ]);
    scenario_from_value(&doc).map(|s| s.target).map_err(|e| {
        let rest = e.path.strip_prefix("target").unwrap_or(&e.path);
        InputError::new(format!("{path}{rest}"), e.message)
    })
}
