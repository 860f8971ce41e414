//! The Scenario contract: what the admin has and wants. Parsing, defaults and validation.
//!
//! Every field but `current.os` and `target.os` is optional; `resolve` fills the documented defaults
//! and rejects anything inconsistent with a message saying what was wrong and what is accepted.

use super::date::Date;
use super::ids::*;
pub use super::resolve::{
    check_language, Resolved, ResolvedConfigMgr, ResolvedCurrent, ResolvedTarget,
};
use serde::Serialize;
use std::fmt;

/// Largest Scenario JSON accepted (bytes).
pub const MAX_SCENARIO_BYTES: usize = 64 * 1024;
pub const MAX_NODES: usize = 64;
pub const MAX_GROUPS: usize = 256;
pub const MAX_NODE_NAME: usize = 63;
pub const MAX_GROUP_NAME: usize = 128;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub current: Current,
    pub target: Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Cluster>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configmgr: Option<ConfigMgr>,
    /// What the machine is made of; every fact left out is unknown, never assumed.
    #[serde(skip_serializing_if = "Hardware::is_empty")]
    pub hardware: Hardware,
    /// Where the machine runs.
    #[serde(skip_serializing_if = "Virtualisation::is_empty")]
    pub virtualisation: Virtualisation,
    /// Roles of the machine that the rules need.
    #[serde(skip_serializing_if = "Roles::is_empty")]
    pub roles: Roles,
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
    /// The Active Directory domain the machine is a member of (its DNS or NetBIOS name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Windows 10/11 feature-update release, e.g. `22H2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// The full build with its update revision, e.g. `19045.5371`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Test-only (feature `synthetic-field`, docs/adding-a-field.md).
    #[cfg(feature = "synthetic-field")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synthetic_widget: Option<bool>,
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
    /// The cluster's name: nodes that give the same name are one cluster (upgrade waves).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub nodes: Vec<String>,
    pub groups: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<Workload>,
}

/// The machine's hardware as Windows reports it. Every field is optional: left out is unknown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Hardware {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpm: Option<TpmVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tpm_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firmware: Option<Firmware>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secure_boot: Option<SecureBoot>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partition_style: Option<PartitionStyle>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ram_gb: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_gb: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s_mode: Option<bool>,
    /// The computer's model (`Win32_ComputerSystem.Model`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Cpu::is_empty")]
    pub cpu: Cpu,
    /// Checks a readiness tool reported as failed, where it gave no value (a known value wins).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reported_fail: Vec<ReadinessCheck>,
    /// Checks a readiness tool reported as passed, where it gave no value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reported_pass: Vec<ReadinessCheck>,
    /// Which tools reported them (their names, for the checklist).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<String>,
}

/// The processor (`Win32_Processor`, CPUID).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cpu {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<CpuMaker>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stepping: Option<u8>,
    /// Registry `Platform Specific Field 1` (needed for a Kaby Lake with stepping 9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<u8>,
    /// The brand string (`Win32_Processor.Name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logical_processors: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock_mhz: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sse42: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub popcnt: Option<bool>,
    /// Second Level Address Translation (EPT / NPT).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slat: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Virtualisation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// A virtual TPM is enabled for the virtual machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vtpm: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Roles {
    /// Configuration Manager site-system roles on this server.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub configmgr: Vec<SiteRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_functional_level: Option<FunctionalLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forest_functional_level: Option<FunctionalLevel>,
}

impl Hardware {
    pub fn is_empty(&self) -> bool {
        *self == Hardware::default()
    }
}
impl Cpu {
    pub fn is_empty(&self) -> bool {
        *self == Cpu::default()
    }
}
impl Virtualisation {
    pub fn is_empty(&self) -> bool {
        *self == Virtualisation::default()
    }
}
impl Roles {
    pub fn is_empty(&self) -> bool {
        *self == Roles::default()
    }
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
            domain: None,
            release: None,
            build: None,
            conditions: Vec::new(),
            #[cfg(feature = "synthetic-field")]
            synthetic_widget: None,
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

/// Parse a Scenario from JSON (a UTF-8 byte-order mark is allowed), with the path of any error.
pub fn parse_scenario(json: &str) -> Result<Scenario, InputError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_SCENARIO_BYTES {
        return Err(InputError::new(
            "",
            format!(
                "the scenario is {} bytes; at most {MAX_SCENARIO_BYTES} bytes are accepted",
                json.len()
            ),
        ));
    }
    let value = super::json::parse(json)
        .map_err(|e| InputError::new("", format!("malformed JSON ({e})")))?;
    super::parse::scenario_from_value(&value)
}

/// Default language when none is given.
pub const DEFAULT_LANGUAGE: &str = "en-US";
/// Default ConfigMgr current-branch version when none is given.
pub const DEFAULT_CONFIGMGR_VERSION: u32 = 2403;
/// Default date when the scenario carries none (the date of the newest rule source).
pub const DEFAULT_AS_OF: Date = Date::lit(super::source::RULES_AS_OF);

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
            name: None,
            nodes: vec!["A".into(), "<img src=x onerror=alert(1)>".into()],
            groups: vec![],
            workload: None,
        });
        let e = s.resolve().unwrap_err();
        assert_eq!(e.path, "cluster.nodes[1]");
        assert!(e.message.contains("not a computer name"));
    }
}
