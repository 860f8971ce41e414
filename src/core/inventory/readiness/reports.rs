//! Readiness reports that give a verdict and the failed checks, but (mostly) no values: the
//! ConfigMgr Windows 11 readiness dashboard, Windows Update for Business reports
//! (`UCClientReadinessStatus`), Intune's Work from anywhere report, WhyNotWin11. Their failed
//! checks become `hardware.reported_fail`, the checks they passed `hardware.reported_pass`; a
//! device the tool could not judge gives no verdict at all.

use super::{client_build, Bad, Record, Tool};
use crate::core::ids::ReadinessCheck as C;

/// The hardware checks of the appraiser behind ConfigMgr and Windows Update for Business.
const APPRAISER: &[C] = &[
    C::Tpm,
    C::Processor,
    C::CoresOrSpeed,
    C::Memory,
    C::Storage,
    C::SecureBoot,
];
/// ConfigMgr's dashboard also names S mode (`SModeState`); Windows Update for Business does not.
const CONFIGMGR: &[C] = &[
    C::Tpm,
    C::Processor,
    C::CoresOrSpeed,
    C::Memory,
    C::Storage,
    C::SecureBoot,
    C::SMode,
];

/// An appraiser reason (ConfigMgr `RedReason`, Windows Update for Business `ReadinessReason`,
/// any case) → the check; `None` for a reason that is not a hardware check.
fn appraiser_reason(token: &str) -> Option<C> {
    Some(match token.to_ascii_lowercase().as_str() {
        "tpm" => C::Tpm,
        "cpufms" => C::Processor,
        "cpu" => C::CoresOrSpeed,
        "memory" => C::Memory,
        "systemdrivesize" | "sysdrivesize" => C::Storage,
        "uefisecureboot" => C::SecureBoot,
        _ => return None,
    })
}

const CM_REASONS: &str = "`Tpm`, `UefiSecureBoot`, `Memory`, `CPU`, `CpuFms`, `SModeState`, `SystemDriveSize`, `SystemDriveFull`, separated by `;`";

/// The ConfigMgr readiness dashboard's device list: `UpgEx` (Green, Yellow, Orange, Red; empty
/// when the device has no assessment) and `RedReason`.
pub fn configmgr(r: &mut Record<'_>) -> Result<(), Bad> {
    let Some(state) = r.get("upgex") else {
        return Ok(());
    };
    let reasons = r.get("redreason").unwrap_or("");
    let mut failed = Vec::new();
    for token in reasons
        .split([';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if token.eq_ignore_ascii_case("SModeState") {
            r.set("hardware.s_mode", "true", "redreason");
            failed.push(C::SMode);
        } else if let Some(c) = appraiser_reason(token) {
            failed.push(c);
        } else if !token.eq_ignore_ascii_case("SystemDriveFull") {
            return Err(r.bad(
                "redreason",
                token,
                &format!("a Windows 11 reason: {CM_REASONS}"),
            ));
        }
    }
    match state.to_ascii_lowercase().as_str() {
        // Yellow and Orange: applications or drivers to deal with, which Setup does not block on.
        "green" | "yellow" | "orange" | "red" => {
            r.reported(Tool::ConfigMgrReadiness, CONFIGMGR, &failed, "upgex")
        }
        _ => return Err(r.bad("upgex", state, "Green, Yellow, Orange or Red")),
    }
    Ok(())
}

/// Windows Update for Business reports, `UCClientReadinessStatus`: `ReadinessStatus` (Capable,
/// Not Capable, Unknown), `ReadinessReason` (`;`-separated, any case), the build and the target
/// the verdict is for.
pub fn wufb(r: &mut Record<'_>) -> Result<(), Bad> {
    if let Some(v) = r.get("osbuild") {
        client_build(r, "osbuild", v)?;
    }
    // TargetOSName / TargetOSVersion say what the report judged against; the plan's target is
    // the user's (`--target` or a target column), so they are not read.
    let Some(status) = r.get("readinessstatus") else {
        return Ok(());
    };
    let mut failed = Vec::new();
    for token in r
        .get("readinessreason")
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        match appraiser_reason(token) {
            Some(c) => failed.push(c),
            None => {
                return Err(r.bad(
                    "readinessreason",
                    token,
                    "`tpm`, `cpufms`, `cpu`, `memory`, `sysdrivesize`, `UefiSecureBoot`, separated by `;`",
                ))
            }
        }
    }
    match status.to_ascii_lowercase().as_str() {
        "capable" | "not capable" => {
            r.reported(Tool::WufbReadiness, APPRAISER, &failed, "readinessstatus")
        }
        "unknown" => {}
        _ => {
            return Err(r.bad("readinessstatus", status, "Capable, Not Capable or Unknown"));
        }
    }
    Ok(())
}

/// Intune's Work from anywhere CSV: `UpgradeEligibility` (0 upgraded, 1 unknown, 2 not capable,
/// 3 capable) and one `…CheckFailed` flag per check; the build from `OsVersion`.
pub fn work_from_anywhere(r: &mut Record<'_>) -> Result<(), Bad> {
    if let Some(v) = r.get("osversion") {
        client_build(r, "osversion", v)?;
    }
    if let Some(v) = r.get("model") {
        r.set("hardware.model", v, "model");
    }
    let flags = [
        ("tpmcheckfailed", C::Tpm),
        ("processorfamilycheckfailed", C::Processor),
        ("processorcorecountcheckfailed", C::Cores),
        ("processorspeedcheckfailed", C::Speed),
        ("ramcheckfailed", C::Memory),
        ("storagecheckfailed", C::Storage),
        ("securebootcheckfailed", C::SecureBoot),
    ];
    let eligibility = match r.get("upgradeeligibility") {
        None => return Ok(()),
        Some(v) => match v.to_ascii_lowercase().as_str() {
            "0" | "upgraded" => 0,
            "1" | "unknown" | "unknownfuturevalue" => 1,
            "2" | "notcapable" | "not capable" => 2,
            "3" | "capable" => 3,
            _ => {
                return Err(r.bad(
                    "upgradeeligibility",
                    v,
                    "0 (upgraded), 1 (unknown), 2 (not capable) or 3 (capable)",
                ))
            }
        },
    };
    if eligibility < 2 {
        return Ok(());
    }
    let mut covers = Vec::new();
    let mut failed = Vec::new();
    for (key, check) in flags {
        match r.flag(key)? {
            Some(true) => {
                covers.push(check);
                failed.push(check);
            }
            Some(false) => covers.push(check),
            None => {}
        }
    }
    r.reported(
        Tool::WorkFromAnywhere,
        &covers,
        &failed,
        "upgradeeligibility",
    );
    Ok(())
}

/// WhyNotWin11's `/export CSV`: `True`/`False` per check (a skipped check is written `True`);
/// `Boot Method` and `Disk Partition Type` are the firmware and the partition style. `TPM Version`
/// is False alike for a TPM 1.2, a switched-off TPM 2.0 and none, so it stays a reported check.
pub fn why_not_win11(r: &mut Record<'_>) -> Result<(), Bad> {
    if let Some(v) = r.get("osbuild") {
        client_build(r, "osbuild", v)?;
    }
    if let Some(uefi) = r.flag("bootmethod")? {
        r.set(
            "hardware.firmware",
            if uefi { "uefi" } else { "bios" },
            "bootmethod",
        );
    }
    if let Some(gpt) = r.flag("diskpartitiontype")? {
        r.set(
            "hardware.partition_style",
            if gpt { "gpt" } else { "mbr" },
            "diskpartitiontype",
        );
    }
    let checks = [
        ("tpmversion", C::Tpm),
        ("cpucompatibility", C::Processor),
        ("cpucorecount", C::Cores),
        ("cpufrequency", C::Speed),
        ("raminstalled", C::Memory),
        ("storageavailable", C::Storage),
        ("secureboot", C::SecureBoot),
    ];
    let mut covers = Vec::new();
    let mut failed = Vec::new();
    for (key, check) in checks {
        if let Some(pass) = r.flag(key)? {
            covers.push(check);
            if !pass {
                failed.push(check);
            }
        }
    }
    if !covers.is_empty() {
        r.reported(Tool::WhyNotWin11, &covers, &failed, "hostname");
    }
    Ok(())
}
