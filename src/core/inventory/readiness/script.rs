//! Microsoft's HardwareReadiness.ps1, as ConfigMgr's "Run Scripts" lists its results (`Device`,
//! `Script Output`, `Exit Code`): the output is one line of JSON with `returnCode`,
//! `returnResult`, `returnReason` and `logging`. The exit code carries nothing (the script never
//! calls `exit`); the values are read from `logging`, which says more than the verdict:
//! `Storage: OSDiskSize=237GB. PASS; Memory: System_Memory=16GB. PASS; TPM: TPMVersion=2.0, 0,
//! 1.38. PASS; Processor: {AddressWidth=64; MaxClockSpeed=3000; NumberOfLogicalCores=6;
//! Manufacturer=GenuineIntel; Caption=Intel64 Family 6 Model 158 Stepping 10; }. PASS;
//! SecureBoot: Capable. PASS;`. An UNDETERMINED check gives nothing.

use super::powershell::{cpu_maker, family_model_stepping};
use super::{Bad, Record, Tool};
use crate::core::ids::ReadinessCheck;

const KEY: &str = "scriptoutput";

pub fn hardware_readiness(r: &mut Record<'_>) -> Result<(), Bad> {
    let Some(out) = r.get(KEY) else {
        // No output: the script did not run on this device (offline, not yet reached).
        return Ok(());
    };
    let accepted = "HardwareReadiness.ps1's one-line JSON output (returnCode, returnResult, returnReason, logging)";
    // serde_json (not the planner's small reader): the Fleet engine has it already.
    let json: serde_json::Value =
        serde_json::from_str(out).map_err(|_| r.bad(KEY, out, accepted))?;
    let Some(logging) = json.get("logging").and_then(|l| l.as_str()) else {
        return Err(r.bad(KEY, out, accepted));
    };
    let logging = logging.to_string();
    for segment in segments(&logging) {
        let Some((check, rest)) = segment.split_once(": ") else {
            continue;
        };
        let (value, status) = match rest.rsplit_once(". ") {
            Some((v, s)) => (v, s.trim_end_matches(';')),
            None => continue,
        };
        if status == "UNDETERMINED" {
            continue;
        }
        match check {
            "Storage" => {
                if let Some(gb) = number_after(value, "OSDiskSize=") {
                    r.set("hardware.disk_gb", &gb, KEY);
                }
            }
            "Memory" => {
                if let Some(gb) = number_after(value, "System_Memory=") {
                    r.set("hardware.ram_gb", &gb, KEY);
                }
            }
            "TPM" => {
                let v = value.trim_start_matches("TPMVersion=");
                match v.split(',').next().unwrap_or("").trim() {
                    "2.0" | "2" => r.set("hardware.tpm", "2.0", KEY),
                    "1.2" => r.set("hardware.tpm", "1.2", KEY),
                    // Get-Tpm saw no TPM (TpmPresent false).
                    "False" => r.set("hardware.tpm", "none", KEY),
                    _ => {}
                }
            }
            "Processor" => processor(r, value),
            "SecureBoot" => {
                let failed: &[ReadinessCheck] = match value {
                    "Capable" => &[],
                    "Not capable" => &[ReadinessCheck::SecureBoot],
                    _ => continue,
                };
                if failed.is_empty() {
                    r.set("hardware.firmware", "uefi", KEY);
                }
                r.reported(
                    Tool::HardwareReadiness,
                    &[ReadinessCheck::SecureBoot],
                    failed,
                    KEY,
                );
            }
            _ => {}
        }
    }
    Ok(())
}

/// `{AddressWidth=64; MaxClockSpeed=3000; NumberOfLogicalCores=6; Manufacturer=GenuineIntel;
/// Caption=Intel64 Family 6 Model 158 Stepping 10; PlatformId 2}` → the processor's facts.
fn processor(r: &mut Record<'_>, blob: &str) {
    let blob = blob.trim_start_matches('{').trim_end_matches('}');
    for part in blob.split(';').map(str::trim) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        match k {
            "MaxClockSpeed" => r.set("hardware.cpu.clock_mhz", v, KEY),
            "NumberOfLogicalCores" => r.set("hardware.cpu.logical_processors", v, KEY),
            "Manufacturer" => r.set("hardware.cpu.manufacturer", cpu_maker(v), KEY),
            "Caption" => {
                let (family, model, stepping) = family_model_stepping(v);
                for (path, n) in [
                    ("hardware.cpu.family", family),
                    ("hardware.cpu.model", model),
                    ("hardware.cpu.stepping", stepping),
                ] {
                    if let Some(n) = n {
                        r.set(path, &n, KEY);
                    }
                }
            }
            _ => {
                if let Some(id) = k.strip_prefix("PlatformId ") {
                    r.set("hardware.cpu.platform_id", id.trim(), KEY);
                }
            }
        }
    }
}

/// `logging`'s segments: split at `;` outside the processor's `{…}`.
fn segments(logging: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    for (i, c) in logging.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                out.push(logging[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(logging[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

fn number_after(text: &str, prefix: &str) -> Option<String> {
    let rest = text.split(prefix).nth(1)?;
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!n.is_empty()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn logging_splits_outside_the_processor_braces() {
        let log = "Storage: OSDiskSize=237GB. PASS; Processor: {AddressWidth=64; Caption=Intel64 Family 6 Model 158 Stepping 9; PlatformId 2}. FAIL; SecureBoot: Capable. PASS; ";
        assert_eq!(
            segments(log),
            [
                "Storage: OSDiskSize=237GB. PASS",
                "Processor: {AddressWidth=64; Caption=Intel64 Family 6 Model 158 Stepping 9; PlatformId 2}. FAIL",
                "SecureBoot: Capable. PASS"
            ]
        );
    }
}
