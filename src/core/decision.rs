//! What to do with a machine, in one word and one line: derived from its plan, never typed by hand,
//! so the command, the Fleet view and every export agree.

use super::codes::Code;
use super::date::Date;
use super::hardware::Outcome;
use super::ids::Os;
use super::plan::{Method, Plan, Severity, Support, Verdict};
use serde::Serialize;

/// The decision for one machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The in-place route is open: schedule it.
    UpgradeNow,
    /// Prerequisites first (firmware, a service pack, a Windows 10 update, a hardware fact to
    /// confirm), then the upgrade.
    FixFirst,
    /// No in-place route for this machine's role or cluster: migrate (new cluster, clean install,
    /// OS deployment).
    Migrate,
    /// The hardware cannot run the target: new hardware.
    ReplaceHardware,
    /// New hardware is needed and the installed version is already out of support: Extended
    /// Security Updates keep it patched until it is replaced.
    BridgeWithEsu,
    /// The machine already runs the target.
    AlreadyOnTarget,
    /// The row could not be planned.
    InputError,
}

impl Decision {
    pub const ALL: [Decision; 7] = [
        Decision::UpgradeNow,
        Decision::FixFirst,
        Decision::Migrate,
        Decision::ReplaceHardware,
        Decision::BridgeWithEsu,
        Decision::AlreadyOnTarget,
        Decision::InputError,
    ];
    pub const fn id(self) -> &'static str {
        match self {
            Decision::UpgradeNow => "upgrade-now",
            Decision::FixFirst => "fix-first",
            Decision::Migrate => "migrate",
            Decision::ReplaceHardware => "replace-hardware",
            Decision::BridgeWithEsu => "bridge-with-esu",
            Decision::AlreadyOnTarget => "already-on-target",
            Decision::InputError => "input-error",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Decision::UpgradeNow => "Upgrade in place now",
            Decision::FixFirst => "Fix first, then upgrade",
            Decision::Migrate => "Migrate",
            Decision::ReplaceHardware => "Replace the hardware",
            Decision::BridgeWithEsu => "Bridge with ESU, then replace",
            Decision::AlreadyOnTarget => "Already on the target",
            Decision::InputError => "Input error",
        }
    }
    pub fn from_id(id: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// A machine's decision with its one-line reason (and, for ESU, until when it bridges).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MachineDecision {
    pub decision: Decision,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// The decision a plan stands for; `current` and `target` as the row gives them.
pub fn decide(plan: &Plan, current: Os, target: Os) -> MachineDecision {
    let decided = |decision, reason: String| MachineDecision {
        decision,
        reason,
        until: None,
    };
    // Same version, edition, release and service pack: the plan is only the optional repair
    // (its prerequisites are the repair's; a blocker, such as hardware the version cannot run on,
    // still decides).
    let same_version = current == target
        && plan.route.len() <= 1
        && plan.has_finding(Code::SameVersionRepair)
        && !plan
            .findings
            .iter()
            .any(|f| matches!(f.severity, Severity::Blocker));
    if same_version {
        return decided(
            Decision::AlreadyOnTarget,
            format!("Already runs {}.", current.label()),
        );
    }
    match plan.verdict {
        Verdict::Supported => decided(Decision::UpgradeNow, plan.headline.clone()),
        Verdict::SupportedAfterPrerequisites => decided(Decision::FixFirst, plan.headline.clone()),
        Verdict::NotSupported => not_supported(plan),
    }
}

fn not_supported(plan: &Plan) -> MachineDecision {
    let hardware = plan.method == Method::ReplaceHardware
        || plan
            .readiness
            .as_ref()
            .is_some_and(|r| r.outcome == Outcome::Replace);
    if !hardware {
        return MachineDecision {
            decision: Decision::Migrate,
            reason: plan.headline.clone(),
            until: None,
        };
    }
    let out_of_support = plan
        .stops
        .first()
        .is_some_and(|s| s.support == Support::Ended);
    let bridge = plan.esu.iter().filter(|o| o.open).max_by_key(|o| o.until);
    match bridge {
        Some(esu) if out_of_support => MachineDecision {
            decision: Decision::BridgeWithEsu,
            reason: format!(
                "Out of support and the hardware cannot run the target: {} until {}, then replace it.",
                esu.name, esu.until
            ),
            until: Some(esu.until),
        },
        _ => MachineDecision {
            decision: Decision::ReplaceHardware,
            reason: plan.headline.clone(),
            until: None,
        },
    }
}
