//! One row per Windows version: family, order, editions, architectures, service packs, releases
//! with their builds, build numbers, kernel version, the words of its product name, lifecycle.
//! Every fact the planner knows about a version lives in its row; the inventory reads product
//! names and build numbers from here.
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

/// A feature-update release of Windows 10 or 11, with the end of servicing per edition group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Release {
    /// As Windows shows it (`DisplayVersion`), e.g. `22H2`.
    pub name: &'static str,
    /// Its OS build number (`CurrentBuildNumber`), e.g. 19045.
    pub build: u32,
    /// End of servicing for Home, Pro, Pro Education and Pro for Workstations.
    pub home_pro_end: Date,
    /// End of servicing for Enterprise and Education.
    pub enterprise_end: Date,
    /// The LTSB/LTSC release built on it, if any.
    pub ltsc: Option<Ltsc>,
    pub source: Source,
    pub confidence: Confidence,
}

/// A Long-Term Servicing release (fixed lifecycle) built on a feature-update release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ltsc {
    /// As Microsoft names it, e.g. `Enterprise LTSC 2019`.
    pub name: &'static str,
    pub mainstream_end: Date,
    /// `None` for a five-year LTSC without extended support.
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
    pub releases: &'static [Release],
    /// OS build numbers of the version itself (a release's build is in `releases`).
    pub builds: &'static [u32],
    /// NT kernel version (`Version` `6.3` …); from Windows 10 on, `10.0` says nothing alone.
    pub kernel: Option<(u32, u32)>,
    /// Words that name it in a product name (lower case, as `inventory::windows::words` writes
    /// them); the longest match wins, so "2012 r2" beats "2012".
    pub names: &'static [&'static str],
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

const LC: Source = Source::LifecycleData;
const EOL: Source = Source::EndOfLife;
const C: Confidence = Confidence::Confirmed;
const SEC: Confidence = Confidence::Secondary;

/// `release(name, build, Home/Pro end, Enterprise/Education end, source, confidence)`.
const fn release(
    name: &'static str,
    build: u32,
    home_pro_end: &str,
    enterprise_end: &str,
    source: Source,
    confidence: Confidence,
) -> Release {
    Release {
        name,
        build,
        home_pro_end: Date::lit(home_pro_end),
        enterprise_end: Date::lit(enterprise_end),
        ltsc: None,
        source,
        confidence,
    }
}

/// `ltsc(release, LTSC name, mainstream end, extended end, source, confidence)`.
const fn ltsc(
    r: Release,
    name: &'static str,
    mainstream_end: &str,
    extended_end: Option<&str>,
    source: Source,
    confidence: Confidence,
) -> Release {
    let extended_end = match extended_end {
        Some(d) => Some(Date::lit(d)),
        None => None,
    };
    Release {
        ltsc: Some(Ltsc {
            name,
            mainstream_end: Date::lit(mainstream_end),
            extended_end,
            source,
            confidence,
        }),
        ..r
    }
}

// Windows 10: Microsoft's lifecycle data (1507–21H2); 22H2 ends with Windows 10 (ESU program page).
#[rustfmt::skip]
const WINDOWS_10_RELEASES: &[Release] = &[
    ltsc(release("1507", 10240, "2017-05-09", "2017-05-09", LC, C), "Enterprise 2015 LTSB", "2020-10-13", Some("2025-10-14"), LC, C),
    release("1511", 10586, "2017-10-10", "2017-10-10", LC, C),
    ltsc(release("1607", 14393, "2018-04-10", "2019-04-09", LC, C), "Enterprise 2016 LTSB", "2021-10-12", Some("2026-10-13"), LC, C),
    release("1703", 15063, "2018-10-09", "2019-10-08", LC, C),
    release("1709", 16299, "2019-04-09", "2020-10-13", LC, C),
    release("1803", 17134, "2019-11-12", "2021-05-11", LC, C),
    ltsc(release("1809", 17763, "2020-11-10", "2021-05-11", LC, C), "Enterprise LTSC 2019", "2024-01-09", Some("2029-01-09"), LC, C),
    release("1903", 18362, "2020-12-08", "2020-12-08", LC, C),
    release("1909", 18363, "2021-05-11", "2022-05-10", LC, C),
    release("2004", 19041, "2021-12-14", "2021-12-14", LC, C),
    release("20H2", 19042, "2022-05-10", "2023-05-09", LC, C),
    release("21H1", 19043, "2022-12-13", "2022-12-13", LC, C),
    ltsc(release("21H2", 19044, "2023-06-13", "2024-06-11", LC, C), "Enterprise LTSC 2021", "2027-01-12", None, LC, C),
    release("22H2", 19045, "2025-10-14", "2025-10-14", Source::Windows10Esu, C),
];
// Windows 11: 21H2 and 22H2 from Microsoft's lifecycle data (22H2 Home/Pro: the data's Monday
// 2024-10-14 conflicts with endoflife.date's Tuesday 2024-10-08; the Tuesday is used);
// later releases from endoflife.date, which follow Microsoft's 24/36-month rule.
#[rustfmt::skip]
const WINDOWS_11_RELEASES: &[Release] = &[
    release("21H2", 22000, "2023-10-10", "2024-10-08", LC, C),
    release("22H2", 22621, "2024-10-08", "2025-10-14", LC, SEC),
    release("23H2", 22631, "2025-11-11", "2026-11-10", EOL, SEC),
    ltsc(release("24H2", 26100, "2026-10-13", "2027-10-12", EOL, SEC), "Enterprise LTSC 2024", "2029-10-09", None, EOL, SEC),
    release("25H2", 26200, "2027-10-12", "2028-10-10", EOL, SEC),
];

const NO_DATES: Lifecycle = Lifecycle {
    mainstream_end: None,
    extended_end: None,
    source: Source::Catalog,
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

const LC_2003: Lifecycle = dates("2010-07-13", "2015-07-14", LC, C);
const LC_2008: Lifecycle = dates("2015-01-13", "2020-01-14", LC, C);
const LC_2012: Lifecycle = dates("2018-10-09", "2023-10-10", LC, C);

/// A server row: `server(os, rank, kernel, builds, names, architectures, editions, max SP, lifecycle, cluster level)`.
#[allow(clippy::too_many_arguments)]
const fn server(
    os: Os,
    rank: u8,
    kernel: Option<(u32, u32)>,
    builds: &'static [u32],
    names: &'static [&'static str],
    architectures: &'static [Arch],
    editions: &'static [Edition],
    max_service_pack: u8,
    lifecycle: Lifecycle,
    cluster_level: u8,
) -> Version {
    Version {
        os,
        family: Family::Server,
        rank,
        architectures,
        editions,
        max_service_pack,
        releases: &[],
        builds,
        kernel,
        names,
        lifecycle,
        cluster_level: Some(cluster_level),
    }
}

/// A client row: `client(os, rank, kernel, builds, names, architectures, editions, max SP, releases, lifecycle)`.
#[allow(clippy::too_many_arguments)]
const fn client(
    os: Os,
    rank: u8,
    kernel: Option<(u32, u32)>,
    builds: &'static [u32],
    names: &'static [&'static str],
    architectures: &'static [Arch],
    editions: &'static [Edition],
    max_service_pack: u8,
    releases: &'static [Release],
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
        builds,
        kernel,
        names,
        lifecycle,
        cluster_level: None,
    }
}

#[rustfmt::skip]
const NT4: Version = server(Os::WindowsNt40, 0, Some((4, 0)), &[1381], &[], &[X86], &[Standard, Enterprise], 6, NO_DATES, 1);
#[rustfmt::skip]
const W2000: Version = server(Os::Windows2000, 1, Some((5, 0)), &[2195], &["windows 2000"], &[X86], &[Standard, Advanced, Datacenter], 4, NO_DATES, 2);
#[rustfmt::skip]
const WS2003: Version = server(Os::Server2003, 2, Some((5, 2)), &[3790], &["2003"], &[X86, X64, Ia64], SERVER_2003_EDITIONS, 2, LC_2003, 3);
// 2003 R2 shares build 3790 and kernel 5.2 with 2003; `OtherTypeDescription` = R2 tells them apart.
#[rustfmt::skip]
const WS2003R2: Version = server(Os::Server2003R2, 3, None, &[], &["2003 r2"], &[X86, X64], &[Standard, Enterprise, Datacenter], 2, LC_2003, 4);
#[rustfmt::skip]
const WS2008: Version = server(Os::Server2008, 4, Some((6, 0)), &[6001, 6002, 6003], &["2008"], &[X64, X86, Ia64], SERVER_2008_EDITIONS, 2, LC_2008, 5);
#[rustfmt::skip]
const WS2008R2: Version = server(Os::Server2008R2, 5, Some((6, 1)), &[7600, 7601], &["2008 r2", "2008r2"], &[X64, Ia64], SERVER_2008_EDITIONS, 1, LC_2008, 6);
#[rustfmt::skip]
const WS2012: Version = server(Os::Server2012, 6, Some((6, 2)), &[9200], &["2012"], &[X64], SERVER_2012_EDITIONS, 0, LC_2012, 7);
#[rustfmt::skip]
const WS2012R2: Version = server(Os::Server2012R2, 7, Some((6, 3)), &[9600], &["2012 r2", "2012r2"], &[X64], SERVER_2012_EDITIONS, 0, LC_2012, 8);
#[rustfmt::skip]
const WS2016: Version = server(Os::Server2016, 8, None, &[14393], &["2016"], &[X64], SERVER_2012_EDITIONS, 0, dates("2022-01-11", "2027-01-12", LC, C), 9);
#[rustfmt::skip]
const WS2019: Version = server(Os::Server2019, 9, None, &[17763], &["2019"], &[X64], SERVER_2019_EDITIONS, 0, dates("2024-01-09", "2029-01-09", LC, C), 10);
#[rustfmt::skip]
const WS2022: Version = server(Os::Server2022, 10, None, &[20348], &["2022"], &[X64], SERVER_2022_EDITIONS, 0, dates("2026-10-13", "2031-10-14", LC, C), 11);
#[rustfmt::skip]
const WS2025: Version = server(Os::Server2025, 11, None, &[26100], &["2025"], &[X64], SERVER_2022_EDITIONS, 0, dates("2029-10-09", "2034-10-10", Source::ContainerLifecycle, C), 12);
/// The synthetic Windows Server 2028 (test-only feature `synthetic-2028`, docs/adding-a-version.md):
/// a made-up build number and name, so that an inventory row can name it.
#[cfg(feature = "synthetic-2028")]
#[rustfmt::skip]
const WS2028: Version = server(Os::Server2028, 12, None, &[40028], &["2028"], &[X64], SERVER_2022_EDITIONS, 0, Lifecycle { mainstream_end: None, extended_end: None, source: Source::Catalog, confidence: Confidence::Unconfirmed, }, 13);
#[rustfmt::skip]
const W7: Version = client(Os::Windows7, 0, Some((6, 1)), &[7600, 7601], &["windows 7"], &[X64, X86], &[Professional, Starter, HomeBasic, HomePremium, Ultimate, Enterprise], 1, &[], dates("2015-01-13", "2020-01-14", LC, C));
#[rustfmt::skip]
const W8: Version = client(Os::Windows8, 1, Some((6, 2)), &[9200], &["windows 8"], &[X64, X86], &[Pro, Core, Enterprise], 0, &[], NO_DATES);
#[rustfmt::skip]
const W81: Version = client(Os::Windows81, 2, Some((6, 3)), &[9600], &["windows 8.1"], &[X64, X86], &[Pro, Core, Enterprise], 0, &[], dates("2018-01-09", "2023-01-10", LC, C));
#[rustfmt::skip]
const W10: Version = client(Os::Windows10, 3, None, &[], &["windows 10"], &[X64, X86, Arm64], CLIENT_10_EDITIONS, 0, WINDOWS_10_RELEASES, Lifecycle { mainstream_end: None, extended_end: Some(Date::lit("2025-10-14")), source: LC, confidence: C, });
#[rustfmt::skip]
const W11: Version = client(Os::Windows11, 4, None, &[], &["windows 11"], &[X64, Arm64], CLIENT_10_EDITIONS, 0, WINDOWS_11_RELEASES, NO_DATES);

pub const fn version(os: Os) -> Version {
    match os {
        Os::WindowsNt40 => NT4,
        Os::Windows2000 => W2000,
        Os::Server2003 => WS2003,
        Os::Server2003R2 => WS2003R2,
        Os::Server2008 => WS2008,
        Os::Server2008R2 => WS2008R2,
        Os::Server2012 => WS2012,
        Os::Server2012R2 => WS2012R2,
        Os::Server2016 => WS2016,
        Os::Server2019 => WS2019,
        Os::Server2022 => WS2022,
        Os::Server2025 => WS2025,
        #[cfg(feature = "synthetic-2028")]
        Os::Server2028 => WS2028,
        Os::Windows7 => W7,
        Os::Windows8 => W8,
        Os::Windows81 => W81,
        Os::Windows10 => W10,
        Os::Windows11 => W11,
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
        self.releases.last().map(|r| r.name)
    }
    pub fn release_index(&self, release: &str) -> Option<usize> {
        self.releases
            .iter()
            .position(|r| r.name.eq_ignore_ascii_case(release))
    }
    /// The release names, oldest first.
    pub fn release_names(&self) -> impl Iterator<Item = &'static str> {
        self.releases.iter().map(|r| r.name)
    }
    /// The release whose build this is.
    pub fn release_of_build(&self, build: u32) -> Option<&'static Release> {
        self.releases.iter().find(|r| r.build == build)
    }
    /// Whether this version was shipped with build `b` (itself or one of its releases).
    pub fn has_build(&self, b: u32) -> bool {
        self.builds.contains(&b) || self.releases.iter().any(|r| r.build == b)
    }

    /// Support state on `today` (the version's own dates; a release's are in `lifecycle::applies`).
    pub fn support_on(&self, today: Date) -> Support {
        self.lifecycle.support_on(today)
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

/// The version whose build number this is: the server one for a build a client and a server
/// share (7601, 9600, 14393, 17763, 26100, …) unless `family` says client.
pub fn by_build(build: u32, family: Option<Family>) -> Option<Os> {
    let find = |f: Family| {
        all_versions()
            .find(|v| v.family == f && v.has_build(build))
            .map(|v| v.os)
    };
    match family {
        Some(f) => find(f),
        None => find(Family::Server).or_else(|| find(Family::Client)),
    }
}

/// The version of an NT kernel version (`6.3` …); `None` from `10.0` on, where only the build says.
pub fn by_kernel(kernel: (u32, u32), family: Family) -> Option<Os> {
    all_versions()
        .find(|v| v.family == family && v.kernel == Some(kernel))
        .map(|v| v.os)
}

/// The version a product name's words name (`has(words, name)` tells whether a name is in them):
/// a client name first (a client's name may end in a server's year, "… LTSC 2019"), then the
/// longest matching server name.
pub fn by_name(has: impl Fn(&str) -> bool, family: Family) -> Option<Os> {
    all_versions()
        .filter(|v| v.family == family)
        .flat_map(|v| v.names.iter().map(move |n| (n.len(), v.os, *n)))
        .filter(|(_, _, n)| has(n))
        .max_by_key(|(len, _, _)| *len)
        .map(|(_, os, _)| os)
}

/// The newest version of a family (the default target when the current version changes family).
pub fn newest_of(family: Family) -> Os {
    Os::ALL
        .iter()
        .copied()
        .filter(|&o| version(o).family == family)
        .max_by_key(|&o| version(o).rank)
        .unwrap_or(Os::Server2025)
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
            "ended"
        );
        assert_eq!(
            version(Os::Windows8)
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
