//! Closed sets of identifiers used by the Scenario contract.
//!
//! Every enum here serialises to the snake/kebab id of the contract and lists all its values in `ALL`,
//! so the UI can offer options and errors can say what is accepted.
//!
//! A variant may carry attributes, e.g. `#[cfg(feature = "synthetic-2028")]`; they are applied to the
//! variant, its `ALL` entry and each of its match arms (so use `cfg`, not doc comments, there).

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($(#[$vmeta])* $name::$variant),+];

            /// The id used in JSON, URLs and CSV.
            pub const fn id(self) -> &'static str {
                match self { $($(#[$vmeta])* $name::$variant => $id),+ }
            }

            /// A short human label.
            pub const fn label(self) -> &'static str {
                match self { $($(#[$vmeta])* $name::$variant => $label),+ }
            }

            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($(#[$vmeta])* $id => Some($name::$variant),)+ _ => None }
            }

            /// "`a`, `b`, `c`": the accepted ids, for error messages.
            pub fn accepted() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.id())).collect::<Vec<_>>().join(", ")
            }

            /// The set as the Scenario schema sees it.
            pub const SET: $crate::core::schema::IdSet = $crate::core::schema::IdSet {
                all: || Self::ALL.iter().map(|v| (v.id(), v.label())).collect(),
                valid: |s| Self::from_id(s).is_some(),
                accepted: Self::accepted,
            };
        }

        impl $crate::core::schema::Scalar for $name {
            fn to_value(&self) -> $crate::core::schema::Value {
                $crate::core::schema::Value::Text(self.id().to_string())
            }
            fn from_value(v: &$crate::core::schema::Value) -> Option<Self> {
                v.text().and_then(Self::from_id)
            }
        }

        impl $crate::core::schema::Item for $name {
            fn to_text(&self) -> String {
                self.id().to_string()
            }
            fn from_text(s: &str) -> Option<Self> {
                Self::from_id(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

id_enum!(
    /// A Windows or Windows Server version.
    Os {
        WindowsNt40 = "windows-nt-4.0": "Windows NT 4.0",
        Windows2000 = "windows-2000": "Windows 2000",
        Server2003 = "windows-server-2003": "Windows Server 2003",
        Server2003R2 = "windows-server-2003-r2": "Windows Server 2003 R2",
        Server2008 = "windows-server-2008": "Windows Server 2008",
        Server2008R2 = "windows-server-2008-r2": "Windows Server 2008 R2",
        Server2012 = "windows-server-2012": "Windows Server 2012",
        Server2012R2 = "windows-server-2012-r2": "Windows Server 2012 R2",
        Server2016 = "windows-server-2016": "Windows Server 2016",
        Server2019 = "windows-server-2019": "Windows Server 2019",
        Server2022 = "windows-server-2022": "Windows Server 2022",
        Server2025 = "windows-server-2025": "Windows Server 2025",
        #[cfg(feature = "synthetic-2028")]
        Server2028 = "windows-server-2028": "Windows Server 2028 (synthetic test version)",
        Windows7 = "windows-7": "Windows 7",
        Windows8 = "windows-8": "Windows 8",
        Windows81 = "windows-8.1": "Windows 8.1",
        Windows10 = "windows-10": "Windows 10",
        Windows11 = "windows-11": "Windows 11",
    }
);

id_enum!(
    /// An edition (SKU). Which editions exist for which version is data in `catalog`.
    Edition {
        Standard = "standard": "Standard",
        Enterprise = "enterprise": "Enterprise",
        Datacenter = "datacenter": "Datacenter",
        Web = "web": "Web",
        Advanced = "advanced": "Advanced Server",
        Essentials = "essentials": "Essentials",
        DatacenterAzure = "datacenter-azure": "Datacenter: Azure Edition",
        Storage = "storage": "Storage Server",
        HyperVServer = "hyper-v-server": "Hyper-V Server",
        Starter = "starter": "Starter",
        HomeBasic = "home-basic": "Home Basic",
        HomePremium = "home-premium": "Home Premium",
        Professional = "professional": "Professional",
        Ultimate = "ultimate": "Ultimate",
        Core = "core": "Windows 8.1 (Core)",
        Pro = "pro": "Pro",
        ProEducation = "pro-education": "Pro Education",
        Education = "education": "Education",
        Home = "home": "Home",
        EnterpriseLtsc = "enterprise-ltsc": "Enterprise LTSC",
    }
);

id_enum!(
    /// The licensing channel of an installation, a medium or a product key.
    Channel {
        Retail = "retail": "Retail",
        Msdn = "msdn": "MSDN",
        Evaluation = "evaluation": "Evaluation",
        Oem = "oem": "OEM",
        Volume = "volume": "Volume license",
    }
);

id_enum!(
    /// Processor architecture.
    Arch {
        X86 = "x86": "x86 (32-bit)",
        X64 = "x64": "x64 (64-bit)",
        Ia64 = "ia64": "Itanium (IA-64)",
        Arm64 = "arm64": "ARM64",
    }
);

id_enum!(
    /// Server installation option.
    Installation {
        Desktop = "desktop": "Desktop Experience",
        Core = "core": "Server Core",
    }
);

id_enum!(
    /// Changes an admin plans alongside a ConfigMgr upgrade (003: not compatible with in-place upgrade).
    PlannedChange {
        DomainMembership = "domain-membership": "change the domain membership",
        LocalAdministrators = "local-administrators": "update the local Administrators group",
        DiskPartitions = "disk-partitions": "change disk partitions",
        Architecture = "architecture": "change the architecture from x86 to x64",
        Uefi = "uefi": "implement UEFI",
        Language = "language": "modify the base OS language",
        CustomImage = "custom-image": "use a custom base image",
        ThirdPartyEncryption = "third-party-encryption": "use third-party disk encryption",
        WinpeOffline = "winpe-offline": "require WinPE offline operations",
    }
);

id_enum!(
    /// Where the upgrade content of a ConfigMgr task sequence comes from.
    CmContent {
        UpgradePackage = "upgrade-package": "OS upgrade package",
        FeatureUpdate = "feature-update": "feature update (servicing)",
    }
);

id_enum!(
    /// How a ConfigMgr task sequence reaches the device.
    CmDelivery {
        SoftwareCenter = "software-center": "Software Center",
        StandAloneMedia = "stand-alone-media": "stand-alone media",
    }
);

id_enum!(
    /// Facts about the machine that gate or colour a server upgrade (facts §1.6, §2.1).
    Condition {
        BootFromVhd = "boot-from-vhd": "boots from a VHD",
        PrereleaseBuild = "prerelease-build": "runs a preview / prerelease build",
        CheckedBuild = "checked-build": "runs a checked (debug) build",
        NicTeaming = "nic-teaming": "uses NIC Teaming",
        HyperVHost = "hyper-v-host": "is a Hyper-V host with virtual machines",
        LbfoHyperVSwitch = "lbfo-hyper-v-switch": "has a Hyper-V switch bound to an LBFO team",
        AzureVm = "azure-vm": "runs as a virtual machine in Azure",
        SharedVhdxGuestCluster = "shared-vhdx-guest-cluster": "is a guest cluster on shared .vhdx",
        ConfigMgrSiteServer = "configmgr-site-server": "hosts Configuration Manager site roles",
        SModeClient = "s-mode": "runs Windows in S mode",
    }
);

id_enum!(
    /// The Trusted Platform Module the machine has (`Get-Tpm`, `Win32_Tpm.SpecVersion`).
    TpmVersion {
        None = "none": "no TPM",
        V12 = "1.2": "TPM 1.2",
        V20 = "2.0": "TPM 2.0",
    }
);

id_enum!(
    /// How the firmware boots Windows (msinfo32 "BIOS Mode").
    Firmware {
        Bios = "bios": "legacy BIOS (or CSM)",
        Uefi = "uefi": "UEFI",
    }
);

id_enum!(
    /// Secure Boot (`Confirm-SecureBootUEFI`: true = enabled, false = capable, an error = not supported).
    SecureBoot {
        NotSupported = "not-supported": "not supported",
        Capable = "capable": "capable, off",
        Enabled = "enabled": "enabled",
    }
);

id_enum!(
    /// Partition style of the system disk (`Get-Disk`).
    PartitionStyle {
        Mbr = "mbr": "MBR",
        Gpt = "gpt": "GPT",
    }
);

id_enum!(
    /// Who made the processor (`Win32_Processor.Manufacturer`).
    CpuMaker {
        Intel = "intel": "Intel (GenuineIntel)",
        Amd = "amd": "AMD (AuthenticAMD)",
        Qualcomm = "qualcomm": "Qualcomm",
        Other = "other": "another manufacturer",
    }
);

id_enum!(
    /// Where the machine runs.
    Platform {
        Physical = "physical": "a physical machine",
        HyperVGen1 = "hyper-v-gen1": "a Hyper-V generation 1 virtual machine",
        HyperVGen2 = "hyper-v-gen2": "a Hyper-V generation 2 virtual machine",
        Other = "other": "a virtual machine of another hypervisor",
    }
);

id_enum!(
    /// A Windows 11 hardware check as a readiness tool reports it (HardwareReadiness.ps1, the
    /// ConfigMgr readiness dashboard, Windows Update for Business reports, Intune's Work from
    /// anywhere report, WhyNotWin11), when the tool gives a pass or fail but not the value.
    ReadinessCheck {
        Tpm = "tpm": "TPM 2.0",
        Processor = "processor": "processor generation",
        Cores = "cores": "2 or more logical processors",
        Speed = "speed": "processor faster than 1 GHz",
        CoresOrSpeed = "cores-or-speed": "processor cores or speed",
        Memory = "memory": "4 GB of memory",
        Storage = "storage": "64 GB system volume",
        SecureBoot = "uefi-secure-boot": "UEFI, Secure Boot capable",
        SMode = "s-mode": "not in S mode (other than Home)",
    }
);

id_enum!(
    /// Configuration Manager roles on the machine (and the SCEP client).
    SiteRole {
        SiteServer = "site-server": "site server",
        ManagementPoint = "management-point": "management point",
        DistributionPoint = "distribution-point": "distribution point",
        SoftwareUpdatePoint = "software-update-point": "software update point (WSUS)",
        ScepClient = "scep-client": "System Center Endpoint Protection client",
    }
);

id_enum!(
    /// An Active Directory domain or forest functional level.
    FunctionalLevel {
        W2000 = "2000": "Windows 2000",
        W2003 = "2003": "Windows Server 2003",
        W2008 = "2008": "Windows Server 2008",
        W2008R2 = "2008-r2": "Windows Server 2008 R2",
        W2012 = "2012": "Windows Server 2012",
        W2012R2 = "2012-r2": "Windows Server 2012 R2",
        W2016 = "2016": "Windows Server 2016",
        W2025 = "2025": "Windows Server 2025",
    }
);

id_enum!(
    /// What a failover cluster runs.
    Workload {
        HyperV = "hyper-v": "Hyper-V virtual machines",
        ScaleOutFileServer = "scale-out-file-server": "Scale-Out File Server",
        StorageSpacesDirect = "storage-spaces-direct": "Storage Spaces Direct",
        Other = "other": "other roles (e.g. SQL Server, file server)",
    }
);
