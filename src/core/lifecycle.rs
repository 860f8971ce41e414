//! Support dates of what a machine runs: a Windows Server version, or a Windows 10/11 release in
//! an edition group (Home and Pro, Enterprise and Education, LTSB/LTSC). The dates live in the
//! catalog rows; this file picks the one that applies and says what it applies to.

use super::catalog::{version, Lifecycle, Release};
use super::date::Date;
use super::ids::{Edition, Os};
use super::plan::{Stop, Support};
use super::scenario::Resolved;

/// The editions that share an end-of-servicing date of a Windows 10/11 release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditionGroup {
    HomePro,
    EnterpriseEducation,
    Ltsc,
}

impl EditionGroup {
    pub const fn of(e: Edition) -> EditionGroup {
        match e {
            Edition::Enterprise | Edition::Education => EditionGroup::EnterpriseEducation,
            Edition::EnterpriseLtsc => EditionGroup::Ltsc,
            _ => EditionGroup::HomePro,
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            EditionGroup::HomePro => "Home and Pro",
            EditionGroup::EnterpriseEducation => "Enterprise and Education",
            EditionGroup::Ltsc => "LTSC",
        }
    }
}

/// The dates that apply, and what they apply to (e.g. "version 22H2, Enterprise and Education").
#[derive(Clone, Debug)]
pub struct Applies {
    pub lifecycle: Lifecycle,
    /// `None` when the version's own dates apply (Windows Server, Windows 7, 8.1).
    pub to: Option<String>,
}

/// The support dates of `os` in `edition` at `release`.
pub fn applies(os: Os, edition: Edition, release: Option<&str>) -> Applies {
    let v = version(os);
    let Some(r) = release
        .and_then(|r| v.release_index(r))
        .map(|i| v.releases[i])
    else {
        return Applies {
            lifecycle: v.lifecycle,
            to: None,
        };
    };
    match (EditionGroup::of(edition), r.ltsc) {
        (EditionGroup::Ltsc, Some(l)) => Applies {
            lifecycle: Lifecycle {
                mainstream_end: Some(l.mainstream_end),
                extended_end: l.extended_end,
                source: l.source,
                confidence: l.confidence,
            },
            to: Some(l.name.to_string()),
        },
        (group, _) => Applies {
            lifecycle: servicing(&r, group),
            to: Some(format!("version {}, {} editions", r.name, group.label())),
        },
    }
}

/// A feature-update release has one date: the end of servicing (no mainstream/extended split).
fn servicing(r: &Release, group: EditionGroup) -> Lifecycle {
    let end = match group {
        EditionGroup::EnterpriseEducation => r.enterprise_end,
        _ => r.home_pro_end,
    };
    Lifecycle {
        mainstream_end: None,
        extended_end: Some(end),
        source: r.source,
        confidence: r.confidence,
    }
}

impl Lifecycle {
    /// Support state on `today`.
    pub fn support_on(&self, today: Date) -> Support {
        match (self.mainstream_end, self.extended_end) {
            (_, Some(ext)) if today > ext => Support::Ended,
            (Some(main), Some(_)) if today > main => Support::ExtendedOnly,
            (_, Some(_)) => Support::Supported,
            (Some(main), None) if today > main => Support::Ended,
            (Some(_), None) => Support::Supported,
            _ => Support::Unknown,
        }
    }
    /// The last day of security updates: the extended end, or for a five-year LTSC its only end.
    pub fn last_day(&self) -> Option<Date> {
        self.extended_end.or(self.mainstream_end)
    }
}

/// The newest release of `os` that has an LTSC built on it (the default for an LTSC edition).
pub fn latest_ltsc_release(os: Os) -> Option<&'static str> {
    version(os)
        .releases
        .iter()
        .rev()
        .find(|r| r.ltsc.is_some())
        .map(|r| r.name)
}

/// The edition and release a route's stop `i` runs: the installed ones at the start, the
/// target's at the end, the newest release in between.
pub fn stop_runs(s: &Resolved, route: &[Os], i: usize) -> (Edition, Option<&'static str>) {
    let os = route[i];
    let v = version(os);
    if i + 1 == route.len() && os == s.target.os {
        return (s.target.edition, s.target.release);
    }
    if i == 0 && os == s.current.os {
        return (s.current.edition, s.current.release);
    }
    let edition = if v.has_edition(s.target.edition) {
        s.target.edition
    } else {
        v.default_edition()
    };
    let release = if edition == Edition::EnterpriseLtsc {
        latest_ltsc_release(os)
    } else {
        v.default_release()
    };
    (edition, release)
}

/// Stop `i` of a route with its support dates on the plan's date.
pub fn stop(s: &Resolved, route: &[Os], i: usize) -> Stop {
    let os = route[i];
    let (edition, release) = stop_runs(s, route, i);
    let a = applies(os, edition, release);
    let lc = a.lifecycle;
    Stop {
        os,
        name: os.label(),
        release,
        applies_to: a.to,
        mainstream_end: lc.mainstream_end,
        extended_end: lc.extended_end,
        support: lc.support_on(s.as_of),
        end: lc.last_day(),
        days_left: lc.last_day().map(|d| s.as_of.days_until(d)),
        lifecycle_source: lc.source,
        lifecycle_confidence: lc.confidence,
    }
}

/// Every stop of a route.
pub fn stops(s: &Resolved, route: &[Os]) -> Vec<Stop> {
    (0..route.len()).map(|i| stop(s, route, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(os: Os, e: Edition, r: Option<&str>) -> String {
        applies(os, e, r)
            .lifecycle
            .last_day()
            .map_or("none".into(), |d| d.to_string())
    }

    #[test]
    fn dates_follow_release_and_edition_group() {
        use Edition::*;
        assert_eq!(end(Os::Windows10, Pro, Some("1909")), "2021-05-11");
        assert_eq!(end(Os::Windows10, Enterprise, Some("1909")), "2022-05-10");
        assert_eq!(end(Os::Windows10, Education, Some("20H2")), "2023-05-09");
        assert_eq!(
            end(Os::Windows10, EnterpriseLtsc, Some("1809")),
            "2029-01-09"
        );
        assert_eq!(
            end(Os::Windows10, EnterpriseLtsc, Some("21H2")),
            "2027-01-12"
        );
        assert_eq!(end(Os::Windows11, Home, Some("23H2")), "2025-11-11");
        assert_eq!(end(Os::Windows11, Enterprise, Some("23H2")), "2026-11-10");
        assert_eq!(
            end(Os::Windows11, EnterpriseLtsc, Some("24H2")),
            "2029-10-09"
        );
        assert_eq!(end(Os::Server2016, Standard, None), "2027-01-12");
        assert_eq!(latest_ltsc_release(Os::Windows10), Some("21H2"));
        assert_eq!(latest_ltsc_release(Os::Windows11), Some("24H2"));
    }

    #[test]
    fn every_end_of_servicing_is_a_patch_tuesday() {
        // Microsoft's end dates are the second Tuesday of a month; anything else is a typo.
        let mut dates = Vec::new();
        for v in super::super::catalog::all_versions() {
            dates.extend(v.lifecycle.mainstream_end);
            dates.extend(v.lifecycle.extended_end);
            for r in v.releases {
                dates.extend([r.home_pro_end, r.enterprise_end]);
                if let Some(l) = r.ltsc {
                    dates.push(l.mainstream_end);
                    dates.extend(l.extended_end);
                }
            }
        }
        for d in dates {
            assert!(
                d.is_second_tuesday(),
                "{d} is not the second Tuesday of its month"
            );
        }
    }
}
