//! A plan with no in-place route: what to do instead, its alternatives and its runbook.

use super::lifecycle::lifecycle;
use super::runbook;
use crate::core::builder::{self, Builder};
use crate::core::catalog::{version, Family};
use crate::core::cluster;
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
                plan.verdict.label().to_lowercase()
            ),
        );
    }
}

pub(super) fn instead(s: &Resolved) -> String {
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
fn explain_blockers(s: &Resolved, b: &mut Builder) {
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
        instead(s)
    ));
}

/// A not-supported plan: the recommended way forward and its alternatives.
pub(super) fn not_supported(s: &Resolved, mut b: Builder) -> Plan {
    let t = &s.target;
    let method = if let Some(cm) = &s.configmgr {
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
    explain_blockers(s, &mut b);
    match method {
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
    let mut plan = b.finish(method, Vec::new(), s.as_of);
    plan.stops = ends.iter().map(|&os| builder::stop(os, s.as_of)).collect();
    plan
}
