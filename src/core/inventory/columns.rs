//! Which column of a CSV inventory feeds which field: the schema's dotted paths and their
//! aliases, the server's name, and the columns of Windows' own exports (`os.*`), matched by
//! header case-, space-, `_`- and `-`-insensitively.

use super::{ColumnMapping, Form, InventoryOptions};
use crate::core::parse::list;
use crate::core::scenario::printable;
use crate::core::schema::{self, Kind, Value};

/// A column of what Windows reports about itself, read by interpretation (`windows.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Win {
    Caption,
    Version,
    Architecture,
    Language,
    ServicePack,
    DomainRole,
    ProductType,
    InstallationType,
    OtherType,
}

impl Win {
    pub const ALL: [Win; 9] = [
        Win::Caption,
        Win::Version,
        Win::Architecture,
        Win::Language,
        Win::ServicePack,
        Win::DomainRole,
        Win::ProductType,
        Win::InstallationType,
        Win::OtherType,
    ];

    /// The field id of the column-mapping step, and what the column holds.
    pub const fn describe(self) -> (&'static str, &'static str) {
        match self {
            Win::Caption => (
                "os.caption",
                "the product name, e.g. `Microsoft Windows Server 2016 Datacenter`",
            ),
            Win::Version => (
                "os.version",
                "the version or build number, e.g. `10.0.17763` or `17763`",
            ),
            Win::Architecture => (
                "os.architecture",
                "`64-bit`, `32-bit`, `ARM 64-bit Processor`",
            ),
            Win::Language => (
                "os.language",
                "a language ID (LCID) such as `1033`, or a tag such as `en-US`",
            ),
            Win::ServicePack => ("os.service_pack", "`2` or `Service Pack 2`"),
            Win::DomainRole => (
                "os.domain_role",
                "DomainRole: 0–5 or its name; 4 and 5 are domain controllers",
            ),
            Win::ProductType => (
                "os.product_type",
                "ProductType: 1 workstation, 2 domain controller, 3 server",
            ),
            Win::InstallationType => (
                "os.installation_type",
                "`Server Core`, `Server` or `Client`",
            ),
            Win::OtherType => (
                "os.other_type",
                "OtherTypeDescription: `R2` marks Windows Server 2003 R2",
            ),
        }
    }
}

/// What a column feeds: the name, a schema field (by its index in `schema::FIELDS`), or a
/// Windows column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Path(usize),
    Win(Win),
}

impl From<Win> for Column {
    fn from(w: Win) -> Self {
        Column::Win(w)
    }
}

impl Column {
    pub fn id(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Path(i) => schema::FIELDS[i].path,
            Column::Win(w) => w.describe().0,
        }
    }

    pub fn from_id(id: &str) -> Option<Column> {
        if id == "name" {
            return Some(Column::Name);
        }
        schema::FIELDS
            .iter()
            .position(|f| f.path == id)
            .map(Column::Path)
            .or_else(|| {
                Win::ALL
                    .into_iter()
                    .find(|w| w.describe().0 == id)
                    .map(Column::Win)
            })
    }
}

/// Every field a column can be mapped to, with what it holds (for the column-mapping step):
/// the name, every Scenario field (the contract's values), and the Windows columns (the values
/// Windows itself reports, interpreted).
pub fn mapping_fields() -> Vec<(&'static str, String)> {
    let mut out = vec![("name", "the server's name".to_string())];
    out.extend(schema::DOCS.iter().map(|d| (d.path, d.doc.to_string())));
    out.extend(
        Win::ALL
            .iter()
            .map(|w| (w.describe().0, w.describe().1.to_string())),
    );
    out
}

/// Header aliases of the name and the Windows columns (normalised: lower case, no spaces, `_`
/// or `-`), highest priority first. When several columns map to one field, the first non-empty
/// cell in this order wins. The Scenario fields' own aliases are in the schema.
const ALIASES: &[(&str, Column)] = &[
    ("csname", Column::Name),
    ("computername", Column::Name),
    ("pscomputername", Column::Name),
    ("netbiosname", Column::Name),
    ("servername", Column::Name),
    ("hostname", Column::Name),
    ("dnshostname", Column::Name),
    ("csdnshostname", Column::Name),
    ("devicename", Column::Name),
    ("machinename", Column::Name),
    ("computer", Column::Name),
    ("server", Column::Name),
    ("host", Column::Name),
    ("device", Column::Name),
    ("name", Column::Name),
    ("caption", Column::Win(Win::Caption)),
    ("osname", Column::Win(Win::Caption)),
    ("windowsproductname", Column::Win(Win::Caption)),
    ("productname", Column::Win(Win::Caption)),
    ("operatingsystem", Column::Win(Win::Caption)),
    ("operatingsystemname", Column::Win(Win::Caption)),
    ("operatingsystemnameandversion", Column::Win(Win::Caption)),
    ("operatingsystemnameand", Column::Win(Win::Caption)),
    ("oscaption", Column::Win(Win::Caption)),
    ("os", Column::Win(Win::Caption)),
    ("buildnumber", Column::Win(Win::Version)),
    ("osbuildnumber", Column::Win(Win::Version)),
    ("currentbuildnumber", Column::Win(Win::Version)),
    ("currentbuild", Column::Win(Win::Version)),
    ("build", Column::Win(Win::Version)),
    ("osbuild", Column::Win(Win::Version)),
    ("version", Column::Win(Win::Version)),
    ("osversion", Column::Win(Win::Version)),
    ("build01", Column::Win(Win::Version)),
    ("osarchitecture", Column::Win(Win::Architecture)),
    ("architecture", Column::Win(Win::Architecture)),
    ("arch", Column::Win(Win::Architecture)),
    ("cssystemtype", Column::Win(Win::Architecture)),
    ("systemtype", Column::Win(Win::Architecture)),
    ("oslanguage", Column::Win(Win::Language)),
    ("language", Column::Win(Win::Language)),
    ("osuilanguage", Column::Win(Win::Language)),
    ("muilanguages", Column::Win(Win::Language)),
    ("osmuilanguages", Column::Win(Win::Language)),
    ("oslocale", Column::Win(Win::Language)),
    ("servicepackmajorversion", Column::Win(Win::ServicePack)),
    ("osservicepackmajorversion", Column::Win(Win::ServicePack)),
    ("servicepack", Column::Win(Win::ServicePack)),
    ("sp", Column::Win(Win::ServicePack)),
    ("csdversion", Column::Win(Win::ServicePack)),
    ("oscsdversion", Column::Win(Win::ServicePack)),
    ("csdomainrole", Column::Win(Win::DomainRole)),
    ("domainrole", Column::Win(Win::DomainRole)),
    ("osproducttype", Column::Win(Win::ProductType)),
    ("producttype", Column::Win(Win::ProductType)),
    (
        "windowsinstallationtype",
        Column::Win(Win::InstallationType),
    ),
    ("installationtype", Column::Win(Win::InstallationType)),
    ("othertypedescription", Column::Win(Win::OtherType)),
    ("osothertypedescription", Column::Win(Win::OtherType)),
];

/// Lower case, without spaces, `_`, `-`, tabs or a byte-order mark.
pub fn norm(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// An alias (normalised header) → (column, rank); a lower rank wins.
fn alias(key: &str) -> Option<(Column, usize)> {
    if let Some(i) = ALIASES.iter().position(|(a, _)| *a == key) {
        return Some((ALIASES[i].1, 10 + i));
    }
    schema::DOCS.iter().enumerate().find_map(|(i, f)| {
        f.aliases
            .iter()
            .position(|a| *a == key)
            .map(|j| (Column::Path(i), 10 + ALIASES.len() + j))
    })
}

/// (column, rank, via the ConfigMgr trailing `0`) for a header; lower rank wins.
pub fn detect(header: &str) -> Option<(Column, usize, bool)> {
    let key = norm(header);
    let undotted: String = key.chars().filter(|&c| c != '.').collect();
    if let Some(i) = schema::FIELDS
        .iter()
        .position(|f| f.path.replace(['.', '_'], "") == undotted)
    {
        return Some((Column::Path(i), 1, false));
    }
    if let Some((c, r)) = alias(&key) {
        return Some((c, r, false));
    }
    // ConfigMgr's SQL views add a `0` to every property: Name0, Caption0, CSDVersion0, …
    key.strip_suffix('0')
        .and_then(alias)
        .map(|(c, r)| (c, r, true))
}

/// Every accepted header alias for a field id (normalised), for the documentation and the UI.
pub fn aliases(field: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = ALIASES
        .iter()
        .filter(|(_, c)| c.id() == field)
        .map(|(a, _)| *a)
        .collect();
    if let Some(f) = schema::doc(field) {
        out.extend(f.aliases.iter().copied());
    }
    out
}

/// The columns of a CSV header: which field each feeds, in priority order per field.
pub struct ColumnPlan {
    pub headers: Vec<String>,
    /// field → column indexes, highest priority first.
    pub fields: Vec<(Column, Vec<usize>)>,
}

impl ColumnPlan {
    pub fn columns(&self, c: Column) -> &[usize] {
        self.fields
            .iter()
            .find(|(g, _)| *g == c)
            .map(|(_, cols)| cols.as_slice())
            .unwrap_or(&[])
    }
    pub fn has(&self, c: Column) -> bool {
        !self.columns(c).is_empty()
    }
    pub fn gives_current_os(&self) -> bool {
        Column::from_id("current.os").is_some_and(|c| self.has(c))
            || self.has(Win::Caption.into())
            || self.has(Win::Version.into())
    }
    pub fn has_windows_columns(&self) -> bool {
        Win::ALL.iter().any(|&w| self.has(w.into()))
    }
}

/// How a header was read: its column, its rank, whether it looks like ConfigMgr.
type Found = Option<(Column, usize, bool)>;

fn explicit_or_detected(header: &str, options: &InventoryOptions) -> Result<(Found, bool), String> {
    let explicit = options.mapping.get(header).or_else(|| {
        let n = norm(header);
        options
            .mapping
            .iter()
            .find(|(k, _)| norm(k) == n)
            .map(|(_, v)| v)
    });
    match explicit {
        Some(id) if id.is_empty() || id == "ignore" => Ok((None, false)),
        Some(id) => match Column::from_id(id) {
            Some(c) => Ok((Some((c, 0, false)), false)),
            None => Err(format!(
                "mapping for column `{}`: `{}` is not a field; accepted: `ignore` or {}",
                printable(header),
                printable(id),
                list(&mapping_fields().iter().map(|(f, _)| *f).collect::<Vec<_>>())
            )),
        },
        None => {
            let d = detect(header);
            Ok((d, d.is_none()))
        }
    }
}

/// Read a header line: the plan of columns, how each column was read, whether a header was not
/// recognised, and which form the inventory is in.
pub fn plan_columns(
    headers: &[String],
    options: &InventoryOptions,
) -> Result<(ColumnPlan, Vec<ColumnMapping>, bool, Form), String> {
    let mut ranked: Vec<(Column, usize, usize)> = Vec::new(); // column, rank, index
    let mut mapping = Vec::with_capacity(headers.len());
    let mut unrecognised = false;
    let (mut native, mut configmgr, mut interpreted) = (false, false, false);
    for (col, header) in headers.iter().enumerate() {
        let (found, unknown) = explicit_or_detected(header, options)?;
        unrecognised |= unknown;
        if let Some((c, rank, zero)) = found {
            match c {
                Column::Path(_) => native = true,
                Column::Name => {}
                Column::Win(_) => interpreted = true,
            }
            let n = norm(header);
            configmgr |= zero || n.contains("netbios") || n.starts_with("operatingsystem");
            ranked.push((c, rank, col));
        }
        mapping.push(ColumnMapping {
            header: header.clone(),
            field: found.map(|(c, _, _)| c.id().to_string()),
        });
    }
    ranked.sort_by_key(|&(_, rank, col)| (rank, col));
    let mut fields: Vec<(Column, Vec<usize>)> = Vec::new();
    for (c, _, col) in ranked {
        match fields.iter_mut().find(|(g, _)| *g == c) {
            Some((_, cols)) => cols.push(col),
            None => fields.push((c, vec![col])),
        }
    }
    let form = match (interpreted, configmgr, native) {
        (true, true, _) => Form::Configmgr,
        (true, false, _) => Form::Powershell,
        (false, _, true) => Form::Native,
        _ => Form::Unknown,
    };
    let plan = ColumnPlan {
        headers: headers.to_vec(),
        fields,
    };
    Ok((plan, mapping, unrecognised, form))
}

fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A native cell → the field's value, leniently: ids in any case, `yes`/`no`/`x` for booleans,
/// lists separated by `,` or `;`, a product name where a version id is expected.
pub fn cell_value(f: &schema::Field, raw: &str) -> Result<Value, String> {
    let unknown = |v: &str, accepted: String| {
        format!("unknown value `{}`, accepted: {accepted}", printable(v))
    };
    match f.kind {
        Kind::Id(set) => {
            let id = raw.to_ascii_lowercase();
            if (set.valid)(&id) {
                return Ok(Value::Text(id));
            }
            if f.path.ends_with(".os") {
                // Also accept a product name such as "Windows Server 2016".
                if let Ok(super::product_name::ProductName { os: Some(os), .. }) =
                    super::product_name::parse_product_name(raw)
                {
                    return Ok(Value::Text(os.id().to_string()));
                }
                return Err(unknown(raw, (set.accepted)()));
            }
            Err(unknown(&id, (set.accepted)()))
        }
        Kind::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "x" => Ok(Value::Bool(true)),
            "false" | "no" | "n" | "0" => Ok(Value::Bool(false)),
            _ => Err("expected true, false or null; got a string".into()),
        },
        Kind::Int { min, max, accepted } => match raw.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) && raw.len() <= 9 => Ok(Value::Int(n)),
            _ => Err(format!(
                "`{}` is not accepted; accepted: {accepted}",
                printable(&serde_json::Value::String(raw.to_string()).to_string())
            )),
        },
        Kind::Text => Ok(Value::Text(raw.to_string())),
        Kind::Date => crate::core::parse::date(raw, f.path)
            .map(Value::Text)
            .map_err(|e| e.message),
        Kind::Names => Ok(Value::List(split_list(raw).map(String::from).collect())),
        Kind::Ids(set) => split_list(raw)
            .map(|s| {
                let id = s.to_ascii_lowercase();
                if (set.valid)(&id) {
                    Ok(id)
                } else {
                    Err(unknown(&id, (set.accepted)()))
                }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::List),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_loosely() {
        assert_eq!(detect("Current.OS").map(|d| d.0.id()), Some("current.os"));
        assert_eq!(
            detect("current_service_pack").map(|d| d.0.id()),
            Some("current.service_pack")
        );
        assert_eq!(
            detect("CSDVersion0").map(|d| d.0.id()),
            Some("os.service_pack")
        );
        assert_eq!(detect("Netbios Name").map(|d| d.0.id()), Some("name"));
        assert_eq!(
            detect("OS Build Number").map(|d| d.0.id()),
            Some("os.version")
        );
        assert!(detect("Favourite colour").is_none());
        for (id, _) in mapping_fields() {
            assert_eq!(Column::from_id(id).map(Column::id), Some(id));
        }
        for (_, c) in ALIASES {
            assert_eq!(Column::from_id(c.id()), Some(*c));
        }
    }
}
