//! One row per Windows version: family, order, editions, architectures, service packs, lifecycle.
//!
//! `version(os)` is an exhaustive match: adding an `Os` variant is a compile error until its row exists.

use super::date::Date;
use super::ids::{Arch, Edition, Os};
use super::plan::{Confidence, Support};
use super::source::Source;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Server,
    Client,
}

#[derive(Clone, Copy, Debug)]
pub struct Lifecycle {
    pub mainstream_end: Option<Date>,
    pub extended_end: Option<Date>,
    pub source: Source,
    pub confidence: Confidence,
}

#[derive(Clone, Copy, Debug)]
pub struct Version {
    pub os: Os,
    pub family: Family,
    /// Position in its family's line of releases; upgrades only go to a higher rank.
    pub rank: u8,
    /// The first one is the default.
    pub architectures: &'static [Arch],
    /// The first one is the default.
    pub editions: &'static [Edition],
    pub max_service_pack: u8,
    /// Feature-update releases (Windows 10/11), oldest first; the last one is the default.
    pub releases: &'static [&'static str],
    pub lifecycle: Lifecycle,
    /// `ClusterFunctionalLevel` of a cluster on this version (facts §2.1).
    pub cluster_level: Option<u8>,
}

use Arch::*;
use Edition::*;

const SERVER_2003_EDITIONS: &[Edition] = &[Standard, Enterprise, Datacenter, Web];
const SERVER_2008_EDITIONS: &[Edition] =
    &[Standard, Enterprise, Datacenter, Web, Storage, HyperVServer];
const SERVER_2012_EDITIONS: &[Edition] = &[Standard, Datacenter, Essentials, Storage, HyperVServer];
const SERVER_2019_EDITIONS: &[Edition] = &[Standard, Datacenter, Essentials, HyperVServer];
const SERVER_2022_EDITIONS: &[Edition] = &[Standard, Datacenter, DatacenterAzure, Essentials];
const CLIENT_10_EDITIONS: &[Edition] = &[
    Pro,
    Home,
    ProEducation,
    Education,
    Enterprise,
    EnterpriseLtsc,
];
const WINDOWS_10_RELEASES: &[&str] = &[
    "1507", "1511", "1607", "1703", "1709", "1803", "1809", "1903", "1909", "2004", "20H2", "21H1",
    "21H2", "22H2",
];
const WINDOWS_11_RELEASES: &[&str] = &["21H2", "22H2", "23H2", "24H2", "25H2"];

const NO_DATES: Lifecycle = Lifecycle {
    mainstream_end: None,
    extended_end: None,
    source: Source::facts("S-LC3P", "§6"),
    confidence: Confidence::Unconfirmed,
};

const fn dates(
    mainstream: &'static str,
    extended: &'static str,
    source: Source,
    confidence: Confidence,
) -> Lifecycle {
    Lifecycle {
        mainstream_end: Some(Date::lit(mainstream)),
        extended_end: Some(Date::lit(extended)),
        source,
        confidence,
    }
}

const fn server(
    os: Os,
    rank: u8,
    architectures: &'static [Arch],
    editions: &'static [Edition],
    max_service_pack: u8,
    lifecycle: Lifecycle,
    cluster_level: Option<u8>,
) -> Version {
    Version {
        os,
        family: Family::Server,
        rank,
        architectures,
        editions,
        max_service_pack,
        releases: &[],
        lifecycle,
        cluster_level,
    }
}

const fn client(
    os: Os,
    rank: u8,
    architectures: &'static [Arch],
    editions: &'static [Edition],
    max_service_pack: u8,
    releases: &'static [&'static str],
    lifecycle: Lifecycle,
) -> Version {
    Version {
        os,
        family: Family::Client,
        rank,
        architectures,
        editions,
        max_service_pack,
        releases,
        lifecycle,
        cluster_level: None,
    }
}

pub const fn version(os: Os) -> Version {
    use Confidence::*;
    let lc_2003 = dates(
        "2010-07-13",
        "2015-07-14",
        Source::facts("S-LC3P", "§6"),
        Secondary,
    );
    let lc_2008 = dates(
        "2015-01-13",
        "2020-01-14",
        Source::facts("S-IUM", "§6"),
        Secondary,
    );
    let lc_2012 = dates(
        "2018-10-09",
        "2023-10-10",
        Source::facts("S-OVR26", "§6"),
        Secondary,
    );
    match os {
        Os::WindowsNt40 => server(os, 0, &[X86], &[Standard, Enterprise], 6, NO_DATES, Some(1)),
        Os::Windows2000 => server(
            os,
            1,
            &[X86],
            &[Standard, Advanced, Datacenter],
            4,
            NO_DATES,
            Some(2),
        ),
        Os::Server2003 => server(
            os,
            2,
            &[X86, X64, Ia64],
            SERVER_2003_EDITIONS,
            2,
            lc_2003,
            Some(3),
        ),
        Os::Server2003R2 => server(
            os,
            3,
            &[X86, X64],
            &[Standard, Enterprise, Datacenter],
            2,
            lc_2003,
            Some(4),
        ),
        Os::Server2008 => server(
            os,
            4,
            &[X64, X86, Ia64],
            SERVER_2008_EDITIONS,
            2,
            lc_2008,
            Some(5),
        ),
        Os::Server2008R2 => server(
            os,
            5,
            &[X64, Ia64],
            SERVER_2008_EDITIONS,
            1,
            lc_2008,
            Some(6),
        ),
        Os::Server2012 => server(os, 6, &[X64], SERVER_2012_EDITIONS, 0, lc_2012, Some(7)),
        Os::Server2012R2 => server(os, 7, &[X64], SERVER_2012_EDITIONS, 0, lc_2012, Some(8)),
        Os::Server2016 => server(
            os,
            8,
            &[X64],
            SERVER_2012_EDITIONS,
            0,
            dates(
                "2022-01-11",
                "2027-01-12",
                Source::facts("S-REL", "§6"),
                Unconfirmed,
            ),
            Some(9),
        ),
        Os::Server2019 => server(
            os,
            9,
            &[X64],
            SERVER_2019_EDITIONS,
            0,
            dates(
                "2024-01-09",
                "2029-01-09",
                Source::facts("S-REL", "§6"),
                Confirmed,
            ),
            Some(10),
        ),
        Os::Server2022 => server(
            os,
            10,
            &[X64],
            SERVER_2022_EDITIONS,
            0,
            dates(
                "2026-10-13",
                "2031-10-14",
                Source::facts("S-LC3P", "§6"),
                Secondary,
            ),
            Some(11),
        ),
        Os::Server2025 => server(
            os,
            11,
            &[X64],
            SERVER_2022_EDITIONS,
            0,
            dates(
                "2029-10-09",
                "2034-10-10",
                Source::facts("S-LC3P", "§6"),
                Unconfirmed,
            ),
            Some(12),
        ),
        #[cfg(feature = "synthetic-2028")]
        Os::Server2028 => server(
            os,
            12,
            &[X64],
            SERVER_2022_EDITIONS,
            0,
            Lifecycle {
                mainstream_end: None,
                extended_end: None,
                source: Source::Catalog,
                confidence: Unconfirmed,
            },
            Some(13),
        ),
        Os::Windows7 => client(
            os,
            0,
            &[X64, X86],
            &[
                Professional,
                Starter,
                HomeBasic,
                HomePremium,
                Ultimate,
                Enterprise,
            ],
            1,
            &[],
            NO_DATES,
        ),
        Os::Windows8 => client(
            os,
            1,
            &[X64, X86],
            &[Pro, Core, Enterprise],
            0,
            &[],
            NO_DATES,
        ),
        Os::Windows81 => client(
            os,
            2,
            &[X64, X86],
            &[Pro, Core, Enterprise],
            0,
            &[],
            NO_DATES,
        ),
        Os::Windows10 => client(
            os,
            3,
            &[X64, X86, Arm64],
            CLIENT_10_EDITIONS,
            0,
            WINDOWS_10_RELEASES,
            Lifecycle {
                mainstream_end: None,
                extended_end: Some(Date::lit("2025-10-14")),
                source: Source::facts("S-LC3P", "§6"),
                confidence: Secondary,
            },
        ),
        Os::Windows11 => client(
            os,
            4,
            &[X64, Arm64],
            CLIENT_10_EDITIONS,
            0,
            WINDOWS_11_RELEASES,
            NO_DATES,
        ),
    }
}

impl Version {
    pub fn has_edition(&self, e: Edition) -> bool {
        self.editions.contains(&e)
    }
    pub fn has_arch(&self, a: Arch) -> bool {
        self.architectures.contains(&a)
    }
    /// Server Core installations exist from Windows Server 2008 on.
    pub fn has_server_core(&self) -> bool {
        self.family == Family::Server && self.rank >= version(Os::Server2008).rank
    }
    pub fn default_edition(&self) -> Edition {
        self.editions[0]
    }
    pub fn default_arch(&self) -> Arch {
        self.architectures[0]
    }
    pub fn default_release(&self) -> Option<&'static str> {
        self.releases.last().copied()
    }
    pub fn release_index(&self, release: &str) -> Option<usize> {
        self.releases
            .iter()
            .position(|r| r.eq_ignore_ascii_case(release))
    }

    /// Support state on `today`.
    pub fn support_on(&self, today: Date) -> Support {
        match (self.lifecycle.mainstream_end, self.lifecycle.extended_end) {
            (_, Some(ext)) if today > ext => Support::Ended,
            (Some(main), Some(_)) if today > main => Support::ExtendedOnly,
            (_, Some(_)) => Support::Supported,
            (Some(main), None) if today > main => Support::ExtendedOnly,
            _ => Support::Unknown,
        }
    }
}

/// Every version, in catalog order.
pub fn all_versions() -> impl Iterator<Item = Version> {
    Os::ALL.iter().map(|&os| version(os))
}

/// The versions of a family, oldest first.
pub fn family_versions(family: Family) -> Vec<Version> {
    let mut v: Vec<Version> = all_versions().filter(|v| v.family == family).collect();
    v.sort_by_key(|v| v.rank);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_state_follows_the_dates() {
        let v = version(Os::Server2019);
        let on = |d| v.support_on(Date::lit(d)).id();
        assert_eq!(on("2023-12-31"), "supported");
        assert_eq!(on("2026-11-21"), "extended-only");
        assert_eq!(on("2030-01-01"), "ended");
        assert_eq!(
            version(Os::Windows7)
                .support_on(Date::lit("2026-11-21"))
                .id(),
            "unknown"
        );
    }

    #[test]
    fn ranks_are_unique_within_a_family() {
        for family in [Family::Server, Family::Client] {
            let ranks: Vec<u8> = family_versions(family).iter().map(|v| v.rank).collect();
            let mut dedup = ranks.clone();
            dedup.dedup();
            assert_eq!(ranks, dedup);
        }
    }
}
