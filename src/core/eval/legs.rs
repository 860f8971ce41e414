//! The hops of a found route: their prerequisites, findings and runbook steps.

use super::lifecycle::lifecycle;
use super::{outcome, runbook, Ctx, CLI23, W11};
use crate::core::builder::Builder;
use crate::core::catalog::{version, Family};
use crate::core::cluster;
use crate::core::codes::Code;
use crate::core::configmgr;
use crate::core::editions::Keeps;
use crate::core::ids::{Condition, Edition, Os};
use crate::core::plan::{Confidence, Method, Plan, Severity};
use crate::core::r2;
use crate::core::route::{self, Leg, Refusal};
use crate::core::scenario::Resolved;
use crate::core::source::Source;
use crate::core::text;

/// Search the route: none → the refusals become blockers and the why-not; found → its hops.
pub(super) fn route(ctx: &mut Ctx) -> Option<Plan> {
    let s = ctx.s;
    let search = route::search(&ctx.start);
    let Some(legs) = search.route else {
        refusals(ctx, &search.refusals);
        return ctx.not_supported();
    };
    let mut stops = vec![s.current.os];
    stops.extend(legs.iter().map(|l| l.to.os));
    let method = match ctx.configmgr {
        Some(m) => m,
        None if s.clustered => Method::ClusterOsRollingUpgrade,
        None => Method::InPlaceUpgrade,
    };
    let method = walk_legs(s, &ctx.start, &legs, method, &mut ctx.b);
    crate::core::site_system::steps(s, &stops, &mut ctx.b);
    if method == Method::ClusterOsRollingUpgrade {
        cluster::workload(s, &mut ctx.b);
    }
    runbook::after_upgrade(s, &mut ctx.b);
    lifecycle(s, &stops, &mut ctx.b);
    Some(ctx.take().finish(method, stops, s.as_of))
}

/// No route: every refused hop is a blocker (hops into the target first: they are what the user
/// asked about), and the why-not explains them.
fn refusals(ctx: &mut Ctx, found: &[Refusal]) {
    let (s, b) = (ctx.s, &mut ctx.b);
    let t = &s.target;
    let mut refusals = found.to_vec();
    refusals.sort_by_key(|r| r.to != t.os);
    for r in &refusals {
        b.finding_with(
            Severity::Blocker,
            r.code,
            r.source,
            r.confidence,
            format!(
                "{} → {}: {}",
                r.from.os.label(),
                r.to.label(),
                text::sentence(&r.reason)
            ),
        );
        if r.code == Code::ClusterKb935197 {
            b.setup_message(cluster::MSG_KB935197);
            b.info(Code::Kb935197Cause, Source::Kb935197, "Cause: the server is a cluster member, and Windows Server 2008, 2008 R2, 2012 and 2012 R2 do not support upgrading clustered servers from earlier versions because the cluster versions are incompatible. This behaviour is by design.");
        }
    }
    if refusals.is_empty() {
        b.blocker(
            Code::NoInPlaceRoute,
            Source::UpgradeOverview,
            format!(
                "No chain of supported in-place upgrades leads from {} {} to {} {}.",
                s.current.os.label(),
                ctx.start.current.edition.label(),
                t.os.label(),
                t.edition.label()
            ),
        );
    }
    let instead = outcome::instead(s, outcome::hardware_blocker(b));
    b.explain(route::explain(&ctx.start, &refusals, &instead));
}

/// Findings and steps for each hop of a found route. Returns the final method.
fn walk_legs(
    s: &Resolved,
    start: &Resolved,
    legs: &[Leg],
    method: Method,
    b: &mut Builder,
) -> Method {
    let mut method = method;
    // The service pack installed when each hop starts: the current one, then none after a hop.
    let mut sp = start.current.service_pack;
    if s.configmgr.is_none() && !s.clustered {
        runbook::server_prep(s, b);
    }
    for (i, leg) in legs.iter().enumerate() {
        service_pack_first(leg, i, sp, b);
        hop_confidence(leg, b);
        edition_notes(leg, b);
        if let Some(m) = hop_steps(s, leg, sp, b) {
            method = m;
        }
        hop_warnings(s, leg, b);
        sp = 0;
    }
    route_notes(s, legs, b);
    method
}

/// A hop that needs a later service pack than the one installed.
fn service_pack_first(leg: &Leg, i: usize, sp: u8, b: &mut Builder) {
    let (from, to, hop) = (leg.from.os, leg.to.os, leg.hop);
    if hop.min_sp <= sp {
        return;
    }
    let text = format!(
        "{} needs Service Pack {} before it can be upgraded to {}.",
        from.label(),
        hop.min_sp,
        to.label()
    );
    let code = if i == 0 {
        Code::ServicePackRequired
    } else {
        Code::ServicePackOnTheWay
    };
    b.prerequisite(code, hop.source, text);
    b.group(if i == 0 {
        "Before you start".to_string()
    } else {
        format!("{} → {}", from.label(), to.label())
    });
    b.step(
        hop.source,
        format!(
            "Install {} Service Pack {} and restart.",
            from.label(),
            hop.min_sp
        ),
    );
}

/// How sure the sources are of the hop and of its edition mapping.
fn hop_confidence(leg: &Leg, b: &mut Builder) {
    let (from, to, hop) = (leg.from.os, leg.to.os, leg.hop);
    match hop.confidence {
        Confidence::Unconfirmed => b.finding_with(Severity::Warning, Code::UnconfirmedHop, hop.source, Confidence::Unconfirmed, format!("The in-place path {} → {} is not confirmed by a primary source; verify it before relying on it.", from.label(), to.label())),
        Confidence::Secondary => b.finding_with(Severity::Info, Code::SecondaryHop, hop.source, Confidence::Secondary, format!("The in-place path {} → {} is documented only by secondary or archived pages.", from.label(), to.label())),
        Confidence::Confirmed => {}
    }
    if leg.edition_confidence == Confidence::Unconfirmed {
        b.finding_with(
            Severity::Warning,
            Code::UnconfirmedEdition,
            leg.edition_source,
            Confidence::Unconfirmed,
            format!(
                "The edition mapping {} {} → {} {} is not confirmed by a primary source.",
                from.label(),
                leg.from.edition.label(),
                to.label(),
                leg.to.edition.label()
            ),
        );
    }
}

/// An edition that changes on the way: what is kept, which key is needed.
fn edition_notes(leg: &Leg, b: &mut Builder) {
    let (from, to) = (leg.from.edition, leg.to.edition);
    if leg.keeps == Keeps::DataOnly {
        b.warning(Code::EditionDowngrade, leg.edition_source, format!("{} → {} is an edition downgrade: personal data is kept, applications and settings are not.", from.label(), to.label()));
    }
    if from != to && version(leg.to.os).family == Family::Server {
        b.info(
            Code::EditionChange,
            leg.edition_source,
            format!(
                "The edition changes from {} to {} on the way to {}; you need a key for {}.",
                from.label(),
                to.label(),
                leg.to.os.label(),
                to.label()
            ),
        );
    }
}

/// The runbook of one hop, by how it is done; the 2003 → R2 hop decides the method itself.
fn hop_steps(s: &Resolved, leg: &Leg, sp: u8, b: &mut Builder) -> Option<Method> {
    let (from, to) = (leg.from.os, leg.to.os);
    if from == Os::Server2003 && to == Os::Server2003R2 {
        let mut hop_s = s.clone();
        hop_s.current.os = from;
        hop_s.current.edition = leg.from.edition;
        hop_s.current.service_pack = sp.max(1);
        return Some(r2::plan(&hop_s, b));
    }
    if let Some(cm) = &s.configmgr {
        configmgr::steps(s, cm, to, b);
    } else if s.clustered {
        cluster::rolling_upgrade_hop(s, from, to, b);
    } else if version(to).family == Family::Server {
        runbook::server_hop_steps(s, leg, b);
    } else {
        client_hop(leg, b);
    }
    None
}

/// Warnings tied to one particular hop.
fn hop_warnings(s: &Resolved, leg: &Leg, b: &mut Builder) {
    let (c, from, to) = (&s.current, leg.from.os, leg.to.os);
    if from == Os::Server2012R2 && to == Os::Server2019 {
        b.warning(Code::ScepUninstall, Source::UpgradeCenter2019, "Setup flags System Center Endpoint Protection on Windows Server 2012 R2 → 2019: uninstall it before the upgrade.");
    }
    if to >= Os::Server2022
        && to <= Os::Server2025
        && c.conditions.contains(&Condition::HyperVHost)
        && version(c.os).rank < version(Os::Server2016).rank
    {
        b.warning(Code::VmConfigVersion, cluster::SRC_CORU, "Virtual machines with a configuration version below 8.0 (created on hosts before 2016) cannot run on Windows Server 2022 and later: run Update-VMVersion.");
    }
}

/// Notes about the whole client route: Windows 11 hardware, LTSC.
fn route_notes(s: &Resolved, legs: &[Leg], b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    if legs.iter().any(|l| l.to.os == Os::Windows11) {
        b.info(Code::W11GraphicsDisplay, W11, "Windows 11 also needs DirectX 12 graphics with a WDDM 2.0 driver and a display of 720p or more; Setup does not block on them.");
    }
    if c.edition == Edition::EnterpriseLtsc && t.edition != Edition::EnterpriseLtsc {
        b.warning(Code::LtscToGaKey, CLI23, "LTSC → General Availability: run setup.exe with /pkey and a key of the GA edition (for example the KMS client key of Enterprise), otherwise \"Keep personal files and apps\" is greyed out.");
    }
    if c.edition == Edition::EnterpriseLtsc && t.edition == Edition::EnterpriseLtsc {
        b.finding_with(Severity::Warning, Code::LtscToLtsc, CLI23, Confidence::Unconfirmed, "The sources do not state whether an LTSC edition upgrades in place to a newer LTSC release (unconfirmed).");
    }
}

fn client_hop(leg: &Leg, b: &mut Builder) {
    let (from, to) = (leg.from.os, leg.to.os);
    let src = leg.hop.source;
    if from == Os::Windows8 {
        b.info(
            Code::Windows8To81First,
            src,
            "Windows 8 cannot go to Windows 10 directly: install the Windows 8.1 update first.",
        );
    }
    b.group(format!("{} → {}", from.label(), to.label()));
    b.step(
        src,
        "Back up personal files and check that applications and drivers support the new version.",
    );
    let keep = runbook::keep_what(leg.keeps);
    b.step(
        src,
        format!(
            "Run setup.exe from the {} media (or the update), choose to {keep}, and install {}.",
            to.label(),
            leg.to.edition.label()
        ),
    );
}
