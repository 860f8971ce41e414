//! Where each rule comes from: one of the four seed documents, or a tag of the facts base.

use serde::{Serialize, Serializer};

/// The date of the newest source the rules were checked against ("rules as of").
pub const RULES_AS_OF: &str = "2026-03-23";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// KB 935197: clustered servers cannot be upgraded in place (seed 000).
    Kb935197,
    /// Q174799: installing service packs on a cluster (seed 001).
    Q174799,
    /// Windows Server 2003 R2 upgrade requirements and options (seed 002).
    R2Upgrade,
    /// Configuration Manager Windows in-place upgrade (seed 003).
    ConfigMgrIpu,
    /// A tag of `shared/facts/upgrade-rules.md` with the section it is stated in.
    Facts {
        tag: &'static str,
        section: &'static str,
    },
    /// Product-catalog knowledge that none of the project's sources states (shown as unconfirmed).
    Catalog,
}

impl Source {
    pub const fn facts(tag: &'static str, section: &'static str) -> Self {
        Source::Facts { tag, section }
    }

    /// The citation shown to users and written to JSON.
    pub fn cite(self) -> String {
        match self {
            Source::Kb935197 => "KB 935197 (000_872fc5ce77b3fee7.txt)".into(),
            Source::Q174799 => "Q174799 (001_6b46d4f621a6c1e0.txt)".into(),
            Source::R2Upgrade => "Windows Server 2003 R2 upgrade (002_f12e17b037886166.txt)".into(),
            Source::ConfigMgrIpu => {
                "Configuration Manager in-place upgrade (003_f76c03a2af0714c0.txt)".into()
            }
            Source::Facts { tag, section } => format!("{tag} (upgrade-rules.md {section})"),
            Source::Catalog => "product catalog (not stated by the project's sources)".into(),
        }
    }

    /// The seed file this source is, if it is one.
    pub const fn seed_file(self) -> Option<&'static str> {
        match self {
            Source::Kb935197 => Some("000_872fc5ce77b3fee7.txt"),
            Source::Q174799 => Some("001_6b46d4f621a6c1e0.txt"),
            Source::R2Upgrade => Some("002_f12e17b037886166.txt"),
            Source::ConfigMgrIpu => Some("003_f76c03a2af0714c0.txt"),
            Source::Facts { .. } | Source::Catalog => None,
        }
    }
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.cite())
    }
}

/// The documents the footer lists.
pub const SEED_DOCUMENTS: &[(Source, &str)] = &[
    (
        Source::Kb935197,
        "You cannot upgrade the operating system of a clustered server (KB 935197)",
    ),
    (
        Source::Q174799,
        "How to install service packs in a cluster (Q174799)",
    ),
    (
        Source::R2Upgrade,
        "Upgrading Windows Server 2003 to Windows Server 2003 R2",
    ),
    (
        Source::ConfigMgrIpu,
        "Upgrade Windows to the latest version with Configuration Manager",
    ),
];
