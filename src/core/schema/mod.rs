//! One declarative table of every Scenario field: its dotted path, kind, default, a one-sentence
//! doc, whether the form resets it when it becomes impossible, and how to read and set it.
//!
//! Everything that names a field comes from here: the JSON reader (`parse`), the URL fragment
//! (`fragment`), the inventory's native columns (`inventory::columns`), the form's resets
//! ([`settle`]) and the field table of `docs/scenario-format.md` ([`markdown_table`]).
//! Adding a field is one entry in [`FIELDS`] (see `docs/adding-a-field.md`).

use super::date::Date;
use super::scenario::Scenario;

/// A field's value as every reader and writer shares it: ids and dates are `Text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Bool(bool),
    Int(u64),
    List(Vec<String>),
}

impl Value {
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// A closed set of ids (an `id_enum!`), as the schema sees it.
#[derive(Clone, Copy)]
pub struct IdSet {
    /// Every (id, label), in the enum's order.
    pub all: fn() -> Vec<(&'static str, &'static str)>,
    pub valid: fn(&str) -> bool,
    /// "`a`, `b`, `c`", for error messages.
    pub accepted: fn() -> String,
}

/// What a field holds, and so how it is read from JSON, a URL and an inventory cell.
#[derive(Clone, Copy)]
pub enum Kind {
    /// One id of a closed set.
    Id(IdSet),
    Bool,
    /// A whole number from `min` to `max`; `accepted` says so in words.
    Int {
        min: u64,
        max: u64,
        accepted: &'static str,
    },
    /// Free text, checked when the scenario is resolved (language tags, releases).
    Text,
    /// A list of names (free text).
    Names,
    /// A list of ids.
    Ids(IdSet),
    /// A calendar date `YYYY-MM-DD`.
    Date,
}

/// A field's check against the rest of the scenario: what is wrong and what is accepted.
pub type Check = fn(&Scenario, &Value) -> Result<(), String>;

/// One Scenario field, as the readers, writers and the form use it.
pub struct Field {
    /// Dotted path in JSON, the URL fragment and the native inventory header, e.g. `current.os`.
    pub path: &'static str,
    pub kind: Kind,
    /// Only `current.os` and `target.os` are required.
    pub required: bool,
    /// The form clears it (with a notice) when another change makes its value impossible.
    pub resets: bool,
    /// A short label in words (form, notices).
    pub label: &'static str,
    /// Where to read it on the machine, in one line (the form shows it).
    pub hint: &'static str,
    /// What a left-out field means ("unknown" for facts about the machine), as the docs and the
    /// form's empty choice say it.
    pub default: &'static str,
    /// A check that needs the rest of the scenario (run by `resolve` when the field is set):
    /// what is wrong and what is accepted.
    pub check: Option<Check>,
    pub get: fn(&Scenario) -> Option<Value>,
    pub set: fn(&mut Scenario, Option<Value>),
}

/// The same field as the documentation and the inventory's column matching describe it (a table
/// of its own, generated from the same entry, so the page's wasm does not carry the prose).
pub struct FieldDoc {
    pub path: &'static str,
    /// One sentence: what the field says about the machine or the plan.
    pub doc: &'static str,
    /// What is accepted, in words, when the kind alone does not say it ("" = from the kind).
    pub accepted: &'static str,
    /// More inventory headers for it (normalised: lower case, no spaces, `_`, `-` or `.`).
    pub aliases: &'static [&'static str],
}

/// An object of the Scenario that holds fields.
pub struct Section {
    pub path: &'static str,
    /// `current` and `target` must be given.
    pub required: bool,
    /// Make the section present (`"configmgr": {}` means "use ConfigMgr", with every default).
    pub open: fn(&mut Scenario),
    pub is_open: fn(&Scenario) -> bool,
}

// ---------------------------------------------------------------------------------------------
// Conversions between typed fields and `Value`
// ---------------------------------------------------------------------------------------------

/// A single value a field can hold.
pub trait Scalar: Sized {
    fn to_value(&self) -> Value;
    fn from_value(v: &Value) -> Option<Self>;
}

/// An item of a list field.
pub trait Item: Sized {
    fn to_text(&self) -> String;
    fn from_text(s: &str) -> Option<Self>;
}

/// How a struct member holds a field: `Option<T>` or `Vec<T>` (left out = `None` / empty).
pub trait Slot: Sized {
    fn read(&self) -> Option<Value>;
    fn write(v: Option<Value>) -> Self;
}

impl<T: Scalar> Slot for Option<T> {
    fn read(&self) -> Option<Value> {
        self.as_ref().map(Scalar::to_value)
    }
    fn write(v: Option<Value>) -> Self {
        v.as_ref().and_then(T::from_value)
    }
}

impl<T: Item> Slot for Vec<T> {
    fn read(&self) -> Option<Value> {
        (!self.is_empty()).then(|| Value::List(self.iter().map(Item::to_text).collect()))
    }
    fn write(v: Option<Value>) -> Self {
        match v {
            Some(Value::List(items)) => items.iter().filter_map(|s| T::from_text(s)).collect(),
            _ => Vec::new(),
        }
    }
}

impl Scalar for bool {
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

macro_rules! int_scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            fn to_value(&self) -> Value {
                Value::Int(*self as u64)
            }
            fn from_value(v: &Value) -> Option<Self> {
                match v {
                    Value::Int(n) => <$t>::try_from(*n).ok(),
                    _ => None,
                }
            }
        }
    )*};
}
int_scalar!(u8, u16, u32);

impl Scalar for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(v: &Value) -> Option<Self> {
        v.text().map(String::from)
    }
}

impl Item for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(s: &str) -> Option<Self> {
        Some(s.to_string())
    }
}

impl Scalar for Date {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
    fn from_value(v: &Value) -> Option<Self> {
        v.text().and_then(Date::parse)
    }
}

pub mod checks;
mod fields;
pub use fields::{DOCS, FIELDS};

/// The objects of the Scenario, in the contract's order.
pub static SECTIONS: &[Section] = &[
    Section {
        path: "current",
        required: true,
        open: |_| {},
        is_open: |_| true,
    },
    Section {
        path: "target",
        required: true,
        open: |_| {},
        is_open: |_| true,
    },
    Section {
        path: "cluster",
        required: false,
        open: |s| {
            s.cluster.get_or_insert_with(Default::default);
        },
        is_open: |s| s.cluster.is_some(),
    },
    Section {
        path: "configmgr",
        required: false,
        open: |s| {
            s.configmgr.get_or_insert_with(Default::default);
        },
        is_open: |s| s.configmgr.is_some(),
    },
    Section {
        path: "hardware",
        required: false,
        open: |_| {},
        is_open: |s| !s.hardware.is_empty(),
    },
    Section {
        path: "hardware.cpu",
        required: false,
        open: |_| {},
        is_open: |s| !s.hardware.cpu.is_empty(),
    },
    Section {
        path: "virtualisation",
        required: false,
        open: |_| {},
        is_open: |s| !s.virtualisation.is_empty(),
    },
    Section {
        path: "roles",
        required: false,
        open: |_| {},
        is_open: |s| !s.roles.is_empty(),
    },
    Section {
        path: "configmgr.package",
        required: false,
        open: |s| {
            s.configmgr
                .get_or_insert_with(Default::default)
                .package
                .get_or_insert_with(Default::default);
        },
        is_open: |s| s.configmgr.as_ref().is_some_and(|c| c.package.is_some()),
    },
];

/// The field at a dotted path.
pub fn field(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == path)
}

/// The documentation of the field at a dotted path.
pub fn doc(path: &str) -> Option<&'static FieldDoc> {
    DOCS.iter().find(|d| d.path == path)
}

/// The section at a dotted path.
pub fn section(path: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.path == path)
}

/// A member of an object of the Scenario: a section (an object of its own) or a field.
#[derive(Clone, Copy)]
pub enum Member {
    Section(&'static Section),
    Field(&'static Field),
}

impl Member {
    /// The member's dotted path.
    pub fn path(self) -> &'static str {
        match self {
            Member::Section(s) => s.path,
            Member::Field(f) => f.path,
        }
    }
}

/// The objects of the Scenario (`""` is the root) with their members, in the contract's order;
/// worked out once from [`FIELDS`] and [`SECTIONS`].
/// An object's path and its members (name, member).
type Object = (&'static str, Vec<(&'static str, Member)>);

fn tree() -> &'static [Object] {
    static TREE: std::sync::OnceLock<Vec<Object>> = std::sync::OnceLock::new();
    TREE.get_or_init(|| {
        let objects = std::iter::once("").chain(SECTIONS.iter().map(|s| s.path));
        objects
            .map(|path| {
                let mut members: Vec<(&'static str, Member)> = Vec::new();
                for f in FIELDS {
                    let rest = if path.is_empty() {
                        Some(f.path)
                    } else {
                        f.path.strip_prefix(path).and_then(|r| r.strip_prefix('.'))
                    };
                    let Some(rest) = rest else { continue };
                    let name = rest.split('.').next().unwrap_or(rest);
                    if members.iter().any(|(n, _)| *n == name) {
                        continue;
                    }
                    let member = if rest.contains('.') {
                        let full = &f.path[..f.path.len() - rest.len() + name.len()];
                        match section(full) {
                            Some(sec) => Member::Section(sec),
                            None => continue,
                        }
                    } else {
                        Member::Field(f)
                    };
                    members.push((name, member));
                }
                (path, members)
            })
            .collect()
    })
}

/// The members directly inside an object (`""` for the root), in the contract's order.
pub fn members(path: &str) -> &'static [(&'static str, Member)] {
    tree()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, m)| m.as_slice())
        .unwrap_or(&[])
}

/// The names directly inside an object (`""` for the root), in the contract's order.
pub fn children(path: &str) -> Vec<&'static str> {
    members(path).iter().map(|(name, _)| *name).collect()
}

impl Kind {
    /// What the kind accepts, in words, for the documentation.
    pub fn describe(&self) -> String {
        match self {
            Kind::Id(set) => (set.accepted)(),
            Kind::Bool => "`true`, `false`".into(),
            Kind::Int { accepted, .. } => (*accepted).into(),
            Kind::Text => "text".into(),
            Kind::Names => "a list of names".into(),
            Kind::Ids(set) => format!("any of {}", (set.accepted)()),
            Kind::Date => "`YYYY-MM-DD`".into(),
        }
    }
}

/// The field table of `docs/scenario-format.md`, generated from [`FIELDS`].
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| field | accepted | default when left out | what it says |\n|---|---|---|---|\n",
    );
    for (f, d) in FIELDS.iter().zip(DOCS) {
        let accepted = if d.accepted.is_empty() {
            f.kind.describe()
        } else {
            d.accepted.to_string()
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            f.path, accepted, f.default, d.doc
        ));
    }
    out
}

/// Run the checks of the fields that need the rest of the scenario, in the contract's order.
pub fn check_fields(s: &Scenario) -> Result<(), super::scenario::InputError> {
    for f in FIELDS {
        let Some(check) = f.check else { continue };
        if let Some(v) = (f.get)(s) {
            check(s, &v).map_err(|m| super::scenario::InputError::new(f.path, m))?;
        }
    }
    Ok(())
}

/// What the form reset after a change: the field, its label and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reset {
    pub path: &'static str,
    pub label: &'static str,
    /// The error the old value would have caused (`path: message`).
    pub because: String,
}

/// After a change, clear the resettable fields the new scenario makes impossible (one at a time,
/// as `resolve` finds them) and say which; any other error stays for the user to see.
pub fn settle(s: &mut Scenario) -> Vec<Reset> {
    let mut resets = Vec::new();
    while resets.len() < FIELDS.len() {
        let Err(e) = s.resolve() else { break };
        let Some(f) = field(&e.path).filter(|f| f.resets) else {
            break;
        };
        (f.set)(s, None);
        resets.push(Reset {
            path: f.path,
            label: f.label,
            because: e.to_string(),
        });
    }
    resets
}
