//! The wording of runbook steps shared by several rules.

use super::{CLI23, CONV25, DC, IPU};
use crate::core::builder::Builder;
use crate::core::catalog::{version, Family};
use crate::core::editions::Keeps;
use crate::core::ids::{Condition, Os};
use crate::core::plan::Method;
use crate::core::route::Leg;
use crate::core::scenario::Resolved;
use crate::core::source::Source;

/// Preparation shared by every in-place server upgrade (S-IPU).
pub(super) fn server_prep(s: &Resolved, b: &mut Builder) {
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

pub(super) fn server_hop_steps(s: &Resolved, leg: &Leg, b: &mut Builder) {
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

pub(super) fn after_upgrade(s: &Resolved, b: &mut Builder) {
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

/// A clean installation of the target, for a plan with no in-place route.
pub(super) fn clean_install(s: &Resolved, b: &mut Builder) {
    let t = &s.target;
    let src = Source::InstallUpgradeMigrate;
    b.alternative(Method::CleanInstall, format!("Install {} on new or wiped hardware and migrate roles, data and settings to it; nothing of the old installation has to be compatible.", t.os.label()));
    b.group(format!("Clean installation of {}", t.os.label()));
    let install = format!(
        "{} {} ({}, {})",
        t.os.label(),
        t.edition.label(),
        t.architecture.id(),
        t.language
    );
    if version(t.os).family == Family::Server {
        b.step(src, "Inventory the server's roles, features, applications and settings, and back everything up.");
        b.step(
            src,
            format!(
                "Install {install} on new hardware, a new virtual machine or the wiped server."
            ),
        );
        b.step(src, "Migrate the roles and data with the migration guide of each role, then retire the old server.");
    } else {
        b.step(
            src,
            "Back up personal files and note the installed applications and their licences.",
        );
        b.step(src, format!("Install {install} cleanly on the device."));
        b.step(
            src,
            "Reinstall the applications and restore the personal files.",
        );
    }
    if s.current.domain_controller {
        b.step(DC, "Domain controllers: promote the new server as an additional domain controller (adprep runs automatically), move the FSMO roles to it, then demote the old one.");
    }
}

/// A traditional ConfigMgr OS deployment, for changes an in-place upgrade cannot make.
pub(super) fn os_deployment(b: &mut Builder) {
    b.group("ConfigMgr OS deployment");
    b.step(Source::ConfigMgrIpu, "Create a traditional OS deployment task sequence (wipe-and-load or refresh) for the planned changes.");
    b.step(
        Source::ConfigMgrIpu,
        "Distribute the OS image and content to a distribution point and deploy the task sequence.",
    );
}

/// Windows 10/11: Setup of a newer release (or the feature update) on the same version.
pub(super) fn client_release(s: &Resolved, keeps: Keeps, b: &mut Builder) {
    let (c, t) = (&s.current, &s.target);
    b.group(format!(
        "{} {} → {}",
        c.os.label(),
        c.release.unwrap_or(""),
        t.release.unwrap_or("")
    ));
    b.step(CLI23, "Back up personal files.");
    b.step(
        CLI23,
        format!(
            "Run setup.exe of {} {} (or the feature update), {}, and install {}.",
            t.os.label(),
            t.release.unwrap_or(""),
            keep_what(keeps),
            t.edition.label()
        ),
    );
}

/// What Setup is told to keep for an edition change.
pub(super) fn keep_what(keeps: Keeps) -> &'static str {
    match keeps {
        Keeps::DataOnly => {
            "keep personal files only (this edition change removes apps and settings)"
        }
        Keeps::Everything => "keep personal files and apps",
    }
}

/// Q174799's procedure for one server (no cluster).
pub(super) fn service_pack(s: &Resolved, sp: u8, b: &mut Builder) {
    let q = Source::Q174799;
    b.group(format!(
        "Install {} Service Pack {sp}",
        s.current.os.label()
    ));
    b.step(
        q,
        "Check the System event log for errors and make sure the system works properly.",
    );
    b.step(q, "Make sure there is a current backup (and an updated emergency repair disk on Windows NT 4.0 and 2000).");
    b.step(q, format!("Install Service Pack {sp}, then restart."));
    b.step(
        q,
        "Check the System event log again and troubleshoot any error.",
    );
}

/// Other hardware: a new machine with the target, the user's data moved, and ESU meanwhile.
pub(super) fn replace_hardware(s: &Resolved, bridge: Option<String>, b: &mut Builder) {
    let t = s.target.os.label();
    b.group(format!("Move to hardware that meets {t}'s requirements"));
    b.step(Source::Windows11Requirements, format!("Choose a replacement that meets {t}'s requirements (for Windows 11: TPM 2.0, UEFI with Secure Boot, a processor of a supported generation, 4 GB of memory, 64 GB of storage)."));
    b.step(CLI23, format!("Back up the user's files and settings, install {t} on the new machine (or deploy your image), and restore them."));
    if let Some(bridge) = bridge {
        b.group("Until the machine is replaced");
        b.step(
            Source::Windows10Esu,
            format!(
                "If it must stay in service: {bridge}; enrol it before its current support ends."
            ),
        );
    }
}
