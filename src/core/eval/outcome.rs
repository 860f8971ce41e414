//! A plan with no in-place route: what to do instead, its alternatives and its runbook.

use super::lifecycle::lifecycle;
use super::runbook;
use crate::core::builder::Builder;
use crate::core::catalog::{version, Family};
use crate::core::cluster;
use crate::core::codes::Code;
use crate::core::esu;
use crate::core::plan::{Method, Plan, Verdict};
use crate::core::route;
use crate::core::scenario::Resolved;

/// When ConfigMgr cannot do it, say whether Setup run by hand could.
pub(super) fn manual_alternative(s: &Resolved, b: &mut Builder) {
    let mut manual = s.clone();
    manual.configmgr = None;
    let plan = super::evaluate_resolved(&manual);
    if plan.verdict != Verdict::NotSupported {
        let route: Vec<&str> = plan.route.iter().map(|o| o.label()).collect();
        b.alternative(
            plan.method,
            format!(
                "Outside Configuration Manager, the upgrade itself is possible: {} ({}).",
                route.join(" → "),
                plan.verdict.label().to_ascii_lowercase()
            ),
        );
    }
}

/// A blocker that only other hardware removes: the first such check's code.
pub(super) fn hardware_blocker(b: &Builder) -> Option<Code> {
    b.blockers().map(|f| f.code).find(|c| {
        let id = c.id();
        id.starts_with("w11-") || id.starts_with("ws-")
    })
}

/// "… stay on Windows 10 with ESU until …", when a programme is still open for this machine.
pub(super) fn esu_bridge(s: &Resolved) -> Option<String> {
    let offers = esu::offers(s.current.os, s.current.edition, s.current.release, s.as_of);
    let o = esu::longest_open(&offers)?;
    let needs = o
        .requires
        .as_ref()
        .map_or(String::new(), |r| format!(", which needs {r}"));
    Some(format!(
        "stay on {} with Extended Security Updates until {} ({}{needs})",
        s.current.os.label(),
        o.until,
        o.name
    ))
}

pub(super) fn instead(s: &Resolved, hardware: Option<Code>) -> String {
    if hardware == Some(Code::W11VmGeneration) {
        return format!("Create a generation 2 virtual machine with Secure Boot and a virtual TPM, install {} in it and move the user's data.", s.target.os.label());
    }
    if hardware.is_some() {
        return match esu_bridge(s) {
            Some(bridge) => format!(
                "Replace the hardware with a machine that meets {}'s requirements, or {bridge}.",
                s.target.os.label()
            ),
            None => format!(
                "Replace the hardware with a machine that meets {}'s requirements.",
                s.target.os.label()
            ),
        };
    }
    if s.configmgr
        .as_ref()
        .is_some_and(|cm| !cm.planned_changes.is_empty())
    {
        format!(
            "Deploy {} with a traditional ConfigMgr OS deployment task sequence.",
            s.target.os.label()
        )
    } else if s.clustered {
        format!("Migrate the roles to a new {} cluster, or clean-install the nodes and create a new cluster.", s.target.os.label())
    } else if s.current.domain_controller {
        format!(
            "Promote new {} domain controllers, move the FSMO roles and demote this one.",
            s.target.os.label()
        )
    } else {
        format!(
            "Clean-install {} and migrate the roles and data.",
            s.target.os.label()
        )
    }
}

/// "Because …, no in-place route exists. Do W instead." — unless the route search explained it.
fn explain_blockers(s: &Resolved, hardware: Option<Code>, b: &mut Builder) {
    if b.blockers().next().is_none() || b.explanation_is_set() {
        return;
    }
    let reasons: Vec<String> = b
        .blockers()
        .map(|f| {
            format!(
                "{} ({})",
                route::lower_first(f.message.trim_end_matches('.')),
                f.source.cite()
            )
        })
        .collect();
    b.explain(format!(
        "Because {}, no in-place route exists. {}",
        reasons.join("; and "),
        instead(s, hardware)
    ));
}

/// A not-supported plan: the recommended way forward and its alternatives.
pub(super) fn not_supported(s: &Resolved, mut b: Builder) -> Plan {
    let t = &s.target;
    let hardware = hardware_blocker(&b);
    let method = if hardware == Some(Code::W11VmGeneration) {
        Method::CleanInstall
    } else if hardware.is_some() {
        Method::ReplaceHardware
    } else if let Some(cm) = &s.configmgr {
        if cm.planned_changes.is_empty() {
            Method::CleanInstall
        } else {
            Method::ConfigmgrOsDeployment
        }
    } else if s.clustered && version(t.os).family == Family::Server {
        Method::ClusterMigration
    } else {
        Method::CleanInstall
    };
    explain_blockers(s, hardware, &mut b);
    match method {
        Method::ReplaceHardware => runbook::replace_hardware(s, esu_bridge(s), &mut b),
        Method::ClusterMigration => {
            cluster::kb935197_alternatives(s, &mut b);
            cluster::migration_steps(s, &mut b);
        }
        Method::CleanInstall => runbook::clean_install(s, &mut b),
        Method::ConfigmgrOsDeployment => runbook::os_deployment(&mut b),
        _ => {}
    }
    // No in-place route: `route` stays empty, while `stops` still shows both versions' dates.
    let ends = if t.os == s.current.os {
        vec![t.os]
    } else {
        vec![s.current.os, t.os]
    };
    lifecycle(s, &ends, &mut b);
    b.finish(method, Vec::new(), s.as_of)
}
