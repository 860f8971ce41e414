//! Every finding's code: a closed set, so that a rule and the tests that look for its finding
//! cannot drift apart, and the UI and the fleet reports can group by it.

macro_rules! codes {
    ($($(#[$meta:meta])* $variant:ident = $id:literal,)+) => {
        /// What a finding is about; serialised as its kebab-case id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$meta])* $variant),+
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$($(#[$meta])* Code::$variant),+];

            pub const fn id(self) -> &'static str {
                match self {
                    $($(#[$meta])* Code::$variant => $id),+
                }
            }

            pub fn from_id(id: &str) -> Option<Code> {
                match id {
                    $($(#[$meta])* $id => Some(Code::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

codes! {
    ArchNotAvailable = "arch-not-available",
    ArchitectureChange = "architecture-change",
    AzureVm = "azure-vm",
    Backup = "backup",
    BootFromVhd = "boot-from-vhd",
    CheckedBuild = "checked-build",
    ClusterKb935197 = "cluster-kb935197",
    ClusterMigrationTwoVersions = "cluster-migration-two-versions",
    ClusterNoDocumentedPath = "cluster-no-documented-path",
    ClusterOneVersionPerHop = "cluster-one-version-per-hop",
    ClusterRollingNeeds2012r2 = "cluster-rolling-needs-2012r2",
    ClusterSameServicePacks = "cluster-same-service-packs",
    ClusterWorkload = "cluster-workload",
    ConfigmgrArm64OsDeployment = "configmgr-arm64-os-deployment",
    ConfigmgrBiosToUefi = "configmgr-bios-to-uefi",
    ConfigmgrSiteSystemPair = "configmgr-site-system-pair",
    ConfigmgrSiteSystemSteps = "configmgr-site-system-steps",
    ConfigmgrBootImage = "configmgr-boot-image",
    ConfigmgrCmg = "configmgr-cmg",
    ConfigmgrDistributionPoint = "configmgr-distribution-point",
    ConfigmgrFeatureUpdate = "configmgr-feature-update",
    ConfigmgrFeatureUpdateVersion = "configmgr-feature-update-version",
    ConfigmgrIgnoreWarning2016 = "configmgr-ignore-warning-2016",
    ConfigmgrKeepsData = "configmgr-keeps-data",
    ConfigmgrNeedsOsDeployment = "configmgr-needs-os-deployment",
    ConfigmgrPackageMismatch = "configmgr-package-mismatch",
    ConfigmgrSiteServer = "configmgr-site-server",
    ConfigmgrSoftwareUpdatePoint = "configmgr-software-update-point",
    ConfigmgrSourceNotSupported = "configmgr-source-not-supported",
    ConfigmgrTarget2025 = "configmgr-target-2025",
    ConfigmgrTargetNotSupported = "configmgr-target-not-supported",
    DcCore2008r2To2012 = "dc-core-2008r2-to-2012",
    DcDomainFunctionalLevel = "dc-domain-functional-level",
    DcForestFunctionalLevel = "dc-forest-functional-level",
    DcFrsSysvol = "dc-frs-sysvol",
    DcNtdsFreeSpace = "dc-ntds-free-space",
    DcPreferNewDcs = "dc-prefer-new-dcs",
    Downgrade = "downgrade",
    EditionChange = "edition-change",
    EditionDowngrade = "edition-downgrade",
    EditionKey = "edition-key",
    EditionNoPath = "edition-no-path",
    EditionNotAllowed = "edition-not-allowed",
    EsuBridge = "esu-bridge",
    EvaluationConvert = "evaluation-convert",
    EvaluationDc = "evaluation-dc",
    EvaluationNoConversion = "evaluation-no-conversion",
    EvaluationTarget = "evaluation-target",
    FamilyChange = "family-change",
    GaToLtsc = "ga-to-ltsc",
    GaToNewerGa = "ga-to-newer-ga",
    HyperVServerNeedsRolling = "hyper-v-server-needs-rolling",
    HyperVVms = "hyper-v-vms",
    InstallationChange = "installation-change",
    Itanium2003To2008 = "itanium-2003-to-2008",
    ItaniumEnd = "itanium-end",
    Kb935197Cause = "kb935197-cause",
    LanguageChange = "language-change",
    LbfoHyperVSwitch = "lbfo-hyper-v-switch",
    LifecycleCurrentEnded = "lifecycle-current-ended",
    LifecycleStopEnded = "lifecycle-stop-ended",
    LifecycleTargetEnded = "lifecycle-target-ended",
    LifecycleTargetExtended = "lifecycle-target-extended",
    LifecycleUnknown = "lifecycle-unknown",
    LtscToGaKey = "ltsc-to-ga-key",
    LtscToLtsc = "ltsc-to-ltsc",
    NicTeaming = "nic-teaming",
    NoInPlaceRoute = "no-in-place-route",
    NoUpgradeInto2008Core = "no-upgrade-into-2008-core",
    Nt4EeSp3First = "nt4-ee-sp3-first",
    PrereleaseBuild = "prerelease-build",
    Q174799Scope = "q174799-scope",
    R2Cd2ChannelNeutral = "r2-cd2-channel-neutral",
    R2MediaFromKey = "r2-media-from-key",
    R2DomainController = "r2-domain-controller",
    R2KeyPrompt = "r2-key-prompt",
    R2KeyWrongChannel = "r2-key-wrong-channel",
    R2KeyWrongSku = "r2-key-wrong-sku",
    R2LanguageMismatch = "r2-language-mismatch",
    R2NeedsSp1 = "r2-needs-sp1",
    R2NoItanium = "r2-no-itanium",
    R2NoOption = "r2-no-option",
    R2Option1 = "r2-option-1",
    R2Option2 = "r2-option-2",
    R2Option3 = "r2-option-3",
    R2PlatformMismatch = "r2-platform-mismatch",
    R2SkuNotSupported = "r2-sku-not-supported",
    R2WebEdition = "r2-web-edition",
    R2WhatYouNeed = "r2-what-you-need",
    ReleaseDowngrade = "release-downgrade",
    SMode = "s-mode",
    SameVersionEditionChange = "same-version-edition-change",
    SameVersionRepair = "same-version-repair",
    ScepUninstall = "scep-uninstall",
    SecondaryHop = "secondary-hop",
    ServerLicense = "server-license",
    ServicePackDowngrade = "service-pack-downgrade",
    ServicePackOnTheWay = "service-pack-on-the-way",
    ServicePackRequired = "service-pack-required",
    SharedVhdxGuestCluster = "shared-vhdx-guest-cluster",
    StandardToDatacenterIrreversible = "standard-to-datacenter-irreversible",
    StorageServer = "storage-server",
    SwitchOn2012r2 = "switch-on-2012r2",
    #[cfg(feature = "synthetic-field")]
    SyntheticWidget = "synthetic-widget",
    UnconfirmedEdition = "unconfirmed-edition",
    UnconfirmedHop = "unconfirmed-hop",
    VmConfigVersion = "vm-config-version",
    W11CpuCores = "w11-cpu-cores",
    W11CpuGeneration = "w11-cpu-generation",
    W11CpuSpeed = "w11-cpu-speed",
    W11GraphicsDisplay = "w11-graphics-display",
    W11Ram = "w11-ram",
    W11SMode = "w11-s-mode",
    W11SourceRelease = "w11-source-release",
    W11Sse42Popcnt = "w11-sse42-popcnt",
    W11Storage = "w11-storage",
    W11Tpm = "w11-tpm",
    W11UefiSecureBoot = "w11-uefi-secure-boot",
    W11UnsupportedBypass = "w11-unsupported-bypass",
    W11VmGeneration = "w11-vm-generation",
    Windows8To81First = "windows-8-to-8-1-first",
    WsCpuSlat = "ws-cpu-slat",
    WsCpuSpeed = "ws-cpu-speed",
    WsCpuSse42Popcnt = "ws-cpu-sse42-popcnt",
    WsDisk = "ws-disk",
    WsRam = "ws-ram",
}

impl Code {
    /// Lifecycle findings: they colour a plan but never make it less certain.
    pub const fn is_lifecycle(self) -> bool {
        matches!(
            self,
            Code::LifecycleStopEnded
                | Code::LifecycleCurrentEnded
                | Code::EsuBridge
                | Code::LifecycleTargetEnded
                | Code::LifecycleTargetExtended
                | Code::LifecycleUnknown
        )
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.id() == other
    }
}
