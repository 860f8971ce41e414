//! The table of the Scenario's fields: one `schema!` entry per field (see `docs/adding-a-field.md`).

use super::{Field, FieldDoc, Kind, Scalar, Slot, Value};
use crate::core::ids::*;
use crate::core::scenario::Scenario;

/// Getter and setter of a field at a path of plain structs (`at!(current.edition)`), or of a field
/// inside an optional section (`at!(in configmgr: version)`), which setting a value opens.
macro_rules! at {
    (req $($p:ident).+) => {
        (
            |s: &Scenario| Some(Scalar::to_value(&s.$($p).+)),
            |s: &mut Scenario, v: Option<Value>| {
                if let Some(x) = v.as_ref().and_then(Scalar::from_value) {
                    s.$($p).+ = x;
                }
            },
        )
    };
    (in $sec:ident : $($p:ident).+) => {
        (
            |s: &Scenario| s.$sec.as_ref().and_then(|x| Slot::read(&x.$($p).+)),
            |s: &mut Scenario, v: Option<Value>| {
                let x = Slot::write(v);
                if Slot::read(&x).is_some() {
                    s.$sec.get_or_insert_with(Default::default).$($p).+ = x;
                } else if let Some(sec) = s.$sec.as_mut() {
                    sec.$($p).+ = x;
                }
            },
        )
    };
    (in $sec:ident . $sub:ident : $f:ident) => {
        (
            |s: &Scenario| {
                s.$sec.as_ref().and_then(|x| x.$sub.as_ref()).and_then(|x| Slot::read(&x.$f))
            },
            |s: &mut Scenario, v: Option<Value>| {
                let x = Slot::write(v);
                if Slot::read(&x).is_some() {
                    s.$sec.get_or_insert_with(Default::default).$sub.get_or_insert_with(Default::default).$f = x;
                } else if let Some(sub) = s.$sec.as_mut().and_then(|c| c.$sub.as_mut()) {
                    sub.$f = x;
                }
            },
        )
    };
    ($($p:ident).+) => {
        (
            |s: &Scenario| Slot::read(&s.$($p).+),
            |s: &mut Scenario, v: Option<Value>| s.$($p).+ = Slot::write(v),
        )
    };
}

/// The Scenario's fields, one entry each: path, kind, accessor, whether it is required and
/// whether the form resets it, its label, and its documentation (what it says, what is accepted,
/// its default, more inventory headers). Generates [`FIELDS`] and [`DOCS`] in the same order.
macro_rules! schema {
    (@opt) => { None };
    (@opt $e:expr) => { Some($e) };
    (@str) => { "" };
    (@str $e:literal) => { $e };
    ($( $(#[$meta:meta])* $path:literal => {
        kind: $kind:expr, at: $at:expr, $(check: $check:expr,)? required: $required:literal,
        resets: $resets:literal, label: $label:literal, $(hint: $hint:literal,)? doc: $doc:literal,
        accepted: $accepted:literal, default: $default:literal, aliases: [$($alias:literal),*] $(,)?
    } ),+ $(,)?) => {
        /// Every field of the Scenario, in the contract's order (which is also the order errors are found in).
        pub static FIELDS: &[Field] = &[$(
            $(#[$meta])*
            {
                let (get, set) = $at;
                Field {
                    path: $path,
                    kind: $kind,
                    required: $required,
                    resets: $resets,
                    label: $label,
                    hint: schema!(@str $($hint)?),
                    default: $default,
                    check: schema!(@opt $($check)?),
                    get,
                    set,
                }
            }
        ),+];
        /// The documentation of every field, in the order of [`FIELDS`].
        pub static DOCS: &[FieldDoc] = &[$(
            $(#[$meta])*
            FieldDoc { path: $path, doc: $doc, accepted: $accepted, aliases: &[$($alias),*] }
        ),+];
    };
}

const SP: Kind = Kind::Int {
    min: 0,
    max: 255,
    accepted: "a whole number from 0 to 255 (the version's range is checked next), or null",
};

schema! {
    "current.os" => {
        kind: Kind::Id(Os::SET), at: at!(req current.os), required: true, resets: false,
        label: "Windows version",
        doc: "The installed Windows version.",
        accepted: "",
        default: "required",
        aliases: [],
    },
    "current.edition" => {
        kind: Kind::Id(Edition::SET), at: at!(current.edition), required: false, resets: true,
        label: "Edition",
        doc: "The installed edition.",
        accepted: "an edition **of that version** (table below)",
        default: "the version's first edition",
        aliases: [],
    },
    "current.service_pack" => {
        kind: SP, at: at!(current.service_pack), required: false, resets: true,
        label: "Service pack",
        doc: "The installed service pack.",
        accepted: "`0` … the version's last service pack, or `null`",
        default: "the **latest** service pack of the version",
        aliases: [],
    },
    "current.architecture" => {
        kind: Kind::Id(Arch::SET), at: at!(current.architecture), required: false, resets: true,
        label: "Architecture",
        doc: "The installed architecture.",
        accepted: "only an architecture the version was built for",
        default: "the version's first",
        aliases: [],
    },
    "current.language" => {
        kind: Kind::Text, at: at!(current.language), required: false, resets: false,
        label: "Language",
        doc: "The installed language.",
        accepted: "a language tag such as `en-US`, `de-DE`, `zh-Hant-TW` (case is normalised)",
        default: "`en-US`",
        aliases: [],
    },
    "current.channel" => {
        kind: Kind::Id(Channel::SET), at: at!(current.channel), required: false, resets: false,
        label: "Licensing channel",
        doc: "How the installation was licensed.",
        accepted: "",
        default: "`retail`",
        aliases: [],
    },
    "current.installation" => {
        kind: Kind::Id(Installation::SET), at: at!(current.installation), required: false, resets: true,
        label: "Installation",
        doc: "Server with Desktop Experience or Server Core.",
        accepted: "`desktop`, `core` (Server Core exists from 2008 on)",
        default: "`desktop`",
        aliases: [],
    },
    "current.cluster_node" => {
        kind: Kind::Bool, at: at!(current.cluster_node), required: false, resets: false,
        label: "Cluster node",
        doc: "Whether the server is a node of a failover cluster.",
        accepted: "",
        default: "`false`, or `true` when `cluster` is given",
        aliases: [],
    },
    "current.domain_controller" => {
        kind: Kind::Bool, at: at!(current.domain_controller), required: false, resets: false,
        label: "Domain controller",
        doc: "Whether the server is a domain controller.",
        accepted: "",
        default: "`false`",
        aliases: ["domaincontroller", "isdomaincontroller"],
    },
    "current.domain" => {
        kind: Kind::Text, at: at!(current.domain), check: super::checks::domain_name,
        required: false, resets: false,
        label: "Domain",
        hint: "(Get-CimInstance Win32_ComputerSystem).Domain, or the Domain column of Active Directory Users and Computers.",
        doc: "The Active Directory domain the machine belongs to; upgrade waves never take every domain controller of one domain at once.",
        accepted: "a domain name such as `contoso.com` or `CONTOSO` (letters, digits, `-`, `.`; at most 255 characters)",
        default: "unknown",
        aliases: ["domain", "csdomain", "addomain", "domainname"],
    },
    "current.release" => {
        kind: Kind::Text, at: at!(current.release), required: false, resets: true,
        label: "Release",
        doc: "The installed Windows 10/11 feature-update release.",
        accepted: "Windows 10: `1507` … `22H2`; Windows 11: `21H2` … `25H2` (only for Windows 10/11)",
        default: "the latest release",
        aliases: ["osdisplayversion", "displayversion", "release"],
    },
    "current.build" => {
        kind: Kind::Text, at: at!(current.build), check: super::checks::build,
        required: false, resets: true,
        label: "Build",
        hint: "winver, or (Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion') CurrentBuild and UBR, e.g. 19045.5371.",
        doc: "The installed build with its update revision; it tells which monthly update is installed.",
        accepted: "`build` or `build.revision` of the installed version, e.g. `19045.5371`",
        default: "unknown",
        aliases: ["ubrbuild", "fullbuild", "osbuildrevision"],
    },
    #[cfg(feature = "synthetic-field")]
    "current.synthetic_widget" => {
        kind: Kind::Bool, at: at!(current.synthetic_widget),
        check: |s, _| match crate::core::catalog::version(s.current.os).family {
            crate::core::catalog::Family::Server => Ok(()),
            crate::core::catalog::Family::Client => Err(format!(
                "{} has no widget; accepted: a Windows Server version, or leave it out",
                s.current.os.label()
            )),
        },
        required: false, resets: true,
        label: "Synthetic widget",
        doc: "Test-only: whether the server has the synthetic widget.",
        accepted: "`true`, `false` (Windows Server versions only)",
        default: "`false`",
        aliases: ["widget", "haswidget"],
    },
    "current.conditions" => {
        kind: Kind::Ids(Condition::SET), at: at!(current.conditions), required: false, resets: false,
        label: "More about this machine",
        doc: "Facts about the machine that gate or colour the upgrade.",
        accepted: "",
        default: "none",
        aliases: [],
    },
    "target.os" => {
        kind: Kind::Id(Os::SET), at: at!(req target.os), required: true, resets: false,
        label: "Windows version",
        doc: "The version to upgrade to.",
        accepted: "",
        default: "required",
        aliases: ["target", "targetversion"],
    },
    "target.edition" => {
        kind: Kind::Id(Edition::SET), at: at!(target.edition), required: false, resets: true,
        label: "Edition",
        doc: "The edition to end up with.",
        accepted: "an edition **of that version**",
        default: "the current edition if the target has it, else the target's first",
        aliases: [],
    },
    "target.service_pack" => {
        kind: SP, at: at!(target.service_pack), required: false, resets: true,
        label: "Service pack to install",
        doc: "For the same version: the service pack to install.",
        accepted: "`0` … the version's last service pack, or `null`",
        default: "`null` = no service-pack change",
        aliases: [],
    },
    "target.architecture" => {
        kind: Kind::Id(Arch::SET), at: at!(target.architecture), required: false, resets: true,
        label: "Architecture",
        doc: "The architecture of the target media.",
        accepted: "only an architecture the version was built for",
        default: "the current one if the target has it",
        aliases: [],
    },
    "target.language" => {
        kind: Kind::Text, at: at!(target.language), required: false, resets: false,
        label: "Language of the media",
        doc: "The language of the target media.",
        accepted: "a language tag",
        default: "the current one",
        aliases: [],
    },
    "target.installation" => {
        kind: Kind::Id(Installation::SET), at: at!(target.installation), required: false, resets: true,
        label: "Installation",
        doc: "Server with Desktop Experience or Server Core after the upgrade.",
        accepted: "`desktop`, `core`",
        default: "the current one",
        aliases: [],
    },
    "target.media_channel" => {
        kind: Kind::Id(Channel::SET), at: at!(target.media_channel), required: false, resets: false,
        label: "Channel of the media",
        doc: "The licensing channel of the target media (2003 R2: of CD1/CD2).",
        accepted: "",
        default: "the installed channel (an evaluation installation: `retail`, except for 2003 R2)",
        aliases: [],
    },
    "target.key_channel" => {
        kind: Kind::Id(Channel::SET), at: at!(target.key_channel), required: false, resets: false,
        label: "Channel of the product key",
        doc: "The licensing channel of the product key.",
        accepted: "",
        default: "the media channel",
        aliases: [],
    },
    "target.key_edition" => {
        kind: Kind::Id(Edition::SET), at: at!(target.key_edition), required: false, resets: true,
        label: "Edition of the product key",
        doc: "The edition (SKU) the product key is for.",
        accepted: "an edition of the target version",
        default: "the target edition",
        aliases: [],
    },
    "target.release" => {
        kind: Kind::Text, at: at!(target.release), required: false, resets: true,
        label: "Release",
        doc: "The Windows 10/11 release to upgrade to.",
        accepted: "a release of the target version",
        default: "the latest release",
        aliases: [],
    },
    "cluster.name" => {
        kind: Kind::Text, at: at!(in cluster: name), check: super::checks::domain_name,
        required: false, resets: false,
        label: "Cluster name",
        hint: "Get-Cluster (Name), or the cluster's name in Failover Cluster Manager.",
        doc: "The cluster's name: the nodes of one cluster are upgraded in one wave, one node at a time.",
        accepted: "a cluster name (letters, digits, `-`, `.`; at most 255 characters)",
        default: "unknown",
        aliases: ["clustername"],
    },
    "cluster.nodes" => {
        kind: Kind::Names, at: at!(in cluster: nodes), required: false, resets: false,
        label: "Nodes",
        doc: "The cluster's node names, in the order the runbook takes them.",
        accepted: "2 to 64 computer names (letters, digits, `-`, `_`, `.`; at most 63 characters; no duplicates)",
        default: "`Node A`, `Node B` when the machine is a cluster node",
        aliases: [],
    },
    "cluster.groups" => {
        kind: Kind::Names, at: at!(in cluster: groups), required: false, resets: false,
        label: "Groups",
        doc: "The cluster's groups, to name them in the runbook.",
        accepted: "up to 256 group names (at most 128 characters, no control characters)",
        default: "none: steps say \"every group owned by …\"",
        aliases: [],
    },
    "cluster.workload" => {
        kind: Kind::Id(Workload::SET), at: at!(in cluster: workload), required: false, resets: false,
        label: "Workload",
        doc: "What the cluster runs; Cluster OS Rolling Upgrade is documented without downtime for Hyper-V and Scale-Out File Server.",
        accepted: "",
        default: "unknown",
        aliases: ["clusterworkload"],
    },
    "hardware.tpm" => {
        kind: Kind::Id(TpmVersion::SET), at: at!(hardware.tpm), required: false, resets: false,
        label: "TPM",
        hint: "Get-Tpm (TpmPresent), then the first number of Win32_Tpm SpecVersion; or tpm.msc.",
        doc: "The Trusted Platform Module the machine has.",
        accepted: "", default: "unknown", aliases: ["tpmversion", "tpmspecversion"],
    },
    "hardware.tpm_enabled" => {
        kind: Kind::Bool, at: at!(hardware.tpm_enabled), required: false, resets: false,
        label: "TPM enabled",
        hint: "Get-Tpm: TpmReady / TpmEnabled.",
        doc: "Whether the TPM is switched on in the firmware.",
        accepted: "", default: "unknown", aliases: ["tpmenabled", "tpmready"],
    },
    "hardware.firmware" => {
        kind: Kind::Id(Firmware::SET), at: at!(hardware.firmware), required: false, resets: false,
        label: "Firmware boot mode",
        hint: "msinfo32: BIOS Mode (UEFI or Legacy); $env:firmware_type.",
        doc: "Whether Windows boots in UEFI mode or in legacy BIOS (CSM) mode.",
        accepted: "", default: "unknown", aliases: ["biosmode", "bootmode", "firmwaretype"],
    },
    "hardware.secure_boot" => {
        kind: Kind::Id(SecureBoot::SET), at: at!(hardware.secure_boot), required: false, resets: false,
        label: "Secure Boot",
        hint: "Confirm-SecureBootUEFI (as administrator): True = enabled, False = capable, an error = not supported.",
        doc: "Whether the firmware supports Secure Boot, and whether it is on.",
        accepted: "", default: "unknown", aliases: ["securebootstate", "uefisecureboot"],
    },
    "hardware.partition_style" => {
        kind: Kind::Id(PartitionStyle::SET), at: at!(hardware.partition_style), required: false, resets: false,
        label: "System disk partition style",
        hint: "Get-Disk | Where IsBoot: PartitionStyle (MBR or GPT).",
        doc: "The partition style of the system disk (MBR disks boot only in legacy BIOS mode).",
        accepted: "", default: "unknown", aliases: ["partitionstyle", "diskpartitiontype"],
    },
    "hardware.ram_gb" => {
        kind: Kind::Int { min: 1, max: 65536, accepted: "a whole number of GB from 1 to 65536" },
        at: at!(hardware.ram_gb), required: false, resets: false,
        label: "Memory (GB)",
        hint: "Get-CimInstance Win32_ComputerSystem: TotalPhysicalMemory / 1GB, rounded.",
        doc: "Installed memory in GB.",
        accepted: "", default: "unknown", aliases: ["ramgb", "memorygb", "totalmemorygb"],
    },
    "hardware.disk_gb" => {
        kind: Kind::Int { min: 1, max: 1048576, accepted: "a whole number of GB from 1 to 1048576" },
        at: at!(hardware.disk_gb), required: false, resets: false,
        label: "System volume size (GB)",
        hint: "Get-Volume -DriveLetter C: Size / 1GB (the whole system volume, not its free space).",
        doc: "The size of the volume Windows is installed on, in GB.",
        accepted: "", default: "unknown", aliases: ["diskgb", "systemdrivesizegb", "osdisksizegb"],
    },
    "hardware.s_mode" => {
        kind: Kind::Bool, at: at!(hardware.s_mode), required: false, resets: false,
        label: "S mode",
        hint: "Settings > System > About (\"in S mode\"), or the product name ending in \"in S mode\".",
        doc: "Whether Windows runs in S mode.",
        accepted: "", default: "unknown", aliases: ["smode"],
    },
    "hardware.model" => {
        kind: Kind::Text, at: at!(hardware.model), required: false, resets: false,
        label: "Computer model",
        hint: "Get-CimInstance Win32_ComputerSystem: Model.",
        doc: "The computer's model (two models have an exception for one processor).",
        accepted: "text", default: "unknown", aliases: ["computermodel", "cs.model", "csmodel"],
    },
    "hardware.reported_fail" => {
        kind: Kind::Ids(ReadinessCheck::SET), at: at!(hardware.reported_fail), required: false, resets: false,
        label: "Reported failing",
        doc: "Windows 11 checks a readiness tool reported as failed without giving the value (an inventory reader fills it in; a value given for the check wins).",
        accepted: "", default: "none", aliases: [],
    },
    "hardware.reported_pass" => {
        kind: Kind::Ids(ReadinessCheck::SET), at: at!(hardware.reported_pass), required: false, resets: false,
        label: "Reported passing",
        doc: "Windows 11 checks a readiness tool reported as passed without giving the value.",
        accepted: "", default: "none", aliases: [],
    },
    "hardware.reported_by" => {
        kind: Kind::Text, at: at!(hardware.reported_by), required: false, resets: false,
        label: "Reported by",
        doc: "The readiness tools whose reports gave `reported_fail` and `reported_pass`, named in the checklist.",
        accepted: "text", default: "unknown", aliases: [],
    },
    "hardware.cpu.manufacturer" => {
        kind: Kind::Id(CpuMaker::SET), at: at!(hardware.cpu.manufacturer), required: false, resets: false,
        label: "Processor manufacturer",
        hint: "Get-CimInstance Win32_Processor: Manufacturer (GenuineIntel, AuthenticAMD, Qualcomm Technologies Inc).",
        doc: "Who made the processor.",
        accepted: "", default: "unknown", aliases: ["cpumanufacturer", "processormanufacturer"],
    },
    "hardware.cpu.family" => {
        kind: Kind::Int { min: 0, max: 4095, accepted: "the CPUID family, a whole number such as 6 (Intel) or 23 (AMD Zen)" },
        at: at!(hardware.cpu.family), required: false, resets: false,
        label: "Processor family",
        hint: "Win32_Processor Caption: \"… Family 6 Model 158 Stepping 10\".",
        doc: "The processor's CPUID family.",
        accepted: "", default: "unknown", aliases: ["cpufamily"],
    },
    "hardware.cpu.model" => {
        kind: Kind::Int { min: 0, max: 4095, accepted: "the CPUID model, a whole number such as 158" },
        at: at!(hardware.cpu.model), required: false, resets: false,
        label: "Processor model",
        hint: "Win32_Processor Caption: \"… Model 158 …\".",
        doc: "The processor's CPUID model.",
        accepted: "", default: "unknown", aliases: ["cpumodel"],
    },
    "hardware.cpu.stepping" => {
        kind: Kind::Int { min: 0, max: 255, accepted: "the CPUID stepping, a whole number from 0 to 255" },
        at: at!(hardware.cpu.stepping), required: false, resets: false,
        label: "Processor stepping",
        hint: "Win32_Processor Caption: \"… Stepping 10\".",
        doc: "The processor's CPUID stepping.",
        accepted: "", default: "unknown", aliases: ["cpustepping"],
    },
    "hardware.cpu.platform_id" => {
        kind: Kind::Int { min: 0, max: 255, accepted: "a whole number from 0 to 255" },
        at: at!(hardware.cpu.platform_id), required: false, resets: false,
        label: "Processor platform ID",
        hint: "Registry HKLM\\HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0, Platform Specific Field 1 (only needed for some 7th-generation Intel).",
        doc: "The processor's platform ID, which decides some 7th-generation Intel processors.",
        accepted: "", default: "unknown", aliases: ["platformspecificfield1"],
    },
    "hardware.cpu.name" => {
        kind: Kind::Text, at: at!(hardware.cpu.name), required: false, resets: false,
        label: "Processor name",
        hint: "Get-CimInstance Win32_Processor: Name, e.g. Intel(R) Core(TM) i5-8250U CPU @ 1.60GHz.",
        doc: "The processor's brand string.",
        accepted: "text", default: "unknown", aliases: ["cpuname", "processorname", "cpu"],
    },
    "hardware.cpu.logical_processors" => {
        kind: Kind::Int { min: 1, max: 65536, accepted: "a whole number from 1 to 65536" },
        at: at!(hardware.cpu.logical_processors), required: false, resets: false,
        label: "Logical processors",
        hint: "Get-CimInstance Win32_Processor: NumberOfLogicalProcessors.",
        doc: "How many logical processors (threads) the processor has.",
        accepted: "", default: "unknown", aliases: ["numberoflogicalprocessors", "cpucores", "logicalprocessors"],
    },
    "hardware.cpu.clock_mhz" => {
        kind: Kind::Int { min: 1, max: 100000, accepted: "a whole number of MHz from 1 to 100000" },
        at: at!(hardware.cpu.clock_mhz), required: false, resets: false,
        label: "Processor clock (MHz)",
        hint: "Get-CimInstance Win32_Processor: MaxClockSpeed.",
        doc: "The processor's clock speed in MHz.",
        accepted: "", default: "unknown", aliases: ["maxclockspeed", "cpumhz", "clockspeed"],
    },
    "hardware.cpu.sse42" => {
        kind: Kind::Bool, at: at!(hardware.cpu.sse42), required: false, resets: false,
        label: "SSE4.2",
        hint: "Coreinfo -f (SSE4.2), or the processor's specification sheet.",
        doc: "Whether the processor has the SSE4.2 instructions (Windows 11 24H2 and Windows Server 2025 need them).",
        accepted: "", default: "unknown", aliases: ["sse42"],
    },
    "hardware.cpu.popcnt" => {
        kind: Kind::Bool, at: at!(hardware.cpu.popcnt), required: false, resets: false,
        label: "POPCNT",
        hint: "Coreinfo -f (POPCNT), or the processor's specification sheet.",
        doc: "Whether the processor has the POPCNT instruction (Windows 11 24H2 and Windows Server 2025 need it).",
        accepted: "", default: "unknown", aliases: ["popcnt"],
    },
    "hardware.cpu.slat" => {
        kind: Kind::Bool, at: at!(hardware.cpu.slat), required: false, resets: false,
        label: "SLAT (EPT/NPT)",
        hint: "systeminfo: Hyper-V Requirements, Second Level Address Translation; or Coreinfo -v.",
        doc: "Whether the processor has Second Level Address Translation (Windows Server 2016 and later need it).",
        accepted: "", default: "unknown", aliases: ["slat"],
    },
    "virtualisation.platform" => {
        kind: Kind::Id(Platform::SET), at: at!(virtualisation.platform), required: false, resets: false,
        label: "Runs on",
        hint: "Get-VM (on the host): Generation; Win32_ComputerSystem HypervisorPresent and Model.",
        doc: "A physical machine or a virtual machine, and for Hyper-V its generation (which cannot be changed).",
        accepted: "", default: "unknown", aliases: ["vmgeneration", "platform"],
    },
    "virtualisation.vtpm" => {
        kind: Kind::Bool, at: at!(virtualisation.vtpm), required: false, resets: false,
        label: "Virtual TPM",
        hint: "Get-VMSecurity (on the host): TpmEnabled.",
        doc: "Whether the virtual machine has a virtual TPM enabled.",
        accepted: "", default: "unknown", aliases: ["vtpm"],
    },
    "roles.configmgr" => {
        kind: Kind::Ids(SiteRole::SET), at: at!(roles.configmgr), required: false, resets: false,
        label: "Configuration Manager roles",
        hint: "Get-CMSiteRole -SiteSystemServerName <server> in the ConfigMgr console's PowerShell.",
        doc: "Configuration Manager site-system roles on this server (and the SCEP client).",
        accepted: "", default: "none", aliases: ["configmgrroles", "siteroles"],
    },
    "roles.domain_functional_level" => {
        kind: Kind::Id(FunctionalLevel::SET), at: at!(roles.domain_functional_level), required: false, resets: false,
        label: "Domain functional level",
        hint: "(Get-ADDomain).DomainMode.",
        doc: "The functional level of the domain (for a domain controller).",
        accepted: "", default: "unknown", aliases: ["domainmode", "domainfunctionallevel"],
    },
    "roles.forest_functional_level" => {
        kind: Kind::Id(FunctionalLevel::SET), at: at!(roles.forest_functional_level), required: false, resets: false,
        label: "Forest functional level",
        hint: "(Get-ADForest).ForestMode.",
        doc: "The functional level of the forest (for a domain controller).",
        accepted: "", default: "unknown", aliases: ["forestmode", "forestfunctionallevel"],
    },
    "configmgr.version" => {
        kind: Kind::Int { min: 0, max: u32::MAX as u64, accepted: "a current-branch version YYMM such as 2103, 2403 or 2509" }, at: at!(in configmgr: version), required: false, resets: false,
        label: "ConfigMgr version",
        doc: "The Configuration Manager current-branch version of the site.",
        accepted: "a current-branch version `YYMM`, e.g. `2103`, `2403`",
        default: "`2403`",
        aliases: [],
    },
    "configmgr.content" => {
        kind: Kind::Id(CmContent::SET), at: at!(in configmgr: content), required: false, resets: false,
        label: "Content",
        doc: "Where the upgrade content of the task sequence comes from.",
        accepted: "",
        default: "`upgrade-package`",
        aliases: [],
    },
    "configmgr.delivery" => {
        kind: Kind::Id(CmDelivery::SET), at: at!(in configmgr: delivery), required: false, resets: false,
        label: "Delivery",
        doc: "How the task sequence reaches the device.",
        accepted: "",
        default: "`software-center`",
        aliases: [],
    },
    "configmgr.boot_image" => {
        kind: Kind::Bool, at: at!(in configmgr: boot_image), required: false, resets: false,
        label: "Boot image included",
        doc: "Whether the task sequence includes a boot image.",
        accepted: "",
        default: "`false`",
        aliases: [],
    },
    "configmgr.via_cmg" => {
        kind: Kind::Bool, at: at!(in configmgr: via_cmg), required: false, resets: false,
        label: "Internet clients via CMG",
        doc: "Whether the device is reached through the cloud management gateway.",
        accepted: "",
        default: "`false`",
        aliases: [],
    },
    "configmgr.distribution_point" => {
        kind: Kind::Bool, at: at!(in configmgr: distribution_point), required: false, resets: false,
        label: "Distribution point available",
        doc: "Whether a distribution point is available.",
        accepted: "",
        default: "`true`",
        aliases: [],
    },
    "configmgr.software_update_point" => {
        kind: Kind::Bool, at: at!(in configmgr: software_update_point), required: false, resets: false,
        label: "Software update point syncs Upgrades",
        doc: "Whether a software update point synchronises the Upgrades classification.",
        accepted: "",
        default: "`true`",
        aliases: [],
    },
    "configmgr.package.edition" => {
        kind: Kind::Id(Edition::SET), at: at!(in configmgr.package: edition), required: false, resets: false,
        label: "Package edition",
        doc: "The edition of the OS upgrade package.",
        accepted: "",
        default: "the client's current edition",
        aliases: [],
    },
    "configmgr.package.architecture" => {
        kind: Kind::Id(Arch::SET), at: at!(in configmgr.package: architecture), required: false, resets: false,
        label: "Package architecture",
        doc: "The architecture of the OS upgrade package.",
        accepted: "",
        default: "the client's current architecture",
        aliases: [],
    },
    "configmgr.package.language" => {
        kind: Kind::Text, at: at!(in configmgr.package: language), required: false, resets: false,
        label: "Package language",
        doc: "The language of the OS upgrade package.",
        accepted: "a language tag",
        default: "the client's current language",
        aliases: [],
    },
    "configmgr.planned_changes" => {
        kind: Kind::Ids(PlannedChange::SET), at: at!(in configmgr: planned_changes), required: false, resets: false,
        label: "Also planned with this upgrade",
        doc: "Changes planned together with the upgrade.",
        accepted: "",
        default: "none",
        aliases: [],
    },
    "as_of" => {
        kind: Kind::Date, at: at!(as_of), required: false, resets: false,
        label: "Plan date",
        doc: "The date lifecycle dates are compared with.",
        accepted: "`YYYY-MM-DD`",
        default: "the command and the page use today; the core alone uses the rules' date",
        aliases: [],
    }
}
