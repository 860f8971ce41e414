//! Windows 11's requirements, one rule each (facts: Windows 11 requirements, Microsoft's
//! HardwareReadiness script, the ConfigMgr readiness dashboard's reasons).

use super::cpu::{generation, Generation};
use super::{Judged, Machine, Remedy, Rule};
use crate::core::catalog::version;
use crate::core::codes::Code;
use crate::core::ids::{
    Edition, Firmware, Os, PartitionStyle, Platform, ReadinessCheck, SecureBoot, TpmVersion,
};
use crate::core::plan::Confidence;
use crate::core::source::Source;

const REQ: Source = Source::Windows11Requirements;
const HWR: Source = Source::HardwareReadiness;
const CPU_HOW: &str = "Read it with Get-CimInstance Win32_Processor | Select Name, Manufacturer, Caption, NumberOfLogicalProcessors, MaxClockSpeed (Caption holds Family, Model and Stepping).";

#[rustfmt::skip]
pub(super) const RULES: &[Rule] = &[
    Rule { code: Code::W11VmGeneration, label: "Generation 2 virtual machine", source: Source::HyperVGeneration, essential: true,
        how: "", judge: vm_generation },
    Rule { code: Code::W11Tpm, label: "TPM 2.0", source: REQ, essential: true,
        how: "Read it with Get-Tpm (TpmPresent, TpmReady) and Get-CimInstance -Namespace root/cimv2/security/microsofttpm Win32_Tpm (SpecVersion), or open tpm.msc.", judge: tpm },
    Rule { code: Code::W11CpuGeneration, label: "Processor generation", source: HWR, essential: true,
        how: "Read the family, model and stepping: Get-CimInstance Win32_Processor | Select Manufacturer, Caption (\"… Family 6 Model 158 Stepping 10\"); for Intel family 6 model 142 or 158 with stepping 9, also the registry value Platform Specific Field 1 under HKLM\\HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0.", judge: cpu_generation },
    Rule { code: Code::W11CpuCores, label: "2 or more logical processors", source: HWR, essential: true, how: CPU_HOW, judge: cores },
    Rule { code: Code::W11CpuSpeed, label: "Processor faster than 1 GHz", source: HWR, essential: true, how: CPU_HOW, judge: speed },
    Rule { code: Code::W11Ram, label: "4 GB of memory", source: REQ, essential: true,
        how: "Read it with (Get-CimInstance Win32_ComputerSystem).TotalPhysicalMemory / 1GB, or in Settings → System → About.", judge: ram },
    Rule { code: Code::W11Storage, label: "64 GB system volume", source: REQ, essential: true,
        how: "Read the size (not the free space) of the system volume: Get-CimInstance Win32_LogicalDisk -Filter \"DeviceID='C:'\" | Select Size.", judge: storage },
    Rule { code: Code::W11UefiSecureBoot, label: "UEFI, Secure Boot capable", source: REQ, essential: true,
        how: "Read msinfo32's BIOS Mode (UEFI or Legacy) and Secure Boot State, or run Confirm-SecureBootUEFI elevated (True or False: capable; an error: not supported).", judge: uefi },
    Rule { code: Code::W11Sse42Popcnt, label: "SSE4.2 and POPCNT (24H2 and later)", source: Source::Sse42Reports, essential: true,
        how: "Sysinternals Coreinfo lists SSE4.2 and POPCNT; every processor generation the family/model rule admits has both.", judge: sse42 },
    Rule { code: Code::W11SMode, label: "Not in S mode (other than Home)", source: REQ, essential: false,
        how: "Settings → System → About shows \"in S mode\" under Windows specifications.", judge: s_mode },
    Rule { code: Code::W11SourceRelease, label: "Windows 10 2004 or later, 2021-09-14 update", source: REQ, essential: false,
        how: "winver shows the version and the build with its revision (e.g. 22H2, 19045.5371).", judge: source_release },
];

const GEN1_STEPS: &[&str] = &[
    "A virtual machine's generation cannot be changed, and Windows 11 runs only on generation 2: create a generation 2 virtual machine with Secure Boot (template \"Microsoft Windows\") and a virtual TPM, install Windows 11 in it and move the user's data and applications.",
    "Not documented by Microsoft (a community approach): convert the guest's disk with MBR2GPT inside Windows 10, attach the disk to a new generation 2 virtual machine with Secure Boot and a virtual TPM, start Windows 10 and upgrade it there.",
];

fn vm_generation(m: &Machine) -> Option<Judged> {
    let Some(platform) = m.virt.platform else {
        // Not said: a machine that boots UEFI is not a generation 1 virtual machine; one whose
        // model says it is a virtual machine is unknown; anything else is taken as not a VM.
        let reported_uefi = m.hw.reported_pass.contains(&ReadinessCheck::SecureBoot)
            && !m.hw.reported_fail.contains(&ReadinessCheck::SecureBoot);
        let uefi = m.hw.firmware == Some(Firmware::Uefi)
            || matches!(
                m.hw.secure_boot,
                Some(SecureBoot::Enabled | SecureBoot::Capable)
            )
            || reported_uefi;
        let vm_model =
            m.hw.model
                .as_deref()
                .is_some_and(|x| x.to_ascii_lowercase().contains("virtual machine"));
        return match (uefi, vm_model) {
            (true, _) => Some(Judged::pass(
                "boots UEFI, so not a generation 1 virtual machine",
            )),
            // Hyper-V names its guests' model "Virtual Machine"; one that boots legacy BIOS is
            // generation 1 (generation 2 boots UEFI only). An inference, shown as such.
            (false, true) if m.hw.firmware == Some(Firmware::Bios) => Some(
                Judged::fail(
                    "a Hyper-V virtual machine booting legacy BIOS, so generation 1 (inferred)",
                    Remedy::Replace,
                    GEN1_STEPS,
                )
                .with(Confidence::Unconfirmed),
            ),
            (false, true) => Some(Judged::unknown("a virtual machine of unknown generation")),
            (false, false) => None,
        };
    };
    match platform {
        Platform::HyperVGen1 => Some(Judged::fail(
            "Hyper-V generation 1",
            Remedy::Replace,
            GEN1_STEPS,
        )),
        Platform::HyperVGen2 => Some(Judged::pass("Hyper-V generation 2")),
        Platform::Physical | Platform::Other => None,
    }
}

fn tpm(m: &Machine) -> Option<Judged> {
    if m.virt.platform == Some(Platform::HyperVGen1) {
        return None;
    }
    let vm_fix: &[&str] = &["Turn the virtual TPM on with the virtual machine shut down: Hyper-V Manager → Settings → Security → Enable Trusted Platform Module, or Enable-VMTPM (it needs a key protector, e.g. Set-VMKeyProtector -NewLocalKeyProtector); on Azure use Trusted launch; on another hypervisor, add its virtual TPM device."];
    let judged = match (m.hw.tpm, m.hw.tpm_enabled, m.virt.vtpm) {
        (Some(TpmVersion::V20), Some(false), _) => Judged::fail("TPM 2.0, turned off", Remedy::Fix, &[
            "Turn the TPM on in the firmware setup (Intel PTT, AMD fTPM or the discrete TPM), then check that Get-Tpm shows TpmPresent and TpmReady True.",
        ]),
        (Some(TpmVersion::V20), _, _) => Judged::pass("TPM 2.0"),
        (None, _, Some(true)) => Judged::pass("virtual TPM"),
        (Some(TpmVersion::None), _, _) | (None, _, Some(false)) if m.is_vm() => {
            Judged::fail("no virtual TPM", Remedy::Fix, vm_fix)
        }
        (Some(TpmVersion::V12), _, _) => Judged::fail("TPM 1.2", Remedy::Replace, &[
            "Replace the device, or ask its maker whether a firmware update turns this TPM into a TPM 2.0 (possible for some discrete TPMs; unconfirmed).",
        ]),
        (Some(TpmVersion::None), _, _) if is_supported(m) => Judged::fail("no TPM reported", Remedy::Fix, &[
            "A processor of a generation Windows 11 admits has a firmware TPM (Intel PTT or AMD fTPM) that is often turned off: turn it on in the firmware setup, then check Get-Tpm (an inference, unconfirmed).",
        ])
        .with(Confidence::Unconfirmed),
        (Some(TpmVersion::None), _, _) => Judged::fail("no TPM", Remedy::Replace, &[
            "Replace the device, or fit a TPM 2.0 module if its board has a TPM header (ask the maker; unconfirmed).",
        ]),
        (None, _, _) => Judged::unknown("not given"),
    };
    Some(judged)
}

fn is_supported(m: &Machine) -> bool {
    matches!(generation(m.arch, m.hw), Generation::Supported(_))
}

fn cpu_generation(m: &Machine) -> Option<Judged> {
    Some(match generation(m.arch, m.hw) {
        Generation::Supported(why) => {
            let c = hint_confidence(&why);
            Judged::pass(why).with(c)
        }
        Generation::Unsupported(why) => {
            let c = hint_confidence(&why);
            Judged::fail(why, Remedy::Replace, &[
                "Replace the device: a processor of an earlier generation cannot be changed in place. Until then it can stay on Windows 10 with Extended Security Updates.",
            ])
            .with(c)
        }
        Generation::Unknown(why) => Judged::unknown(why),
    })
}

/// A judgement drawn from the brand string alone is a secondary hint.
fn hint_confidence(why: &str) -> Confidence {
    if why.contains("brand-string hint") {
        Confidence::Secondary
    } else {
        Confidence::Confirmed
    }
}

fn cores(m: &Machine) -> Option<Judged> {
    let fix = if m.is_vm() {
        Remedy::Fix
    } else {
        Remedy::Replace
    };
    let steps: &[&str] = if m.is_vm() {
        &["Give the virtual machine 2 or more virtual processors."]
    } else {
        &["Replace the device: Windows 11 needs 2 or more cores."]
    };
    Some(match m.hw.cpu.logical_processors {
        Some(n) if n >= 2 => Judged::pass(format!("{n} logical processors")),
        Some(n) => Judged::fail(format!("{n} logical processor"), fix, steps),
        None => Judged::unknown("not given"),
    })
}

fn speed(m: &Machine) -> Option<Judged> {
    Some(match m.hw.cpu.clock_mhz {
        Some(mhz) if mhz > 1000 => Judged::pass(format!("{mhz} MHz")),
        Some(mhz) => Judged::fail(
            format!("{mhz} MHz (the readiness script needs more than 1000 MHz)"),
            Remedy::Replace,
            &["Replace the device: the processor is too slow for Windows 11."],
        ),
        None => Judged::unknown("not given"),
    })
}

fn ram(m: &Machine) -> Option<Judged> {
    Some(match m.hw.ram_gb {
        Some(gb) if gb >= 4 => Judged::pass(format!("{gb} GB")),
        Some(gb) if m.is_vm() => Judged::fail(format!("{gb} GB"), Remedy::Fix, &["Give the virtual machine 4 GB of memory or more."]),
        Some(gb) => Judged::fail(format!("{gb} GB"), Remedy::Fix, &[
            "Add memory to reach 4 GB if the board has a free slot or takes larger modules (ask the maker); otherwise replace the device.",
        ])
        .with(Confidence::Unconfirmed),
        None => Judged::unknown("not given"),
    })
}

fn storage(m: &Machine) -> Option<Judged> {
    Some(match m.hw.disk_gb {
        Some(gb) if gb >= 64 => Judged::pass(format!("{gb} GB")),
        Some(gb) => Judged::fail(format!("{gb} GB"), Remedy::Fix, &[
            "Extend the system volume to 64 GB or more, or move Windows to a larger drive (for a virtual machine, grow its virtual disk, then extend the volume).",
        ]),
        None => Judged::unknown("not given"),
    })
}

fn uefi(m: &Machine) -> Option<Judged> {
    let hw = m.hw;
    Some(match (m.virt.platform, hw.firmware, hw.secure_boot) {
        (Some(Platform::HyperVGen1), _, _) => return None,
        // Booted in legacy mode, whatever the firmware could do (Confirm-SecureBootUEFI cannot
        // answer there): the switch to UEFI comes first.
        (_, Some(Firmware::Bios), _) => legacy_boot(m),
        (_, _, Some(SecureBoot::Enabled)) => Judged::pass("UEFI, Secure Boot on"),
        (_, _, Some(SecureBoot::Capable)) => Judged::pass("UEFI, Secure Boot capable but off (turning it on is recommended, not required)"),
        (Some(Platform::HyperVGen2), _, None) => Judged::pass("UEFI (generation 2)"),
        (_, Some(Firmware::Uefi), Some(SecureBoot::NotSupported)) => Judged::fail("UEFI without Secure Boot", Remedy::Replace, &[
            "Ask the maker for a firmware update that adds Secure Boot; otherwise replace the device.",
        ]),
        (_, Some(Firmware::Uefi), None) => Judged::pass("UEFI (Secure Boot state not given)"),
        (_, None, Some(SecureBoot::NotSupported)) => legacy_boot(m),
        (_, None, None) => Judged::unknown("not given"),
    })
}

/// Booted through legacy BIOS/CSM: fixable with MBR2GPT and a firmware switch, when the
/// firmware offers UEFI.
fn legacy_boot(m: &Machine) -> Judged {
    let mut steps = vec![
        "Check that the firmware setup offers UEFI boot; if it does not, the device has to be replaced.".to_string(),
        "Suspend BitLocker first (Suspend-BitLocker -MountPoint C: -RebootCount 0).".to_string(),
    ];
    if m.hw.partition_style != Some(PartitionStyle::Gpt) {
        steps.push("Convert the system disk to GPT with MBR2GPT: MBR2GPT.exe /validate /disk:0 /allowFullOS, then MBR2GPT.exe /convert /disk:0 /allowFullOS (Windows 10 1703 or later; at most 3 primary partitions, no extended partition; it cannot be undone).".into());
    }
    steps.push("Restart into the firmware setup, switch from legacy/CSM to UEFI boot and turn Secure Boot on; start Windows and resume BitLocker.".into());
    let value = match m.hw.partition_style {
        Some(p) => format!("legacy BIOS boot, {} disk", p.label()),
        None => "legacy BIOS boot".into(),
    };
    Judged {
        steps,
        ..Judged::fail(value, Remedy::Fix, &[])
    }
}

fn sse42(m: &Machine) -> Option<Judged> {
    if m.arch == crate::core::ids::Arch::Arm64 {
        return None; // x64 instructions.
    }
    let w11 = version(Os::Windows11);
    let target = m.target_release.and_then(|r| w11.release_index(r))?;
    if target < w11.release_index("24H2")? {
        return None;
    }
    let cpu = &m.hw.cpu;
    Some(match (cpu.sse42, cpu.popcnt) {
        (Some(false), _) | (_, Some(false)) => Judged::fail(
            format!("{} missing", missing(cpu.sse42, cpu.popcnt)),
            Remedy::Replace,
            &["Replace the device: no setting or bypass adds these instructions, and 24H2 and later do not start without them."],
        ),
        (Some(true), Some(true)) => Judged::pass("SSE4.2 and POPCNT"),
        _ if is_supported(m) => Judged::pass("implied by the processor generation"),
        _ => Judged::unknown("not given"),
    }
    .with(Confidence::Secondary))
}

fn missing(sse42: Option<bool>, popcnt: Option<bool>) -> &'static str {
    match (sse42, popcnt) {
        (Some(false), Some(false)) => "SSE4.2 and POPCNT",
        (Some(false), _) => "SSE4.2",
        _ => "POPCNT",
    }
}

fn s_mode(m: &Machine) -> Option<Judged> {
    if m.os != Os::Windows10 || m.edition == Edition::EnterpriseLtsc {
        return None;
    }
    Some(match (m.edition, m.s_mode) {
        (Edition::Home, Some(true)) => Judged::pass("Home in S mode (allowed)"),
        (Edition::Home, _) => Judged::pass("Home edition (S mode allowed)"),
        (_, Some(true)) => Judged::fail(format!("{} in S mode", m.edition.label()), Remedy::Fix, &[
            "Switch out of S mode before the upgrade: Settings → Activation → \"Switch out of S mode\" in the Microsoft Store (free, one-way).",
        ]),
        (_, Some(false)) => Judged::pass("not in S mode"),
        (_, None) => Judged::unknown("not given"),
    })
}

/// Windows 10 2004 or later with the 2021-09-14 update (cumulative update revision 1237 of
/// 19041–19043; every 21H2 and 22H2 build is later).
fn source_release(m: &Machine) -> Option<Judged> {
    if m.os != Os::Windows10 {
        return None;
    }
    let w10 = version(Os::Windows10);
    let (build, revision) = match m.build.and_then(crate::core::schema::checks::parse_build) {
        Some((b, r)) => (Some(b), r),
        None => (None, None),
    };
    let release = m.release.and_then(|r| w10.release_index(r)).or_else(|| {
        build
            .and_then(|b| w10.release_of_build(b))
            .and_then(|r| w10.release_index(r.name))
    });
    let Some(i) = release else {
        return Some(Judged::unknown("Windows 10 version not given"));
    };
    let name = w10.releases[i].name;
    let min = w10.release_index(crate::core::paths::WINDOWS_11_MIN_SOURCE_RELEASE)?;
    let update_first: &[&str] =
        &["Update Windows 10 to version 22H2 first (a feature update that keeps everything)."];
    Some(if i < min {
        Judged::fail(format!("version {name}"), Remedy::Fix, update_first)
    } else if i >= w10.release_index("21H2")? {
        Judged::pass(format!("version {name}"))
    } else {
        match revision {
            Some(r) if r >= 1237 => Judged::pass(format!("version {name}, build {}", m.build.unwrap_or(""))),
            Some(_) => Judged::fail(
                format!("version {name}, build {} (before the 2021-09-14 update)", m.build.unwrap_or("")),
                Remedy::Fix,
                &["Install the latest cumulative update for Windows 10 (the 2021-09-14 update or later is needed)."],
            )
            .with(Confidence::Unconfirmed),
            None => Judged::unknown(format!("version {name}, installed updates not given")),
        }
    })
}

/// The registry bypass, shown for what it is: outside Microsoft's support, not a route. Only
/// when a TPM 1.2 is present and the only replace-failures are TPM 2.0 and the processor's
/// generation (never when SSE4.2/POPCNT are missing).
pub fn bypass_note(checks: &[super::Check]) -> Option<String> {
    use super::{Remedy, Status};
    let replace: Vec<Code> = checks
        .iter()
        .filter(|c| c.status == Status::Fail && c.remedy == Some(Remedy::Replace))
        .map(|c| c.code)
        .collect();
    let tpm_ok = checks
        .iter()
        .any(|c| c.code == Code::W11Tpm && (c.status == Status::Pass || c.value == "TPM 1.2"));
    if replace.is_empty()
        || !tpm_ok
        || replace
            .iter()
            .any(|c| !matches!(c, Code::W11Tpm | Code::W11CpuGeneration))
    {
        return None;
    }
    Some("Outside Microsoft's support, not a route: Setup started from Windows 11 media inside Windows 10 skips the TPM 2.0 and processor-generation checks when HKLM\\SYSTEM\\Setup\\MoSetup holds the DWORD AllowUpgradesWithUnsupportedTPMOrCPU = 1. A TPM 1.2 is still needed and every other requirement still applies (from 24H2 also SSE4.2 and POPCNT). Microsoft recommends against it and removed these instructions around December 2024; such a device is unsupported and is not guaranteed to receive updates, security updates included.".into())
}
