//! The Scenario contract: what the admin has and wants. Parsing, defaults and validation.
//!
//! Every field but `current.os` and `target.os` is optional; `resolve` fills the documented defaults
//! and rejects anything inconsistent with a message saying what was wrong and what is accepted.

use super::catalog::version;
use super::date::Date;
use super::ids::*;
use serde::Serialize;
use std::fmt;

/// Largest Scenario JSON accepted (bytes).
pub const MAX_SCENARIO_BYTES: usize = 64 * 1024;
pub const MAX_NODES: usize = 64;
pub const MAX_GROUPS: usize = 256;
const MAX_NODE_NAME: usize = 63;
const MAX_GROUP_NAME: usize = 128;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub current: Current,
    pub target: Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Cluster>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configmgr: Option<ConfigMgr>,
    /// The date lifecycle dates are compared with; front ends fill in today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Current {
    pub os: Os,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_pack: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub architecture: Option<Arch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installation: Option<Installation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_node: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_controller: Option<bool>,
    /// Windows 10/11 feature-update release, e.g. `22H2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub os: Os,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_pack: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub architecture: Option<Arch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installation: Option<Installation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_channel: Option<Channel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_channel: Option<Channel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_edition: Option<Edition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cluster {
    pub nodes: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConfigMgr {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<CmContent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<CmDelivery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boot_image: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via_cmg: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution_point: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub software_update_point: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<CmPackage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub planned_changes: Vec<PlannedChange>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CmPackage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub architecture: Option<Arch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Current {
    pub fn new(os: Os) -> Self {
        Current {
            os,
            edition: None,
            service_pack: None,
            architecture: None,
            language: None,
            channel: None,
            installation: None,
            cluster_node: None,
            domain_controller: None,
            release: None,
            conditions: Vec::new(),
        }
    }
}

impl Target {
    pub fn new(os: Os) -> Self {
        Target {
            os,
            edition: None,
            service_pack: None,
            architecture: None,
            language: None,
            installation: None,
            media_channel: None,
            key_channel: None,
            key_edition: None,
            release: None,
        }
    }
}

impl Default for Current {
    fn default() -> Self {
        Current::new(Os::Server2003)
    }
}

impl Default for Target {
    fn default() -> Self {
        Target::new(Os::Server2003R2)
    }
}

impl Scenario {
    pub fn new(current: Os, target: Os) -> Self {
        Scenario {
            current: Current::new(current),
            target: Target::new(target),
            ..Scenario::default()
        }
    }
}

/// Bad input: where it was wrong and what is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// Dotted path of the offending field, e.g. `current.edition`; empty for the whole document.
    pub path: String,
    pub message: String,
}

impl InputError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for InputError {}

/// Parse a Scenario from JSON, with the path of any error.
pub fn parse_scenario(json: &str) -> Result<Scenario, InputError> {
    if json.len() > MAX_SCENARIO_BYTES {
        return Err(InputError::new(
            "",
            format!(
                "the scenario is {} bytes; at most {MAX_SCENARIO_BYTES} bytes are accepted",
                json.len()
            ),
        ));
    }
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg);
        InputError::new("", format!("malformed JSON ({msg})"))
    })?;
    super::parse::scenario_from_value(&value)
}

/// A Scenario with every default filled in and every field checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub current: ResolvedCurrent,
    pub target: ResolvedTarget,
    pub clustered: bool,
    pub nodes: Vec<String>,
    pub groups: Vec<String>,
    pub configmgr: Option<ResolvedConfigMgr>,
    pub as_of: Date,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedCurrent {
    pub os: Os,
    pub edition: Edition,
    pub service_pack: u8,
    pub architecture: Arch,
    pub language: String,
    pub channel: Channel,
    pub installation: Installation,
    pub domain_controller: bool,
    pub release: Option<&'static str>,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedTarget {
    pub os: Os,
    pub edition: Edition,
    pub service_pack: Option<u8>,
    pub architecture: Arch,
    pub language: String,
    pub installation: Installation,
    pub media_channel: Channel,
    pub key_channel: Channel,
    pub key_edition: Edition,
    pub release: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedConfigMgr {
    pub version: u32,
    pub content: CmContent,
    pub delivery: CmDelivery,
    pub boot_image: bool,
    pub via_cmg: bool,
    pub distribution_point: bool,
    pub software_update_point: bool,
    pub package_edition: Edition,
    pub package_architecture: Arch,
    pub package_language: String,
    pub planned_changes: Vec<PlannedChange>,
}

/// Default language when none is given.
pub const DEFAULT_LANGUAGE: &str = "en-US";
/// Default ConfigMgr current-branch version when none is given.
pub const DEFAULT_CONFIGMGR_VERSION: u32 = 2403;
/// Default date when the scenario carries none (the date of the newest rule source).
pub const DEFAULT_AS_OF: Date = Date::lit(super::source::RULES_AS_OF);

/// Check a language tag such as `en-US`, `de-DE`, `zh-Hant-TW`; returns it in canonical case.
pub fn check_language(path: &str, tag: &str) -> Result<String, InputError> {
    let parts: Vec<&str> = tag.split('-').collect();
    let ok = tag.len() <= 16
        && (2..=3).contains(&parts[0].len())
        && parts[0].chars().all(|c| c.is_ascii_alphabetic())
        && parts.len() <= 3
        && parts[1..].iter().all(|p| {
            (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
                || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
                || (p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
        });
    if !ok {
        return Err(InputError::new(
            path,
            format!(
                "`{}` is not a language tag; accepted: a tag such as `en-US`, `de-DE`, `fr-FR` or `zh-Hant-TW`",
                printable(tag)
            ),
        ));
    }
    Ok(parts
        .iter()
        .enumerate()
        .map(|(i, p)| match (i, p.len()) {
            (0, _) => p.to_ascii_lowercase(),
            (_, 4) => {
                let mut s = p.to_ascii_lowercase();
                s[..1].make_ascii_uppercase();
                s
            }
            _ => p.to_ascii_uppercase(),
        })
        .collect::<Vec<_>>()
        .join("-"))
}

/// A short, safe rendering of untrusted text for error messages.
pub fn printable(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(40)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn check_edition(path: &str, os: Os, e: Edition) -> Result<Edition, InputError> {
    let v = version(os);
    if v.has_edition(e) {
        Ok(e)
    } else {
        Err(InputError::new(
            path,
            format!(
                "`{}` is not an edition of {}; accepted: {}",
                e.id(),
                os.label(),
                list(v.editions.iter().map(|e| e.id()))
            ),
        ))
    }
}

fn check_arch(path: &str, os: Os, a: Arch) -> Result<Arch, InputError> {
    let v = version(os);
    if v.has_arch(a) {
        Ok(a)
    } else {
        Err(InputError::new(
            path,
            format!(
                "{} has no {} build; accepted: {}",
                os.label(),
                a.id(),
                list(v.architectures.iter().map(|a| a.id()))
            ),
        ))
    }
}

fn check_sp(path: &str, os: Os, sp: u8) -> Result<u8, InputError> {
    let max = version(os).max_service_pack;
    if sp <= max {
        Ok(sp)
    } else if max == 1 {
        Err(InputError::new(
            path,
            format!(
                "{} has only service pack 1; accepted: 0, 1 or null",
                os.label()
            ),
        ))
    } else if max == 0 {
        Err(InputError::new(
            path,
            format!("{} has no service packs; accepted: 0 or null", os.label()),
        ))
    } else {
        Err(InputError::new(
            path,
            format!(
                "{} has service packs 1 to {max}; accepted: 0 to {max} or null",
                os.label()
            ),
        ))
    }
}

fn check_release(path: &str, os: Os, r: Option<&str>) -> Result<Option<&'static str>, InputError> {
    let v = version(os);
    match r {
        None => Ok(v.default_release()),
        Some(r) if v.releases.is_empty() => Err(InputError::new(
            path,
            format!(
                "`{}`: only Windows 10 and Windows 11 take a release; leave it out for {}",
                printable(r),
                os.label()
            ),
        )),
        Some(r) => match v.release_index(r) {
            Some(i) => Ok(Some(v.releases[i].name)),
            None => Err(InputError::new(
                path,
                format!(
                    "`{}` is not a release of {}; accepted: {}",
                    printable(r),
                    os.label(),
                    list(v.release_names())
                ),
            )),
        },
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_names(
    path: &str,
    names: &[String],
    max: usize,
    max_len: usize,
    node: bool,
) -> Result<(), InputError> {
    if names.len() > max {
        return Err(InputError::new(
            path,
            format!("{} names given; at most {max} are accepted", names.len()),
        ));
    }
    for (i, n) in names.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let trimmed = n.trim();
        if trimmed.is_empty() {
            return Err(InputError::new(
                p,
                "an empty name; accepted: a non-empty name",
            ));
        }
        if trimmed.chars().count() > max_len {
            return Err(InputError::new(
                p,
                format!("`{}` is longer than {max_len} characters", printable(n)),
            ));
        }
        if node
            && !trimmed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        {
            return Err(InputError::new(
                p,
                format!(
                    "`{}` is not a computer name; accepted: letters, digits, `-`, `_` and `.`",
                    printable(n)
                ),
            ));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(InputError::new(
                p,
                format!("`{}` contains control characters", printable(n)),
            ));
        }
        if names[..i]
            .iter()
            .any(|m| m.trim().eq_ignore_ascii_case(trimmed))
        {
            return Err(InputError::new(
                p,
                format!("`{}` is listed twice", printable(n)),
            ));
        }
    }
    Ok(())
}

fn check_configmgr_version(v: u32) -> Result<u32, InputError> {
    let (yy, mm) = (v / 100, v % 100);
    if (15..=30).contains(&yy) && (1..=12).contains(&mm) {
        Ok(v)
    } else {
        Err(InputError::new(
            "configmgr.version",
            format!("`{v}` is not a Configuration Manager current-branch version; accepted: YYMM such as 2103, 2403 or 2509"),
        ))
    }
}

impl Scenario {
    /// Fill in the defaults and check every field. The defaults are documented in `docs/scenario-format.md`.
    pub fn resolve(&self) -> Result<Resolved, InputError> {
        let c = &self.current;
        let t = &self.target;
        let cv = version(c.os);
        let tv = version(t.os);

        let edition = match c.edition {
            Some(e) => check_edition("current.edition", c.os, e)?,
            None => cv.default_edition(),
        };
        let service_pack = match c.service_pack {
            Some(sp) => check_sp("current.service_pack", c.os, sp)?,
            None => cv.max_service_pack,
        };
        let architecture = match c.architecture {
            Some(a) => check_arch("current.architecture", c.os, a)?,
            None => cv.default_arch(),
        };
        let language = match &c.language {
            Some(l) => check_language("current.language", l)?,
            None => DEFAULT_LANGUAGE.to_string(),
        };
        let installation = c.installation.unwrap_or(Installation::Desktop);
        if installation == Installation::Core && !cv.has_server_core() {
            return Err(InputError::new(
                "current.installation",
                format!(
                    "{} has no Server Core installation; accepted: `desktop`",
                    c.os.label()
                ),
            ));
        }
        let release = check_release("current.release", c.os, c.release.as_deref())?;
        let mut conditions = c.conditions.clone();
        conditions.sort();
        conditions.dedup();

        let t_edition = match t.edition {
            Some(e) => check_edition("target.edition", t.os, e)?,
            None if tv.has_edition(edition) => edition,
            None => tv.default_edition(),
        };
        let t_arch = match t.architecture {
            Some(a) => check_arch("target.architecture", t.os, a)?,
            None if tv.has_arch(architecture) => architecture,
            None => tv.default_arch(),
        };
        let t_language = match &t.language {
            Some(l) => check_language("target.language", l)?,
            None => language.clone(),
        };
        let t_installation = t.installation.unwrap_or(installation);
        if t_installation == Installation::Core && !tv.has_server_core() {
            return Err(InputError::new(
                "target.installation",
                format!(
                    "{} has no Server Core installation; accepted: `desktop`",
                    t.os.label()
                ),
            ));
        }
        let t_sp = match t.service_pack {
            Some(sp) => Some(check_sp("target.service_pack", t.os, sp)?),
            None => None,
        };
        let t_release = check_release("target.release", t.os, t.release.as_deref())?;
        let channel = c.channel.unwrap_or(Channel::Retail);
        let media_channel = t.media_channel.unwrap_or(match channel {
            Channel::Evaluation if t.os != Os::Server2003R2 => Channel::Retail,
            other => other,
        });
        let key_channel = t.key_channel.unwrap_or(media_channel);
        let key_edition = match t.key_edition {
            Some(e) => check_edition("target.key_edition", t.os, e)?,
            None => t_edition,
        };

        let cluster_node = c.cluster_node;
        let (clustered, nodes, groups) = match (&self.cluster, cluster_node) {
            (Some(_), Some(false)) => {
                return Err(InputError::new(
                    "cluster",
                    "cluster nodes are given but current.cluster_node is false; accepted: set cluster_node to true or leave out `cluster`",
                ))
            }
            (Some(cl), _) => {
                check_names("cluster.nodes", &cl.nodes, MAX_NODES, MAX_NODE_NAME, true)?;
                check_names("cluster.groups", &cl.groups, MAX_GROUPS, MAX_GROUP_NAME, false)?;
                if cl.nodes.len() == 1 {
                    return Err(InputError::new(
                        "cluster.nodes",
                        "one node given; accepted: two or more node names, or none for the default Node A and Node B",
                    ));
                }
                let trim = |v: &[String]| v.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>();
                (true, trim(&cl.nodes), trim(&cl.groups))
            }
            (None, Some(true)) => (true, Vec::new(), Vec::new()),
            (None, _) => (false, Vec::new(), Vec::new()),
        };
        let nodes = if clustered && nodes.is_empty() {
            vec!["Node A".to_string(), "Node B".to_string()]
        } else {
            nodes
        };

        let configmgr = match &self.configmgr {
            None => None,
            Some(cm) => {
                let pkg = cm.package.clone().unwrap_or_default();
                Some(ResolvedConfigMgr {
                    version: check_configmgr_version(
                        cm.version.unwrap_or(DEFAULT_CONFIGMGR_VERSION),
                    )?,
                    content: cm.content.unwrap_or(CmContent::UpgradePackage),
                    delivery: cm.delivery.unwrap_or(CmDelivery::SoftwareCenter),
                    boot_image: cm.boot_image.unwrap_or(false),
                    via_cmg: cm.via_cmg.unwrap_or(false),
                    distribution_point: cm.distribution_point.unwrap_or(true),
                    software_update_point: cm.software_update_point.unwrap_or(true),
                    package_edition: pkg.edition.unwrap_or(edition),
                    package_architecture: pkg.architecture.unwrap_or(architecture),
                    package_language: match &pkg.language {
                        Some(l) => check_language("configmgr.package.language", l)?,
                        None => language.clone(),
                    },
                    planned_changes: {
                        let mut p = cm.planned_changes.clone();
                        p.sort();
                        p.dedup();
                        p
                    },
                })
            }
        };
        let as_of = self.as_of.unwrap_or(DEFAULT_AS_OF);

        Ok(Resolved {
            current: ResolvedCurrent {
                os: c.os,
                edition,
                service_pack,
                architecture,
                language,
                channel,
                installation,
                domain_controller: c.domain_controller.unwrap_or(false),
                release,
                conditions,
            },
            target: ResolvedTarget {
                os: t.os,
                edition: t_edition,
                service_pack: t_sp,
                architecture: t_arch,
                language: t_language,
                installation: t_installation,
                media_channel,
                key_channel,
                key_edition,
                release: t_release,
            },
            clustered,
            nodes,
            groups,
            configmgr,
            as_of,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_checked_and_canonicalised() {
        assert_eq!(check_language("x", "en-us").unwrap(), "en-US");
        assert_eq!(check_language("x", "ZH-hant-tw").unwrap(), "zh-Hant-TW");
        assert_eq!(check_language("x", "es-419").unwrap(), "es-419");
        for bad in [
            "",
            "e",
            "english",
            "en_US",
            "en-USA1",
            "<script>",
            "en-US-x-y-z",
        ] {
            assert!(check_language("x", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn defaults_are_filled_in() {
        let r = Scenario::new(Os::Server2008, Os::Server2012)
            .resolve()
            .unwrap();
        assert_eq!(r.current.edition, Edition::Standard);
        assert_eq!(r.current.service_pack, 2);
        assert_eq!(r.current.architecture, Arch::X64);
        assert_eq!(r.target.edition, Edition::Standard);
        assert_eq!(r.current.language, "en-US");
        assert!(!r.clustered);
        assert_eq!(r.as_of, DEFAULT_AS_OF);
    }

    #[test]
    fn errors_name_the_field_and_what_is_accepted() {
        let e = parse_scenario(r#"{"current":{"os":"windows-server-2003","channel":"shop"},"target":{"os":"windows-server-2003-r2"}}"#).unwrap_err();
        assert_eq!(e.path, "current.channel");
        assert!(
            e.message
                .contains("`retail`, `msdn`, `evaluation`, `oem`, `volume`"),
            "{e}"
        );
        let mut s = Scenario::new(Os::Server2003, Os::Server2003R2);
        s.current.service_pack = Some(3);
        let e = s.resolve().unwrap_err();
        assert_eq!(e.path, "current.service_pack");
        assert!(e.message.contains("0 to 2"), "{e}");
    }

    #[test]
    fn hostile_names_are_rejected_with_a_safe_echo() {
        let mut s = Scenario::new(Os::WindowsNt40, Os::WindowsNt40);
        s.cluster = Some(Cluster {
            nodes: vec!["A".into(), "<img src=x onerror=alert(1)>".into()],
            groups: vec![],
        });
        let e = s.resolve().unwrap_err();
        assert_eq!(e.path, "cluster.nodes[1]");
        assert!(e.message.contains("not a computer name"));
    }
}
