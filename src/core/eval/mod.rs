//! `evaluate`: Scenario → Plan. An ordered list of small rules; each writes findings and steps
//! with its source into a `Builder`, and either settles the plan or hands on to the next rule.
//! The verdict follows from the findings.

mod domain;
mod finish;
mod gates;
mod hardware;
mod legs;
mod lifecycle;
mod outcome;
mod runbook;
mod same_version;

use super::builder::Builder;
use super::catalog::version;
use super::codes::Code;
use super::ids::Os;
use super::plan::{Method, Plan};
use super::r2;
use super::scenario::{parse_scenario, InputError, Resolved, Scenario};
use super::source::Source;

/// Evaluate a Scenario: input errors for bad input, otherwise a Plan (also when not supported).
pub fn evaluate(s: &Scenario) -> Result<Plan, InputError> {
    Ok(evaluate_resolved(&s.resolve()?))
}

/// Parse and evaluate a Scenario given as JSON.
pub fn evaluate_json(json: &str) -> Result<Plan, InputError> {
    evaluate(&parse_scenario(json)?)
}

const CONV25: Source = Source::ConversionOptions;
const OVR26: Source = Source::UpgradeOverview;
const IPU: Source = Source::InPlaceUpgrade;
const DC: Source = Source::DomainControllers;
const DC12: Source = Source::DomainControllers2012;
const CLI23: Source = Source::ClientPaths;
const W11: Source = Source::Windows11Requirements;

/// What the rules share while they run.
struct Ctx<'a> {
    /// The scenario as given (resolved).
    s: &'a Resolved,
    /// Where the route starts: the scenario after the changes made before the upgrade
    /// (an evaluation converted, Core ↔ Desktop switched on 2012 R2).
    start: Resolved,
    b: Builder,
    /// The ConfigMgr task sequence's method, once it has been checked.
    configmgr: Option<Method>,
    /// The hardware checklist against the target, once it has been judged.
    readiness: Option<crate::core::hardware::Readiness>,
}

impl Ctx<'_> {
    /// The builder, to settle the plan with (the rules are done with it).
    fn take(&mut self) -> Builder {
        std::mem::take(&mut self.b)
    }
    fn not_supported(&mut self) -> Option<Plan> {
        let b = self.take();
        Some(outcome::not_supported(self.s, b))
    }
}

type Rule = fn(&mut Ctx) -> Option<Plan>;

/// The rules, in the order they run. A rule returns the plan when it settles it.
const PIPELINE: &[Rule] = &[
    #[cfg(feature = "synthetic-field")]
    synthetic_widget,
    direction,
    r2_update,
    gates::what_cannot_change,
    hardware::rule,
    same_version::rule,
    gates::route_gates,
    legs::route,
];

pub fn evaluate_resolved(s: &Resolved) -> Plan {
    let mut ctx = Ctx {
        s,
        start: s.clone(),
        b: Builder::new(),
        configmgr: None,
        readiness: None,
    };
    for rule in PIPELINE {
        if let Some(plan) = rule(&mut ctx) {
            return finish::finish(s, plan, ctx.readiness);
        }
    }
    // `legs::route` always settles the plan; this only keeps the function total.
    let plan = outcome::not_supported(s, std::mem::take(&mut ctx.b));
    finish::finish(s, plan, ctx.readiness)
}

/// Client and server are separate lines, and an upgrade only goes forward.
fn direction(ctx: &mut Ctx) -> Option<Plan> {
    let (c, t) = (&ctx.s.current, &ctx.s.target);
    let (cv, tv) = (version(c.os), version(t.os));
    if cv.family != tv.family {
        ctx.b.blocker(Code::FamilyChange, Source::ClientPaths, format!(
            "{} and {} are different product families: there is no in-place upgrade between Windows client and Windows Server.",
            c.os.label(), t.os.label()
        ));
        return ctx.not_supported();
    }
    if tv.rank < cv.rank {
        ctx.b.blocker(
            Code::Downgrade,
            CONV25,
            format!(
                "{} is older than {}: an in-place upgrade only goes to a later version.",
                t.os.label(),
                c.os.label()
            ),
        );
        return ctx.not_supported();
    }
    None
}

/// Windows Server 2003 → 2003 R2 without ConfigMgr: the options of seed 002.
fn r2_update(ctx: &mut Ctx) -> Option<Plan> {
    let s = ctx.s;
    let (c, t) = (s.current.os, s.target.os);
    if c != Os::Server2003 || t != Os::Server2003R2 || s.configmgr.is_some() {
        return None;
    }
    let method = r2::plan(s, &mut ctx.b);
    if ctx.b.has_blocker() {
        return ctx.not_supported();
    }
    lifecycle::lifecycle(s, &[c, t], &mut ctx.b);
    Some(ctx.take().finish(method, vec![c, t], s.as_of))
}

/// Test-only (feature `synthetic-field`, docs/adding-a-field.md): the rule of the synthetic field.
#[cfg(feature = "synthetic-field")]
fn synthetic_widget(ctx: &mut Ctx) -> Option<Plan> {
    if ctx.s.given.current.synthetic_widget == Some(true) {
        ctx.b.info(
            Code::SyntheticWidget,
            Source::Catalog,
            "This server has the synthetic widget (a test-only field).",
        );
    }
    None
}
