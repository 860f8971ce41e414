//! Extended Security Updates: one row per programme — which version and editions it covers, who
//! can buy it, its years and end, Microsoft's price where Microsoft states one, and its source.

use super::date::Date;
use super::ids::{Edition, Os};
use super::lifecycle::EditionGroup;
use super::plan::Confidence;
use super::source::Source;
use serde::Serialize;

/// Which editions a programme covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Covers {
    All,
    /// General-availability business editions (Pro, Pro Education, Enterprise, Education).
    Business,
    HomePro,
    Only(&'static [Edition]),
}

impl Covers {
    fn has(self, e: Edition) -> bool {
        match self {
            Covers::All => true,
            Covers::Business => EditionGroup::of(e) != EditionGroup::Ltsc && e != Edition::Home,
            Covers::HomePro => EditionGroup::of(e) == EditionGroup::HomePro,
            Covers::Only(list) => list.contains(&e),
        }
    }
}

/// One ESU programme.
#[derive(Clone, Copy, Debug)]
pub struct Programme {
    pub id: &'static str,
    pub os: &'static [Os],
    covers: Covers,
    /// The release the machine must run (Windows 10: 22H2), if any.
    pub release: Option<&'static str>,
    pub name: &'static str,
    /// Who can buy it and how.
    pub who: &'static str,
    /// The last day of each ESU year, as far as the sources give them.
    pub years: &'static [&'static str],
    pub end: &'static str,
    /// Microsoft's price, with the date Microsoft stated it (`None` where Microsoft states none).
    pub price: Option<&'static str>,
    pub note: &'static str,
    pub source: Source,
    pub confidence: Confidence,
}

const C: Confidence = Confidence::Confirmed;

#[rustfmt::skip]
pub const PROGRAMMES: &[Programme] = &[
    Programme { id: "windows-7-esu", os: &[Os::Windows7], covers: Covers::Only(&[Edition::Professional, Edition::Enterprise]), release: None,
        name: "Windows 7 Extended Security Updates", who: "organisations (Professional and Enterprise)",
        years: &["2021-01-12", "2022-01-11", "2023-01-10"], end: "2023-01-10", price: None, note: "Three ESU years after the 2020-01-14 end of support.",
        source: Source::LifecycleData, confidence: C },
    Programme { id: "server-2008-esu", os: &[Os::Server2008, Os::Server2008R2], covers: Covers::All, release: None,
        name: "Windows Server 2008 / 2008 R2 Extended Security Updates", who: "organisations, on premises",
        years: &["2021-01-12", "2022-01-11", "2023-01-10"], end: "2023-01-10", price: None, note: "",
        source: Source::ServerEsu, confidence: C },
    Programme { id: "server-2008-esu-azure", os: &[Os::Server2008, Os::Server2008R2], covers: Covers::All, release: None,
        name: "Windows Server 2008 / 2008 R2 Extended Security Updates in Azure", who: "virtual machines in Azure (a fourth year)",
        years: &["2021-01-12", "2022-01-11", "2023-01-10", "2024-01-09"], end: "2024-01-09", price: None, note: "",
        source: Source::ServerEsu, confidence: C },
    Programme { id: "server-2012-esu", os: &[Os::Server2012, Os::Server2012R2], covers: Covers::Only(&[Edition::Standard, Edition::Datacenter]), release: None,
        name: "Windows Server 2012 / 2012 R2 Extended Security Updates", who: "organisations with Software Assurance (Volume Licensing), Azure Arc pay-as-you-go, or free for virtual machines in Azure",
        years: &["2024-10-08", "2025-10-14", "2026-10-13"], end: "2026-10-13", price: None,
        note: "Included at no extra cost for 2012 / 2012 R2 virtual machines in Azure; through Azure Arc billed monthly.",
        source: Source::ServerEsu, confidence: C },
    Programme { id: "windows-10-esu-organisations", os: &[Os::Windows10], covers: Covers::Business, release: Some("22H2"),
        name: "Windows 10 Extended Security Updates for organisations", who: "commercial and education organisations, bought per year through Volume Licensing",
        years: &["2026-10-13", "2027-10-12", "2028-10-10"], end: "2028-10-10",
        price: Some("USD 61 per device for year one, doubling each year; buying a later year includes the earlier ones (Microsoft, 2025-07-14)"),
        note: "Security updates only. Included at no extra cost in Windows 365, Azure Virtual Desktop and Azure virtual machines. The year ends after year one follow three years from 2025-10-14 (secondary sources).",
        source: Source::Windows10Esu, confidence: C },
    Programme { id: "windows-10-esu-consumer", os: &[Os::Windows10], covers: Covers::HomePro, release: Some("22H2"),
        name: "Windows 10 Consumer Extended Security Updates", who: "individuals (personal devices)",
        years: &["2027-10-12"], end: "2027-10-12", price: Some("USD 30 for one year (Microsoft, 2025-07-14)"),
        note: "Microsoft's ESU page gives one year, to 2026-10-13; the extension to 2027-10-12 is reported by secondary sources, not read at Microsoft.",
        source: Source::ConsumerEsu, confidence: Confidence::Secondary },
    Programme { id: "server-2016-esu", os: &[Os::Server2016], covers: Covers::All, release: None,
        name: "Windows Server 2016 Extended Security Updates", who: "organisations",
        years: &["2028-01-11", "2029-01-09", "2030-01-08"], end: "2030-01-08", price: None,
        note: "Reported as up to three years after the 2027-01-12 end of support; the last ESU month is inferred (unconfirmed).",
        source: Source::Server2016Esu, confidence: Confidence::Unconfirmed },
    Programme { id: "windows-10-2016-ltsb-esu", os: &[Os::Windows10], covers: Covers::Only(&[Edition::EnterpriseLtsc]), release: Some("1607"),
        name: "Windows 10 Enterprise 2016 LTSB Extended Security Updates", who: "organisations",
        years: &["2027-10-12", "2028-10-10", "2029-10-09"], end: "2029-10-09", price: None,
        note: "Reported as up to three years after the 2026-10-13 end of support; the end is inferred (unconfirmed).",
        source: Source::Server2016Esu, confidence: Confidence::Unconfirmed },
];

impl Programme {
    pub fn end(&self) -> Date {
        Date::lit(self.end)
    }
    pub fn applies(&self, os: Os, edition: Edition) -> bool {
        self.os.contains(&os) && self.covers.has(edition)
    }
}

/// A programme offered to this machine, as the plan carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub id: &'static str,
    pub name: &'static str,
    pub who: &'static str,
    pub years: usize,
    pub until: Date,
    /// Whether ESU still runs on the plan's date.
    pub open: bool,
    /// Days from the plan's date to the end (negative once it has passed).
    pub days_left: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<&'static str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub note: &'static str,
    pub source: Source,
    #[serde(skip_serializing_if = "is_confirmed")]
    pub confidence: Confidence,
}

fn is_confirmed(c: &Confidence) -> bool {
    *c == Confidence::Confirmed
}

/// The programmes for a machine running `os` in `edition` at `release`, on `as_of`.
pub fn offers(os: Os, edition: Edition, release: Option<&str>, as_of: Date) -> Vec<Offer> {
    PROGRAMMES
        .iter()
        .filter(|p| p.applies(os, edition))
        .filter(|p| {
            // An LTSB programme names its release; a GA programme's release is a requirement.
            EditionGroup::of(edition) != EditionGroup::Ltsc
                || p.release.is_none()
                || release.is_some_and(|r| p.release.is_some_and(|pr| pr.eq_ignore_ascii_case(r)))
        })
        .map(|p| {
            let requires = match (p.release, release) {
                (Some(need), Some(have)) if !need.eq_ignore_ascii_case(have) => {
                    Some(format!("version {need}: update from {have} first"))
                }
                (Some(need), None) => Some(format!("version {need}")),
                _ => None,
            };
            Offer {
                id: p.id,
                name: p.name,
                who: p.who,
                years: p.years.len(),
                until: p.end(),
                open: as_of <= p.end(),
                days_left: as_of.days_until(p.end()),
                requires,
                price: p.price,
                note: p.note,
                source: p.source,
                confidence: p.confidence,
            }
        })
        .collect()
}

/// The ESU programme that bridges longest from `as_of`, if one is still open.
pub fn longest_open(offers: &[Offer]) -> Option<&Offer> {
    offers.iter().filter(|o| o.open).max_by_key(|o| o.until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_10_offers_depend_on_edition_release_and_date() {
        let d = Date::lit("2026-12-02");
        let pro = offers(Os::Windows10, Edition::Pro, Some("22H2"), d);
        let ids: Vec<&str> = pro.iter().map(|o| o.id).collect();
        assert_eq!(
            ids,
            ["windows-10-esu-organisations", "windows-10-esu-consumer"]
        );
        assert!(pro.iter().all(|o| o.open && o.requires.is_none()));
        assert_eq!(longest_open(&pro).unwrap().until.to_string(), "2028-10-10");
        let ent = offers(Os::Windows10, Edition::Enterprise, Some("21H2"), d);
        assert_eq!(ent.len(), 1);
        assert_eq!(
            ent[0].requires.as_deref(),
            Some("version 22H2: update from 21H2 first")
        );
        let ltsb = offers(Os::Windows10, Edition::EnterpriseLtsc, Some("1607"), d);
        assert_eq!(ltsb.len(), 1);
        assert!(offers(Os::Windows10, Edition::EnterpriseLtsc, Some("1809"), d).is_empty());
        let s2012 = offers(Os::Server2012R2, Edition::Standard, None, d);
        assert!(!s2012[0].open && s2012[0].days_left < 0);
        assert!(offers(Os::Server2012R2, Edition::Essentials, None, d).is_empty());
    }

    #[test]
    fn ends_are_the_last_year() {
        for p in PROGRAMMES {
            assert_eq!(p.years.last(), Some(&p.end), "{}", p.id);
            assert!(Date::lit(p.end).is_second_tuesday(), "{}", p.id);
        }
    }
}
