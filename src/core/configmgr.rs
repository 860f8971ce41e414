//! Configuration Manager's Windows in-place upgrade task sequence (seed 003, facts §4).

use super::builder::Builder;
use super::codes::Code;
use super::ids::{Arch, CmContent, CmDelivery, Os, PlannedChange};
use super::plan::Method;
use super::scenario::{Resolved, ResolvedConfigMgr};
use super::source::Source;

const SRC: Source = Source::ConfigMgrIpu;
const CM_2024: Source = Source::ConfigMgrIpu2024;

/// Versions an OS upgrade package may target (seed 003; 2025 from the 2024-12 revision in the facts).
pub const TARGETS: &[(Os, Source)] = &[
    (Os::Windows11, SRC),
    (Os::Windows10, SRC),
    (Os::Server2016, SRC),
    (Os::Server2019, SRC),
    (Os::Server2022, SRC),
    (Os::Server2025, CM_2024),
];

/// Versions a device may run to be targeted by an upgrade task sequence.
pub const SOURCES: &[(Os, Source)] = &[
    (Os::Windows7, SRC),
    (Os::Windows81, SRC),
    (Os::Windows10, SRC),
    (Os::Windows11, SRC),
    (Os::Server2012, SRC),
    (Os::Server2012R2, SRC),
    (Os::Server2016, SRC),
    (Os::Server2019, SRC),
    (Os::Server2022, SRC),
    (Os::Server2025, CM_2024),
];

pub const FEATURE_UPDATE_MIN_VERSION: u32 = 2103;
pub const ARM64_OS_DEPLOYMENT_MIN_VERSION: u32 = 2403;
pub const ARM64_FEATURE_UPDATE_MIN_VERSION: u32 = 2103;

fn list(v: &[(Os, Source)]) -> String {
    v.iter()
        .map(|(o, _)| o.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks that decide between the in-place task sequence and a traditional deployment.
/// Returns the method; blockers and prerequisites go to the builder.
pub fn check(s: &Resolved, cm: &ResolvedConfigMgr, b: &mut Builder) -> Method {
    let (c, t) = (&s.current, &s.target);
    match TARGETS.iter().find(|(o, _)| *o == t.os) {
        None => b.blocker(Code::ConfigmgrTargetNotSupported, SRC, format!("OS upgrade packages can only upgrade to {}; {} is not one of them.", list(TARGETS), t.os.label())),
        Some((_, src)) if *src != SRC => b.info(Code::ConfigmgrTarget2025, *src, format!("{} as an upgrade target comes from the December 2024 revision of the ConfigMgr documentation; the seed document lists targets up to Windows Server 2022.", t.os.label())),
        Some(_) => {}
    }
    if !SOURCES.iter().any(|(o, _)| *o == c.os) {
        b.blocker(Code::ConfigmgrSourceNotSupported, SRC, format!("An upgrade task sequence can only target devices running {}; {} is not one of them.", list(SOURCES), c.os.label()));
    }

    let incompatible: Vec<PlannedChange> = cm.planned_changes.clone();
    let mut method = Method::ConfigmgrInPlaceUpgrade;
    if !incompatible.is_empty() {
        let what = incompatible
            .iter()
            .map(|p| p.label())
            .collect::<Vec<_>>()
            .join(", ");
        b.blocker(Code::ConfigmgrNeedsOsDeployment, SRC, format!("The in-place upgrade cannot {what}: these changes need a traditional OS deployment instead."));
        if incompatible.contains(&PlannedChange::Uefi) {
            b.info(Code::ConfigmgrBiosToUefi, SRC, "For UEFI there is one possible option inside an in-place upgrade: the documented BIOS-to-UEFI conversion steps of the task sequence.");
        }
        b.alternative(
            Method::ConfigmgrOsDeployment,
            format!("A traditional (wipe-and-load) OS deployment task sequence can {what}."),
        );
        method = Method::ConfigmgrOsDeployment;
        if c.architecture == Arch::Arm64 && cm.version < ARM64_OS_DEPLOYMENT_MIN_VERSION {
            b.prerequisite(Code::ConfigmgrArm64OsDeployment, SRC, format!("OS deployment to Windows on ARM64 devices is supported from ConfigMgr {ARM64_OS_DEPLOYMENT_MIN_VERSION}; this site runs {}.", cm.version));
        }
    }

    if !cm.distribution_point {
        b.prerequisite(Code::ConfigmgrDistributionPoint, SRC, "A distribution point is the one infrastructure prerequisite: make one available and distribute the upgrade content to it.");
    }
    match cm.content {
        CmContent::UpgradePackage => {
            if cm.package_edition != c.edition
                || cm.package_architecture != c.architecture
                || cm.package_language != c.language
            {
                b.prerequisite(Code::ConfigmgrPackageMismatch, SRC, format!(
                    "The OS upgrade package must have the client's edition, architecture and language ({} {} {}); this one is {} {} {}.",
                    c.edition.label(), c.architecture.id(), c.language,
                    cm.package_edition.label(), cm.package_architecture.id(), cm.package_language
                ));
            }
            if c.architecture == Arch::Arm64 && cm.version < ARM64_OS_DEPLOYMENT_MIN_VERSION {
                b.prerequisite(Code::ConfigmgrArm64OsDeployment, SRC, format!(
                    "OS deployment to Windows on ARM64 devices is supported from ConfigMgr {ARM64_OS_DEPLOYMENT_MIN_VERSION}; this site runs {}. A feature update task sequence works on ARM64 from {ARM64_FEATURE_UPDATE_MIN_VERSION}.",
                    cm.version
                ));
            }
        }
        CmContent::FeatureUpdate => {
            if cm.version < FEATURE_UPDATE_MIN_VERSION {
                b.prerequisite(Code::ConfigmgrFeatureUpdateVersion, SRC, format!("Upgrading with a feature update in a task sequence needs ConfigMgr {FEATURE_UPDATE_MIN_VERSION} or later; this site runs {}. Update the site or use an OS upgrade package.", cm.version));
            }
            if !cm.software_update_point {
                b.prerequisite(Code::ConfigmgrSoftwareUpdatePoint, SRC, "A feature update needs a software update point that synchronises the Upgrades classification.");
            }
            b.info(Code::ConfigmgrFeatureUpdate, SRC, "With a feature update no OS upgrade package is needed; the servicing content is usually smaller than the package and WIM.");
        }
    }
    if cm.delivery == CmDelivery::StandAloneMedia && !cm.boot_image {
        b.prerequisite(Code::ConfigmgrBootImage, SRC, "Stand-alone media needs a boot image in the task sequence, otherwise the task sequence is not offered in the Task Sequence Media Wizard.");
    }
    if cm.via_cmg {
        b.info(Code::ConfigmgrCmg, SRC, "The in-place upgrade task sequence can be deployed to internet-based clients through the cloud management gateway.");
    }
    if method == Method::ConfigmgrInPlaceUpgrade {
        b.info(Code::ConfigmgrKeepsData, SRC, "The in-place upgrade keeps applications, settings and user data and needs no Windows ADK.");
    }
    method
}

/// Runbook steps of the task sequence for one hop.
pub fn steps(s: &Resolved, cm: &ResolvedConfigMgr, to: Os, b: &mut Builder) {
    let content = match cm.content {
        CmContent::UpgradePackage => format!(
            "the OS upgrade package of {} ({} {} {})",
            to.label(),
            s.current.edition.label(),
            s.current.architecture.id(),
            s.current.language
        ),
        CmContent::FeatureUpdate => format!(
            "the {} feature update, synchronised by the software update point",
            to.label()
        ),
    };
    if to == Os::Server2016 {
        b.warning(Code::ConfigmgrIgnoreWarning2016, Source::ConfigMgrCreate, "Upgrading to Windows Server 2016 needs \"Ignore any dismissible compatibility messages\" (/Compat IgnoreWarning) in the Upgrade Operating System step; otherwise Setup waits for a click and the task sequence fails.");
    }
    b.group(format!("ConfigMgr task sequence to {}", to.label()));
    b.step(SRC, "Check that drivers and applications on the devices are compatible with the new version of Windows.");
    b.step(
        SRC,
        format!(
            "Distribute {content} and any other task-sequence content to a distribution point."
        ),
    );
    b.step(SRC, format!("Create the upgrade task sequence with the Upgrade OS step using {content}; add only steps about the upgrade itself (packages, applications, updates, command lines, PowerShell, dynamic variables)."));
    b.step(SRC, "Right after Upgrade OS, add a Restart Computer step set to \"The currently installed default operating system\" so the device restarts into Windows, not Windows PE.");
    match cm.delivery {
        CmDelivery::SoftwareCenter => b.step(SRC, "Deploy the task sequence to the devices through Software Center."),
        CmDelivery::StandAloneMedia => b.step(SRC, "Include a boot image, then create stand-alone media with the Task Sequence Media Wizard and run it on each device."),
    }
    b.step(
        SRC,
        "Monitor the deployment (Monitoring workspace, OS deployment status).",
    );
}
