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
    /// A whole number from 0 to `max`; `accepted` says so in words (the version's range is checked later).
    Int {
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

/// One Scenario field.
pub struct Field {
    /// Dotted path in JSON, the URL fragment and the native inventory header, e.g. `current.os`.
    pub path: &'static str,
    pub kind: Kind,
    /// Only `current.os` and `target.os` are required.
    pub required: bool,
    /// A short label in words (form, notices).
    pub label: &'static str,
    /// One sentence: what the field says about the machine or the plan.
    pub doc: &'static str,
    /// What is accepted, in words, when the kind alone does not say it ("" = from the kind).
    pub accepted: &'static str,
    /// What a left-out field means.
    pub default: &'static str,
    /// The form clears it (with a notice) when another change makes its value impossible.
    pub resets: bool,
    /// More inventory headers for it (normalised: lower case, no spaces, `_`, `-` or `.`).
    pub aliases: &'static [&'static str],
    pub get: fn(&Scenario) -> Option<Value>,
    pub set: fn(&mut Scenario, Option<Value>),
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

/// One entry of [`FIELDS`]: `field!(path, kind, label, doc, default, [flags], accessor)`.
macro_rules! field {
    (
        $path:literal, $kind:expr, $label:literal, $doc:literal,
        accepted: $accepted:literal, default: $default:literal,
        resets: $resets:literal, aliases: [$($alias:literal),*], $acc:expr
    ) => {{
        let (get, set) = $acc;
        Field {
            path: $path,
            kind: $kind,
            required: false,
            label: $label,
            doc: $doc,
            accepted: $accepted,
            default: $default,
            resets: $resets,
            aliases: &[$($alias),*],
            get,
            set,
        }
    }};
}

const SP: Kind = Kind::Int {
    max: 255,
    accepted: "a whole number from 0 to 255 (the version's range is checked next), or null",
};

/// Every field of the Scenario, in the contract's order (which is also the order errors are found in).
pub static FIELDS: &[Field] = &[
    Field {
        required: true,
        ..field!("current.os", Kind::Id(Os::SET), "Windows version", "The installed Windows version.",
            accepted: "", default: "required", resets: false, aliases: [], at!(req current.os))
    },
    field!("current.edition", Kind::Id(Edition::SET), "Edition", "The installed edition.",
        accepted: "an edition **of that version** (table below)",
        default: "the version's first edition", resets: true, aliases: [], at!(current.edition)),
    field!("current.service_pack", SP, "Service pack", "The installed service pack.",
        accepted: "`0` … the version's last service pack, or `null`",
        default: "the **latest** service pack of the version", resets: true, aliases: [], at!(current.service_pack)),
    field!("current.architecture", Kind::Id(Arch::SET), "Architecture", "The installed architecture.",
        accepted: "only an architecture the version was built for",
        default: "the version's first", resets: true, aliases: [], at!(current.architecture)),
    field!("current.language", Kind::Text, "Language", "The installed language.",
        accepted: "a language tag such as `en-US`, `de-DE`, `zh-Hant-TW` (case is normalised)",
        default: "`en-US`", resets: false, aliases: [], at!(current.language)),
    field!("current.channel", Kind::Id(Channel::SET), "Licensing channel", "How the installation was licensed.",
        accepted: "", default: "`retail`", resets: false, aliases: [], at!(current.channel)),
    field!("current.installation", Kind::Id(Installation::SET), "Installation", "Server with Desktop Experience or Server Core.",
        accepted: "`desktop`, `core` (Server Core exists from 2008 on)",
        default: "`desktop`", resets: true, aliases: [], at!(current.installation)),
    field!("current.cluster_node", Kind::Bool, "Cluster node", "Whether the server is a node of a failover cluster.",
        accepted: "", default: "`false`, or `true` when `cluster` is given", resets: false, aliases: [], at!(current.cluster_node)),
    field!("current.domain_controller", Kind::Bool, "Domain controller", "Whether the server is a domain controller.",
        accepted: "", default: "`false`", resets: false, aliases: ["domaincontroller", "isdomaincontroller"], at!(current.domain_controller)),
    field!("current.release", Kind::Text, "Release", "The installed Windows 10/11 feature-update release.",
        accepted: "Windows 10: `1507` … `22H2`; Windows 11: `21H2` … `25H2` (only for Windows 10/11)",
        default: "the latest release", resets: true, aliases: ["osdisplayversion", "displayversion", "release"], at!(current.release)),
    field!("current.conditions", Kind::Ids(Condition::SET), "More about this machine", "Facts about the machine that gate or colour the upgrade.",
        accepted: "", default: "none", resets: false, aliases: [], at!(current.conditions)),
    Field {
        required: true,
        ..field!("target.os", Kind::Id(Os::SET), "Windows version", "The version to upgrade to.",
            accepted: "", default: "required", resets: false, aliases: ["target", "targetversion"], at!(req target.os))
    },
    field!("target.edition", Kind::Id(Edition::SET), "Edition", "The edition to end up with.",
        accepted: "an edition **of that version**",
        default: "the current edition if the target has it, else the target's first", resets: true, aliases: [], at!(target.edition)),
    field!("target.service_pack", SP, "Service pack to install", "For the same version: the service pack to install.",
        accepted: "`0` … the version's last service pack, or `null`",
        default: "`null` = no service-pack change", resets: true, aliases: [], at!(target.service_pack)),
    field!("target.architecture", Kind::Id(Arch::SET), "Architecture", "The architecture of the target media.",
        accepted: "only an architecture the version was built for",
        default: "the current one if the target has it", resets: true, aliases: [], at!(target.architecture)),
    field!("target.language", Kind::Text, "Language of the media", "The language of the target media.",
        accepted: "a language tag", default: "the current one", resets: false, aliases: [], at!(target.language)),
    field!("target.installation", Kind::Id(Installation::SET), "Installation", "Server with Desktop Experience or Server Core after the upgrade.",
        accepted: "`desktop`, `core`", default: "the current one", resets: true, aliases: [], at!(target.installation)),
    field!("target.media_channel", Kind::Id(Channel::SET), "Channel of the media", "The licensing channel of the target media (2003 R2: of CD1/CD2).",
        accepted: "", default: "the installed channel (an evaluation installation: `retail`, except for 2003 R2)", resets: false, aliases: [], at!(target.media_channel)),
    field!("target.key_channel", Kind::Id(Channel::SET), "Channel of the product key", "The licensing channel of the product key.",
        accepted: "", default: "the media channel", resets: false, aliases: [], at!(target.key_channel)),
    field!("target.key_edition", Kind::Id(Edition::SET), "Edition of the product key", "The edition (SKU) the product key is for.",
        accepted: "an edition of the target version", default: "the target edition", resets: true, aliases: [], at!(target.key_edition)),
    field!("target.release", Kind::Text, "Release", "The Windows 10/11 release to upgrade to.",
        accepted: "a release of the target version", default: "the latest release", resets: true, aliases: [], at!(target.release)),
    field!("cluster.nodes", Kind::Names, "Nodes", "The cluster's node names, in the order the runbook takes them.",
        accepted: "2 to 64 computer names (letters, digits, `-`, `_`, `.`; at most 63 characters; no duplicates)",
        default: "`Node A`, `Node B` when the machine is a cluster node", resets: false, aliases: [], at!(in cluster: nodes)),
    field!("cluster.groups", Kind::Names, "Groups", "The cluster's groups, to name them in the runbook.",
        accepted: "up to 256 group names (at most 128 characters, no control characters)",
        default: "none: steps say \"every group owned by …\"", resets: false, aliases: [], at!(in cluster: groups)),
    field!("configmgr.version", Kind::Int { max: u32::MAX as u64, accepted: "a current-branch version YYMM such as 2103, 2403 or 2509" },
        "ConfigMgr version", "The Configuration Manager current-branch version of the site.",
        accepted: "a current-branch version `YYMM`, e.g. `2103`, `2403`", default: "`2403`", resets: false, aliases: [], at!(in configmgr: version)),
    field!("configmgr.content", Kind::Id(CmContent::SET), "Content", "Where the upgrade content of the task sequence comes from.",
        accepted: "", default: "`upgrade-package`", resets: false, aliases: [], at!(in configmgr: content)),
    field!("configmgr.delivery", Kind::Id(CmDelivery::SET), "Delivery", "How the task sequence reaches the device.",
        accepted: "", default: "`software-center`", resets: false, aliases: [], at!(in configmgr: delivery)),
    field!("configmgr.boot_image", Kind::Bool, "Boot image included", "Whether the task sequence includes a boot image.",
        accepted: "", default: "`false`", resets: false, aliases: [], at!(in configmgr: boot_image)),
    field!("configmgr.via_cmg", Kind::Bool, "Internet clients via CMG", "Whether the device is reached through the cloud management gateway.",
        accepted: "", default: "`false`", resets: false, aliases: [], at!(in configmgr: via_cmg)),
    field!("configmgr.distribution_point", Kind::Bool, "Distribution point available", "Whether a distribution point is available.",
        accepted: "", default: "`true`", resets: false, aliases: [], at!(in configmgr: distribution_point)),
    field!("configmgr.software_update_point", Kind::Bool, "Software update point syncs Upgrades", "Whether a software update point synchronises the Upgrades classification.",
        accepted: "", default: "`true`", resets: false, aliases: [], at!(in configmgr: software_update_point)),
    field!("configmgr.package.edition", Kind::Id(Edition::SET), "Package edition", "The edition of the OS upgrade package.",
        accepted: "", default: "the client's current edition", resets: false, aliases: [], at!(in configmgr.package: edition)),
    field!("configmgr.package.architecture", Kind::Id(Arch::SET), "Package architecture", "The architecture of the OS upgrade package.",
        accepted: "", default: "the client's current architecture", resets: false, aliases: [], at!(in configmgr.package: architecture)),
    field!("configmgr.package.language", Kind::Text, "Package language", "The language of the OS upgrade package.",
        accepted: "a language tag", default: "the client's current language", resets: false, aliases: [], at!(in configmgr.package: language)),
    field!("configmgr.planned_changes", Kind::Ids(PlannedChange::SET), "Also planned with this upgrade", "Changes planned together with the upgrade.",
        accepted: "", default: "none", resets: false, aliases: [], at!(in configmgr: planned_changes)),
    field!("as_of", Kind::Date, "Plan date", "The date lifecycle dates are compared with.",
        accepted: "`YYYY-MM-DD`", default: "the command and the page use today; the core alone uses the rules' date", resets: false, aliases: [], at!(as_of)),
];

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

/// The section at a dotted path.
pub fn section(path: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.path == path)
}

/// The names directly inside an object (`""` for the root), in the contract's order.
pub fn children(path: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for f in FIELDS {
        let rest = if path.is_empty() {
            Some(f.path)
        } else {
            f.path.strip_prefix(path).and_then(|r| r.strip_prefix('.'))
        };
        if let Some(rest) = rest {
            let name = rest.split('.').next().unwrap_or(rest);
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
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
    for f in FIELDS {
        let accepted = if f.accepted.is_empty() {
            f.kind.describe()
        } else {
            f.accepted.to_string()
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            f.path, accepted, f.default, f.doc
        ));
    }
    out
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
