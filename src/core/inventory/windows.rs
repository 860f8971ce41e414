//! Reading what Windows itself reports (product names, version and build numbers, architectures,
//! language IDs, service packs, domain roles) into Scenario values. The versions, builds and
//! names come from the catalog's rows; only the shape of Windows' own strings lives here.

use super::columns::{norm, Win};
use super::csv_input::Cells;
use super::product_name::{parse_product_name, ProductName};
use crate::core::catalog::{self, version, Family};
use crate::core::ids::{Arch, Installation, Os};
use crate::core::schema::Value;

/// (NT kernel version, build number) as read from a version cell.
pub type KernelBuild = (Option<(u32, u32)>, Option<u32>);

/// `10.0.17763`, `6.1.7601`, `17763`, `10.0.17763.5458`, `10.0` → (kernel, build).
pub fn parse_version(v: &str) -> Result<KernelBuild, String> {
    let token = v
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .unwrap_or("");
    let parts: Vec<Option<u32>> = token
        .split('.')
        .map(|p| {
            if p.is_empty() || p.len() > 9 {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect();
    match parts.as_slice() {
        [Some(b)] => Ok((None, Some(*b))),
        [Some(a), Some(b)] => Ok((Some((*a, *b)), None)),
        [Some(a), Some(b), Some(c), ..] => Ok((Some((*a, *b)), Some(*c))),
        _ => Err("not a version or build number; accepted: a build such as `17763` or a version such as `10.0.17763`".to_string()),
    }
}

/// A build number → version. A build shared by a client and a server release (7601, 9600,
/// 14393, 17763, 26100, …) is the server unless the family says client.
pub fn os_from_build(b: u32, family: Option<Family>) -> Result<Os, String> {
    catalog::by_build(b, family).ok_or_else(|| match family {
        Some(Family::Server) => format!(
            "build {b} is not a Windows Server release the planner knows (semi-annual channel releases are not covered); accepted: {}",
            catalog::family_versions(Family::Server)
                .iter()
                .flat_map(|v| v.builds.iter().map(move |x| format!("{x} ({})", v.os.label())))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => format!(
            "build {b} is not a Windows release the planner knows; accepted: a build such as 7601, 9600, 14393, 17763, 19045, 20348, 22631 or 26100"
        ),
    })
}

pub fn os_from_kernel(k: (u32, u32), family: Option<Family>) -> Result<Os, String> {
    let family = family.unwrap_or(Family::Server);
    catalog::by_kernel(k, family).ok_or_else(|| {
        format!(
            "version {}.{} alone does not say which release; add the build number, e.g. 10.0.17763",
            k.0, k.1
        )
    })
}

pub fn release_of(os: Os, build: u32) -> Option<&'static str> {
    version(os).release_of_build(build).map(|r| r.name)
}

fn release_builds(os: Os) -> String {
    version(os)
        .releases
        .iter()
        .map(|r| format!("{} ({})", r.build, r.name))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn parse_arch(v: &str) -> Result<Arch, String> {
    let l = v.to_ascii_lowercase();
    if l.contains("arm") {
        Ok(Arch::Arm64)
    } else if l.contains("itanium") || l.contains("ia64") || l.contains("ia-64") {
        Ok(Arch::Ia64)
    } else if l.contains("64") {
        Ok(Arch::X64)
    } else if l.contains("32") || l.contains("86") {
        Ok(Arch::X86)
    } else {
        Err("not an architecture; accepted: `64-bit`, `32-bit`, `ARM 64-bit Processor`, `x64`, `x86`, `arm64`, `ia64`".into())
    }
}

const LCIDS: &[(u32, &str)] = &[
    (1025, "ar-SA"),
    (1028, "zh-TW"),
    (1029, "cs-CZ"),
    (1030, "da-DK"),
    (1031, "de-DE"),
    (1032, "el-GR"),
    (1033, "en-US"),
    (1034, "es-ES"),
    (1035, "fi-FI"),
    (1036, "fr-FR"),
    (1037, "he-IL"),
    (1038, "hu-HU"),
    (1040, "it-IT"),
    (1041, "ja-JP"),
    (1042, "ko-KR"),
    (1043, "nl-NL"),
    (1044, "nb-NO"),
    (1045, "pl-PL"),
    (1046, "pt-BR"),
    (1049, "ru-RU"),
    (1053, "sv-SE"),
    (1055, "tr-TR"),
    (2052, "zh-CN"),
    (2057, "en-GB"),
    (2070, "pt-PT"),
    (3082, "es-ES"),
];

/// An LCID (`1033`, `0x0409`) or a tag (`en-US`, `{en-US, de-DE}`: the first) → tag.
/// `Ok(None)` for PowerShell's placeholder `System.String[]`.
pub fn parse_language(v: &str) -> Result<Option<String>, String> {
    let t = v.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace());
    if t.starts_with("System.") {
        return Ok(None);
    }
    let first = t
        .split([',', ';', ' '])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    let lcid = if let Some(hex) = first
        .strip_prefix("0x")
        .or_else(|| first.strip_prefix("0X"))
    {
        u32::from_str_radix(hex, 16).ok()
    } else if first.len() == 4 && first.starts_with('0') {
        u32::from_str_radix(first, 16).ok()
    } else if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) {
        first.parse().ok().or(Some(0))
    } else {
        None
    };
    match lcid {
        Some(n) => LCIDS
            .iter()
            .find(|&&(x, _)| x == n)
            .map(|&(_, tag)| Some(tag.to_string()))
            .ok_or_else(|| {
                "not a language ID the planner knows; accepted: an LCID such as 1033 (en-US), 1031 (de-DE), 1036 (fr-FR), 1041 (ja-JP), or a tag such as en-US".to_string()
            }),
        None => Ok(Some(first.to_string())),
    }
}

/// `2`, `Service Pack 2`, `SP2`, `Service Pack 2, v.3244` → 2.
pub fn parse_service_pack(v: &str) -> Result<u8, String> {
    let l = v.to_ascii_lowercase();
    let digits: String = l
        .trim_start_matches("service pack")
        .trim_start_matches("sp")
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let rest_ok = l.starts_with("service pack")
        || l.starts_with("sp")
        || l.bytes().all(|b| b.is_ascii_digit());
    match digits.parse::<u8>() {
        Ok(n) if rest_ok => Ok(n),
        _ => Err("not a service pack; accepted: a number such as `2` or `Service Pack 2`".into()),
    }
}

pub fn parse_domain_role(v: &str) -> Result<u8, String> {
    let n = norm(v);
    let names = [
        "standaloneworkstation",
        "memberworkstation",
        "standaloneserver",
        "memberserver",
        "backupdomaincontroller",
        "primarydomaincontroller",
    ];
    match n.parse::<u8>() {
        Ok(r) if r <= 5 => Ok(r),
        _ => names
            .iter()
            .position(|x| *x == n)
            .map(|i| i as u8)
            .ok_or_else(|| {
                "not a domain role; accepted: 0 to 5, or a name such as `MemberServer` or `PrimaryDomainController`".to_string()
            }),
    }
}

pub fn parse_product_type(v: &str) -> Result<u8, String> {
    match norm(v).as_str() {
        "1" | "workstation" => Ok(1),
        "2" | "domaincontroller" => Ok(2),
        "3" | "server" => Ok(3),
        _ => Err(
            "not a product type; accepted: 1 (WorkStation), 2 (DomainController), 3 (Server)"
                .into(),
        ),
    }
}

pub fn parse_installation_type(v: &str) -> Result<Installation, String> {
    match norm(v).as_str() {
        "servercore" | "core" => Ok(Installation::Core),
        "server" | "client" | "desktop" | "desktopexperience" => Ok(Installation::Desktop),
        _ => Err(
            "not an installation type the planner knows; accepted: `Server Core`, `Server`, `Client`"
                .into(),
        ),
    }
}

/// A cell that could not be read: (column, value, message).
pub type CellError<'a> = (usize, &'a str, String);

/// Read one Windows column with `parse`, if the row has it.
fn read<'a, T>(
    cells: &Cells<'a, '_>,
    w: Win,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<(usize, T)>, CellError<'a>> {
    match cells.first(w.into()) {
        Some((col, v)) => parse(v).map(|x| Some((col, x))).map_err(|m| (col, v, m)),
        None => Ok(None),
    }
}

/// The `os.*` columns (what Windows reports) → Scenario values, for paths the row's native
/// columns did not set.
pub fn interpret<'a>(cells: &mut Cells<'a, '_>) -> Result<(), CellError<'a>> {
    if !cells.has_any_windows_column() {
        return Ok(());
    }
    let product = read(cells, Win::Caption, parse_product_name)?;
    let version_cell = cells.first(Win::Version.into());
    let (kernel, build) = match version_cell {
        Some((col, v)) => parse_version(v).map_err(|m| (col, v, m))?,
        None => (None, None),
    };
    let kernel = kernel.or(product.as_ref().and_then(|(_, p)| p.kernel));
    let domain_role = read(cells, Win::DomainRole, parse_domain_role)?;
    let product_type = read(cells, Win::ProductType, parse_product_type)?;
    let family = product
        .as_ref()
        .and_then(|(_, p)| p.family)
        .or(product_type.map(|(_, t)| {
            if t == 1 {
                Family::Client
            } else {
                Family::Server
            }
        }))
        .or(domain_role.map(|(_, r)| {
            if r <= 1 {
                Family::Client
            } else {
                Family::Server
            }
        }));
    let os = current_os(cells, product.as_ref(), build, kernel, family)?;
    if let Some((col, p)) = &product {
        product_facts(cells, p, *col);
    }
    if let (Some(os @ (Os::Windows10 | Os::Windows11)), Some(b)) = (os, build) {
        let (col, v) = version_cell.unwrap_or((0, ""));
        let release = release_of(os, b).ok_or_else(|| {
            (
                col,
                v,
                format!(
                    "build {b} is not a release of {} the planner knows; accepted: {}",
                    os.label(),
                    release_builds(os)
                ),
            )
        })?;
        cells.set("current.release", Value::Text(release.into()), col);
    }
    machine_facts(cells)?;
    domain_controller(cells, os, domain_role, product_type);
    Ok(())
}

/// The version: the native `current.os` wins; else the product name, else the build or the
/// kernel version. Sets `current.os` from the column that said it.
fn current_os<'a>(
    cells: &mut Cells<'a, '_>,
    product: Option<&(usize, ProductName)>,
    build: Option<u32>,
    kernel: Option<(u32, u32)>,
    family: Option<Family>,
) -> Result<Option<Os>, CellError<'a>> {
    let native = cells.native_os();
    let caption = cells.first(Win::Caption.into());
    let version_cell = cells.first(Win::Version.into());
    let (os, col) = match (native, product) {
        (Some(os), _) => (Some(os), None),
        (None, Some((col, p))) if p.os.is_some() => (p.os, Some(*col)),
        (None, _) => match (build, kernel) {
            (Some(b), _) => {
                let (col, v) = version_cell.unwrap_or((0, ""));
                (
                    Some(os_from_build(b, family).map_err(|m| (col, v, m))?),
                    Some(col),
                )
            }
            (None, Some(k)) => {
                let (col, v) = version_cell.or(caption).unwrap_or((0, ""));
                (
                    Some(os_from_kernel(k, family).map_err(|m| (col, v, m))?),
                    Some(col),
                )
            }
            (None, None) => {
                if let Some((col, p)) = product {
                    let v = caption.map(|c| c.1).unwrap_or("");
                    let what = if p.kernel.is_some() {
                        "the product name gives the kernel version only"
                    } else {
                        "the product name does not say which version"
                    };
                    return Err((
                        *col,
                        v,
                        format!("{what}; add a build number column (os.version), e.g. BuildNumber"),
                    ));
                }
                (None, None)
            }
        },
    };
    let r2 = cells
        .first(Win::OtherType.into())
        .is_some_and(|(_, v)| v.to_ascii_lowercase().contains("r2"));
    // Windows 11 reports "Windows 10" in its registry ProductName: the build decides.
    let os = match (os, build) {
        (Some(Os::Windows10), Some(b)) if b >= 22000 && native.is_none() => Some(Os::Windows11),
        (Some(Os::Windows11), Some(b)) if b < 22000 && native.is_none() => Some(Os::Windows10),
        (Some(Os::Server2003), _) if r2 && native.is_none() => Some(Os::Server2003R2),
        (os, _) => os,
    };
    if let (Some(os), Some(col)) = (os, col) {
        cells.set("current.os", Value::Text(os.id().into()), col);
    }
    Ok(os)
}

/// Edition, channel, architecture, installation and S mode as the product name gives them.
fn product_facts(cells: &mut Cells<'_, '_>, p: &ProductName, col: usize) {
    let native = cells.native_os();
    if native.is_none() || native == p.os {
        if let Some(e) = p.edition {
            cells.set("current.edition", Value::Text(e.id().into()), col);
        }
    }
    if let Some(c) = p.channel {
        cells.set("current.channel", Value::Text(c.id().into()), col);
    }
    if let Some(a) = p.arch {
        cells.set("current.architecture", Value::Text(a.id().into()), col);
    }
    if let Some(i) = p.installation {
        cells.set("current.installation", Value::Text(i.id().into()), col);
    }
    if p.s_mode {
        cells.set(
            "current.conditions",
            Value::List(vec!["s-mode".into()]),
            col,
        );
    }
}

/// Architecture, language, service pack and installation type columns.
fn machine_facts<'a>(cells: &mut Cells<'a, '_>) -> Result<(), CellError<'a>> {
    if let Some((col, a)) = read(cells, Win::Architecture, parse_arch)? {
        cells.set("current.architecture", Value::Text(a.id().into()), col);
    }
    if let Some((col, Some(tag))) = read(cells, Win::Language, parse_language)? {
        cells.set("current.language", Value::Text(tag), col);
    }
    match read(cells, Win::ServicePack, parse_service_pack)? {
        Some((col, sp)) => cells.set("current.service_pack", Value::Int(sp.into()), col),
        None => {
            // ConfigMgr and WMI leave CSDVersion empty when no service pack is installed.
            if let Some(col) = cells.column_headed(Win::ServicePack, "csdversion") {
                cells.set("current.service_pack", Value::Int(0), col);
            }
        }
    }
    if let Some((col, i)) = read(cells, Win::InstallationType, parse_installation_type)? {
        cells.set("current.installation", Value::Text(i.id().into()), col);
    }
    Ok(())
}

/// `DomainRole` 4–5 or `ProductType` 2: a domain controller (Windows client versions have no
/// such role to carry).
fn domain_controller(
    cells: &mut Cells<'_, '_>,
    os: Option<Os>,
    domain_role: Option<(usize, u8)>,
    product_type: Option<(usize, u8)>,
) {
    let dc = match (domain_role, product_type) {
        (Some((col, r)), _) if r >= 4 => Some((col, true)),
        (_, Some((col, 2))) => Some((col, true)),
        (Some((col, _)), _) => Some((col, false)),
        (None, Some((col, _))) => Some((col, false)),
        (None, None) => None,
    };
    if let Some((col, dc)) = dc {
        if dc || os.is_none_or(|o| version(o).family == Family::Server) {
            cells.set("current.domain_controller", Value::Bool(dc), col);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_versions_and_languages() {
        assert_eq!(
            parse_version("10.0.17763").unwrap(),
            (Some((10, 0)), Some(17763))
        );
        assert_eq!(parse_version("17763").unwrap(), (None, Some(17763)));
        assert_eq!(parse_version("6.1.7601.65536").unwrap().1, Some(7601));
        assert!(parse_version("latest").is_err());
        assert_eq!(os_from_build(17763, None).unwrap(), Os::Server2019);
        assert_eq!(
            os_from_build(17763, Some(Family::Client)).unwrap(),
            Os::Windows10
        );
        assert_eq!(os_from_build(22631, None).unwrap(), Os::Windows11);
        assert!(os_from_build(16299, Some(Family::Server)).is_err());
        assert_eq!(release_of(Os::Windows10, 19045), Some("22H2"));
        assert_eq!(release_of(Os::Windows11, 26200), Some("25H2"));
        assert_eq!(parse_language("1031").unwrap().as_deref(), Some("de-DE"));
        assert_eq!(parse_language("3082").unwrap().as_deref(), Some("es-ES"));
        assert_eq!(parse_language("0409").unwrap().as_deref(), Some("en-US"));
        assert_eq!(
            parse_language("{fr-FR, en-US}").unwrap().as_deref(),
            Some("fr-FR")
        );
        assert_eq!(parse_language("System.String[]").unwrap(), None);
        assert!(parse_language("9999").is_err());
        assert_eq!(parse_arch("ARM 64-bit Processor").unwrap(), Arch::Arm64);
        assert_eq!(parse_arch("64 bits").unwrap(), Arch::X64);
        assert_eq!(parse_arch("32-bit").unwrap(), Arch::X86);
        assert_eq!(parse_service_pack("Service Pack 1").unwrap(), 1);
        assert_eq!(parse_service_pack("2").unwrap(), 2);
        assert!(parse_service_pack("latest").is_err());
        assert_eq!(parse_domain_role("PrimaryDomainController").unwrap(), 5);
        assert_eq!(parse_domain_role("3").unwrap(), 3);
    }
}
