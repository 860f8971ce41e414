//! Is the machine fit for its target? One check per requirement of the target — Windows 11
//! (`windows11.rs`) or Windows Server 2016 and later (`server.rs`) — judged pass / fail / unknown
//! from what the Scenario says. A failure says whether it can be fixed on this hardware (and how)
//! or needs new hardware. Left-out facts are unknown, never assumed; an unknown check says how to
//! read the fact on the machine.

pub mod cpu;
mod server;
mod windows11;

pub use windows11::bypass_note;

use crate::core::codes::Code;
use crate::core::ids::{Arch, Edition, Installation, Os, Platform, ReadinessCheck};
use crate::core::plan::Confidence;
use crate::core::scenario::{Hardware, Resolved, Virtualisation};
use crate::core::source::Source;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Unknown,
    Fail,
}

impl Status {
    pub const fn id(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Unknown => "unknown",
            Status::Fail => "fail",
        }
    }
    /// The mark the checklist shows.
    pub const fn mark(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Unknown => "?",
            Status::Fail => "✗",
        }
    }
}

/// What a failing check needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Remedy {
    /// Fixable on this machine (firmware, settings, an update, a part).
    #[serde(rename = "fixable")]
    Fix,
    /// Needs other hardware (or, for a generation 1 virtual machine, a new virtual machine).
    Replace,
}

impl Remedy {
    /// The word the checklist shows beside a failing check.
    pub const fn label(self) -> &'static str {
        match self {
            Remedy::Fix => "fixable",
            Remedy::Replace => "replace",
        }
    }
}

/// The machine as a whole against the target's requirements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Ready,
    Fixable,
    Replace,
    Unknown,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Ready,
        Outcome::Fixable,
        Outcome::Replace,
        Outcome::Unknown,
    ];
    pub const fn id(self) -> &'static str {
        match self {
            Outcome::Ready => "ready",
            Outcome::Fixable => "fixable",
            Outcome::Replace => "replace",
            Outcome::Unknown => "unknown",
        }
    }
    pub fn from_id(id: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.id() == id)
    }
    pub const fn label(self) -> &'static str {
        match self {
            Outcome::Ready => "Hardware ready",
            Outcome::Fixable => "Fixable without new hardware",
            Outcome::Replace => "Replace the hardware",
            Outcome::Unknown => "Hardware not known",
        }
    }
}

/// One requirement, judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    pub code: Code,
    /// The requirement, e.g. "TPM 2.0".
    pub label: &'static str,
    pub status: Status,
    /// What the machine has, in words ("TPM 1.2", "Intel family 6 model 94 …", "not given").
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Remedy>,
    /// How to fix it on this machine (for a failure), or how to read the fact (when unknown).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    pub source: Source,
    #[serde(skip_serializing_if = "is_confirmed")]
    pub confidence: Confidence,
    /// Whether an unknown answer leaves the machine's readiness unknown (hardware facts), or only
    /// asks for a look (software state such as S mode or the installed update).
    #[serde(skip)]
    pub essential: bool,
}

fn is_confirmed(c: &Confidence) -> bool {
    *c == Confidence::Confirmed
}

/// The readiness checklist of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// What the checks are against, e.g. "Windows 11 25H2".
    pub target: String,
    pub outcome: Outcome,
    pub checks: Vec<Check>,
}

impl Readiness {
    pub fn failing(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.status == Status::Fail)
    }
}

/// What the checks read: the machine and what it is to become.
pub struct Machine<'a> {
    pub hw: &'a Hardware,
    pub virt: &'a Virtualisation,
    pub arch: Arch,
    pub edition: Edition,
    pub os: Os,
    /// The Windows 10/11 release as given (not defaulted).
    pub release: Option<&'a str>,
    /// The full build as given, e.g. `19045.5371`.
    pub build: Option<&'a str>,
    pub s_mode: Option<bool>,
    pub target: Os,
    pub target_release: Option<&'a str>,
    pub target_installation: Installation,
}

impl Machine<'_> {
    /// A virtual machine: said so, or a computer model that is Hyper-V's "Virtual Machine".
    pub fn is_vm(&self) -> bool {
        match self.virt.platform {
            Some(Platform::HyperVGen1 | Platform::HyperVGen2 | Platform::Other) => true,
            Some(Platform::Physical) => false,
            None => self
                .hw
                .model
                .as_deref()
                .is_some_and(|x| x.to_ascii_lowercase().contains("virtual machine")),
        }
    }
}

/// A judged requirement before it is named: what a check function returns.
pub(crate) struct Judged {
    status: Status,
    value: String,
    remedy: Option<Remedy>,
    steps: Vec<String>,
    confidence: Confidence,
}

impl Judged {
    fn pass(value: impl Into<String>) -> Self {
        Judged {
            status: Status::Pass,
            value: value.into(),
            remedy: None,
            steps: Vec::new(),
            confidence: Confidence::Confirmed,
        }
    }
    fn fail(value: impl Into<String>, remedy: Remedy, steps: &[&str]) -> Self {
        Judged {
            status: Status::Fail,
            value: value.into(),
            remedy: Some(remedy),
            steps: steps.iter().map(|s| s.to_string()).collect(),
            confidence: Confidence::Confirmed,
        }
    }
    fn unknown(value: impl Into<String>) -> Self {
        Judged {
            status: Status::Unknown,
            value: value.into(),
            remedy: None,
            steps: Vec::new(),
            confidence: Confidence::Confirmed,
        }
    }
    fn with(mut self, confidence: Confidence) -> Self {
        self.confidence = self.confidence.max(confidence);
        self
    }
}

/// One requirement of a target: how it is judged and where to read it.
pub(crate) struct Rule {
    code: Code,
    label: &'static str,
    /// How to read the fact on the machine (shown when it is unknown).
    how: &'static str,
    source: Source,
    essential: bool,
    /// `None` when the requirement does not apply to this machine.
    judge: fn(&Machine) -> Option<Judged>,
}

fn run(rules: &[Rule], m: &Machine) -> Vec<Check> {
    rules
        .iter()
        .filter_map(|r| {
            let j = (r.judge)(m)?;
            // A fact the Scenario does not give may still have been judged by a readiness tool.
            let j = match j.status {
                Status::Unknown => reported(r.code, m).unwrap_or(j),
                _ => j,
            };
            let steps = match j.status {
                Status::Unknown => vec![r.how.to_string()],
                _ => j.steps,
            };
            Some(Check {
                code: r.code,
                label: r.label,
                status: j.status,
                value: j.value,
                remedy: j.remedy,
                steps,
                source: r.source,
                confidence: j.confidence,
                essential: r.essential,
            })
        })
        .collect()
}

/// Which reported checks (`hardware.reported_fail` / `reported_pass`) speak for a requirement: the
/// ids that fail it and the ids that pass it.
fn reported_ids(code: Code) -> (&'static [ReadinessCheck], &'static [ReadinessCheck]) {
    use ReadinessCheck as R;
    match code {
        Code::W11Tpm => (&[R::Tpm], &[R::Tpm]),
        Code::W11CpuGeneration => (&[R::Processor], &[R::Processor]),
        // The family/model rule admits no processor without SSE4.2 and POPCNT (the rule's own inference).
        Code::W11Sse42Popcnt => (&[], &[R::Processor]),
        Code::W11CpuCores => (&[R::Cores, R::CoresOrSpeed], &[R::Cores, R::CoresOrSpeed]),
        Code::W11CpuSpeed => (&[R::Speed, R::CoresOrSpeed], &[R::Speed, R::CoresOrSpeed]),
        Code::W11Ram => (&[R::Memory], &[R::Memory]),
        Code::W11Storage => (&[R::Storage], &[R::Storage]),
        Code::W11UefiSecureBoot => (&[R::SecureBoot], &[R::SecureBoot]),
        Code::W11SMode => (&[R::SMode], &[R::SMode]),
        _ => (&[], &[]),
    }
}

/// A requirement whose fact is not given, judged from what a readiness tool reported: failed
/// (fix or replace where the failure alone decides it; otherwise left open with how to tell),
/// passed, or `None` when no tool said.
fn reported(code: Code, m: &Machine) -> Option<Judged> {
    let (fail_ids, pass_ids) = reported_ids(code);
    let hw = m.hw;
    let by = hw.reported_by.as_deref().unwrap_or("a readiness tool");
    let confidence = if by.contains("WhyNotWin11") {
        Confidence::Secondary
    } else {
        Confidence::Confirmed
    };
    if let Some(id) = fail_ids.iter().find(|id| hw.reported_fail.contains(id)) {
        let value = match id {
            ReadinessCheck::CoresOrSpeed => {
                format!("{by} reports the processor's cores or speed too low (not which, nor the value)")
            }
            _ => format!("{by} reports it failed (the value is not given)"),
        };
        let vm = m.is_vm();
        let (remedy, steps): (Option<Remedy>, &[&str]) = match id {
            ReadinessCheck::Processor => (Some(Remedy::Replace), &["Replace the device: a processor of an earlier generation cannot be changed in place. Until then it can stay on Windows 10 with Extended Security Updates."]),
            ReadinessCheck::Cores | ReadinessCheck::Speed | ReadinessCheck::CoresOrSpeed if vm => (Some(Remedy::Fix), &["Give the virtual machine 2 or more virtual processors."]),
            ReadinessCheck::Cores | ReadinessCheck::Speed | ReadinessCheck::CoresOrSpeed => (Some(Remedy::Replace), &["Replace the device: the processor is below Windows 11's minimum."]),
            ReadinessCheck::Memory if vm => (Some(Remedy::Fix), &["Give the virtual machine 4 GB of memory or more."]),
            ReadinessCheck::Memory => (Some(Remedy::Fix), &["Fit memory to reach 4 GB or more (unless it is soldered to the board: then replace the device)."]),
            ReadinessCheck::Storage => (Some(Remedy::Fix), &["Grow the system volume to 64 GB or more, or fit a larger drive."]),
            ReadinessCheck::SMode => (Some(Remedy::Fix), &["Switch out of S mode (Microsoft Store, \"Switch out of S mode\"; one way), then upgrade."]),
            // A failed TPM check is a TPM switched off (fixable), a TPM 1.2 or none (replace);
            // a failed UEFI check is legacy BIOS boot (fixable) or firmware without Secure Boot (replace).
            ReadinessCheck::Tpm | ReadinessCheck::SecureBoot => (None, &[]),
        };
        let open = match id {
            ReadinessCheck::Tpm => "Whether this is fixable is not known: run Get-Tpm and read Win32_Tpm's SpecVersion. A TPM 2.0 that is present but not ready is switched on in the firmware setup; a TPM 1.2 or none means new hardware.",
            ReadinessCheck::SecureBoot => "Whether this is fixable is not known: read msinfo32's BIOS Mode and run Confirm-SecureBootUEFI. Legacy BIOS boot is fixed with MBR2GPT and a switch to UEFI; UEFI firmware without Secure Boot means new hardware.",
            _ => "",
        };
        let steps: Vec<&str> = steps
            .iter()
            .copied()
            .chain((!open.is_empty()).then_some(open))
            .collect();
        let j = match remedy {
            Some(r) => Judged::fail(value, r, &steps),
            None => Judged {
                status: Status::Fail,
                value,
                remedy: None,
                steps: steps.iter().map(|s| s.to_string()).collect(),
                confidence: Confidence::Confirmed,
            },
        };
        return Some(j.with(confidence));
    }
    let fails_elsewhere = |id: &ReadinessCheck| hw.reported_fail.contains(id);
    pass_ids
        .iter()
        .find(|id| hw.reported_pass.contains(id) && !fails_elsewhere(id))
        .map(|_| Judged::pass(format!("{by} reports it passed")).with(confidence))
}

/// The outcome: replace beats fixable beats unknown beats ready; a failure whose remedy is not
/// known (a tool reported it without the value) makes it unknown unless something needs replacing.
fn outcome(checks: &[Check]) -> Outcome {
    let fails = |r| {
        checks
            .iter()
            .any(|c| c.status == Status::Fail && c.remedy == Some(r))
    };
    let fails_open = checks
        .iter()
        .any(|c| c.status == Status::Fail && c.remedy.is_none());
    if fails(Remedy::Replace) {
        Outcome::Replace
    } else if fails_open {
        // Failed, and whether it can be fixed is not known: not "fixable" either.
        Outcome::Unknown
    } else if fails(Remedy::Fix) {
        Outcome::Fixable
    } else if checks
        .iter()
        .any(|c| c.status == Status::Unknown && c.essential)
    {
        Outcome::Unknown
    } else {
        Outcome::Ready
    }
}

/// The checklist for this scenario's target, or `None` when the planner has no hardware rules
/// for it (Windows 10 and earlier, Windows Server before 2016).
pub fn readiness(s: &Resolved) -> Option<Readiness> {
    let g = &s.given;
    let s_mode = g.hardware.s_mode.or(s
        .current
        .conditions
        .contains(&crate::core::ids::Condition::SModeClient)
        .then_some(true));
    let m = Machine {
        hw: &g.hardware,
        virt: &g.virtualisation,
        arch: s.current.architecture,
        edition: s.current.edition,
        os: s.current.os,
        release: g.current.release.as_deref(),
        build: g.current.build.as_deref(),
        s_mode,
        target: s.target.os,
        target_release: s.target.release,
        target_installation: s.target.installation,
    };
    let (rules, target) = if s.target.os == Os::Windows11 {
        let release = s.target.release.unwrap_or("");
        (windows11::RULES, format!("Windows 11 {release}"))
    } else {
        (server::rules(s.target.os)?, s.target.os.label().to_string())
    };
    let checks = run(rules, &m);
    Some(Readiness {
        target: target.trim().to_string(),
        outcome: outcome(&checks),
        checks,
    })
}
