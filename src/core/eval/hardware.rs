//! The machine against its target's requirements: every failing or unknown check becomes a
//! finding (needs other hardware → blocker; fixable → prerequisite with its steps; unknown →
//! prerequisite saying how to read it); passed checks only appear in the readiness checklist.

use super::Ctx;
use crate::core::builder::Builder;
use crate::core::codes::Code;
use crate::core::hardware::{self, Check, Readiness, Remedy, Status};
use crate::core::plan::{Confidence, Plan, Severity};

pub(super) fn rule(ctx: &mut Ctx) -> Option<Plan> {
    let r = hardware::readiness(ctx.s)?;
    findings(&r, &mut ctx.b);
    ctx.readiness = Some(r);
    None
}

fn findings(r: &Readiness, b: &mut Builder) {
    for c in &r.checks {
        let (severity, message) = match (c.status, c.remedy) {
            (Status::Pass, _) => continue,
            (Status::Fail, Some(Remedy::Replace)) => (
                Severity::Blocker,
                format!(
                    "{}: {} — this machine cannot meet it; {}",
                    c.label,
                    c.value,
                    lower(first(c))
                ),
            ),
            (Status::Fail, _) => (
                Severity::Prerequisite,
                format!(
                    "{}: {} — fixable on this machine: {}",
                    c.label,
                    c.value,
                    lower(first(c))
                ),
            ),
            (Status::Unknown, _) => (
                Severity::Prerequisite,
                format!("{}: not known ({}). {}", c.label, c.value, first(c)),
            ),
        };
        b.finding_with(severity, c.code, c.source, c.confidence, message);
    }
    fix_steps(r, b);
    if let Some(note) = hardware::bypass_note(&r.checks) {
        b.finding_with(
            Severity::Info,
            Code::W11UnsupportedBypass,
            crate::core::source::Source::RegistryBypass,
            Confidence::Secondary,
            note,
        );
    }
}

/// The fixes become the runbook's first stage.
fn fix_steps(r: &Readiness, b: &mut Builder) {
    let fixable: Vec<&Check> = r
        .checks
        .iter()
        .filter(|c| c.status == Status::Fail && c.remedy == Some(Remedy::Fix))
        .collect();
    if fixable.is_empty() {
        return;
    }
    b.group(format!("Fix this machine for {}", r.target));
    for c in fixable {
        for step in &c.steps {
            b.step(c.source, step.clone());
        }
    }
    b.group("Before you start");
}

fn first(c: &Check) -> &str {
    c.steps.first().map_or("", String::as_str)
}

fn lower(s: &str) -> String {
    crate::core::route::lower_first(s)
}
