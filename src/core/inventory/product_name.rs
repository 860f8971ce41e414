//! Reading a Windows product name (WMI `Caption`, `WindowsProductName`, ConfigMgr `Caption0`):
//! version, edition, channel, architecture, installation. The versions' own names come from the
//! catalog's rows; this file knows only the shape of the names and the editions' words.

use crate::core::catalog::{self, Family};
use crate::core::ids::{Arch, Channel, Edition, Installation, Os};

/// What a product name (WMI `Caption`, `WindowsProductName`, ConfigMgr `Caption0`) says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProductName {
    pub os: Option<Os>,
    pub family: Option<Family>,
    /// NT kernel version when the name gives only that (`Microsoft Windows NT Server 6.3`).
    pub kernel: Option<(u32, u32)>,
    pub edition: Option<Edition>,
    pub channel: Option<Channel>,
    pub arch: Option<Arch>,
    pub installation: Option<Installation>,
    pub s_mode: bool,
}

/// A product name as lower-case words, padded with spaces: marks and punctuation dropped.
pub fn words(s: &str) -> String {
    let mut cleaned = String::with_capacity(s.len() + 2);
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            '®' | '™' | ',' | ';' | ':' | '-' | '_' | '(' | ')' | '[' | ']' | '/' | '|' | '"'
            | '\'' | '*' | '+' | '&' | '<' | '>' | '=' => cleaned.push(' '),
            c if c.is_whitespace() || c.is_control() => cleaned.push(' '),
            c => cleaned.push(c),
        }
    }
    let mut out = String::from(" ");
    for w in cleaned
        .split(' ')
        .filter(|w| !w.is_empty() && !matches!(*w, "microsoft" | "r" | "tm" | "c"))
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// `hay` (from `words`) contains the words `w`.
pub fn has(hay: &str, w: &str) -> bool {
    hay.match_indices(w).any(|(i, _)| {
        hay.as_bytes().get(i.wrapping_sub(1)) == Some(&b' ')
            && hay.as_bytes().get(i + w.len()) == Some(&b' ')
    })
}

const NOT_IN_CATALOG: &[(&str, &str)] = &[
    ("small business server", "Small Business Server"),
    ("essential business server", "Essential Business Server"),
    ("home server", "Windows Home Server"),
    ("multipoint", "MultiPoint Server"),
    ("nano server", "Nano Server"),
    ("hpc", "Windows HPC Server"),
    ("foundation", "the Foundation edition"),
    ("for workstations", "Pro for Workstations"),
    ("iot", "Windows IoT"),
    ("xp", "Windows XP"),
    ("vista", "Windows Vista"),
    ("windows 95", "Windows 95"),
    ("windows 98", "Windows 98"),
    ("windows me", "Windows Me"),
    ("windows rt", "Windows RT"),
    ("windows 8.1 rt", "Windows RT"),
    ("2000 professional", "Windows 2000 Professional"),
    ("nt workstation 4.0", "Windows NT Workstation"),
    ("team", "Windows 10 Team"),
];

/// Server editions by the words of their name, most specific first.
const SERVER_EDITIONS: &[(&[&str], Edition)] = &[
    (&["hyper v server", "hyperv server"], Edition::HyperVServer),
    (&["storage server"], Edition::Storage),
    (
        &["azure edition", "datacenter azure"],
        Edition::DatacenterAzure,
    ),
    (&["datacenter"], Edition::Datacenter),
    (&["enterprise"], Edition::Enterprise),
    (&["essentials"], Edition::Essentials),
    (&["web"], Edition::Web),
    (&["standard"], Edition::Standard),
];

/// Windows 7 editions by the words of their name.
const WINDOWS_7_EDITIONS: &[(&[&str], Edition)] = &[
    (&["professional", "pro"], Edition::Professional),
    (&["ultimate"], Edition::Ultimate),
    (&["home premium"], Edition::HomePremium),
    (&["home basic"], Edition::HomeBasic),
    (&["starter"], Edition::Starter),
];

fn edition_by_words(w: &str, table: &[(&[&str], Edition)]) -> Option<Edition> {
    table
        .iter()
        .find(|(names, _)| names.iter().any(|n| has(w, n)))
        .map(|(_, e)| *e)
}

fn unknown_product() -> String {
    "not a Windows version the planner knows; accepted: a product name such as `Microsoft Windows Server 2019 Standard`, `Microsoft Windows Server 2008 R2 Enterprise` or `Microsoft Windows 10 Pro`".to_string()
}

/// Read a product name such as "Microsoft Windows Server 2008 R2 Enterprise" or
/// "Windows 10 Enterprise LTSC 2019". `Err` names what is not in the planner's catalog.
pub fn parse_product_name(s: &str) -> Result<ProductName, String> {
    let w = words(s).replace(" without hyper v ", " ");
    if let Some((_, what)) = NOT_IN_CATALOG.iter().find(|(k, _)| has(&w, k)) {
        return Err(format!(
            "{what} is not in the planner's catalog; accepted: Windows NT 4.0 to Windows Server 2025 and Windows 7 to Windows 11 (e.g. `Microsoft Windows Server 2019 Standard`)"
        ));
    }
    if !has(&w, "windows") && !has(&w, "hyper v server") && !has(&w, "server") {
        return Err(unknown_product());
    }
    let mut p = ProductName {
        channel: (has(&w, "evaluation") || has(&w, "eval")).then_some(Channel::Evaluation),
        arch: arch_in_name(&w),
        ..ProductName::default()
    };
    if let Some(os) = catalog::by_name(|n| has(&w, n), Family::Client) {
        p.os = Some(os);
        p.family = Some(Family::Client);
        p.s_mode = has(&w, "s mode") || has(&w, "windows 10 s");
        p.edition = client_edition(&w, os);
        return Ok(p);
    }
    p.family = Some(Family::Server);
    if has(&w, "server core") || has(&w, "core installation") {
        p.installation = Some(Installation::Core);
    }
    if has(&w, "windows nt") {
        nt_name(&w, &mut p);
        return Ok(p);
    }
    p.os = catalog::by_name(|n| has(&w, n), Family::Server);
    if p.os.is_none() && !has(&w, "server") {
        return Err(unknown_product());
    }
    p.edition = match p.os {
        Some(Os::Windows2000) => Some(
            edition_by_words(
                &w,
                &[
                    (&["advanced server"], Edition::Advanced),
                    (&["datacenter"], Edition::Datacenter),
                ],
            )
            .unwrap_or(Edition::Standard),
        ),
        _ => edition_by_words(&w, SERVER_EDITIONS),
    };
    Ok(p)
}

fn arch_in_name(w: &str) -> Option<Arch> {
    if has(w, "x64") || has(w, "64 bit") || has(w, "amd64") {
        Some(Arch::X64)
    } else if has(w, "itanium") || has(w, "ia64") {
        Some(Arch::Ia64)
    } else if has(w, "arm64") {
        Some(Arch::Arm64)
    } else if has(w, "x86") || has(w, "32 bit") {
        Some(Arch::X86)
    } else {
        None
    }
}

/// "Windows NT Server 4.0" is NT 4.0; "Windows NT 6.3" gives only the kernel version.
fn nt_name(w: &str, p: &mut ProductName) {
    let kernel = w.split(' ').find_map(|t| {
        let (a, b) = t.split_once('.')?;
        Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?))
    });
    if has(w, "workstation") {
        p.family = Some(Family::Client);
    }
    match kernel {
        Some((4, 0)) if p.family == Some(Family::Server) => {
            p.os = Some(Os::WindowsNt40);
            p.edition = Some(if has(w, "enterprise") {
                Edition::Enterprise
            } else {
                Edition::Standard
            });
        }
        Some(k) => p.kernel = Some(k),
        None => {}
    }
}

fn client_edition(w: &str, os: Os) -> Option<Edition> {
    if has(w, "ltsc") || has(w, "ltsb") {
        return Some(Edition::EnterpriseLtsc);
    }
    if has(w, "pro education") {
        return Some(Edition::ProEducation);
    }
    if has(w, "education") {
        return Some(Edition::Education);
    }
    if has(w, "enterprise") {
        return Some(Edition::Enterprise);
    }
    if os == Os::Windows7 {
        return edition_by_words(w, WINDOWS_7_EDITIONS);
    }
    if has(w, "pro") || has(w, "professional") {
        Some(Edition::Pro)
    } else if matches!(os, Os::Windows8 | Os::Windows81) {
        // "Windows 8.1" alone (or "Windows 8.1 Single Language") is the core edition.
        Some(Edition::Core)
    } else if has(w, "home") || has(w, "core") || has(w, "single language") {
        Some(Edition::Home)
    } else if has(w, "windows 10 s") {
        Some(Edition::Pro)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(s: &str) -> (Option<Os>, Option<Edition>, Option<Channel>) {
        let p = parse_product_name(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (p.os, p.edition, p.channel)
    }

    #[test]
    fn product_names_become_version_and_edition() {
        use Edition::*;
        use Os::*;
        let cases = [
            (
                "Microsoft Windows Server 2016 Datacenter",
                Server2016,
                Some(Datacenter),
                None,
            ),
            (
                "Microsoft Windows Server 2008 R2 Enterprise ",
                Server2008R2,
                Some(Enterprise),
                None,
            ),
            (
                "Windows Server 2012 R2 Standard Evaluation",
                Server2012R2,
                Some(Standard),
                Some(Channel::Evaluation),
            ),
            (
                "Microsoft® Windows Server® 2008 Standard",
                Server2008,
                Some(Standard),
                None,
            ),
            (
                "Microsoft Windows Server 2008 Datacenter without Hyper-V",
                Server2008,
                Some(Datacenter),
                None,
            ),
            ("Microsoft Windows 10 Pro", Windows10, Some(Pro), None),
            (
                "Microsoft Windows 11 Enterprise",
                Windows11,
                Some(Enterprise),
                None,
            ),
            (
                "Windows 10 Enterprise LTSC 2019",
                Windows10,
                Some(EnterpriseLtsc),
                None,
            ),
            (
                "Microsoft Windows Server 2022 Datacenter: Azure Edition",
                Server2022,
                Some(DatacenterAzure),
                None,
            ),
            ("Hyper-V Server 2019", Server2019, Some(HyperVServer), None),
            (
                "Windows Storage Server 2016 Standard",
                Server2016,
                Some(Storage),
                None,
            ),
            (
                "Microsoft Windows Server 2003 R2 Enterprise x64 Edition",
                Server2003R2,
                Some(Enterprise),
                None,
            ),
            (
                "Microsoft(R) Windows(R) Server 2003, Web Edition",
                Server2003,
                Some(Web),
                None,
            ),
            (
                "Microsoft Windows 2000 Advanced Server",
                Windows2000,
                Some(Advanced),
                None,
            ),
            (
                "Microsoft Windows 7 Professional ",
                Windows7,
                Some(Professional),
                None,
            ),
            ("Microsoft Windows 8.1", Windows81, Some(Core), None),
            ("windows-server-2012-r2", Server2012R2, None, None),
            (
                "Windows 10 Pro Education N",
                Windows10,
                Some(ProEducation),
                None,
            ),
        ];
        for (s, os, e, c) in cases {
            assert_eq!(product(s), (Some(os), e, c), "{s}");
        }
        assert_eq!(
            parse_product_name("Microsoft Windows Server 2003 R2 Enterprise x64 Edition")
                .unwrap()
                .arch,
            Some(Arch::X64)
        );
        for bad in [
            "Microsoft Windows XP Professional",
            "Windows Small Business Server 2011 Standard",
            "Microsoft Windows 95",
            "Ubuntu 22.04",
            "<script>alert(1)</script>",
            "Windows Server 2012 R2 Foundation",
        ] {
            assert!(parse_product_name(bad).is_err(), "{bad}");
        }
    }
}
