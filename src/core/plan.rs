//! The Plan: what the core answers for a Scenario.

use super::codes::Code;
use super::date::Date;
use super::esu::Offer;
use super::hardware::Readiness;
use super::ids::Os;
use super::source::Source;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Supported,
    SupportedAfterPrerequisites,
    NotSupported,
}

impl Verdict {
    /// Every verdict, best first.
    pub const ALL: [Verdict; 3] = [
        Verdict::Supported,
        Verdict::SupportedAfterPrerequisites,
        Verdict::NotSupported,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::SupportedAfterPrerequisites => "supported-after-prerequisites",
            Verdict::NotSupported => "not-supported",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Verdict::Supported => "Supported",
            Verdict::SupportedAfterPrerequisites => "Supported after prerequisites",
            Verdict::NotSupported => "Not supported in place",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    InPlaceUpgrade,
    #[serde(rename = "r2-option-1")]
    R2Option1,
    #[serde(rename = "r2-option-2")]
    R2Option2,
    #[serde(rename = "r2-option-3")]
    R2Option3,
    ClusterRollingServicePack,
    ClusterOsRollingUpgrade,
    ClusterMigration,
    CleanInstall,
    ConfigmgrInPlaceUpgrade,
    ConfigmgrOsDeployment,
    ReplaceHardware,
}

impl Method {
    pub const fn id(self) -> &'static str {
        match self {
            Method::InPlaceUpgrade => "in-place-upgrade",
            Method::R2Option1 => "r2-option-1",
            Method::R2Option2 => "r2-option-2",
            Method::R2Option3 => "r2-option-3",
            Method::ClusterRollingServicePack => "cluster-rolling-service-pack",
            Method::ClusterOsRollingUpgrade => "cluster-os-rolling-upgrade",
            Method::ClusterMigration => "cluster-migration",
            Method::CleanInstall => "clean-install",
            Method::ConfigmgrInPlaceUpgrade => "configmgr-in-place-upgrade",
            Method::ConfigmgrOsDeployment => "configmgr-os-deployment",
            Method::ReplaceHardware => "replace-hardware",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Method::InPlaceUpgrade => "In-place upgrade",
            Method::R2Option1 => "R2 option 1: CD2 and an R2 product key",
            Method::R2Option2 => "R2 option 2: Setup from CD1, then CD2",
            Method::R2Option3 => "R2 option 3: repair the installation from CD1",
            Method::ClusterRollingServicePack => "Rolling service pack, node by node",
            Method::ClusterOsRollingUpgrade => "Cluster OS Rolling Upgrade",
            Method::ClusterMigration => "Migrate to a new cluster",
            Method::CleanInstall => "Clean installation and migration",
            Method::ConfigmgrInPlaceUpgrade => "ConfigMgr in-place upgrade task sequence",
            Method::ConfigmgrOsDeployment => "ConfigMgr traditional OS deployment",
            Method::ReplaceHardware => "New hardware, with the user's data moved",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Blocker,
    Prerequisite,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Blocker,
        Severity::Prerequisite,
        Severity::Warning,
        Severity::Info,
    ];
    pub const fn id(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Prerequisite => "prerequisite",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Severity::Blocker => "Blockers",
            Severity::Prerequisite => "Prerequisites",
            Severity::Warning => "Warnings",
            Severity::Info => "Notes",
        }
    }
}

/// How sure the sources are of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Stated by a seed document or a primary Microsoft source.
    Confirmed,
    /// Stated only by secondary or mirrored pages.
    Secondary,
    /// Not verified against a primary source: shown to the user as unconfirmed.
    Unconfirmed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub source: Source,
    #[serde(skip_serializing_if = "is_confirmed")]
    pub confidence: Confidence,
}

fn is_confirmed(c: &Confidence) -> bool {
    *c == Confidence::Confirmed
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub text: String,
    pub source: Source,
    /// The stage this step belongs to, e.g. "Before you start" or "Windows Server 2012 → 2016".
    pub group: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub method: Method,
    pub why: String,
}

/// Whether a version is supported on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Support {
    Supported,
    /// Mainstream support ended; extended support (security updates) goes on.
    ExtendedOnly,
    Ended,
    /// The sources give no date: no data, not a known date.
    Unknown,
}

impl Support {
    pub const fn id(self) -> &'static str {
        match self {
            Support::Supported => "supported",
            Support::ExtendedOnly => "extended-only",
            Support::Ended => "ended",
            Support::Unknown => "unknown",
        }
    }
    /// In words, as the route shows it.
    pub const fn label(self) -> &'static str {
        match self {
            Support::Supported => "supported",
            Support::ExtendedOnly => "extended support only",
            Support::Ended => "out of support",
            Support::Unknown => "dates unknown",
        }
    }
}

/// One stop of the route, with its support dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stop {
    pub os: Os,
    pub name: &'static str,
    /// The Windows 10/11 release at this stop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<&'static str>,
    /// What the dates apply to, e.g. "version 22H2, Enterprise and Education editions".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<String>,
    pub mainstream_end: Option<Date>,
    /// The last day of security updates (for a feature-update release, its end of servicing).
    pub extended_end: Option<Date>,
    /// Support on the plan's `as_of` date.
    pub support: Support,
    /// The last day of security updates at this stop.
    pub end: Option<Date>,
    /// Days from the plan's date to `end` (negative once passed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    pub lifecycle_source: Source,
    pub lifecycle_confidence: Confidence,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub verdict: Verdict,
    /// The answer in one line: the verdict and what to do (e.g. "Not supported on this hardware:
    /// replace it, or stay on Windows 10 with ESU until 2028-10-10").
    pub headline: String,
    pub method: Method,
    pub route: Vec<Os>,
    pub stops: Vec<Stop>,
    pub findings: Vec<Finding>,
    pub setup_messages: Vec<String>,
    pub steps: Vec<Step>,
    pub alternatives: Vec<Alternative>,
    /// For a not-supported verdict: why no in-place route exists, as one readable paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The machine against the target's hardware requirements (Windows 11, Windows Server 2016+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<Readiness>,
    /// Extended Security Updates programmes for the installed version.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub esu: Vec<Offer>,
    /// `unconfirmed` when any finding the verdict rests on is unconfirmed.
    pub confidence: Confidence,
    pub as_of: Date,
    pub rules_as_of: &'static str,
}

impl Plan {
    pub fn blockers(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Blocker)
    }

    /// Why not, in short: one finding per cause (the first blocker of each code), in order.
    pub fn why(&self) -> Vec<&Finding> {
        let mut seen: Vec<Code> = Vec::new();
        self.blockers()
            .filter(|f| {
                let new = !seen.contains(&f.code);
                seen.push(f.code);
                new
            })
            .collect()
    }

    pub fn has_finding(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The runbook as Markdown (for "copy as Markdown" and the command's `--markdown`).
    pub fn runbook_markdown(&self, title: &str) -> String {
        // Every text may carry what the user typed (cluster, node and group names, inventory
        // names): escaped, so that none of it becomes a link, an image or HTML.
        use crate::core::inventory::md;
        let mut out = format!("# {}\n\n", md(title));
        out.push_str(&format!(
            "**Verdict:** {} · **Method:** {}\n\n",
            self.verdict.label(),
            md(self.method.label())
        ));
        if !self.headline.is_empty() {
            out.push_str(&format!("**Answer:** {}\n\n", md(&self.headline)));
        }
        if !self.route.is_empty() {
            let route: Vec<&str> = self.route.iter().map(|o| o.label()).collect();
            out.push_str(&format!("**Route:** {}\n\n", md(&route.join(" → "))));
        }
        let why = self.why();
        if !why.is_empty() {
            out.push_str("## Why not\n\n");
            for f in why {
                out.push_str(&format!(
                    "- {} _({})_\n",
                    md(&f.message),
                    f.source.markdown()
                ));
            }
            out.push('\n');
        }
        if !self.alternatives.is_empty() {
            out.push_str("## What to do instead\n\n");
            for a in &self.alternatives {
                out.push_str(&format!("- **{}**: {}\n", md(a.method.label()), md(&a.why)));
            }
            out.push('\n');
        }
        if let Some(r) = &self.readiness {
            out.push_str(&readiness_markdown(r));
        }
        let mut group = "";
        for step in &self.steps {
            if step.group != group {
                group = &step.group;
                out.push_str(&format!("\n## {}\n\n", md(group)));
            }
            out.push_str(&format!(
                "- [ ] {} _({})_\n",
                md(&step.text),
                step.source.markdown()
            ));
        }
        if !self.setup_messages.is_empty() {
            out.push_str("\n## Messages Setup may show\n\n");
            for m in &self.setup_messages {
                for line in m.lines() {
                    out.push_str(&format!("> {}\n", md(line)));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// The readiness checklist as Markdown: one line per check with its mark, what the machine has
/// (escaped: it may carry inventory text such as a processor name) and its source.
fn readiness_markdown(r: &crate::core::hardware::Readiness) -> String {
    use crate::core::hardware::Status;
    use crate::core::inventory::md;
    let mut out = format!(
        "## Hardware for {}: {}\n\n",
        md(&r.target),
        r.outcome.label()
    );
    for c in &r.checks {
        let mark = match c.status {
            Status::Pass => "✓",
            Status::Fail => "✗",
            Status::Unknown => "?",
        };
        let remedy = c
            .remedy
            .map(|m| format!(" ({})", m.label()))
            .unwrap_or_default();
        out.push_str(&format!(
            "- {mark} **{}**: {}{remedy} _({})_\n",
            c.label,
            md(&c.value),
            c.source.markdown()
        ));
    }
    out.push('\n');
    out
}
