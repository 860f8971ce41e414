//! The last touches once a rule has settled the plan: each stop's dates (its release and edition
//! group), the ESU programmes of the installed version, the readiness checklist, and the headline.

use super::outcome;
use crate::core::codes::Code;
use crate::core::esu;
use crate::core::hardware::{Check, Outcome, Readiness, Remedy, Status};
use crate::core::ids::Platform;
use crate::core::lifecycle;
use crate::core::plan::{Finding, Method, Plan, Severity, Verdict};
use crate::core::route::lower_first;
use crate::core::scenario::Resolved;

pub(super) fn finish(s: &Resolved, mut plan: Plan, readiness: Option<Readiness>) -> Plan {
    let (c, t) = (s.current.os, s.target.os);
    // Without a route (or within one version) the stops are where the machine is and where it
    // was to go, when they differ in version, release or edition.
    let same_place =
        c == t && s.current.release == s.target.release && s.current.edition == s.target.edition;
    let ends = match (plan.route.len(), same_place) {
        (0 | 1, true) => vec![t],
        (0 | 1, false) => vec![c, t],
        _ => plan.route.clone(),
    };
    plan.stops = lifecycle::stops(s, &ends);
    plan.esu = esu::offers(c, s.current.edition, s.current.release, s.as_of);
    plan.readiness = readiness;
    let bridge = outcome::esu_bridge(s);
    if plan.verdict == Verdict::NotSupported {
        if let Some(bridge) = &bridge {
            let offer = esu::longest_open(&plan.esu).expect("a bridge comes from an open offer");
            plan.findings.push(Finding {
                severity: Severity::Info,
                code: Code::EsuBridge,
                message: format!("Until the machine can move: {bridge}."),
                source: offer.source,
                confidence: offer.confidence,
            });
        }
    }
    plan.headline = headline(s, &plan, bridge.as_deref());
    plan
}

fn headline(s: &Resolved, plan: &Plan, bridge: Option<&str>) -> String {
    let what = match plan.verdict {
        Verdict::NotSupported => not_supported(s, plan, bridge),
        Verdict::SupportedAfterPrerequisites => after_prerequisites(plan),
        Verdict::Supported => supported(plan),
    };
    match plan.method {
        Method::ReplaceHardware => format!("Not supported on this hardware: {what}"),
        _ if s.given.virtualisation.platform == Some(Platform::HyperVGen1)
            && plan.has_finding(Code::W11VmGeneration)
            && plan.verdict == Verdict::NotSupported =>
        {
            format!("Not supported in place on a generation 1 virtual machine: {what}")
        }
        _ => format!("{}: {what}", plan.verdict.label()),
    }
}

fn not_supported(s: &Resolved, plan: &Plan, bridge: Option<&str>) -> String {
    match plan.method {
        Method::ReplaceHardware => match bridge {
            Some(b) => format!("replace it, or {b}"),
            None => "replace it".into(),
        },
        _ if plan.has_finding(Code::W11VmGeneration) => format!(
            "create a generation 2 virtual machine and install {} in it",
            s.target.os.label()
        ),
        m => lower_first(m.label()),
    }
}

fn after_prerequisites(plan: &Plan) -> String {
    let mut what: Vec<&str> = Vec::new();
    if let Some(r) = &plan.readiness {
        for c in r.checks.iter().filter(|c| c.status == Status::Fail) {
            if let Some(fix) = fix_words(c) {
                if !what.contains(&fix) {
                    what.push(fix);
                }
            }
        }
        if r.outcome == Outcome::Unknown {
            what.push("confirm the hardware");
        }
    }
    let n = plan
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Prerequisite)
        .count();
    let method = lower_first(plan.method.label());
    if what.is_empty() {
        let s = if n == 1 { "" } else { "s" };
        format!("{method} after {n} prerequisite{s}")
    } else {
        format!("{}, then {method}", what.join(", "))
    }
}

fn supported(plan: &Plan) -> String {
    let method = lower_first(plan.method.label());
    match plan.route.len() {
        0..=2 => method,
        n => format!("{method} in {} steps", n - 1),
    }
}

/// What fixing a failing check amounts to, in a few words for the headline.
fn fix_words(c: &Check) -> Option<&'static str> {
    if c.remedy != Some(Remedy::Fix) {
        return None;
    }
    Some(match c.code {
        Code::W11Tpm if c.value.contains("virtual") => "add a virtual TPM",
        Code::W11Tpm | Code::W11UefiSecureBoot => "fix the firmware settings",
        Code::W11Ram | Code::WsRam => "add memory",
        Code::W11Storage | Code::WsDisk => "enlarge the system volume",
        Code::W11SourceRelease => "update Windows 10 first",
        Code::W11SMode => "leave S mode",
        Code::W11CpuCores => "add virtual processors",
        _ => "fix this machine",
    })
}
