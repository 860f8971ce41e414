//! The numbers behind the Fleet view's pictures, from the same results as the counts and the
//! exports: machines by decision, the most frequent blockers and prerequisites, machines by
//! current version, and when machines lose support (per quarter of the next three years, with
//! and without Extended Security Updates). The page draws them; the data travels as it is.

use crate::core::date::Date;
use crate::core::decision::Decision;
use crate::core::inventory::RowResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Blockers and prerequisites shown (the most frequent).
pub const TOP_FINDINGS: usize = 8;
/// Quarters on the timeline: three years.
pub const QUARTERS: usize = 12;

/// One bar: what it counts (an id the page filters by), its label and its count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub id: String,
    pub label: String,
    pub value: usize,
}

/// One quarter of the timeline: machines whose support ends in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarter {
    /// e.g. `2027 Q1`.
    pub label: String,
    pub without_esu: usize,
    pub with_esu: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charts {
    pub decisions: Vec<Bar>,
    /// Blocker and prerequisite codes, most machines first.
    pub findings: Vec<Bar>,
    /// Machines by installed version, most first.
    pub current: Vec<Bar>,
    pub timeline: Vec<Quarter>,
    /// Machines whose support already ended before the first quarter (without / with ESU).
    pub ended_without_esu: usize,
    pub ended_with_esu: usize,
    /// Planned machines whose end of support is not known.
    pub end_unknown: usize,
}

/// The charts of a planned fleet; `messages` label the finding codes.
pub fn charts(results: &[RowResult], messages: &BTreeMap<String, String>, as_of: Date) -> Charts {
    let mut c = Charts::default();
    let mut decisions: BTreeMap<Decision, usize> = BTreeMap::new();
    let mut findings: BTreeMap<&str, usize> = BTreeMap::new();
    let mut current: BTreeMap<crate::core::Os, usize> = BTreeMap::new();
    let (year, q) = as_of.quarter();
    let first = i64::from(year) * 4 + i64::from(q) - 1;
    let mut timeline = vec![(0usize, 0usize); QUARTERS];
    for r in results {
        *decisions.entry(r.decision).or_default() += 1;
        for code in r.blockers.iter().chain(&r.prerequisites) {
            *findings.entry(code.id()).or_default() += 1;
        }
        if r.error.is_some() {
            continue;
        }
        if let Some(os) = r.current {
            *current.entry(os).or_default() += 1;
        }
        let Some(end) = r.support_end else {
            c.end_unknown += 1;
            continue;
        };
        let with_esu = r.esu_end.map_or(end, |e| e.max(end));
        for (date, esu) in [(end, false), (with_esu, true)] {
            let (y, q) = date.quarter();
            let index = i64::from(y) * 4 + i64::from(q) - 1 - first;
            match usize::try_from(index) {
                Err(_) if esu => c.ended_with_esu += 1,
                Err(_) => c.ended_without_esu += 1,
                Ok(i) if i < QUARTERS => {
                    let slot = &mut timeline[i];
                    if esu {
                        slot.1 += 1;
                    } else {
                        slot.0 += 1;
                    }
                }
                Ok(_) => {}
            }
        }
    }
    c.decisions = decisions
        .into_iter()
        .map(|(d, n)| Bar {
            id: d.id().to_string(),
            label: d.label().to_string(),
            value: n,
        })
        .collect();
    let mut f: Vec<(&str, usize)> = findings.into_iter().collect();
    f.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    c.findings = f
        .into_iter()
        .take(TOP_FINDINGS)
        .map(|(code, n)| Bar {
            id: code.to_string(),
            label: messages
                .get(code)
                .cloned()
                .unwrap_or_else(|| code.to_string()),
            value: n,
        })
        .collect();
    let mut v: Vec<(crate::core::Os, usize)> = current.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    c.current = v
        .into_iter()
        .map(|(os, n)| Bar {
            id: os.id().to_string(),
            label: os.label().to_string(),
            value: n,
        })
        .collect();
    c.timeline = timeline
        .into_iter()
        .enumerate()
        .map(|(i, (without_esu, with_esu))| {
            let n = first + i as i64;
            Quarter {
                label: format!("{} Q{}", n.div_euclid(4), n.rem_euclid(4) + 1),
                without_esu,
                with_esu,
            }
        })
        .collect();
    c
}
