//! Progress between two inventories of one fleet: which machines were upgraded, which are still to
//! do, which are new or gone, and whose verdict changed. Machines are matched by name (case
//! ignored); a name given twice in one inventory is matched by its first row, and a note says so.
//! Pure: the command (`upgrade-plan --inventory NOW … --compare EARLIER`) and tests call it.

use crate::core::decision::Decision;
use crate::core::inventory::RowResult;
use crate::core::plan::Verdict;
use crate::core::Os;
use serde::Serialize;
use std::collections::BTreeMap;

/// What happened to one machine between the two inventories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Its Windows version changed.
    Upgraded,
    /// Same version, already the target.
    OnTarget,
    /// Same version, not yet the target.
    StillToDo,
    /// Only in the later inventory.
    New,
    /// Only in the earlier inventory.
    Removed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Upgraded,
        Status::OnTarget,
        Status::StillToDo,
        Status::New,
        Status::Removed,
    ];
    pub const fn id(self) -> &'static str {
        match self {
            Status::Upgraded => "upgraded",
            Status::OnTarget => "on-target",
            Status::StillToDo => "still-to-do",
            Status::New => "new",
            Status::Removed => "removed",
        }
    }
    pub const fn label(self) -> &'static str {
        match self {
            Status::Upgraded => "Upgraded",
            Status::OnTarget => "Already on the target",
            Status::StillToDo => "Still to do",
            Status::New => "New since the earlier inventory",
            Status::Removed => "Gone since the earlier inventory",
        }
    }
}

/// One machine's line of the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub name: String,
    pub status: Status,
    pub before: Option<Side>,
    pub after: Option<Side>,
    /// Both inventories plan it, and the verdicts differ (an input error counts as a verdict).
    pub verdict_changed: bool,
}

/// A machine as one inventory saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    pub current: Option<Os>,
    pub verdict: Option<Verdict>,
    pub decision: Decision,
}

impl Side {
    fn of(r: &RowResult) -> Side {
        Side {
            current: r.current,
            verdict: r.verdict,
            decision: r.decision,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Later inventory's order, then the removed machines in the earlier inventory's order.
    pub changes: Vec<Change>,
    /// Machines per status id.
    pub counts: BTreeMap<&'static str, usize>,
    pub verdicts_changed: usize,
    /// Names given more than once (in which inventory).
    pub notes: Vec<String>,
}

fn index<'a>(
    rows: &'a [RowResult],
    which: &str,
    notes: &mut Vec<String>,
) -> BTreeMap<String, &'a RowResult> {
    let mut map = BTreeMap::new();
    for r in rows {
        let key = r.name.trim().to_lowercase();
        if map.contains_key(&key) {
            notes.push(format!(
                "`{}` appears more than once in the {which} inventory: its first row is compared",
                r.name
            ));
            continue;
        }
        map.insert(key, r);
    }
    map
}

/// Compare an earlier inventory's results with a later one's.
pub fn compare(earlier: &[RowResult], later: &[RowResult]) -> Progress {
    let mut p = Progress::default();
    let before = index(earlier, "earlier", &mut p.notes);
    let after = index(later, "later", &mut p.notes);
    let mut seen = std::collections::BTreeSet::new();
    for r in later {
        let key = r.name.trim().to_lowercase();
        if !seen.insert(key.clone()) {
            continue;
        }
        let change = match before.get(&key) {
            None => Change {
                name: r.name.clone(),
                status: Status::New,
                before: None,
                after: Some(Side::of(r)),
                verdict_changed: false,
            },
            Some(b) => {
                let status = if b.current.is_some() && r.current.is_some() && b.current != r.current
                {
                    Status::Upgraded
                } else if r.decision == Decision::AlreadyOnTarget {
                    Status::OnTarget
                } else {
                    Status::StillToDo
                };
                Change {
                    name: r.name.clone(),
                    status,
                    before: Some(Side::of(b)),
                    after: Some(Side::of(r)),
                    verdict_changed: b.verdict != r.verdict,
                }
            }
        };
        p.changes.push(change);
    }
    for r in earlier {
        let key = r.name.trim().to_lowercase();
        if after.contains_key(&key) || !seen.insert(key) {
            continue;
        }
        p.changes.push(Change {
            name: r.name.clone(),
            status: Status::Removed,
            before: Some(Side::of(r)),
            after: None,
            verdict_changed: false,
        });
    }
    for s in Status::ALL {
        p.counts.insert(s.id(), 0);
    }
    for c in &p.changes {
        *p.counts.entry(c.status.id()).or_default() += 1;
    }
    p.verdicts_changed = p.changes.iter().filter(|c| c.verdict_changed).count();
    p
}

/// The header line of [`progress_csv`].
pub const PROGRESS_CSV_HEADER: &str =
    "name,status,before_current,after_current,before_verdict,after_verdict,before_decision,after_decision,verdict_changed";

/// The comparison as CSV, one line per machine.
pub fn progress_csv(p: &Progress) -> String {
    let mut lines = crate::core::inventory::CsvLines::default();
    let mut out = format!("{PROGRESS_CSV_HEADER}\n");
    let os = |s: &Option<Side>| s.as_ref().and_then(|s| s.current).map_or("", Os::id);
    let verdict = |s: &Option<Side>| match s {
        Some(s) => s.verdict.map_or("error", Verdict::id),
        None => "",
    };
    let decision = |s: &Option<Side>| s.as_ref().map_or("", |s| s.decision.id());
    for c in &p.changes {
        out.push_str(&lines.record(&[
            &c.name,
            c.status.id(),
            os(&c.before),
            os(&c.after),
            verdict(&c.before),
            verdict(&c.after),
            decision(&c.before),
            decision(&c.after),
            if c.verdict_changed { "true" } else { "false" },
        ]));
    }
    out
}

/// Machines the page lists per status; the CSV export holds them all.
pub const PROGRESS_SHOWN: usize = 500;

/// The comparison as the Fleet view shows it (HTML, every text escaped): what it was compared
/// with, the counts, the notes, then one section per status with a table of its machines (at
/// most `shown` each).
pub fn progress_html(p: &Progress, earlier: &str, shown: usize) -> String {
    use crate::core::fleet::charts::esc;
    let os = |s: &Option<Side>| {
        s.as_ref()
            .and_then(|s| s.current)
            .map_or("—", |o| o.label())
    };
    let verdict = |s: &Option<Side>| match s {
        Some(s) => s.verdict.map_or("Input error", Verdict::label),
        None => "—",
    };
    let decision = |s: &Option<Side>| s.as_ref().map_or("—", |s| s.decision.label());
    let mut out = format!(
        r#"<p>Compared with {}:</p><ul class="progress-counts">"#,
        esc(earlier)
    );
    let count = |id: &str, n: usize, label: &str| {
        format!(
            r#"<li data-testid="progress-count" data-status="{id}"><strong>{n}</strong> {label}</li>"#
        )
    };
    for s in Status::ALL {
        out.push_str(&count(
            s.id(),
            p.counts.get(s.id()).copied().unwrap_or(0),
            s.label(),
        ));
    }
    out.push_str(&count(
        "verdict-changed",
        p.verdicts_changed,
        if p.verdicts_changed == 1 {
            "Verdict changed"
        } else {
            "Verdicts changed"
        },
    ));
    out.push_str("</ul>");
    for n in &p.notes {
        out.push_str(&format!(
            r#"<p class="note" data-testid="progress-note">{}</p>"#,
            esc(n)
        ));
    }
    for status in Status::ALL {
        let rows: Vec<&Change> = p.changes.iter().filter(|c| c.status == status).collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            r#"<details class="progress-group" data-testid="progress-group" data-status="{}"{}><summary>{} ({})</summary>"#,
            status.id(),
            // A short list of a change is open; long ones (and the unchanged) are one click away.
            if rows.len() <= 25 && status != Status::StillToDo && status != Status::OnTarget { " open" } else { "" },
            status.label(),
            rows.len()
        ));
        if rows.len() > shown {
            out.push_str(&format!(
                "<p class=\"hint\">The first {shown} are listed; the CSV export holds all {}.</p>",
                rows.len()
            ));
        }
        // The box scrolls: focusable, so that a keyboard can scroll it too.
        out.push_str(&format!(
            r#"<div class="fleet-table-wrap" tabindex="0" role="region" aria-label="{}"><table class="fleet-table progress-table"><thead><tr><th scope="col">Machine</th><th scope="col">Windows then → now</th><th scope="col">Verdict then → now</th><th scope="col">Decision then → now</th></tr></thead><tbody>"#,
            status.label()
        ));
        for c in rows.iter().take(shown) {
            out.push_str(&format!(
                r#"<tr data-testid="progress-row" data-name="{name}" data-status="{}" data-verdict-changed="{}"><th scope="row">{name}</th><td data-label="Windows">{} → {}</td><td data-label="Verdict">{}{} → {}</td><td data-label="Decision">{} → {}</td></tr>"#,
                c.status.id(),
                c.verdict_changed,
                os(&c.before),
                os(&c.after),
                if c.verdict_changed { "<strong>changed:</strong> " } else { "" },
                verdict(&c.before),
                verdict(&c.after),
                decision(&c.before),
                decision(&c.after),
                name = esc(&c.name),
            ));
        }
        out.push_str("</tbody></table></div></details>");
    }
    out
}
