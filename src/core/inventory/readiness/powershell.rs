//! PowerShell exports (`Export-Csv`, any PowerShell version, `#TYPE` line or not): one CIM class
//! or cmdlet each, values as PowerShell writes them.

use super::{Bad, Record};

/// `Win32_Processor`: Name (brand string), Manufacturer, Caption ("Intel64 Family 6 Model 158
/// Stepping 10"), NumberOfLogicalProcessors, MaxClockSpeed. The platform ID, SSE4.2 and POPCNT
/// are not in the class and stay unknown.
pub fn processor(r: &mut Record<'_>) -> Result<(), Bad> {
    if let Some(v) = r.get("name") {
        r.set("hardware.cpu.name", v.trim(), "name");
    }
    if let Some(v) = r.get("manufacturer") {
        r.set("hardware.cpu.manufacturer", cpu_maker(v), "manufacturer");
    }
    if let Some(v) = r.get("caption") {
        let (family, model, stepping) = family_model_stepping(v);
        if family.is_none() && model.is_none() {
            return Err(r.bad(
                "caption",
                v,
                "a processor caption such as \"Intel64 Family 6 Model 158 Stepping 10\"",
            ));
        }
        for (path, n) in [
            ("hardware.cpu.family", family),
            ("hardware.cpu.model", model),
            ("hardware.cpu.stepping", stepping),
        ] {
            if let Some(n) = n {
                r.set(path, &n, "caption");
            }
        }
    }
    if let Some(v) = r.get("numberoflogicalprocessors") {
        r.set(
            "hardware.cpu.logical_processors",
            v,
            "numberoflogicalprocessors",
        );
    }
    if let Some(v) = r.get("maxclockspeed") {
        r.set("hardware.cpu.clock_mhz", v, "maxclockspeed");
    }
    Ok(())
}

/// `GenuineIntel` → `intel`, `AuthenticAMD` → `amd`, `Qualcomm Technologies Inc` → `qualcomm`;
/// any other maker is `other` (which Windows 11's processor rule does not admit).
pub fn cpu_maker(v: &str) -> &'static str {
    let l = v.to_ascii_lowercase();
    if l.contains("genuineintel") || l == "intel" {
        "intel"
    } else if l.contains("authenticamd") || l == "amd" {
        "amd"
    } else if l.starts_with("qualcomm") {
        "qualcomm"
    } else {
        "other"
    }
}

/// The numbers after "Family", "Model" and "Stepping" in a processor caption.
pub fn family_model_stepping(caption: &str) -> (Option<String>, Option<String>, Option<String>) {
    let words: Vec<&str> = caption.split_whitespace().collect();
    let after = |word: &str| {
        words
            .windows(2)
            .find(|w| w[0].eq_ignore_ascii_case(word))
            .map(|w| w[1].trim_end_matches([';', ',', '.']).to_string())
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    (after("family"), after("model"), after("stepping"))
}

/// `Win32_ComputerSystem`: Model, TotalPhysicalMemory (bytes, rounded to whole GB as
/// HardwareReadiness.ps1 rounds: 3.71 GiB visible to Windows is 4 GB installed),
/// NumberOfLogicalProcessors. `HypervisorPresent` is not read: it is also true on a physical
/// machine with virtualisation-based security.
pub fn computer_system(r: &mut Record<'_>) -> Result<(), Bad> {
    if let Some(v) = r.get("model") {
        r.set("hardware.model", v, "model");
    }
    if let Some(bytes) = r.number("totalphysicalmemory")? {
        let gb = (bytes as f64 / (1u64 << 30) as f64).round() as u64;
        r.set("hardware.ram_gb", &gb.to_string(), "totalphysicalmemory");
    }
    if let Some(v) = r.get("numberoflogicalprocessors") {
        r.set(
            "hardware.cpu.logical_processors",
            v,
            "numberoflogicalprocessors",
        );
    }
    Ok(())
}

/// `Get-Tpm` (with `Win32_Tpm`'s SpecVersion added): TpmPresent False → no TPM seen; SpecVersion
/// "2.0, 0, 1.38" → TPM 2.0; TpmEnabled (else TpmReady) → switched on or not.
pub fn tpm(r: &mut Record<'_>) -> Result<(), Bad> {
    let present = r.flag("tpmpresent")?;
    if present == Some(false) {
        r.set("hardware.tpm", "none", "tpmpresent");
        return Ok(());
    }
    if let Some(v) = r.get("specversion") {
        let major = v.split(',').next().unwrap_or("").trim();
        let version = match major {
            "2.0" | "2" => "2.0",
            "1.2" => "1.2",
            _ => {
                return Err(r.bad(
                    "specversion",
                    v,
                    "a TPM SpecVersion such as \"2.0, 0, 1.38\" or \"1.2, 2, 3\"",
                ))
            }
        };
        r.set("hardware.tpm", version, "specversion");
    }
    let key = if r.get("tpmenabled").is_some() {
        "tpmenabled"
    } else {
        "tpmready"
    };
    if let Some(on) = r.flag(key)? {
        r.set(
            "hardware.tpm_enabled",
            if on { "true" } else { "false" },
            key,
        );
    }
    Ok(())
}

/// `Confirm-SecureBootUEFI` (True: on; False: capable but off; the error "Cmdlet not supported on
/// this platform": not supported) and the firmware type (`$env:firmware_type`, msinfo32's BIOS
/// Mode: UEFI or Legacy). Another error (such as access denied) leaves Secure Boot unknown.
pub fn secure_boot(r: &mut Record<'_>) -> Result<(), Bad> {
    if let Some(v) = r.get("secureboot") {
        let l = v.to_ascii_lowercase();
        let state = if l == "true" {
            Some("enabled")
        } else if l == "false" {
            Some("capable")
        } else if l.contains("not supported") {
            Some("not-supported")
        } else if l.contains("denied") || l.contains("privilege") || l.contains("unauthorized") {
            None
        } else {
            return Err(r.bad(
                "secureboot",
                v,
                "True, False, or Confirm-SecureBootUEFI's error text (\"Cmdlet not supported on this platform\")",
            ));
        };
        if let Some(s) = state {
            r.set("hardware.secure_boot", s, "secureboot");
            if s != "not-supported" {
                r.set("hardware.firmware", "uefi", "secureboot");
            }
        }
    }
    for key in ["biosmode", "firmwaretype"] {
        if let Some(v) = r.get(key) {
            let firmware = match v.to_ascii_lowercase().as_str() {
                "uefi" => "uefi",
                "legacy" | "bios" => "bios",
                _ => return Err(r.bad(key, v, "UEFI or Legacy")),
            };
            r.set("hardware.firmware", firmware, key);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_give_family_model_and_stepping() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            family_model_stepping("Intel64 Family 6 Model 158 Stepping 10"),
            (s("6"), s("158"), s("10"))
        );
        assert_eq!(
            family_model_stepping("AMD64 Family 23 Model 1 Stepping 1"),
            (s("23"), s("1"), s("1"))
        );
        assert_eq!(
            family_model_stepping("ARMv8 (64-bit) Family 8 Model D4B Revision 0"),
            (s("8"), None, None)
        );
        assert_eq!(
            family_model_stepping("Intel(R) Core(TM)"),
            (None, None, None)
        );
    }

    #[test]
    fn makers() {
        assert_eq!(cpu_maker("GenuineIntel"), "intel");
        assert_eq!(cpu_maker("AuthenticAMD"), "amd");
        assert_eq!(cpu_maker("Qualcomm Technologies Inc"), "qualcomm");
        assert_eq!(cpu_maker("CentaurHauls"), "other");
    }
}
