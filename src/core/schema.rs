//! One declarative table of every Scenario field: its dotted path, kind, default, a one-sentence
//! doc, whether the form resets it when it becomes impossible, and how to read and set it.
//!
//! Everything that names a field comes from here: the JSON reader (`parse`), the URL fragment
//! (`fragment`), the inventory's native columns (`inventory::columns`), the form's resets
//! ([`settle`]) and the field table of `docs/scenario-format.md` ([`markdown_table`]).
//! Adding a field is one entry in [`FIELDS`] (see `docs/adding-a-field.md`).

use super::date::Date;
use super::ids::*;
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
    /// What a left-out field means.
    pub default: &'static str,
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

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/// Getter and setter of a field at a path of plain structs (`at!(current.edition)`), or of a field
/// inside an optional section (`at!(in configmgr: version)`), which setting a value opens.
macro_rules! at {
    (req $($p:ident).+) => {
        (
            |s: &Scenario| Some(Scalar::to_value(&s.$($p).+)),
            |s: &mut Scenario, v: Option<Value>| {
                if let Some(x) = v.as_ref().and_then(Scalar::from_value) {
                    s.$($p).+ = x;
                }
            },
        )
    };
    (in $sec:ident : $($p:ident).+) => {
        (
            |s: &Scenario| s.$sec.as_ref().and_then(|x| Slot::read(&x.$($p).+)),
            |s: &mut Scenario, v: Option<Value>| {
                let x = Slot::write(v);
                if Slot::read(&x).is_some() {
                    s.$sec.get_or_insert_with(Default::default).$($p).+ = x;
                } else if let Some(sec) = s.$sec.as_mut() {
                    sec.$($p).+ = x;
                }
            },
        )
    };
    (in $sec:ident . $sub:ident : $f:ident) => {
        (
            |s: &Scenario| {
                s.$sec.as_ref().and_then(|x| x.$sub.as_ref()).and_then(|x| Slot::read(&x.$f))
            },
            |s: &mut Scenario, v: Option<Value>| {
                let x = Slot::write(v);
                if Slot::read(&x).is_some() {
                    s.$sec.get_or_insert_with(Default::default).$sub.get_or_insert_with(Default::default).$f = x;
                } else if let Some(sub) = s.$sec.as_mut().and_then(|c| c.$sub.as_mut()) {
                    sub.$f = x;
                }
            },
        )
    };
    ($($p:ident).+) => {
        (
            |s: &Scenario| Slot::read(&s.$($p).+),
            |s: &mut Scenario, v: Option<Value>| s.$($p).+ = Slot::write(v),
        )
    };
}

/// The Scenario's fields, one entry each: path, kind, accessor, whether it is required and
/// whether the form resets it, its label, and its documentation (what it says, what is accepted,
/// its default, more inventory headers). Generates [`FIELDS`] and [`DOCS`] in the same order.
macro_rules! schema {
    (@opt) => { None };
    (@opt $e:expr) => { Some($e) };
    ($( $(#[$meta:meta])* $path:literal => {
        kind: $kind:expr, at: $at:expr, $(check: $check:expr,)? required: $required:literal,
        resets: $resets:literal, label: $label:literal, doc: $doc:literal,
        accepted: $accepted:literal, default: $default:literal, aliases: [$($alias:literal),*] $(,)?
    } ),+ $(,)?) => {
        /// Every field of the Scenario, in the contract's order (which is also the order errors are found in).
        pub static FIELDS: &[Field] = &[$(
            $(#[$meta])*
            {
                let (get, set) = $at;
                Field {
                    path: $path,
                    kind: $kind,
                    required: $required,
                    resets: $resets,
                    label: $label,
                    check: schema!(@opt $($check)?),
                    get,
                    set,
                }
            }
        ),+];
        /// The documentation of every field, in the order of [`FIELDS`].
        pub static DOCS: &[FieldDoc] = &[$(
            $(#[$meta])*
            FieldDoc { path: $path, doc: $doc, accepted: $accepted, default: $default, aliases: &[$($alias),*] }
        ),+];
    };
}

const SP: Kind = Kind::Int {
    min: 0,
    max: 255,
    accepted: "a whole number from 0 to 255 (the version's range is checked next), or null",
};

schema! {
    "current.os" => {
        kind: Kind::Id(Os::SET), at: at!(req current.os), required: true, resets: false,
        label: "Windows version",
        doc: "The installed Windows version.",
        accepted: "",
        default: "required",
        aliases: [],
    },
    "current.edition" => {
        kind: Kind::Id(Edition::SET), at: at!(current.edition), required: false, resets: true,
        label: "Edition",
        doc: "The installed edition.",
        accepted: "an edition **of that version** (table below)",
        default: "the version's first edition",
        aliases: [],
    },
    "current.service_pack" => {
        kind: SP, at: at!(current.service_pack), required: false, resets: true,
        label: "Service pack",
        doc: "The installed service pack.",
        accepted: "`0` … the version's last service pack, or `null`",
        default: "the **latest** service pack of the version",
        aliases: [],
    },
    "current.architecture" => {
        kind: Kind::Id(Arch::SET), at: at!(current.architecture), required: false, resets: true,
        label: "Architecture",
        doc: "The installed architecture.",
        accepted: "only an architecture the version was built for",
        default: "the version's first",
        aliases: [],
    },
    "current.language" => {
        kind: Kind::Text, at: at!(current.language), required: false, resets: false,
        label: "Language",
        doc: "The installed language.",
        accepted: "a language tag such as `en-US`, `de-DE`, `zh-Hant-TW` (case is normalised)",
        default: "`en-US`",
        aliases: [],
    },
    "current.channel" => {
        kind: Kind::Id(Channel::SET), at: at!(current.channel), required: false, resets: false,
        label: "Licensing channel",
        doc: "How the installation was licensed.",
        accepted: "",
        default: "`retail`",
        aliases: [],
    },
    "current.installation" => {
        kind: Kind::Id(Installation::SET), at: at!(current.installation), required: false, resets: true,
        label: "Installation",
        doc: "Server with Desktop Experience or Server Core.",
        accepted: "`desktop`, `core` (Server Core exists from 2008 on)",
        default: "`desktop`",
        aliases: [],
    },
    "current.cluster_node" => {
        kind: Kind::Bool, at: at!(current.cluster_node), required: false, resets: false,
        label: "Cluster node",
        doc: "Whether the server is a node of a failover cluster.",
        accepted: "",
        default: "`false`, or `true` when `cluster` is given",
        aliases: [],
    },
    "current.domain_controller" => {
        kind: Kind::Bool, at: at!(current.domain_controller), required: false, resets: false,
        label: "Domain controller",
        doc: "Whether the server is a domain controller.",
        accepted: "",
        default: "`false`",
        aliases: ["domaincontroller", "isdomaincontroller"],
    },
    "current.release" => {
        kind: Kind::Text, at: at!(current.release), required: false, resets: true,
        label: "Release",
        doc: "The installed Windows 10/11 feature-update release.",
        accepted: "Windows 10: `1507` … `22H2`; Windows 11: `21H2` … `25H2` (only for Windows 10/11)",
        default: "the latest release",
        aliases: ["osdisplayversion", "displayversion", "release"],
    },
    #[cfg(feature = "synthetic-field")]
    "current.synthetic_widget" => {
        kind: Kind::Bool, at: at!(current.synthetic_widget),
        check: |s, _| match super::catalog::version(s.current.os).family {
            super::catalog::Family::Server => Ok(()),
            super::catalog::Family::Client => Err(format!(
                "{} has no widget; accepted: a Windows Server version, or leave it out",
                s.current.os.label()
            )),
        },
        required: false, resets: true,
        label: "Synthetic widget",
        doc: "Test-only: whether the server has the synthetic widget.",
        accepted: "`true`, `false` (Windows Server versions only)",
        default: "`false`",
        aliases: ["widget", "haswidget"],
    },
    "current.conditions" => {
        kind: Kind::Ids(Condition::SET), at: at!(current.conditions), required: false, resets: false,
        label: "More about this machine",
        doc: "Facts about the machine that gate or colour the upgrade.",
        accepted: "",
        default: "none",
        aliases: [],
    },
    "target.os" => {
        kind: Kind::Id(Os::SET), at: at!(req target.os), required: true, resets: false,
        label: "Windows version",
        doc: "The version to upgrade to.",
        accepted: "",
        default: "required",
        aliases: ["target", "targetversion"],
    },
    "target.edition" => {
        kind: Kind::Id(Edition::SET), at: at!(target.edition), required: false, resets: true,
        label: "Edition",
        doc: "The edition to end up with.",
        accepted: "an edition **of that version**",
        default: "the current edition if the target has it, else the target's first",
        aliases: [],
    },
    "target.service_pack" => {
        kind: SP, at: at!(target.service_pack), required: false, resets: true,
        label: "Service pack to install",
        doc: "For the same version: the service pack to install.",
        accepted: "`0` … the version's last service pack, or `null`",
        default: "`null` = no service-pack change",
        aliases: [],
    },
    "target.architecture" => {
        kind: Kind::Id(Arch::SET), at: at!(target.architecture), required: false, resets: true,
        label: "Architecture",
        doc: "The architecture of the target media.",
        accepted: "only an architecture the version was built for",
        default: "the current one if the target has it",
        aliases: [],
    },
    "target.language" => {
        kind: Kind::Text, at: at!(target.language), required: false, resets: false,
        label: "Language of the media",
        doc: "The language of the target media.",
        accepted: "a language tag",
        default: "the current one",
        aliases: [],
    },
    "target.installation" => {
        kind: Kind::Id(Installation::SET), at: at!(target.installation), required: false, resets: true,
        label: "Installation",
        doc: "Server with Desktop Experience or Server Core after the upgrade.",
        accepted: "`desktop`, `core`",
        default: "the current one",
        aliases: [],
    },
    "target.media_channel" => {
        kind: Kind::Id(Channel::SET), at: at!(target.media_channel), required: false, resets: false,
        label: "Channel of the media",
        doc: "The licensing channel of the target media (2003 R2: of CD1/CD2).",
        accepted: "",
        default: "the installed channel (an evaluation installation: `retail`, except for 2003 R2)",
        aliases: [],
    },
    "target.key_channel" => {
        kind: Kind::Id(Channel::SET), at: at!(target.key_channel), required: false, resets: false,
        label: "Channel of the product key",
        doc: "The licensing channel of the product key.",
        accepted: "",
        default: "the media channel",
        aliases: [],
    },
    "target.key_edition" => {
        kind: Kind::Id(Edition::SET), at: at!(target.key_edition), required: false, resets: true,
        label: "Edition of the product key",
        doc: "The edition (SKU) the product key is for.",
        accepted: "an edition of the target version",
        default: "the target edition",
        aliases: [],
    },
    "target.release" => {
        kind: Kind::Text, at: at!(target.release), required: false, resets: true,
        label: "Release",
        doc: "The Windows 10/11 release to upgrade to.",
        accepted: "a release of the target version",
        default: "the latest release",
        aliases: [],
    },
    "cluster.nodes" => {
        kind: Kind::Names, at: at!(in cluster: nodes), required: false, resets: false,
        label: "Nodes",
        doc: "The cluster's node names, in the order the runbook takes them.",
        accepted: "2 to 64 computer names (letters, digits, `-`, `_`, `.`; at most 63 characters; no duplicates)",
        default: "`Node A`, `Node B` when the machine is a cluster node",
        aliases: [],
    },
    "cluster.groups" => {
        kind: Kind::Names, at: at!(in cluster: groups), required: false, resets: false,
        label: "Groups",
        doc: "The cluster's groups, to name them in the runbook.",
        accepted: "up to 256 group names (at most 128 characters, no control characters)",
        default: "none: steps say \"every group owned by …\"",
        aliases: [],
    },
    "configmgr.version" => {
        kind: Kind::Int { min: 0, max: u32::MAX as u64, accepted: "a current-branch version YYMM such as 2103, 2403 or 2509" }, at: at!(in configmgr: version), required: false, resets: false,
        label: "ConfigMgr version",
        doc: "The Configuration Manager current-branch version of the site.",
        accepted: "a current-branch version `YYMM`, e.g. `2103`, `2403`",
        default: "`2403`",
        aliases: [],
    },
    "configmgr.content" => {
        kind: Kind::Id(CmContent::SET), at: at!(in configmgr: content), required: false, resets: false,
        label: "Content",
        doc: "Where the upgrade content of the task sequence comes from.",
        accepted: "",
        default: "`upgrade-package`",
        aliases: [],
    },
    "configmgr.delivery" => {
        kind: Kind::Id(CmDelivery::SET), at: at!(in configmgr: delivery), required: false, resets: false,
        label: "Delivery",
        doc: "How the task sequence reaches the device.",
        accepted: "",
        default: "`software-center`",
        aliases: [],
    },
    "configmgr.boot_image" => {
        kind: Kind::Bool, at: at!(in configmgr: boot_image), required: false, resets: false,
        label: "Boot image included",
        doc: "Whether the task sequence includes a boot image.",
        accepted: "",
        default: "`false`",
        aliases: [],
    },
    "configmgr.via_cmg" => {
        kind: Kind::Bool, at: at!(in configmgr: via_cmg), required: false, resets: false,
        label: "Internet clients via CMG",
        doc: "Whether the device is reached through the cloud management gateway.",
        accepted: "",
        default: "`false`",
        aliases: [],
    },
    "configmgr.distribution_point" => {
        kind: Kind::Bool, at: at!(in configmgr: distribution_point), required: false, resets: false,
        label: "Distribution point available",
        doc: "Whether a distribution point is available.",
        accepted: "",
        default: "`true`",
        aliases: [],
    },
    "configmgr.software_update_point" => {
        kind: Kind::Bool, at: at!(in configmgr: software_update_point), required: false, resets: false,
        label: "Software update point syncs Upgrades",
        doc: "Whether a software update point synchronises the Upgrades classification.",
        accepted: "",
        default: "`true`",
        aliases: [],
    },
    "configmgr.package.edition" => {
        kind: Kind::Id(Edition::SET), at: at!(in configmgr.package: edition), required: false, resets: false,
        label: "Package edition",
        doc: "The edition of the OS upgrade package.",
        accepted: "",
        default: "the client's current edition",
        aliases: [],
    },
    "configmgr.package.architecture" => {
        kind: Kind::Id(Arch::SET), at: at!(in configmgr.package: architecture), required: false, resets: false,
        label: "Package architecture",
        doc: "The architecture of the OS upgrade package.",
        accepted: "",
        default: "the client's current architecture",
        aliases: [],
    },
    "configmgr.package.language" => {
        kind: Kind::Text, at: at!(in configmgr.package: language), required: false, resets: false,
        label: "Package language",
        doc: "The language of the OS upgrade package.",
        accepted: "a language tag",
        default: "the client's current language",
        aliases: [],
    },
    "configmgr.planned_changes" => {
        kind: Kind::Ids(PlannedChange::SET), at: at!(in configmgr: planned_changes), required: false, resets: false,
        label: "Also planned with this upgrade",
        doc: "Changes planned together with the upgrade.",
        accepted: "",
        default: "none",
        aliases: [],
    },
    "as_of" => {
        kind: Kind::Date, at: at!(as_of), required: false, resets: false,
        label: "Plan date",
        doc: "The date lifecycle dates are compared with.",
        accepted: "`YYYY-MM-DD`",
        default: "the command and the page use today; the core alone uses the rules' date",
        aliases: [],
    }
}

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
            f.path, accepted, d.default, d.doc
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
