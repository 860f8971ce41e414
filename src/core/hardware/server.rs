//! Windows Server's minimums (Hardware requirements for Windows Server: the 2021 revision for
//! 2016–2022, the 2024 revision for 2025). A minimum the installed version already had is met by
//! a server that runs it; what is new for the target is checked.

use super::cpu::{generation, Generation};
use super::{Judged, Machine, Remedy, Rule};
use crate::core::catalog::version;
use crate::core::codes::Code;
use crate::core::ids::{Installation, Os, Platform};
use crate::core::plan::Confidence;
use crate::core::source::Source;

const HOW_CPU: &str = "Read it with Get-CimInstance Win32_Processor | Select Name, MaxClockSpeed, SecondLevelAddressTranslationExtensions (or systeminfo's Hyper-V Requirements).";
const HOW_RAM: &str =
    "Read it with (Get-CimInstance Win32_ComputerSystem).TotalPhysicalMemory / 1GB.";
const HOW_DISK: &str = "Read the size of the system volume: Get-CimInstance Win32_LogicalDisk -Filter \"DeviceID='C:'\" | Select Size.";

macro_rules! server_rules {
    ($name:ident, $src:expr, $($extra:expr),*) => {
        #[rustfmt::skip]
        const $name: &[Rule] = &[
            Rule { code: Code::WsCpuSpeed, label: "1.4 GHz 64-bit processor", source: $src, essential: true, how: HOW_CPU, judge: speed },
            Rule { code: Code::WsCpuSlat, label: "Second Level Address Translation (EPT or NPT)", source: $src, essential: true, how: HOW_CPU, judge: slat },
            Rule { code: Code::WsRam, label: "Memory (512 MB Server Core, 2 GB Desktop Experience)", source: $src, essential: true, how: HOW_RAM, judge: ram },
            Rule { code: Code::WsDisk, label: "32 GB system partition", source: $src, essential: true, how: HOW_DISK, judge: disk },
            $($extra),*
        ];
    };
}

server_rules!(RULES_2016, Source::ServerHardware2021,);
server_rules!(RULES_2025, Source::ServerHardware, Rule {
    code: Code::WsCpuSse42Popcnt, label: "SSE4.2 and POPCNT", source: Source::ServerHardware, essential: true,
    how: "Sysinternals Coreinfo lists SSE4.2 and POPCNT; processors since about 2008–2011 have both (Intel Nehalem, AMD Bulldozer and later).",
    judge: sse42,
});

/// The rules for a Windows Server target, `None` before 2016.
pub(super) fn rules(target: Os) -> Option<&'static [Rule]> {
    let rank = version(target).rank;
    if version(target).family != crate::core::catalog::Family::Server
        || rank < version(Os::Server2016).rank
    {
        return None;
    }
    Some(if rank >= version(Os::Server2025).rank {
        RULES_2025
    } else {
        RULES_2016
    })
}

/// A minimum the installed version already had (Windows Server 2008 R2 onwards share the
/// processor speed, memory and disk minimums; 2016 added SLAT).
fn carried(m: &Machine, since: Os) -> Option<Judged> {
    let installed = version(m.os);
    (installed.family == crate::core::catalog::Family::Server
        && installed.rank >= version(since).rank)
        .then(|| {
            Judged::pass(format!(
                "met by the installed {} (same minimum)",
                m.os.label()
            ))
        })
}

fn speed(m: &Machine) -> Option<Judged> {
    Some(match m.hw.cpu.clock_mhz {
        Some(mhz) if mhz >= 1400 => Judged::pass(format!("{mhz} MHz")),
        Some(mhz) => Judged::fail(
            format!("{mhz} MHz"),
            Remedy::Replace,
            &["Replace the server (or move the workload to a faster host)."],
        ),
        None => carried(m, Os::Server2008R2).unwrap_or_else(|| Judged::unknown("not given")),
    })
}

fn slat(m: &Machine) -> Option<Judged> {
    if m.is_vm() {
        return None; // A guest does not see SLAT; the host provides it.
    }
    Some(match (m.hw.cpu.slat, m.virt.platform) {
        (Some(true), _) => Judged::pass("present"),
        (Some(false), Some(Platform::Physical)) => Judged::fail(
            "not present",
            Remedy::Replace,
            &["Replace the server: Windows Server 2016 and later need a processor with SLAT."],
        ),
        (Some(false), _) => Judged::unknown(
            "not reported (a virtual machine does not see it; a physical server needs it)",
        ),
        (None, _) => carried(m, Os::Server2016).unwrap_or_else(|| Judged::unknown("not given")),
    })
}

fn ram(m: &Machine) -> Option<Judged> {
    let need = if m.target_installation == Installation::Core {
        1
    } else {
        2
    };
    Some(match m.hw.ram_gb {
        Some(gb) if gb >= need => Judged::pass(format!("{gb} GB")),
        Some(gb) => Judged::fail(format!("{gb} GB"), Remedy::Fix, &["Add memory (for a virtual machine, raise its memory; Setup may fail below 800 MB)."]),
        None => carried(m, Os::Server2008R2).unwrap_or_else(|| Judged::unknown("not given")),
    })
}

fn disk(m: &Machine) -> Option<Judged> {
    Some(match m.hw.disk_gb {
        Some(gb) if gb >= 32 => Judged::pass(format!("{gb} GB")),
        Some(gb) => Judged::fail(format!("{gb} GB"), Remedy::Fix, &["Extend the system partition to 32 GB or more (more with over 16 GB of memory, for the page and dump files)."]),
        None => carried(m, Os::Server2008R2).unwrap_or_else(|| Judged::unknown("not given")),
    })
}

fn sse42(m: &Machine) -> Option<Judged> {
    let cpu = &m.hw.cpu;
    Some(match (cpu.sse42, cpu.popcnt) {
        (Some(false), _) | (_, Some(false)) => Judged::fail("not present", Remedy::Replace, &["Replace the server (or move the workload to a newer host): Windows Server 2025 needs SSE4.2 and POPCNT."]),
        (Some(true), Some(true)) => Judged::pass("SSE4.2 and POPCNT"),
        _ if m.os == Os::Server2025 => Judged::pass("met by the installed Windows Server 2025"),
        _ if matches!(generation(m.arch, m.hw), Generation::Supported(_)) => {
            Judged::pass("implied by the processor generation (Windows 11 family/model rule)").with(Confidence::Unconfirmed)
        }
        _ => Judged::unknown("not given"),
    })
}
