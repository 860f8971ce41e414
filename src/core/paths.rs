//! Direct in-place upgrade hops, one row per (from, to) pair, each with its source (facts §1.1–1.5, §3).
//! A pair missing here is not a direct in-place upgrade.

use super::ids::Os;
use super::plan::Confidence;
use super::source::Source;

#[derive(Clone, Copy, Debug)]
pub struct Hop {
    pub from: Os,
    pub to: Os,
    /// Service pack the source needs before this hop.
    pub min_sp: u8,
    pub source: Source,
    pub confidence: Confidence,
}

const fn hop(from: Os, to: Os, min_sp: u8, source: Source, confidence: Confidence) -> Hop {
    Hop {
        from,
        to,
        min_sp,
        source,
        confidence,
    }
}

use Confidence::*;
use Os::*;

const OVR26: Source = Source::UpgradeOverview;
const OVR22: Source = Source::UpgradeOverview2022;
const WS03: Source = Source::SupportedPaths2003;
const WS08: Source = Source::InPlace2008;
const R2: Source = Source::R2Upgrade;

pub const HOPS: &[Hop] = &[
    // Into Windows Server 2003 (archived Microsoft page; NT 4.0 needs SP5).
    hop(WindowsNt40, Server2003, 5, WS03, Secondary),
    hop(Windows2000, Server2003, 0, WS03, Secondary),
    // Into 2003 R2: SP1 (seed 002).
    hop(Server2003, Server2003R2, 1, R2, Confirmed),
    // Into 2008: 2003 SP1 or later, same architecture (secondary source).
    hop(Server2003, Server2008, 1, WS08, Secondary),
    hop(Server2003R2, Server2008, 1, WS08, Secondary),
    // Into 2008 R2 from 2003: not retrieved, remembered only.
    hop(
        Server2003,
        Server2008R2,
        2,
        Source::ConversionOptions,
        Unconfirmed,
    ),
    hop(
        Server2003R2,
        Server2008R2,
        2,
        Source::ConversionOptions,
        Unconfirmed,
    ),
    // 2008 → 2022 matrix (2022 revision); 2008 needs SP2, 2008 R2 needs SP1 (§1.4).
    hop(Server2008, Server2008R2, 2, OVR22, Confirmed),
    hop(Server2008, Server2012, 2, OVR22, Confirmed),
    hop(Server2008R2, Server2012, 1, OVR22, Confirmed),
    hop(Server2008R2, Server2012R2, 1, OVR22, Confirmed),
    // 2012 → 2025 matrix (newest revision): two versions up to 2022, four into 2025.
    hop(Server2012, Server2012R2, 0, OVR26, Confirmed),
    hop(Server2012, Server2016, 0, OVR26, Confirmed),
    hop(Server2012R2, Server2016, 0, OVR26, Confirmed),
    hop(Server2012R2, Server2019, 0, OVR26, Confirmed),
    hop(Server2012R2, Server2025, 0, OVR26, Confirmed),
    hop(Server2016, Server2019, 0, OVR26, Confirmed),
    hop(Server2016, Server2022, 0, OVR26, Confirmed),
    hop(Server2016, Server2025, 0, OVR26, Confirmed),
    hop(Server2019, Server2022, 0, OVR26, Confirmed),
    hop(Server2019, Server2025, 0, OVR26, Confirmed),
    hop(Server2022, Server2025, 0, OVR26, Confirmed),
    // Synthetic Windows Server 2028 (test-only feature; no source states these paths).
    #[cfg(feature = "synthetic-2028")]
    hop(Server2022, Server2028, 0, Source::Catalog, Unconfirmed),
    #[cfg(feature = "synthetic-2028")]
    hop(Server2025, Server2028, 0, Source::Catalog, Unconfirmed),
    // Windows client (facts §3).
    hop(Windows7, Windows10, 0, Source::ClientPaths10, Confirmed),
    hop(Windows8, Windows81, 0, Source::ClientPaths10, Confirmed),
    hop(Windows81, Windows10, 0, Source::ClientPaths10, Confirmed),
    hop(
        Windows10,
        Windows11,
        0,
        Source::Windows11Requirements,
        Confirmed,
    ),
];

pub fn direct(from: Os, to: Os) -> Option<&'static Hop> {
    HOPS.iter().find(|h| h.from == from && h.to == to)
}

pub fn hops_from(from: Os) -> impl Iterator<Item = &'static Hop> {
    HOPS.iter().filter(move |h| h.from == from)
}

/// Windows 11 accepts Windows 10 from this release on (with the 2021-09-14 security update).
pub const WINDOWS_11_MIN_SOURCE_RELEASE: &str = "2004";
