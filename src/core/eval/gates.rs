//! Rules that hold before any route is searched: what an upgrade can never change, and the gates
//! of a whole server or client route (facts §1.6–1.8, §3).

use super::{outcome, Ctx, CLI23, CONV25, IPU, OVR26, W11};
use crate::core::builder::Builder;
use crate::core::catalog::{version, Family};
use crate::core::cluster;
use crate::core::codes::Code;
use crate::core::configmgr;
use crate::core::ids::{Arch, Channel, Condition, Edition, Installation, Os};
use crate::core::plan::{Confidence, Plan, Severity};
use crate::core::scenario::Resolved;
use crate::core::source::Source;

/// What an in-place upgrade can never change: architecture, language; and the installation option,
/// which only 2012 and 2012 R2 can switch (before the upgrade).
pub(super) fn what_cannot_change(ctx: &mut Ctx) -> Option<Plan> {
    change_gates(ctx.s, &mut ctx.start, &mut ctx.b);
    None
}

/// The gates of the whole route, and ConfigMgr's own checks; any blocker settles the plan.
pub(super) fn route_gates(ctx: &mut Ctx) -> Option<Plan> {
    let s = ctx.s;
    match version(s.target.os).family {
        Family::Server => server_gates(s, &mut ctx.start, &mut ctx.b),
        Family::Client => client_gates(s, &mut ctx.b),
    }
    ctx.configmgr = s
        .configmgr
        .as_ref()
        .map(|cm| configmgr::check(s, cm, &mut ctx.b));
    if !ctx.b.has_blocker() {
        return None;
    }
    if s.configmgr.is_some() {
        outcome::manual_alternative(s, &mut ctx.b);
    }
    ctx.not_supported()
}

fn change_gates(s: &Resolved, start: &mut Resolved, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    let src = if version(t.os).family == Family::Server {
        CONV25
    } else {
        Source::ConfigMgrIpu
    };
    let t_has_arch = version(t.os).has_arch(c.architecture);
    if c.architecture == Arch::Ia64 && !t_has_arch {
        b.finding_with(Severity::Blocker, Code::ItaniumEnd, Source::ConversionOptions, Confidence::Unconfirmed, format!("No Itanium build exists of {}, so an Itanium server cannot be upgraded to it in place (inferred from the product line; unconfirmed as an explicit statement).", t.os.label()));
    } else if c.architecture == Arch::X86 && !t_has_arch && t.os == Os::Windows11 {
        b.blocker(Code::ArchitectureChange, W11, "Windows 11 needs a 64-bit processor and has no 32-bit edition: a 32-bit Windows 10 cannot be upgraded to it in place.");
    } else if c.architecture != t.architecture {
        b.blocker(Code::ArchitectureChange, src, format!("Changing the architecture ({} → {}) is not possible with an in-place upgrade; it needs a new installation.", c.architecture.id(), t.architecture.id()));
    }
    if c.language != t.language {
        b.blocker(Code::LanguageChange, src, format!("The installed language ({}) and the media's language ({}) must match; a cross-language upgrade is not supported.", c.language, t.language));
    }
    if t.os == Os::Server2008 && t.installation == Installation::Core && c.os != Os::Server2008 {
        b.finding_with(Severity::Blocker, Code::NoUpgradeInto2008Core, Source::InPlace2008, Confidence::Secondary, "No operating system can be upgraded into a Windows Server 2008 Server Core installation.");
    }
    if c.installation != t.installation {
        let inst19 = Source::InstallationAndUpgrade;
        if matches!(c.os, Os::Server2012 | Os::Server2012R2) {
            b.prerequisite(Code::SwitchOn2012r2, inst19, format!(
                "Switching between {} and {} during an upgrade is not supported, but {} can still switch after installation: switch it first, then upgrade (2016 and later cannot switch).",
                c.installation.label(), t.installation.label(), c.os.label()
            ));
            b.group("Before you start");
            b.step(inst19, format!("On {}, switch the installation to {} (add or remove the graphical shell features with Server Manager or PowerShell) and restart.", c.os.label(), t.installation.label()));
            start.current.installation = t.installation;
        } else {
            b.blocker(Code::InstallationChange, CONV25, format!("Switching between {} and {} during an upgrade is not supported; a Server Core source stays Server Core.", c.installation.label(), t.installation.label()));
        }
    }
}

/// Rules that hold for the whole server route (facts §1.6–1.8).
fn server_gates(s: &Resolved, start: &mut Resolved, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    if t.media_channel == Channel::Evaluation {
        b.blocker(Code::EvaluationTarget, CONV25, "An upgrade into an evaluation edition is not supported: evaluation editions are for clean installation only.");
    }
    if c.edition == Edition::Storage {
        b.blocker(Code::StorageServer, OVR26, "Windows Storage Server editions cannot be upgraded in place (newest guidance; a 2017 table still listed Storage Server 2012 → 2016 rows). Migrate or clean-install.");
    }
    for cond in &c.conditions {
        match cond {
            Condition::BootFromVhd => b.blocker(Code::BootFromVhd, OVR26, "An installation that boots from a VHD cannot be upgraded in place."),
            Condition::PrereleaseBuild => b.blocker(Code::PrereleaseBuild, CONV25, "Preview, prerelease and Technical Preview builds cannot be upgraded: clean-install a released version."),
            Condition::CheckedBuild => b.blocker(Code::CheckedBuild, Source::InstallationAndUpgrade, "Upgrading across build types (checked ↔ free) is not supported."),
            Condition::AzureVm => b.warning(Code::AzureVm, IPU, "In-place upgrades of cloud virtual machines depend on the provider: an Azure VM has its own upgrade procedure, and the generic procedure assumes the machine is not running in Azure."),
            Condition::NicTeaming => b.prerequisite(Code::NicTeaming, CONV25, "Disable NIC Teaming before the upgrade and enable it again afterwards."),
            Condition::HyperVHost => b.prerequisite(Code::HyperVVms, IPU, "No virtual machine may run during the upgrade: shut them down or live-migrate them to another host first."),
            Condition::LbfoHyperVSwitch if t.os >= Os::Server2022 => b.prerequisite(Code::LbfoHyperVSwitch, cluster::SRC_CORU, "An LBFO team bound to a Hyper-V switch is not supported on Windows Server 2022 and later: remove the team before upgrading and recreate the switch as a Switch Embedded Teaming (SET) switch afterwards."),
            Condition::SharedVhdxGuestCluster if s.clustered => b.blocker(Code::SharedVhdxGuestCluster, cluster::SRC_CORU, "Cluster OS Rolling Upgrade does not support guest clusters that use shared .vhdx as shared storage."),
            Condition::ConfigMgrSiteServer => b.warning(Code::ConfigmgrSiteServer, IPU, "This server hosts Configuration Manager site roles: follow ConfigMgr's pre- and post-upgrade steps for site servers."),
            _ => {}
        }
    }
    if c.channel == Channel::Evaluation {
        evaluation_source(s, start, b);
    }
    if c.domain_controller {
        super::domain::domain_controller(s, b);
    }
    b.info(Code::ServerLicense, Source::InPlaceUpgrade, "Each Windows Server upgrade needs a valid product key and license for the new version; keys depend on the channel (volume, retail, OEM).");
}

/// An evaluation installation must first become a licensed one (facts §1.7).
fn evaluation_source(s: &Resolved, start: &mut Resolved, b: &mut Builder) {
    let c = &s.current;
    let src = Source::ConversionOptions;
    if version(c.os).rank < version(Os::Server2008R2).rank {
        b.finding_with(Severity::Blocker, Code::EvaluationNoConversion, Source::SupportedPaths2016, Confidence::Unconfirmed,
            format!("Upgrade tables list only licensed installations, and no conversion of a {} evaluation is documented: clean-install a licensed edition.", c.os.label()));
        return;
    }
    if c.domain_controller {
        b.blocker(Code::EvaluationDc, src, "An evaluation installation that is a domain controller cannot be converted to a licensed one: add a licensed domain controller, move the FSMO roles to it, and remove AD DS from this one.");
        return;
    }
    let core_16 =
        c.installation == Installation::Core && version(c.os).rank >= version(Os::Server2016).rank;
    let converted = match c.edition {
        Edition::Standard if core_16 => Edition::Datacenter,
        e => e,
    };
    let limits = match (c.edition, core_16) {
        (Edition::Datacenter, _) => " An evaluation Datacenter can only become a licensed Datacenter.",
        (Edition::Standard, true) => " Since Windows Server 2016 a Server Core evaluation Standard can only become a licensed Datacenter (Server Core).",
        (Edition::Standard, false) => " An evaluation Standard can become a licensed Standard or Datacenter.",
        _ => "",
    };
    b.prerequisite(Code::EvaluationConvert, src, format!(
        "This is an evaluation installation; upgrade tables list only licensed installations. Convert it to a licensed {} first with DISM.{limits}",
        converted.label()
    ));
    let id = dism_id(converted);
    b.group("Convert the evaluation to a licensed edition");
    b.step(
        src,
        "Confirm the evaluation: DISM /online /Get-CurrentEdition (the name contains Eval).",
    );
    b.step(src, format!("List the allowed targets: DISM /online /Get-TargetEditions; {id} must be listed, otherwise only a fresh install works."));
    b.step(
        src,
        format!("Save the license terms: DISM /online /Set-Edition:{id} /GetEula:C:\\license.rtf"),
    );
    b.step(src, format!("Convert: DISM /online /Set-Edition:{id} /ProductKey:<key> /AcceptEula — the server restarts (twice)."));
    start.current.edition = converted;
    start.current.channel = Channel::Retail;
}

fn dism_id(e: Edition) -> &'static str {
    match e {
        Edition::Datacenter => "ServerDatacenter",
        Edition::Essentials => "ServerSolution",
        _ => "ServerStandard",
    }
}

/// Rules that hold for the whole client route (facts §3).
fn client_gates(s: &Resolved, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    if t.edition == Edition::EnterpriseLtsc && c.edition != Edition::EnterpriseLtsc {
        let src = if matches!(c.os, Os::Windows7 | Os::Windows8 | Os::Windows81) {
            Source::ClientPaths10
        } else {
            CLI23
        };
        b.blocker(Code::GaToLtsc, src, "An in-place upgrade into an LTSC edition is not supported: only keeping personal data or a clean install can reach LTSC.");
    }
    if c.conditions.contains(&Condition::SModeClient) && c.edition != Edition::Home {
        b.prerequisite(Code::SMode, W11, "Switch out of S mode before the upgrade.");
    }
}
