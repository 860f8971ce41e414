//! Resolving a Scenario: every documented default filled in (`docs/scenario-format.md`) and
//! every field checked against the catalog, or an error that says what was wrong and what is
//! accepted. Sections are resolved in the contract's order, so the first error is the one a
//! reader of the document meets first.

use super::catalog::version;
use super::date::Date;
use super::ids::*;
use super::scenario::*;

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
    /// The scenario as given, for the facts a rule reads as they are (no default to fill in:
    /// left out means unknown).
    pub given: std::sync::Arc<Scenario>,
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

/// The release: as given; else the build's; else for an LTSC edition the newest LTSC release;
/// else the newest. An LTSC edition needs a release an LTSC was built on.
fn check_release(
    path: &str,
    os: Os,
    r: Option<&str>,
    edition: Edition,
    build: Option<&str>,
) -> Result<Option<&'static str>, InputError> {
    let v = version(os);
    let ltsc = edition == Edition::EnterpriseLtsc;
    let r = match r {
        None => {
            let of_build = build
                .and_then(super::schema::checks::parse_build)
                .and_then(|(b, _)| v.release_of_build(b))
                .map(|r| r.name);
            let default = if ltsc {
                super::lifecycle::latest_ltsc_release(os)
            } else {
                v.default_release()
            };
            return Ok(of_build.or(default));
        }
        Some(r) if v.releases.is_empty() => {
            return Err(InputError::new(
                path,
                format!(
                    "`{}`: only Windows 10 and Windows 11 take a release; leave it out for {}",
                    printable(r),
                    os.label()
                ),
            ))
        }
        Some(r) => r,
    };
    let Some(i) = v.release_index(r) else {
        return Err(InputError::new(
            path,
            format!(
                "`{}` is not a release of {}; accepted: {}",
                printable(r),
                os.label(),
                list(v.release_names())
            ),
        ));
    };
    let release = &v.releases[i];
    if ltsc && release.ltsc.is_none() {
        let accepted: Vec<String> = v
            .releases
            .iter()
            .filter_map(|r| r.ltsc.map(|l| format!("`{}` ({})", r.name, l.name)))
            .collect();
        return Err(InputError::new(
            path,
            format!(
                "no Enterprise LTSC/LTSB release of {} was built on {}; accepted: {}",
                os.label(),
                release.name,
                accepted.join(", ")
            ),
        ));
    }
    Ok(Some(release.name))
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

fn installation(
    path: &str,
    os: Os,
    i: Option<Installation>,
    default: Installation,
) -> Result<Installation, InputError> {
    let i = i.unwrap_or(default);
    if i == Installation::Core && !version(os).has_server_core() {
        return Err(InputError::new(
            path,
            format!(
                "{} has no Server Core installation; accepted: `desktop`",
                os.label()
            ),
        ));
    }
    Ok(i)
}

fn resolve_current(c: &Current) -> Result<ResolvedCurrent, InputError> {
    let v = version(c.os);
    let edition = match c.edition {
        Some(e) => check_edition("current.edition", c.os, e)?,
        None => v.default_edition(),
    };
    let service_pack = match c.service_pack {
        Some(sp) => check_sp("current.service_pack", c.os, sp)?,
        None => v.max_service_pack,
    };
    let architecture = match c.architecture {
        Some(a) => check_arch("current.architecture", c.os, a)?,
        None => v.default_arch(),
    };
    let language = match &c.language {
        Some(l) => check_language("current.language", l)?,
        None => DEFAULT_LANGUAGE.to_string(),
    };
    let installation = installation(
        "current.installation",
        c.os,
        c.installation,
        Installation::Desktop,
    )?;
    let release = check_release(
        "current.release",
        c.os,
        c.release.as_deref(),
        edition,
        c.build.as_deref(),
    )?;
    let mut conditions = c.conditions.clone();
    conditions.sort();
    conditions.dedup();
    Ok(ResolvedCurrent {
        os: c.os,
        edition,
        service_pack,
        architecture,
        language,
        channel: c.channel.unwrap_or(Channel::Retail),
        installation,
        domain_controller: c.domain_controller.unwrap_or(false),
        release,
        conditions,
    })
}

fn resolve_target(t: &Target, c: &ResolvedCurrent) -> Result<ResolvedTarget, InputError> {
    let v = version(t.os);
    let edition = match t.edition {
        Some(e) => check_edition("target.edition", t.os, e)?,
        None if v.has_edition(c.edition) => c.edition,
        None => v.default_edition(),
    };
    let architecture = match t.architecture {
        Some(a) => check_arch("target.architecture", t.os, a)?,
        None if v.has_arch(c.architecture) => c.architecture,
        None => v.default_arch(),
    };
    let language = match &t.language {
        Some(l) => check_language("target.language", l)?,
        None => c.language.clone(),
    };
    let installation = installation("target.installation", t.os, t.installation, c.installation)?;
    let service_pack = match t.service_pack {
        Some(sp) => Some(check_sp("target.service_pack", t.os, sp)?),
        None => None,
    };
    let release = check_release("target.release", t.os, t.release.as_deref(), edition, None)?;
    let media_channel = t.media_channel.unwrap_or(match (t.key_channel, c.channel) {
        // 2003 R2 (seed 002): a key works only with media of its own channel, so a key of another
        // channel than the installed one means media of the key's channel (the matrix then says
        // which option that media allows).
        (Some(key), installed) if t.os == Os::Server2003R2 && key != installed => key,
        (_, Channel::Evaluation) if t.os != Os::Server2003R2 => Channel::Retail,
        (_, other) => other,
    });
    let key_edition = match t.key_edition {
        Some(e) => check_edition("target.key_edition", t.os, e)?,
        None => edition,
    };
    Ok(ResolvedTarget {
        os: t.os,
        edition,
        service_pack,
        architecture,
        language,
        installation,
        media_channel,
        key_channel: t.key_channel.unwrap_or(media_channel),
        key_edition,
        release,
    })
}

/// (clustered, nodes, groups): the default nodes Node A and Node B for a cluster node without names.
fn resolve_cluster(s: &Scenario) -> Result<(bool, Vec<String>, Vec<String>), InputError> {
    let trim = |v: &[String]| v.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>();
    let (clustered, nodes, groups) = match (&s.cluster, s.current.cluster_node) {
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
    Ok((clustered, nodes, groups))
}

fn resolve_configmgr(cm: &ConfigMgr, c: &ResolvedCurrent) -> Result<ResolvedConfigMgr, InputError> {
    let pkg = cm.package.clone().unwrap_or_default();
    let mut planned_changes = cm.planned_changes.clone();
    planned_changes.sort();
    planned_changes.dedup();
    Ok(ResolvedConfigMgr {
        version: check_configmgr_version(cm.version.unwrap_or(DEFAULT_CONFIGMGR_VERSION))?,
        content: cm.content.unwrap_or(CmContent::UpgradePackage),
        delivery: cm.delivery.unwrap_or(CmDelivery::SoftwareCenter),
        boot_image: cm.boot_image.unwrap_or(false),
        via_cmg: cm.via_cmg.unwrap_or(false),
        distribution_point: cm.distribution_point.unwrap_or(true),
        software_update_point: cm.software_update_point.unwrap_or(true),
        package_edition: pkg.edition.unwrap_or(c.edition),
        package_architecture: pkg.architecture.unwrap_or(c.architecture),
        package_language: match &pkg.language {
            Some(l) => check_language("configmgr.package.language", l)?,
            None => c.language.clone(),
        },
        planned_changes,
    })
}

impl Scenario {
    /// Fill in the defaults and check every field. The defaults are documented in `docs/scenario-format.md`.
    pub fn resolve(&self) -> Result<Resolved, InputError> {
        let current = resolve_current(&self.current)?;
        let target = resolve_target(&self.target, &current)?;
        let (clustered, nodes, groups) = resolve_cluster(self)?;
        let configmgr = match &self.configmgr {
            Some(cm) => Some(resolve_configmgr(cm, &current)?),
            None => None,
        };
        super::schema::check_fields(self)?;
        Ok(Resolved {
            current,
            target,
            clustered,
            nodes,
            groups,
            configmgr,
            as_of: self.as_of.unwrap_or(DEFAULT_AS_OF),
            given: std::sync::Arc::new(self.clone()),
        })
    }
}
