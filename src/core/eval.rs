//! `evaluate`: Scenario → Plan. One pass of small rules; each rule writes findings and steps
//! with its source into a `Builder`, and the verdict follows from the findings.

use super::builder::Builder;
use super::catalog::{version, Family};
use super::cluster;
use super::codes::Code;
use super::configmgr;
use super::editions::{edition_rule, Keeps};
use super::ids::{Arch, Channel, Condition, Edition, Installation, Os};
use super::plan::{Confidence, Method, Plan, Severity, Support};
use super::r2;
use super::route::{self, Leg};
use super::scenario::{parse_scenario, InputError, Resolved, Scenario};
use super::source::Source;
use super::text;

/// Evaluate a Scenario: input errors for bad input, otherwise a Plan (also when not supported).
pub fn evaluate(s: &Scenario) -> Result<Plan, InputError> {
    Ok(evaluate_resolved(&s.resolve()?))
}

/// Parse and evaluate a Scenario given as JSON.
pub fn evaluate_json(json: &str) -> Result<Plan, InputError> {
    evaluate(&parse_scenario(json)?)
}

const CONV25: Source = Source::facts("S-CONV25", "§1.6");
const OVR26: Source = Source::facts("S-OVR26", "§1.6");
const IPU: Source = Source::facts("S-IPU", "§1.6");
const DC: Source = Source::facts("S-DC", "§1.8");
const DC12: Source = Source::facts("S-DC12", "§1.8");
const CLI23: Source = Source::facts("S-CLI23", "§3.1");
const W11: Source = Source::facts("S-W11REQ", "§3.2");

pub fn evaluate_resolved(s: &Resolved) -> Plan {
    let mut b = Builder::new();
    let (c, t) = (&s.current, &s.target);
    let (cv, tv) = (version(c.os), version(t.os));

    if cv.family != tv.family {
        b.blocker(Code::FamilyChange, Source::facts("S-CLI23", "§3"), format!(
            "{} and {} are different product families: there is no in-place upgrade between Windows client and Windows Server.",
            c.os.label(), t.os.label()
        ));
        return not_supported(s, b);
    }
    if tv.rank < cv.rank {
        b.blocker(
            Code::Downgrade,
            CONV25,
            format!(
                "{} is older than {}: an in-place upgrade only goes to a later version.",
                t.os.label(),
                c.os.label()
            ),
        );
        return not_supported(s, b);
    }
    if c.os == Os::Server2003 && t.os == Os::Server2003R2 && s.configmgr.is_none() {
        let method = r2::plan(s, &mut b);
        if b.has_blocker() {
            return not_supported(s, b);
        }
        lifecycle(s, &[c.os, t.os], &mut b);
        return b.finish(method, vec![c.os, t.os], s.as_of);
    }

    let mut start = s.clone();
    change_gates(s, &mut start, &mut b);
    if c.os == t.os {
        return same_version(s, b);
    }
    match tv.family {
        Family::Server => server_gates(s, &mut start, &mut b),
        Family::Client => client_gates(s, &mut b),
    }
    let cm_method = s
        .configmgr
        .as_ref()
        .map(|cm| configmgr::check(s, cm, &mut b));
    if b.has_blocker() {
        if s.configmgr.is_some() {
            manual_alternative(s, &mut b);
        }
        return not_supported(s, b);
    }

    let search = route::search(&start);
    let Some(legs) = search.route else {
        // Refusals of hops into the target itself first: they are what the user asked about.
        let mut refusals = search.refusals.clone();
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
        if search.refusals.is_empty() {
            b.blocker(
                Code::NoInPlaceRoute,
                Source::facts("S-OVR26", "§1.1"),
                format!(
                    "No chain of supported in-place upgrades leads from {} {} to {} {}.",
                    c.os.label(),
                    start.current.edition.label(),
                    t.os.label(),
                    t.edition.label()
                ),
            );
        }
        let instead = instead(s);
        b.explain(route::explain(&start, &refusals, &instead));
        return not_supported(s, b);
    };

    let mut route = vec![c.os];
    route.extend(legs.iter().map(|l| l.to.os));
    let method = match cm_method {
        Some(m) => m,
        None if s.clustered => Method::ClusterOsRollingUpgrade,
        None => Method::InPlaceUpgrade,
    };
    let method = walk_legs(s, &start, &legs, method, &mut b);
    after_upgrade(s, &mut b);
    lifecycle(s, &route, &mut b);
    b.finish(method, route, s.as_of)
}

/// When ConfigMgr cannot do it, say whether Setup run by hand could.
fn manual_alternative(s: &Resolved, b: &mut Builder) {
    let mut manual = s.clone();
    manual.configmgr = None;
    let plan = evaluate_resolved(&manual);
    if plan.verdict != super::plan::Verdict::NotSupported {
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

fn instead(s: &Resolved) -> String {
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

/// A not-supported plan: the recommended way forward and its alternatives.
fn not_supported(s: &Resolved, mut b: Builder) -> Plan {
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
    if b.blockers().next().is_some() && !b.explanation_is_set() {
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
    match method {
        Method::ClusterMigration => {
            cluster::kb935197_alternatives(s, &mut b);
            cluster::migration_steps(s, &mut b);
        }
        Method::CleanInstall => {
            let src = Source::facts("S-IUM", "§1.6");
            b.alternative(Method::CleanInstall, format!("Install {} on new or wiped hardware and migrate roles, data and settings to it; nothing of the old installation has to be compatible.", t.os.label()));
            b.group(format!("Clean installation of {}", t.os.label()));
            if version(t.os).family == Family::Server {
                b.step(src, "Inventory the server's roles, features, applications and settings, and back everything up.");
                b.step(src, format!("Install {} {} ({}, {}) on new hardware, a new virtual machine or the wiped server.", t.os.label(), t.edition.label(), t.architecture.id(), t.language));
                b.step(src, "Migrate the roles and data with the migration guide of each role, then retire the old server.");
            } else {
                b.step(src, "Back up personal files and note the installed applications and their licences.");
                b.step(
                    src,
                    format!(
                        "Install {} {} ({}, {}) cleanly on the device.",
                        t.os.label(),
                        t.edition.label(),
                        t.architecture.id(),
                        t.language
                    ),
                );
                b.step(
                    src,
                    "Reinstall the applications and restore the personal files.",
                );
            }
            if s.current.domain_controller {
                b.step(DC, "Domain controllers: promote the new server as an additional domain controller (adprep runs automatically), move the FSMO roles to it, then demote the old one.");
            }
        }
        Method::ConfigmgrOsDeployment => {
            b.group("ConfigMgr OS deployment");
            b.step(Source::ConfigMgrIpu, "Create a traditional OS deployment task sequence (wipe-and-load or refresh) for the planned changes.");
            b.step(Source::ConfigMgrIpu, "Distribute the OS image and content to a distribution point and deploy the task sequence.");
        }
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
    plan.stops = ends
        .iter()
        .map(|&os| super::builder::stop(os, s.as_of))
        .collect();
    plan
}

/// What an in-place upgrade can never change: architecture, language; and the installation option,
/// which only 2012 and 2012 R2 can switch (before the upgrade).
fn change_gates(s: &Resolved, start: &mut Resolved, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    let src = if version(t.os).family == Family::Server {
        CONV25
    } else {
        Source::ConfigMgrIpu
    };
    let t_has_arch = version(t.os).has_arch(c.architecture);
    if c.architecture == Arch::Ia64 && !t_has_arch {
        b.finding_with(Severity::Blocker, Code::ItaniumEnd, Source::facts("S-CONV25", "§1.5"), Confidence::Unconfirmed, format!("No Itanium build exists of {}, so an Itanium server cannot be upgraded to it in place (inferred from the product line; unconfirmed as an explicit statement).", t.os.label()));
    } else if c.architecture == Arch::X86 && !t_has_arch && t.os == Os::Windows11 {
        b.blocker(Code::ArchitectureChange, W11, "Windows 11 needs a 64-bit processor and has no 32-bit edition: a 32-bit Windows 10 cannot be upgraded to it in place.");
    } else if c.architecture != t.architecture {
        b.blocker(Code::ArchitectureChange, src, format!("Changing the architecture ({} → {}) is not possible with an in-place upgrade; it needs a new installation.", c.architecture.id(), t.architecture.id()));
    }
    if c.language != t.language {
        b.blocker(Code::LanguageChange, src, format!("The installed language ({}) and the media's language ({}) must match; a cross-language upgrade is not supported.", c.language, t.language));
    }
    if t.os == Os::Server2008 && t.installation == Installation::Core && c.os != Os::Server2008 {
        b.finding_with(Severity::Blocker, Code::NoUpgradeInto2008Core, Source::facts("S-WS08ITPRO", "§1.5"), Confidence::Secondary, "No operating system can be upgraded into a Windows Server 2008 Server Core installation.");
    }
    if c.installation != t.installation {
        let inst19 = Source::facts("S-INST19", "§1.6");
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
            Condition::CheckedBuild => b.blocker(Code::CheckedBuild, Source::facts("S-INST19", "§1.6"), "Upgrading across build types (checked ↔ free) is not supported."),
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
        b.warning(Code::DcPreferNewDcs, DC, "Microsoft recommends not upgrading domain controllers in place: promote new domain controllers on the newer version, move the FSMO roles and demote the old ones.");
        let ffl = if version(t.os).rank >= version(Os::Server2019).rank {
            "Windows Server 2008"
        } else {
            "Windows Server 2003"
        };
        b.prerequisite(
            Code::DcForestFunctionalLevel,
            DC,
            format!(
                "Domain controllers on {} need a forest functional level of at least {ffl}.",
                t.os.label()
            ),
        );
        b.prerequisite(Code::DcNtdsFreeSpace, DC12, "The volume holding NTDS.DIT needs free space of at least 20% of the NTDS.DIT file's size, or the compatibility report blocks the upgrade.");
        b.alternative(Method::CleanInstall, format!("Promote new {} domain controllers (adprep runs automatically), move the FSMO roles and demote this one — the recommended way.", t.os.label()));
        if t.os == Os::Server2025 {
            b.finding_with(Severity::Info, Code::DcFunctionalLevel2025, DC, Confidence::Unconfirmed, "The domain-controller guidance says no functional level was added after Windows Server 2016, while Windows Server 2025 is generally known to add one: verify before raising levels (conflict in the sources).");
        }
    }
    b.info(Code::ServerLicense, Source::facts("S-IPU", "§1.6"), "Each Windows Server upgrade needs a valid product key and license for the new version; keys depend on the channel (volume, retail, OEM).");
}

/// An evaluation installation must first become a licensed one (facts §1.7).
fn evaluation_source(s: &Resolved, start: &mut Resolved, b: &mut Builder) {
    let c = &s.current;
    let src = Source::facts("S-CONV25", "§1.7");
    if version(c.os).rank < version(Os::Server2008R2).rank {
        b.finding_with(Severity::Blocker, Code::EvaluationNoConversion, Source::facts("S-SUP16", "§1.7"), Confidence::Unconfirmed,
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
            Source::facts("S-CLI10", "§3.2")
        } else {
            CLI23
        };
        b.blocker(Code::GaToLtsc, src, "An in-place upgrade into an LTSC edition is not supported: only keeping personal data or a clean install can reach LTSC.");
    }
    if c.conditions.contains(&Condition::SModeClient) && c.edition != Edition::Home {
        b.prerequisite(Code::SMode, W11, "Switch out of S mode before the upgrade.");
    }
}

/// Findings and steps for each hop of a found route. Returns the final method.
fn walk_legs(
    s: &Resolved,
    start: &Resolved,
    legs: &[Leg],
    method: Method,
    b: &mut Builder,
) -> Method {
    let c = &s.current;
    let mut method = method;
    let mut sp = start.current.service_pack;
    if s.configmgr.is_none() && !s.clustered {
        server_prep(s, b);
    }
    for (i, leg) in legs.iter().enumerate() {
        let from = leg.from.os;
        let to = leg.to.os;
        let hop = leg.hop;
        if hop.min_sp > sp {
            let text = format!(
                "{} needs Service Pack {} before it can be upgraded to {}.",
                from.label(),
                hop.min_sp,
                to.label()
            );
            b.prerequisite(
                if i == 0 {
                    Code::ServicePackRequired
                } else {
                    Code::ServicePackOnTheWay
                },
                hop.source,
                text,
            );
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
        if leg.keeps == Keeps::DataOnly {
            b.warning(Code::EditionDowngrade, leg.edition_source, format!("{} → {} is an edition downgrade: personal data is kept, applications and settings are not.", leg.from.edition.label(), leg.to.edition.label()));
        }
        if leg.from.edition != leg.to.edition && version(to).family == Family::Server {
            b.info(
                Code::EditionChange,
                leg.edition_source,
                format!(
                    "The edition changes from {} to {} on the way to {}; you need a key for {}.",
                    leg.from.edition.label(),
                    leg.to.edition.label(),
                    to.label(),
                    leg.to.edition.label()
                ),
            );
        }
        if from == Os::Server2003 && to == Os::Server2003R2 {
            let mut hop_s = s.clone();
            hop_s.current.os = from;
            hop_s.current.edition = leg.from.edition;
            hop_s.current.service_pack = sp.max(1);
            method = r2::plan(&hop_s, b);
        } else if let Some(cm) = &s.configmgr {
            configmgr::steps(s, cm, to, b);
        } else if s.clustered {
            cluster::rolling_upgrade_hop(s, from, to, b);
        } else if version(to).family == Family::Server {
            server_hop_steps(s, leg, b);
        } else {
            client_hop(s, leg, i == 0, b);
        }
        if from == Os::Server2012R2 && to == Os::Server2019 {
            b.warning(Code::ScepUninstall, Source::facts("S-UPGDIR", "§1.6"), "Setup flags System Center Endpoint Protection on Windows Server 2012 R2 → 2019: uninstall it before the upgrade.");
        }
        if to >= Os::Server2022
            && to <= Os::Server2025
            && c.conditions.contains(&Condition::HyperVHost)
            && version(c.os).rank < version(Os::Server2016).rank
        {
            b.warning(Code::VmConfigVersion, cluster::SRC_CORU, "Virtual machines with a configuration version below 8.0 (created on hosts before 2016) cannot run on Windows Server 2022 and later: run Update-VMVersion.");
        }
        sp = 0;
    }
    let t = &s.target;
    if legs.iter().any(|l| l.to.os == Os::Windows11) {
        b.prerequisite(Code::Windows11Hardware, W11, "Windows 11 needs a 64-bit CPU of 1 GHz or faster with 2 or more cores, 4 GB of RAM, 64 GB of storage, UEFI with Secure Boot, TPM 2.0, DirectX 12 / WDDM 2.0 graphics and a 720p display. Check them on this device.");
        b.info(Code::Windows11Gen1Vm, W11, "A generation 1 virtual machine cannot be upgraded to Windows 11 in place: it needs generation 2 with Secure Boot and a virtual TPM.");
    }
    if c.edition == Edition::EnterpriseLtsc && t.edition != Edition::EnterpriseLtsc {
        b.warning(Code::LtscToGaKey, CLI23, "LTSC → General Availability: run setup.exe with /pkey and a key of the GA edition (for example the KMS client key of Enterprise), otherwise \"Keep personal files and apps\" is greyed out.");
    }
    if c.edition == Edition::EnterpriseLtsc && t.edition == Edition::EnterpriseLtsc {
        b.finding_with(Severity::Warning, Code::LtscToLtsc, CLI23, Confidence::Unconfirmed, "The sources do not state whether an LTSC edition upgrades in place to a newer LTSC release (unconfirmed).");
    }
    method
}

/// Preparation shared by every in-place server upgrade (S-IPU).
fn server_prep(s: &Resolved, b: &mut Builder) {
    if version(s.target.os).family != Family::Server {
        return;
    }
    b.group("Before you start");
    b.step(IPU, "Save diagnostic data off the server: Get-ComputerInfo (BuildLabEx, EditionID), systeminfo and ipconfig /all.");
    b.step(
        IPU,
        "Back up the server, including the system state, and check that the backup restores.",
    );
    if s.current.conditions.contains(&Condition::NicTeaming) {
        b.step(CONV25, "Disable NIC Teaming.");
    }
    if s.current.conditions.contains(&Condition::HyperVHost) {
        b.step(
            IPU,
            "Shut down every virtual machine on the host, or live-migrate them to another host.",
        );
    }
}

fn server_hop_steps(s: &Resolved, leg: &Leg, b: &mut Builder) {
    let (from, to) = (leg.from.os, leg.to.os);
    b.group(format!("{} → {}", from.label(), to.label()));
    if s.current.domain_controller {
        b.step(DC, format!("On the schema master, as Schema Admins + Enterprise Admins + Domain Admins: run adprep /forestprep from the {} media (once per forest for this version).", to.label()));
        b.step(DC, format!("On the infrastructure master, as Domain Admins: run adprep /domainprep (once per domain for {}).", to.label()));
    }
    let choice = if version(to).rank >= version(Os::Server2016).rank {
        "\"Keep personal files and apps\""
    } else {
        "\"Upgrade: install Windows and keep files, settings, and applications\""
    };
    b.step(IPU, format!("Run setup.exe from the {} media, enter the product key, choose the {} edition and accept the license terms.", to.label(), leg.to.edition.label()));
    b.step(
        IPU,
        format!("Choose {choice} and install; the server restarts several times."),
    );
    b.step(
        IPU,
        format!(
            "Verify: Get-ComputerInfo -Property WindowsProductName shows {} {}.",
            to.label(),
            leg.to.edition.label()
        ),
    );
}

fn client_hop(s: &Resolved, leg: &Leg, first: bool, b: &mut Builder) {
    let (from, to) = (leg.from.os, leg.to.os);
    let src = leg.hop.source;
    if from == Os::Windows10 && to == Os::Windows11 && first {
        let release = s.current.release.unwrap_or("");
        let v = version(Os::Windows10);
        let min = v.release_index(super::paths::WINDOWS_11_MIN_SOURCE_RELEASE);
        if v.release_index(release) < min {
            b.prerequisite(Code::Windows10Release, W11, format!("Windows 11 upgrades in place only from Windows 10 version 2004 or later with the 2021-09-14 security update; this device runs {release}: update Windows 10 first."));
            b.group("Before you start");
            b.step(CLI23, "Update Windows 10 to version 22H2 (any GA release can go to any newer one directly).");
        } else {
            b.info(
                Code::Windows10SecurityUpdate,
                W11,
                "Windows 11 needs the 2021-09-14 security update or later on Windows 10.",
            );
        }
    }
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
    let keep = if leg.keeps == Keeps::DataOnly {
        "keep personal files only (this edition change removes apps and settings)"
    } else {
        "keep personal files and apps"
    };
    b.step(
        src,
        format!(
            "Run setup.exe from the {} media (or the update), choose to {keep}, and install {}.",
            to.label(),
            leg.to.edition.label()
        ),
    );
}

fn after_upgrade(s: &Resolved, b: &mut Builder) {
    if version(s.target.os).family != Family::Server || s.configmgr.is_some() {
        return;
    }
    b.group("After the upgrade");
    if s.current.conditions.contains(&Condition::NicTeaming) {
        b.step(CONV25, "Enable NIC Teaming again.");
    }
    b.step(
        IPU,
        "If an upgrade fails, zip %SystemRoot%\\Panther and keep it for support.",
    );
}

/// Warnings for stops that are out of support, and a note for stops without dates.
fn lifecycle(s: &Resolved, route: &[Os], b: &mut Builder) {
    let last = route.len().saturating_sub(1);
    for (i, &os) in route.iter().enumerate() {
        let v = version(os);
        let lc = v.lifecycle;
        match v.support_on(s.as_of) {
            Support::Ended if i == last => b.finding_with(Severity::Warning, Code::LifecycleTargetEnded, lc.source, lc.confidence, format!("{} reached the end of extended support on {}: it gets no more security updates.", os.label(), lc.extended_end.map_or("?".into(), |d| d.to_string()))),
            Support::Ended if i > 0 => b.finding_with(Severity::Warning, Code::LifecycleStopEnded, lc.source, lc.confidence, format!("The route stops at {}, out of extended support since {}: stay on it only as long as the next upgrade takes.", os.label(), lc.extended_end.map_or("?".into(), |d| d.to_string()))),
            Support::ExtendedOnly if i == last => b.finding_with(Severity::Info, Code::LifecycleTargetExtended, lc.source, lc.confidence, format!("{} is in extended support only (mainstream ended {}; extended ends {}).", os.label(), lc.mainstream_end.map_or("?".into(), |d| d.to_string()), lc.extended_end.map_or("?".into(), |d| d.to_string()))),
            Support::Unknown if i > 0 => b.finding_with(Severity::Info, Code::LifecycleUnknown, lc.source, Confidence::Unconfirmed, format!("The sources give no end-of-support date for {} (no data, not a known date).", os.label())),
            _ => {}
        }
    }
}

/// Same version: service packs (Q174799 on clusters), editions, releases, repair.
fn same_version(s: &Resolved, mut b: Builder) -> Plan {
    let (c, t) = (&s.current, &s.target);
    let route = vec![c.os];
    let v = version(c.os);
    let cm_method = s
        .configmgr
        .as_ref()
        .map(|cm| configmgr::check(s, cm, &mut b));
    if b.has_blocker() {
        return not_supported(s, b);
    }
    if v.family == Family::Client {
        let (ci, ti) = (
            c.release.and_then(|r| v.release_index(r)),
            t.release.and_then(|r| v.release_index(r)),
        );
        if ti < ci {
            b.blocker(
                Code::ReleaseDowngrade,
                CLI23,
                format!(
                    "{} {} is older than the installed {}: upgrades only go to a newer release.",
                    c.os.label(),
                    t.release.unwrap_or("?"),
                    c.release.unwrap_or("?")
                ),
            );
            return not_supported(s, b);
        }
        let rule = edition_rule(c.os, c.edition, t.os);
        match rule.allows(t.edition) {
            None => {
                b.blocker(Code::EditionNotAllowed, rule.source, format!("{} {} cannot be changed in place to {}.", c.os.label(), c.edition.label(), t.edition.label()));
                return not_supported(s, b);
            }
            Some(Keeps::DataOnly) => b.warning(Code::EditionDowngrade, rule.source, format!("{} → {} is an edition downgrade: personal data is kept, applications and settings are not.", c.edition.label(), t.edition.label())),
            Some(Keeps::Everything) => {}
        }
        if ti > ci {
            b.info(Code::GaToNewerGa, CLI23, "Any supported General Availability release can upgrade directly to any newer one, skipping releases.");
        }
        if t.edition != c.edition {
            b.info(
                Code::EditionKey,
                CLI23,
                format!(
                    "Get the {} key or license before you start.",
                    t.edition.label()
                ),
            );
        }
        if c.edition == Edition::EnterpriseLtsc && t.edition != Edition::EnterpriseLtsc {
            b.warning(Code::LtscToGaKey, CLI23, "LTSC → General Availability: run setup.exe with /pkey and a key of the GA edition (for example the KMS client key of Enterprise), otherwise \"Keep personal files and apps\" is greyed out.");
            b.group("Before you start");
            b.step(CLI23, "Get a key of the GA edition to pass to setup.exe with /pkey (for Enterprise, its KMS client key) so that apps and settings are kept.");
        }
        if let (Some(cm), Some(method)) = (&s.configmgr, cm_method) {
            configmgr::steps(s, cm, t.os, &mut b);
            lifecycle(s, &route, &mut b);
            return b.finish(method, route, s.as_of);
        }
        b.group(format!(
            "{} {} → {}",
            c.os.label(),
            c.release.unwrap_or(""),
            t.release.unwrap_or("")
        ));
        b.step(CLI23, "Back up personal files.");
        let keep = if rule.allows(t.edition) == Some(Keeps::DataOnly) {
            "keep personal files only (this edition change removes apps and settings)"
        } else {
            "keep personal files and apps"
        };
        b.step(
            CLI23,
            format!(
                "Run setup.exe of {} {} (or the feature update), {keep}, and install {}.",
                t.os.label(),
                t.release.unwrap_or(""),
                t.edition.label()
            ),
        );
        lifecycle(s, &route, &mut b);
        return b.finish(Method::InPlaceUpgrade, route, s.as_of);
    }

    let target_sp = t.service_pack.unwrap_or(c.service_pack);
    if target_sp < c.service_pack {
        b.blocker(Code::ServicePackDowngrade, Source::Catalog, format!("Service Pack {} is already installed; going back to Service Pack {target_sp} is not an upgrade.", c.service_pack));
        return not_supported(s, b);
    }
    if target_sp > c.service_pack {
        let method = if s.clustered {
            cluster::rolling_service_pack(s, &mut b)
        } else {
            if c.os == Os::WindowsNt40
                && c.edition == Edition::Enterprise
                && c.service_pack < 3
                && target_sp > 3
            {
                b.prerequisite(Code::Nt4EeSp3First, Source::Q174799, "Windows NT 4.0 Enterprise Edition needs Service Pack 3 at the end of its installation; it is the one case where a service pack cannot be skipped.");
            }
            b.group(format!("Install {} Service Pack {target_sp}", c.os.label()));
            b.step(
                Source::Q174799,
                "Check the System event log for errors and make sure the system works properly.",
            );
            b.step(Source::Q174799, "Make sure there is a current backup (and an updated emergency repair disk on Windows NT 4.0 and 2000).");
            b.step(
                Source::Q174799,
                format!("Install Service Pack {target_sp}, then restart."),
            );
            b.step(
                Source::Q174799,
                "Check the System event log again and troubleshoot any error.",
            );
            Method::InPlaceUpgrade
        };
        lifecycle(s, &route, &mut b);
        return b.finish(method, route, s.as_of);
    }
    if t.edition != c.edition {
        let src = Source::facts("S-CONV25", "§1.7");
        let allowed = c.edition == Edition::Standard
            && t.edition == Edition::Datacenter
            && v.rank >= version(Os::Server2008R2).rank
            && c.channel != Channel::Evaluation;
        if !allowed {
            b.blocker(
                Code::SameVersionEditionChange,
                src,
                format!(
                    "{} {} cannot be converted in place to {}.",
                    c.os.label(),
                    c.edition.label(),
                    t.edition.label()
                ),
            );
            return not_supported(s, b);
        }
        b.warning(
            Code::StandardToDatacenterIrreversible,
            src,
            "Converting Standard to Datacenter cannot be undone: there is no way back to Standard.",
        );
        b.group("Convert Standard to Datacenter");
        b.step(
            src,
            "Check the current edition: DISM /online /Get-CurrentEdition (shows ServerStandard).",
        );
        b.step(src, "Convert: DISM /online /Set-Edition:ServerDatacenter /ProductKey:<key> /AcceptEula, then restart.");
        lifecycle(s, &route, &mut b);
        return b.finish(Method::InPlaceUpgrade, route, s.as_of);
    }
    b.info(Code::SameVersionRepair, Source::facts("S-CONV25", "§1.7"), format!("The target is the installed version: running Setup of {} on it is an in-place repair and keeps the edition.", c.os.label()));
    b.group("In-place repair");
    b.step(IPU, "Back up the server.");
    b.step(
        Source::facts("S-CONV25", "§1.7"),
        format!(
            "Run setup.exe from the {} media and keep files, settings and applications.",
            c.os.label()
        ),
    );
    lifecycle(s, &route, &mut b);
    b.finish(cm_method.unwrap_or(Method::InPlaceUpgrade), route, s.as_of)
}
