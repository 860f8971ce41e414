//! A domain controller upgraded in place: new DCs are preferred; the forest and domain
//! functional levels the target needs (Windows Server 2025: the 2016 domain level, with the
//! 2012 R2 in-place exception); SYSVOL on DFSR; NTDS.DIT free space.

use super::{DC, DC12};
use crate::core::builder::Builder;
use crate::core::catalog::version;
use crate::core::codes::Code;
use crate::core::ids::{FunctionalLevel, Os};
use crate::core::plan::{Confidence, Method, Severity};
use crate::core::scenario::Resolved;
use crate::core::source::Source;

const FL: Source = Source::FunctionalLevels;

pub(super) fn domain_controller(s: &Resolved, b: &mut Builder) {
    let t = s.target.os;
    b.warning(Code::DcPreferNewDcs, DC, "Microsoft recommends not upgrading domain controllers in place: promote new domain controllers on the newer version, move the FSMO roles and demote the old ones.");
    forest_level(s, b);
    if t == Os::Server2025 {
        domain_level_2025(s, b);
    }
    if version(t).rank >= version(Os::Server2019).rank {
        b.prerequisite(Code::DcFrsSysvol, FL, "SYSVOL must be replicated by DFSR: FRS was last included in Windows Server 2016. Check with dfsrmig /getglobalstate (\"Eliminated\") and migrate first if it is not.");
    }
    b.prerequisite(Code::DcNtdsFreeSpace, DC12, "The volume holding NTDS.DIT needs free space of at least 20% of the NTDS.DIT file's size, or the compatibility report blocks the upgrade.");
    b.alternative(Method::CleanInstall, format!("Promote new {} domain controllers (adprep runs automatically), move the FSMO roles and demote this one — the recommended way.", t.label()));
}

/// The forest level the upgrade guide names for the target (2008 from 2019 on).
fn forest_level(s: &Resolved, b: &mut Builder) {
    let t = s.target.os;
    let need = if version(t).rank >= version(Os::Server2019).rank {
        FunctionalLevel::W2008
    } else {
        FunctionalLevel::W2003
    };
    match s.given.roles.forest_functional_level {
        Some(have) if have >= need => {}
        Some(have) => b.blocker(Code::DcForestFunctionalLevel, DC, format!(
            "The forest functional level is {}; domain controllers on {} need at least {}: raise it first.",
            have.label(), t.label(), need.label()
        )),
        None => b.prerequisite(Code::DcForestFunctionalLevel, DC, format!(
            "Domain controllers on {} need a forest functional level of at least {}. Check it with (Get-ADForest).ForestMode.",
            t.label(), need.label()
        )),
    }
}

/// Windows Server 2025 DCs need the 2016 domain level; a DC upgraded in place may go from a
/// domain at the 2012 R2 level after adprep, raising the level once no 2012 R2 DC is left.
fn domain_level_2025(s: &Resolved, b: &mut Builder) {
    let code = Code::DcDomainFunctionalLevel;
    match s.given.roles.domain_functional_level {
        Some(l) if l >= FunctionalLevel::W2016 => {}
        Some(FunctionalLevel::W2012R2) => {
            let conf = if s.current.os == Os::Server2012R2 {
                Confidence::Confirmed
            } else {
                Confidence::Unconfirmed
            };
            b.finding_with(Severity::Prerequisite, code, Source::AddsUpgradeTraining, conf, "The domain is at the Windows Server 2012 R2 level: an in-place upgrade to Windows Server 2025 is possible after adprep /forestprep and adprep /domainprep; raise the domain to at least the 2016 level as soon as no 2012 R2 domain controller remains (documented for a 2012 R2 domain controller).");
        }
        Some(l) => b.blocker(code, Source::RaiseFunctionalLevels, format!(
            "The domain is at the {} functional level: Windows Server 2025 domain controllers need the 2016 level (2012 R2 only for an in-place upgrade). Raise it first — every domain controller must run the level's version or later, and raising cannot be undone.",
            l.label()
        )),
        None => b.prerequisite(code, Source::RaiseFunctionalLevels, "Windows Server 2025 domain controllers need a domain functional level of 2016 or higher (2012 R2 only for an in-place upgrade, after adprep). Check it with (Get-ADDomain).DomainMode."),
    }
    b.finding_with(Severity::Info, code, DC, Confidence::Unconfirmed, "Sources disagree: the domain-controller upgrade guide still says no functional level was added after Windows Server 2016, while the functional-levels page and the support article describe the 2025 level and the 2016 minimum; the planner follows the latter.");
}
