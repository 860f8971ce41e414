//! Is the processor of a supported generation for Windows 11? Microsoft's HardwareReadiness.ps1
//! family/model rule is the test (facts §2.3); the brand string is only a hint, dated, for when
//! the family and model are not known (facts §3.4).

use crate::core::ids::{Arch, CpuMaker};
use crate::core::scenario::Hardware;

/// What the family/model rule says about a processor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Generation {
    /// A supported generation; the text says which rule admitted it.
    Supported(String),
    /// Not a supported generation; the text says why.
    Unsupported(String),
    /// Not enough is known; the text says what is missing (and what the brand string suggests).
    Unknown(String),
}

/// The computer models on which the Core i7-7820HQ passes (HardwareReadiness.ps1, facts §2.2).
const I7_7820HQ_MODELS: [&str; 2] = ["surface studio 2", "precision 5520"];

/// The date of the processor lists the brand-string hint follows (Windows 11 lists up to 25H2).
pub const BRAND_HINT_AS_OF: &str = "2025-11";

/// The family/model rule of HardwareReadiness.ps1 for this machine.
pub fn generation(arch: Arch, hw: &Hardware) -> Generation {
    let cpu = &hw.cpu;
    let name = cpu.name.as_deref().unwrap_or("").to_ascii_lowercase();
    let model_name = hw
        .model
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if name.contains("i7-7820hq") && I7_7820HQ_MODELS.contains(&model_name.as_str()) {
        return Generation::Supported(format!(
            "the Core i7-7820HQ is admitted on the {}",
            hw.model.as_deref().unwrap_or("")
        ));
    }
    if arch == Arch::Arm64 {
        return arm64(cpu.manufacturer, &name);
    }
    let (Some(maker), Some(family)) = (cpu.manufacturer, cpu.family) else {
        return Generation::Unknown(format!(
            "manufacturer and family/model are not known{}",
            brand_hint(&name)
        ));
    };
    match maker {
        CpuMaker::Intel => intel(family, cpu.model, cpu.stepping, cpu.platform_id, &name),
        CpuMaker::Amd => amd(family, cpu.model, &name),
        CpuMaker::Qualcomm | CpuMaker::Other => Generation::Unsupported(format!(
            "{} processors are not on the x64 lists (the rule admits GenuineIntel and AuthenticAMD only)",
            maker.label()
        )),
    }
}

fn intel(
    family: u16,
    model: Option<u16>,
    stepping: Option<u8>,
    platform: Option<u8>,
    name: &str,
) -> Generation {
    let Some(model) = model else {
        return Generation::Unknown(format!(
            "Intel family {family}, model not known{}",
            brand_hint(name)
        ));
    };
    let fm = format!("Intel family {family} model {model}");
    if family >= 6 && model <= 95 && !(family == 6 && model == 85) {
        return Generation::Unsupported(format!(
            "{fm}: before the 8th generation (family 6 up to model 95, other than model 85)"
        ));
    }
    if family == 6 && (model == 142 || model == 158) {
        let needs = if model == 142 { 16 } else { 8 };
        return match (stepping, platform) {
            (None, _) => Generation::Unknown(format!(
                "{fm}: 7th or 8th generation; the stepping decides (stepping 9 is 7th generation)"
            )),
            (Some(9), None) => Generation::Unknown(format!(
                "{fm} stepping 9 (7th generation): only platform ID {needs} is admitted; read Platform Specific Field 1"
            )),
            (Some(9), Some(p)) if p == needs => Generation::Supported(format!(
                "{fm} stepping 9 with platform ID {p} (an admitted 7th-generation platform)"
            )),
            (Some(9), Some(p)) => Generation::Unsupported(format!(
                "{fm} stepping 9 with platform ID {p}: 7th generation; only platform ID {needs} is admitted"
            )),
            (Some(s), _) => Generation::Supported(format!("{fm} stepping {s}: 8th generation or later")),
        };
    }
    if family == 6 && model == 85 {
        return Generation::Supported(format!(
            "{fm}: Xeon Scalable / Xeon W / Core X, admitted by the rule's exception for model 85"
        ));
    }
    Generation::Supported(format!("{fm}: 8th generation or later"))
}

fn amd(family: u16, model: Option<u16>, name: &str) -> Generation {
    if family < 23 {
        return Generation::Unsupported(format!(
            "AMD family {family}: before Zen (the rule needs family 23 or later)"
        ));
    }
    if family > 23 {
        return Generation::Supported(format!("AMD family {family}: Zen 3 or later"));
    }
    match model {
        None => Generation::Unknown(format!(
            "AMD family 23 (Zen to Zen 2), model not known: models 1 and 17 (first Zen) are not admitted{}",
            brand_hint(name)
        )),
        Some(m @ (1 | 17)) => Generation::Unsupported(format!(
            "AMD family 23 model {m}: first-generation Zen, not admitted"
        )),
        Some(m) => Generation::Supported(format!("AMD family 23 model {m}: Zen+ or Zen 2")),
    }
}

/// ARM64: the script admits Qualcomm with ARMv8.1 atomics, which inventories do not report; the
/// brand string tells the generations apart (a secondary hint).
fn arm64(maker: Option<CpuMaker>, name: &str) -> Generation {
    match maker {
        Some(CpuMaker::Qualcomm) => {}
        Some(m) => {
            return Generation::Unsupported(format!(
                "{} ARM64 processors are not admitted (Qualcomm only)",
                m.label()
            ))
        }
        None if name.contains("qualcomm") || name.contains("snapdragon") => {}
        None => {
            return Generation::Unknown("the ARM64 processor's manufacturer is not known".into())
        }
    }
    if name.contains("835") || name.contains("850") {
        Generation::Unsupported(
            "Snapdragon 835 / 850: first Windows on ARM generation, without the ARMv8.1 atomics Windows 11 needs (brand-string hint)"
                .into(),
        )
    } else if [
        "7c", "8c", "8cx", "sq1", "sq2", "sq3", "x elite", "x plus", "x1",
    ]
    .iter()
    .any(|s| name.contains(s))
    {
        Generation::Supported("Qualcomm Snapdragon 7c/8c/8cx/X series (brand-string hint)".into())
    } else {
        Generation::Unknown(
            "Qualcomm processor not recognised: it needs ARMv8.1 atomics; run Microsoft's HardwareReadiness script"
                .into(),
        )
    }
}

/// What the brand string suggests, for a message (never a verdict on its own).
pub fn brand_hint(name: &str) -> String {
    let guess = brand_generation(name);
    match guess {
        Some((true, what)) => format!(
            "; the name suggests {what}, likely supported (lists as of {BRAND_HINT_AS_OF}) — confirm the family and model"
        ),
        Some((false, what)) => format!(
            "; the name suggests {what}, likely not supported (lists as of {BRAND_HINT_AS_OF}) — confirm the family and model"
        ),
        None if name.trim().is_empty() => String::new(),
        None => "; the name was not matched: check it by hand (unconfirmed)".into(),
    }
}

/// (likely supported, what) from an Intel Core `iN-GNNN` or AMD Ryzen `N NNN` brand string.
fn brand_generation(name: &str) -> Option<(bool, String)> {
    if let Some(i) = name.find("core(tm) i").or_else(|| name.find("core i")) {
        let rest = &name[i..];
        let digits: String = rest
            .split('-')
            .nth(1)?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let generation: u32 = match digits.len() {
            5 => digits[..2].parse().ok()?,
            4 => digits[..1].parse().ok()?,
            _ => return None,
        };
        return Some((
            generation >= 8,
            format!("an Intel Core of generation {generation}"),
        ));
    }
    if let Some(i) = name.find("ryzen") {
        let model: String = name[i..]
            .split_whitespace()
            .find(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))?
            .into();
        let series: u32 = model[..1].parse().ok()?;
        return Some((series >= 2, format!("an AMD Ryzen {series}000 series")));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::Cpu;

    fn hw(
        maker: CpuMaker,
        family: u16,
        model: u16,
        stepping: u8,
        platform: Option<u8>,
    ) -> Hardware {
        Hardware {
            cpu: Cpu {
                manufacturer: Some(maker),
                family: Some(family),
                model: Some(model),
                stepping: Some(stepping),
                platform_id: platform,
                ..Cpu::default()
            },
            ..Hardware::default()
        }
    }

    fn supported(g: Generation) -> Option<bool> {
        match g {
            Generation::Supported(_) => Some(true),
            Generation::Unsupported(_) => Some(false),
            Generation::Unknown(_) => None,
        }
    }

    #[test]
    fn the_family_model_rule_at_its_edges() {
        use CpuMaker::*;
        for (maker, family, model, stepping, platform, want) in [
            (Intel, 6, 94, 3, None, Some(false)),
            (Intel, 6, 95, 0, None, Some(false)),
            (Intel, 6, 96, 0, None, Some(true)),
            (Intel, 6, 85, 4, None, Some(true)),
            (Intel, 6, 142, 9, Some(16), Some(true)),
            (Intel, 6, 142, 9, Some(8), Some(false)),
            (Intel, 6, 142, 9, None, None),
            (Intel, 6, 158, 9, Some(8), Some(true)),
            (Intel, 6, 158, 9, Some(2), Some(false)),
            (Intel, 6, 158, 10, None, Some(true)),
            (Amd, 23, 1, 1, None, Some(false)),
            (Amd, 23, 17, 0, None, Some(false)),
            (Amd, 23, 8, 2, None, Some(true)),
            (Amd, 22, 48, 1, None, Some(false)),
            (Amd, 25, 33, 0, None, Some(true)),
            (Other, 6, 158, 10, None, Some(false)),
        ] {
            let g = generation(Arch::X64, &hw(maker, family, model, stepping, platform));
            assert_eq!(
                supported(g.clone()),
                want,
                "{maker:?} {family} {model} {stepping}: {g:?}"
            );
        }
    }

    #[test]
    fn the_i7_7820hq_exception_and_arm64() {
        let mut h = hw(CpuMaker::Intel, 6, 158, 9, Some(2));
        h.cpu.name = Some("Intel(R) Core(TM) i7-7820HQ CPU @ 2.90GHz".into());
        assert_eq!(supported(generation(Arch::X64, &h)), Some(false));
        h.model = Some("Surface Studio 2 ".into());
        assert_eq!(supported(generation(Arch::X64, &h)), Some(true));
        let mut q = Hardware::default();
        q.cpu.manufacturer = Some(CpuMaker::Qualcomm);
        q.cpu.name = Some("Snapdragon (TM) 8cx @ 2.84 GHz".into());
        assert_eq!(supported(generation(Arch::Arm64, &q)), Some(true));
        q.cpu.name = Some("Snapdragon 850".into());
        assert_eq!(supported(generation(Arch::Arm64, &q)), Some(false));
    }

    #[test]
    fn the_brand_string_is_only_a_hint() {
        let mut h = Hardware::default();
        h.cpu.name = Some("Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz".into());
        let Generation::Unknown(why) = generation(Arch::X64, &h) else {
            panic!()
        };
        assert!(why.contains("generation 6, likely not supported"), "{why}");
        h.cpu.name = Some("AMD Ryzen 5 3600 6-Core Processor".into());
        let Generation::Unknown(why) = generation(Arch::X64, &h) else {
            panic!()
        };
        assert!(why.contains("Ryzen 3000 series, likely supported"), "{why}");
        h.cpu.name = Some("Mystery CPU 9000".into());
        let Generation::Unknown(why) = generation(Arch::X64, &h) else {
            panic!()
        };
        assert!(
            why.contains("not matched: check it by hand (unconfirmed)"),
            "{why}"
        );
    }
}
