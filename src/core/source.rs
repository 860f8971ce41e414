//! Where each rule comes from: one registry row per source — its title as published, publisher,
//! public address, date and kind. Rules cite a `Source`; the user sees its title and link, never
//! an internal name. `docs/sources.md` is generated from this table (tests/docs.rs).

use super::date::Date;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// How far a source can be trusted, as the page marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Microsoft documentation, read in its current text.
    Primary,
    /// An earlier revision of a Microsoft document; the address now shows a newer text.
    Superseded,
    /// Microsoft's text, read from a copy kept by a third party.
    Copy,
    /// A Microsoft page whose address is known but whose text could not be read here.
    NotRead,
    /// A third-party page.
    Secondary,
    /// A page that survives only in an archive or a mirror.
    Archived,
    /// No source states it: the planner's own product knowledge, shown as unconfirmed.
    None,
}

impl Kind {
    pub const fn id(self) -> &'static str {
        match self {
            Kind::Primary => "primary",
            Kind::Superseded => "superseded",
            Kind::Copy => "copy",
            Kind::NotRead => "not-read",
            Kind::Secondary => "secondary",
            Kind::Archived => "archived",
            Kind::None => "none",
        }
    }
    /// How the page and the exports mark it ("" for current Microsoft documentation).
    pub const fn mark(self) -> &'static str {
        match self {
            Kind::Primary => "",
            Kind::Superseded => "earlier revision",
            Kind::Copy => "Microsoft text, read from a copy",
            Kind::NotRead => "not read here",
            Kind::Secondary => "secondary source",
            Kind::Archived => "archived",
            Kind::None => "no source states it",
        }
    }
}

/// One source: what a person sees of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// A stable id (kebab-case) for the JSON contract.
    pub id: &'static str,
    /// The title as published (with the KB number where it has one).
    pub title: &'static str,
    /// The public address a person can open ("" when there is none).
    pub url: &'static str,
    /// The date of the revision read (`None` when the source gives none).
    pub date: Option<Date>,
    pub kind: Kind,
}

macro_rules! sources {
    ($( $(#[$meta:meta])* $variant:ident {
        id: $id:literal, title: $title:literal, publisher: $publisher:literal, url: $url:literal,
        date: $date:expr, kind: $kind:ident $(,)?
    } ),+ $(,)?) => {
        /// A source a rule cites.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Source {
            $( $(#[$meta])* $variant ),+
        }

        /// The rows, in the order of the variants (a table, not code: the page's wasm stays small).
        static ROWS: &[Row] = &[$( $(#[$meta])* Row {
            id: $id,
            title: $title,
            url: $url,
            date: $date,
            kind: Kind::$kind,
        } ),+];

        /// Who published each source, in the same order (only the sources list shows it).
        static PUBLISHERS: &[&str] = &[$( $(#[$meta])* $publisher ),+];

        impl Source {
            pub const ALL: &'static [Source] = &[$( $(#[$meta])* Source::$variant ),+];

            pub fn row(self) -> Row {
                ROWS[self as usize]
            }

            pub fn publisher(self) -> &'static str {
                PUBLISHERS[self as usize]
            }
        }
    };
}

const fn on(d: &str) -> Option<Date> {
    Some(Date::lit(d))
}

sources! {
    // --- The four seed documents -------------------------------------------------------------
    Kb935197 {
        id: "kb-935197",
        title: "You cannot upgrade the operating system of a clustered server from Windows Server 2003 or later versions (KB 935197)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/troubleshoot/windows-server/high-availability/cannot-upgrade-clustered-server-operating-system",
        date: on("2021-09-24"), kind: Primary,
    },
    Q174799 {
        id: "q174799",
        title: "How to Install Service Packs in a Cluster (Q174799)",
        publisher: "Microsoft (archived by a third party)", url: "https://github.com/jeffpar/kbarchive/blob/master/kb/174/Q174799/README.md",
        date: on("2001-08-09"), kind: Archived,
    },
    R2Upgrade {
        id: "kb-912309",
        title: "Windows Server 2003 R2 upgrade requirements: channels, SKUs, product keys and the three upgrade options (KB 912309)",
        publisher: "Microsoft (mirrored by a third party)", url: "https://mskb.pkisolutions.com/kb/912309",
        date: None, kind: Archived,
    },
    ConfigMgrIpu {
        id: "configmgr-in-place-upgrade",
        title: "Upgrade Windows to the latest version with Configuration Manager",
        publisher: "Microsoft", url: "https://learn.microsoft.com/intune/configmgr/osd/deploy-use/upgrade-windows-to-the-latest-version",
        date: on("2024-06-14"), kind: Primary,
    },
    ConfigMgrSiteOsUpgrade {
        id: "configmgr-site-system-os-upgrade",
        title: "Upgrade on-premises infrastructure that supports Configuration Manager",
        publisher: "Microsoft", url: "https://learn.microsoft.com/intune/configmgr/core/servers/manage/upgrade-on-premises-infrastructure",
        date: on("2025-12-08"), kind: Copy,
    },
    // --- Windows Server upgrades ---------------------------------------------------------------
    UpgradeOverview {
        id: "windows-server-upgrade-overview",
        title: "Plan your Windows Server upgrade",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/upgrade-overview",
        date: on("2026-03-23"), kind: Primary,
    },
    UpgradeOverview2022 {
        id: "windows-server-upgrade-overview-2022",
        title: "Overview of Windows Server upgrades (2022 revision)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/upgrade-overview",
        date: on("2022-05-24"), kind: Superseded,
    },
    ConversionOptions {
        id: "windows-server-upgrade-conversion-options",
        title: "Upgrade and conversion options for Windows Server",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/upgrade-conversion-options",
        date: on("2025-08-18"), kind: Primary,
    },
    SupportedPaths2016 {
        id: "windows-server-2016-upgrade-paths",
        title: "Upgrade and conversion options for Windows Server 2016",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/supported-upgrade-paths",
        date: on("2017-01-18"), kind: Superseded,
    },
    InstallationAndUpgrade {
        id: "windows-server-installation-and-upgrade",
        title: "Windows Server installation and upgrade",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/installation-and-upgrade",
        date: on("2019-05-14"), kind: Superseded,
    },
    InstallUpgradeMigrate {
        id: "windows-server-install-upgrade-migrate",
        title: "Feature Update, Clean Install, or Migrate to Windows Server",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/install-upgrade-migrate",
        date: on("2024-08-27"), kind: Primary,
    },
    InPlaceUpgrade {
        id: "windows-server-in-place-upgrade",
        title: "Perform an in-place upgrade of Windows Server",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/perform-in-place-upgrade",
        date: on("2023-09-14"), kind: Primary,
    },
    UpgradeCenter2019 {
        id: "windows-server-upgrade-center-2019",
        title: "Windows Server Upgrade Center guides (2019 era)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/upgrade/upgrade-overview",
        date: None, kind: Superseded,
    },
    DomainControllers {
        id: "upgrade-domain-controllers",
        title: "Upgrade domain controllers to a newer version of Windows Server",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/identity/ad-ds/deploy/upgrade-domain-controllers",
        date: on("2026-04-27"), kind: Primary,
    },
    DomainControllers2012 {
        id: "upgrade-domain-controllers-2012",
        title: "Upgrade Domain Controllers to Windows Server 2012 R2 and Windows Server 2012",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/identity/ad-ds/deploy/upgrade-domain-controllers-to-windows-server-2012-r2-and-windows-server-2012",
        date: on("2023-05-16"), kind: Primary,
    },
    SupportedPaths2003 {
        id: "windows-server-2003-upgrade-paths",
        title: "Supported Upgrade Paths (Windows Server 2003)",
        publisher: "Microsoft (archived)", url: "https://web.archive.org/web/2006/http://www.microsoft.com/windowsserver2003/evaluation/whyupgrade/supportedpaths.mspx",
        date: on("2005-12-06"), kind: Archived,
    },
    InPlace2008 {
        id: "windows-server-2008-in-place-upgrades",
        title: "What you need to know about in-place upgrades (Windows Server 2008)",
        publisher: "Windows IT Pro", url: "http://windowsitpro.com/print/windows-server-2008/what-you-need-know-about-place-upgrades",
        date: None, kind: Secondary,
    },
    ReleaseInfo {
        id: "windows-server-release-information",
        title: "Windows Server release information",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/windows-server-release-info",
        date: on("2020-04-14"), kind: Superseded,
    },
    // --- Failover clusters -------------------------------------------------------------------
    RollingUpgrade {
        id: "cluster-os-rolling-upgrade",
        title: "Cluster Operating System Rolling Upgrade",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/failover-clustering/cluster-operating-system-rolling-upgrade",
        date: on("2025-03-19"), kind: Primary,
    },
    RollingUpgrade2017 {
        id: "cluster-os-rolling-upgrade-2017",
        title: "Cluster Operating System Rolling Upgrade (2017 revision)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/failover-clustering/cluster-operating-system-rolling-upgrade",
        date: on("2017-10-17"), kind: Superseded,
    },
    SameHardware {
        id: "cluster-upgrade-same-hardware",
        title: "Upgrading Failover Clusters Using the Same Hardware",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/failover-clustering/upgrade-option-same-hardware",
        date: on("2025-01-08"), kind: Primary,
    },
    ClusterQuorum {
        id: "cluster-quorum",
        title: "Configure and manage the quorum in a failover cluster",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/failover-clustering/manage-cluster-quorum",
        date: None, kind: Primary,
    },
    // --- Windows client ------------------------------------------------------------------------
    ClientPaths {
        id: "windows-upgrade-paths",
        title: "Windows upgrade paths",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/deployment/upgrade/windows-upgrade-paths",
        date: on("2023-10-02"), kind: Primary,
    },
    ClientPaths10 {
        id: "windows-10-upgrade-paths",
        title: "Windows 10 upgrade paths",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/deployment/upgrade/windows-10-upgrade-paths",
        date: None, kind: Superseded,
    },
    Windows11Requirements {
        id: "windows-11-requirements",
        title: "Windows 11 requirements",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/whats-new/windows-11-requirements",
        date: on("2023-02-13"), kind: Primary,
    },
    // --- Configuration Manager -----------------------------------------------------------------
    ConfigMgrIpu2024 {
        id: "configmgr-in-place-upgrade-2024",
        title: "Upgrade Windows to the latest version (Configuration Manager, December 2024 revision)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/intune/configmgr/osd/deploy-use/upgrade-windows-to-the-latest-version",
        date: on("2024-12-19"), kind: Primary,
    },
    ConfigMgrCreate {
        id: "configmgr-create-upgrade-task-sequence",
        title: "Create a task sequence to upgrade an operating system",
        publisher: "Microsoft", url: "https://learn.microsoft.com/intune/configmgr/osd/deploy-use/create-a-task-sequence-to-upgrade-an-operating-system",
        date: on("2020-07-13"), kind: Primary,
    },
    // --- Windows 11 hardware ------------------------------------------------------------------
    Windows11Plan {
        id: "windows-11-plan",
        title: "Plan for Windows 11",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/whats-new/windows-11-plan",
        date: None, kind: Primary,
    },
    HardwareReadiness {
        id: "hardware-readiness-script",
        title: "HardwareReadiness.ps1 (Microsoft's Windows 11 readiness script)",
        publisher: "Microsoft (signed script, copy kept by a third party)", url: "https://aka.ms/HWReadinessScript",
        date: on("2021-11-29"), kind: Copy,
    },
    ReadinessDashboard {
        id: "configmgr-windows-11-readiness-dashboard",
        title: "Manage Windows 11 readiness dashboard (Configuration Manager)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/intune/configmgr/osd/deploy-use/manage-windows-11-readiness-dashboard",
        date: on("2023-09-18"), kind: Primary,
    },
    ProcessorLists {
        id: "windows-processor-requirements",
        title: "Windows Processor Requirements (supported Intel, AMD and Qualcomm processors)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-hardware/design/minimum/windows-processor-requirements",
        date: None, kind: NotRead,
    },
    Sse42Reports {
        id: "windows-11-24h2-sse42-popcnt-reports",
        title: "Windows 11 24H2 will fail to boot in (some) unsupported CPUs",
        publisher: "Pureinfotech", url: "https://pureinfotech.com/windows-11-24h2-fail-boot-unsupported-cpus/",
        date: None, kind: Secondary,
    },
    UnsupportedHardware {
        id: "windows-11-unsupported-hardware",
        title: "Installing Windows 11 on devices that don't meet minimum system requirements",
        publisher: "Microsoft", url: "https://support.microsoft.com/windows/installing-windows-11-on-devices-that-don-t-meet-minimum-system-requirements-0b2dc4a2-5933-4ad4-9c09-ef0a331518f1",
        date: None, kind: NotRead,
    },
    RegistryBypass {
        id: "ways-to-install-windows-11-registry-key",
        title: "Ways to install Windows 11 (registry-key section, since removed)",
        publisher: "Microsoft (text read from a third-party copy)", url: "https://github.com/colhountech/Windows11-for-unsupported-cpus",
        date: None, kind: Copy,
    },
    EnableTpm {
        id: "enable-tpm-2-0",
        title: "Enable TPM 2.0 on your PC",
        publisher: "Microsoft", url: "https://support.microsoft.com/windows/enable-tpm-2-0-on-your-pc-1fd5a332-360d-4f46-a1e7-ae6b0c90645c",
        date: None, kind: NotRead,
    },
    Mbr2Gpt {
        id: "mbr2gpt",
        title: "MBR2GPT",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/deployment/mbr-to-gpt",
        date: on("2018-02-13"), kind: Primary,
    },
    HyperVGeneration {
        id: "hyper-v-generation-1-or-2",
        title: "Should I create a generation 1 or 2 virtual machine in Hyper-V?",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/virtualization/hyper-v/plan/should-i-create-a-generation-1-or-2-virtual-machine-in-hyper-v",
        date: on("2025-06-18"), kind: Primary,
    },
    HyperVSecurity {
        id: "hyper-v-generation-2-security-settings",
        title: "Generation 2 virtual machine security settings for Hyper-V",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/virtualization/hyper-v/learn-more/generation-2-virtual-machine-security-settings-for-hyper-v",
        date: on("2016-10-04"), kind: Primary,
    },
    AzureWindows11 {
        id: "windows-11-on-azure-virtual-machines",
        title: "Windows 11 support on Azure virtual machines",
        publisher: "Microsoft", url: "https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/windows-11-support-azure-virtual-machines",
        date: on("2025-04-02"), kind: Primary,
    },
    // --- Readiness exports ---------------------------------------------------------------------
    WufbReadiness {
        id: "wufb-reports-ucclientreadinessstatus",
        title: "UCClientReadinessStatus data schema (Windows Update for Business reports)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/deployment/update/wufb-reports-schema-ucclientreadinessstatus",
        date: on("2023-12-06"), kind: Primary,
    },
    WorkFromAnywhere {
        id: "intune-work-from-anywhere",
        title: "Work from anywhere report in Endpoint analytics",
        publisher: "Microsoft", url: "https://learn.microsoft.com/intune/analytics/work-from-anywhere",
        date: on("2022-03-31"), kind: Primary,
    },
    WhyNotWin11 {
        id: "whynotwin11",
        title: "WhyNotWin11",
        publisher: "Robert Maehl and contributors", url: "https://github.com/rcmaehl/WhyNotWin11",
        date: on("2025-11-26"), kind: Secondary,
    },
    // --- Windows Server hardware ---------------------------------------------------------------
    ServerHardware {
        id: "windows-server-hardware-requirements",
        title: "Hardware requirements for Windows Server",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/hardware-requirements",
        date: on("2024-10-22"), kind: Primary,
    },
    ServerHardware2021 {
        id: "windows-server-hardware-requirements-2021",
        title: "Hardware requirements for Windows Server (2021 revision: 2022, 2019, 2016)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/hardware-requirements",
        date: on("2021-08-16"), kind: Superseded,
    },
    // --- Active Directory ----------------------------------------------------------------------
    FunctionalLevels {
        id: "ad-ds-functional-levels",
        title: "Active Directory Domain Services functional levels",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/identity/ad-ds/active-directory-functional-levels",
        date: on("2025-10-30"), kind: Primary,
    },
    RaiseFunctionalLevels {
        id: "raise-ad-functional-levels",
        title: "How to raise Active Directory domain and forest functional levels",
        publisher: "Microsoft", url: "https://learn.microsoft.com/troubleshoot/windows-server/active-directory/raise-active-directory-domain-forest-functional-levels",
        date: on("2023-12-26"), kind: Primary,
    },
    AddsUpgradeTraining {
        id: "learn-upgrade-previous-ad-ds",
        title: "Upgrade from a previous version of Active Directory Domain Services (Microsoft Learn training)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/training/modules/active-directory-domain-services-migration/",
        date: None, kind: Primary,
    },
    // --- Lifecycle and Extended Security Updates ----------------------------------------------
    LifecycleData {
        id: "microsoft-lifecycle",
        title: "Microsoft Lifecycle product pages (lifecycle data, localised copy)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/lifecycle/products/",
        date: on("2022-09-29"), kind: Primary,
    },
    ContainerLifecycle {
        id: "base-image-servicing-lifecycles",
        title: "Base image servicing lifecycles",
        publisher: "Microsoft", url: "https://learn.microsoft.com/virtualization/windowscontainers/deploy-containers/base-image-lifecycle",
        date: on("2025-06-12"), kind: Primary,
    },
    Windows11Ltsc2024 {
        id: "whats-new-windows-11-ltsc-2024",
        title: "What's new in Windows 11 Enterprise LTSC 2024",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/whats-new/ltsc/whats-new-windows-11-2024",
        date: on("2024-10-01"), kind: Primary,
    },
    EndOfLife {
        id: "endoflife-date-windows",
        title: "Microsoft Windows and Windows Server (endoflife.date)",
        publisher: "endoflife.date (community)", url: "https://endoflife.date/windows",
        date: on("2026-08-22"), kind: Secondary,
    },
    Windows10Esu {
        id: "windows-10-esu",
        title: "Extended Security Updates (ESU) program for Windows 10",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/whats-new/extended-security-updates",
        date: on("2025-07-14"), kind: Primary,
    },
    Windows10EsuEnable {
        id: "enable-windows-10-esu",
        title: "Enable Extended Security Updates (ESU)",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows/whats-new/enable-extended-security-updates",
        date: on("2025-07-16"), kind: Primary,
    },
    ConsumerEsu {
        id: "windows-10-consumer-esu-reports",
        title: "Reports that Windows 10 consumer ESU was extended to 2027-10-12",
        publisher: "WindowsForum and others", url: "https://windowsforum.com/threads/430536/",
        date: None, kind: Secondary,
    },
    EsuPress {
        id: "windows-10-esu-press",
        title: "Press coverage of Windows 10 ESU prices and year boundaries (Neowin and others)",
        publisher: "Neowin and others", url: "https://neowin.net/amp/microsoft-announces-prices-for-windows-10-extended-security-updates",
        date: None, kind: Secondary,
    },
    ServerEsu {
        id: "windows-server-esu",
        title: "Extended Security Updates for Windows Server 2008, 2008 R2, 2012, and 2012 R2",
        publisher: "Microsoft", url: "https://learn.microsoft.com/windows-server/get-started/extended-security-updates-overview",
        date: on("2023-08-04"), kind: Primary,
    },
    Server2016Esu {
        id: "windows-server-2016-end-of-support-blog",
        title: "Plan for Windows Server 2016 and Windows 10 2016 LTSB end of support",
        publisher: "Microsoft (Windows IT Pro Blog)", url: "https://techcommunity.microsoft.com/blog/windows-itpro-blog/plan-for-windows-server-2016-and-windows-10-2016-ltsb-end-of-support/4496136",
        date: None, kind: NotRead,
    },
    // The planner's own product knowledge: no source states it.
    Catalog {
        id: "no-source",
        title: "Not stated by the planner's sources (the planner's product knowledge)",
        publisher: "", url: "",
        date: None, kind: None,
    },
}

impl Source {
    pub fn id(self) -> &'static str {
        self.row().id
    }
    pub fn title(self) -> &'static str {
        self.row().title
    }
    pub fn url(self) -> &'static str {
        self.row().url
    }
    pub fn kind(self) -> Kind {
        self.row().kind
    }

    /// The citation as text: the title, then the kind's mark in brackets when it has one.
    pub fn cite(self) -> String {
        let r = self.row();
        match r.kind.mark() {
            "" => r.title.to_string(),
            mark => format!("{} ({mark})", r.title),
        }
    }

    /// The citation as a Markdown link (title, mark, address).
    pub fn markdown(self) -> String {
        let r = self.row();
        let title = super::inventory::md(r.title);
        let mark = match r.kind.mark() {
            "" => String::new(),
            m => format!(" ({m})"),
        };
        if r.url.is_empty() {
            format!("{title}{mark}")
        } else {
            format!("[{title}]({}){mark}", r.url)
        }
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.row();
        let mut st = s.serialize_struct("Source", 5)?;
        st.serialize_field("id", r.id)?;
        st.serialize_field("title", r.title)?;
        st.serialize_field("url", r.url)?;
        st.serialize_field("date", &r.date)?;
        st.serialize_field("kind", r.kind.id())?;
        st.end()
    }
}

/// The date of the newest source the rules were checked against ("rules as of").
pub const RULES_AS_OF: &str = "2026-08-22";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_as_of_is_the_newest_source() {
        let newest = Source::ALL.iter().filter_map(|s| s.row().date).max();
        assert_eq!(newest, Some(Date::lit(RULES_AS_OF)));
    }
}
