//! Which editions an in-place hop may land on (facts §1.4, §1.5, §3; seed 002 for 2003 R2).

use super::ids::{Edition, Os};
use super::plan::Confidence;
use super::r2;
use super::source::Source;

use Edition::*;

/// How an edition survives a hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keeps {
    /// Data, apps and settings are kept.
    Everything,
    /// An edition downgrade: personal data is kept, apps and settings are not (facts §3, "⬇").
    DataOnly,
}

#[derive(Clone, Debug)]
pub struct EditionRule {
    /// Target editions and what they keep; empty when the source edition has no row.
    pub targets: Vec<(Edition, Keeps)>,
    pub source: Source,
    pub confidence: Confidence,
}

impl EditionRule {
    pub fn allows(&self, e: Edition) -> Option<Keeps> {
        self.targets.iter().find(|(t, _)| *t == e).map(|(_, k)| *k)
    }
}

fn rule(targets: &[Edition], source: Source, confidence: Confidence) -> EditionRule {
    EditionRule {
        targets: targets.iter().map(|&e| (e, Keeps::Everything)).collect(),
        source,
        confidence,
    }
}

const INST19: Source = Source::InstallationAndUpgrade;
const CONV25: Source = Source::ConversionOptions;

/// Server editions in ascending order, for "same or higher" rules.
fn server_rank(e: Edition) -> Option<u8> {
    match e {
        Web => Some(0),
        Standard => Some(1),
        Enterprise | Advanced => Some(2),
        Datacenter => Some(3),
        _ => None,
    }
}

fn same_or_higher(from: Edition, candidates: &[Edition]) -> Vec<Edition> {
    match server_rank(from) {
        Some(r) => candidates
            .iter()
            .copied()
            .filter(|c| server_rank(*c).is_some_and(|cr| cr >= r))
            .collect(),
        None if candidates.contains(&from) => vec![from],
        None => vec![],
    }
}

/// The edition rule of one hop. Every target version is a match arm.
pub fn edition_rule(from: Os, from_edition: Edition, to: Os) -> EditionRule {
    use Confidence::*;
    match to {
        Os::WindowsNt40 | Os::Windows2000 | Os::Windows7 | Os::Windows8 => {
            rule(&[], Source::Catalog, Confirmed)
        }
        Os::Server2003 => into_2003(from, from_edition),
        Os::Server2003R2 => {
            let t: Vec<Edition> = r2::SKUS
                .iter()
                .copied()
                .filter(|&s| r2::sku_upgrade(from_edition, s) == Some(true))
                .collect();
            rule(&t, Source::R2Upgrade, Confirmed)
        }
        Os::Server2008 => rule(
            &same_or_higher(from_edition, &[Web, Standard, Enterprise, Datacenter]),
            Source::Catalog,
            Unconfirmed,
        ),
        Os::Server2008R2 => {
            let mut t = same_or_higher(from_edition, &[Web, Standard, Enterprise, Datacenter]);
            if from == Os::Server2008 && matches!(from_edition, Storage | HyperVServer) {
                t = vec![from_edition];
            }
            rule(&t, Source::ConversionOptions, Unconfirmed)
        }
        Os::Server2012 => into_2012(from_edition),
        Os::Server2012R2 => into_2012_r2(from, from_edition),
        Os::Server2016 => into_2016(from, from_edition),
        Os::Server2019 | Os::Server2022 | Os::Server2025 => server_2019_on(from_edition, to),
        #[cfg(feature = "synthetic-2028")]
        Os::Server2028 => server_2019_on(from_edition, to),
        Os::Windows81 => rule(&[from_edition], Source::ClientPaths10, Confirmed),
        Os::Windows10 if from == Os::Windows10 => client_same_version(from_edition),
        Os::Windows10 => into_windows_10(from, from_edition),
        Os::Windows11 => client_same_version(from_edition),
    }
}

/// Into Windows Server 2003 (archived page; the checkmarks' alignment is unconfirmed).
fn into_2003(from: Os, from_edition: Edition) -> EditionRule {
    let t: &[Edition] = match (from, from_edition) {
        (Os::WindowsNt40, Standard) | (Os::Windows2000, Standard) => &[Standard, Enterprise],
        (Os::WindowsNt40, Enterprise) | (Os::Windows2000, Advanced) => &[Enterprise],
        (Os::Windows2000, Datacenter) => &[Datacenter],
        _ => &[],
    };
    rule(t, Source::SupportedPaths2003, Confidence::Unconfirmed)
}

/// Into Windows Server 2012 (facts §1.4).
fn into_2012(from_edition: Edition) -> EditionRule {
    let t: &[Edition] = match from_edition {
        Standard | Enterprise => &[Standard, Datacenter],
        Datacenter => &[Datacenter],
        Web => &[Standard],
        _ => &[],
    };
    rule(t, INST19, Confidence::Confirmed)
}

/// Into Windows Server 2012 R2 (facts §1.4).
fn into_2012_r2(from: Os, from_edition: Edition) -> EditionRule {
    let t: &[Edition] = match (from, from_edition) {
        (Os::Server2008R2, Standard | Enterprise) | (Os::Server2012, Standard) => {
            &[Standard, Datacenter]
        }
        (_, Datacenter) => &[Datacenter],
        (Os::Server2008R2, Web) => &[Standard],
        (Os::Server2012, HyperVServer) => &[HyperVServer],
        _ => &[],
    };
    rule(t, INST19, Confidence::Confirmed)
}

/// Into Windows Server 2016 (facts §1.4).
fn into_2016(from: Os, from_edition: Edition) -> EditionRule {
    let t: &[Edition] = match (from, from_edition) {
        (_, Standard) => &[Standard, Datacenter],
        (_, Datacenter) => &[Datacenter],
        (Os::Server2012R2, Essentials) => &[Essentials],
        (Os::Server2012R2, HyperVServer) => &[HyperVServer],
        _ => &[],
    };
    rule(t, Source::SupportedPaths2016, Confidence::Confirmed)
}

/// Windows 7 / 8.1 → Windows 10 (facts §3.2; "⬇" = data only).
fn into_windows_10(from: Os, from_edition: Edition) -> EditionRule {
    let (e, d) = (Keeps::Everything, Keeps::DataOnly);
    let targets: Vec<(Edition, Keeps)> = match (from, from_edition) {
        (Os::Windows7, Starter | HomeBasic | HomePremium) | (Os::Windows81, Core) => {
            vec![(Home, e), (Pro, e), (ProEducation, e), (Education, e)]
        }
        (Os::Windows7, Professional | Ultimate) | (Os::Windows81, Pro) => vec![
            (Home, d),
            (Pro, e),
            (ProEducation, e),
            (Education, e),
            (Enterprise, e),
        ],
        (_, Enterprise) => vec![(Education, e), (Enterprise, e)],
        _ => vec![],
    };
    EditionRule {
        targets,
        source: Source::ClientPaths10,
        confidence: Confidence::Confirmed,
    }
}

/// Windows Server 2019 and later (facts §1.4, S-CONV25): the same edition or a higher one that `to`
/// offers; Datacenter: Azure Edition is reachable from Standard and Datacenter.
fn server_2019_on(from_edition: Edition, to: Os) -> EditionRule {
    use Confidence::*;
    let available = super::catalog::version(to).editions;
    let t: Vec<Edition> = match from_edition {
        Standard => vec![Standard, Datacenter, DatacenterAzure],
        Datacenter => vec![Datacenter, DatacenterAzure],
        DatacenterAzure => vec![DatacenterAzure],
        other => vec![other],
    };
    let t: Vec<Edition> = t.into_iter().filter(|e| available.contains(e)).collect();
    let confidence = if matches!(from_edition, Standard | Datacenter | DatacenterAzure) {
        Confirmed
    } else {
        Unconfirmed
    };
    rule(&t, CONV25, confidence)
}

/// Windows 10/11 → newer Windows 10/11 (facts §3.1): keep the edition, or change it per the table.
fn client_same_version(from: Edition) -> EditionRule {
    let e = Keeps::Everything;
    let d = Keeps::DataOnly;
    let targets: Vec<(Edition, Keeps)> = match from {
        Home => vec![(Home, e), (Pro, e), (ProEducation, e), (Education, e)],
        Pro => vec![
            (Pro, e),
            (Home, d),
            (ProEducation, e),
            (Education, e),
            (Enterprise, e),
        ],
        ProEducation => vec![(ProEducation, e)],
        Education => vec![(Education, e), (Enterprise, d)],
        Enterprise => vec![(Enterprise, e), (Education, e)],
        // LTSC → GA is allowed with setup.exe /pkey (keeps apps only with a GA key); GA → LTSC is not.
        EnterpriseLtsc => vec![(Enterprise, e), (EnterpriseLtsc, e)],
        _ => vec![],
    };
    EditionRule {
        targets,
        source: Source::ClientPaths,
        confidence: Confidence::Confirmed,
    }
}
