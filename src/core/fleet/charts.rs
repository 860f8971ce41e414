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

/// Text for SVG and HTML: `&`, `<`, `>`, `"` and `'` escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let cut: String = label.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Width of every chart's drawing (SVG units, whole numbers); it scales to the page.
const W: usize = 640;
const ROW: usize = 26;
const LABEL: usize = 250;

/// A horizontal bar chart as inline SVG (no script, no style attribute: colours come from the
/// page's stylesheet through the classes) followed by the same numbers as a table for screen
/// readers. Each bar is a focusable button carrying its `data-id`, for the page to filter by;
/// `class` prefixes the bars' class with the id (`decision-upgrade-now`) when given.
pub fn bar_chart_html(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    class: Option<&str>,
) -> String {
    let most = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let height = ROW * bars.len().max(1) + 8;
    let width = W - LABEL - 60;
    let mut s = format!(
        r#"<svg viewBox="0 0 {W} {height}" role="group" aria-labelledby="{id}-title {id}-desc" class="bars"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let w = (b.value * width / most).max(2);
        let kind = match class {
            Some(prefix) => format!("bar {prefix}-{}", esc(&b.id)),
            None => "bar".to_string(),
        };
        let text_y = y + ROW * 62 / 100;
        s.push_str(&format!(
            r#"<g class="bar-row" role="button" tabindex="0" data-testid="chart-bar" data-id="{id_}" data-value="{v}"><title>{label}: {v}</title><text x="{lx}" y="{text_y}" text-anchor="end" class="label">{short}</text><rect x="{LABEL}" y="{ry}" width="{w}" height="{rh}" rx="3" class="{kind}"/><text x="{vx}" y="{text_y}" class="value">{v}</text></g>"#,
            id_ = esc(&b.id),
            v = b.value,
            label = esc(&b.label),
            lx = LABEL - 8,
            short = esc(&short(&b.label, 34)),
            ry = y + 3,
            rh = ROW - 8,
            vx = LABEL + w + 6,
        ));
    }
    s.push_str("</svg>");
    s.push_str(&format!(
        r#"<div class="visually-hidden"><table><caption>{}</caption><thead><tr><th scope="col">What</th><th scope="col">Machines</th></tr></thead><tbody>"#,
        esc(title)
    ));
    for b in bars {
        s.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            esc(&b.label),
            b.value
        ));
    }
    s.push_str("</tbody></table></div>");
    s
}

/// The end-of-support timeline as inline SVG (two bars a quarter: without and with ESU) and a
/// table with the same numbers.
pub fn timeline_html(c: &Charts) -> String {
    let (h, top, base) = (200usize, 16usize, 164usize);
    let most = c
        .timeline
        .iter()
        .map(|q| q.without_esu.max(q.with_esu))
        .max()
        .unwrap_or(1)
        .max(1);
    let slot = (W - 40) / c.timeline.len().max(1);
    let bw = (slot - 8) / 2;
    let mut s = format!(
        r#"<svg viewBox="0 0 {W} {h}" role="img" aria-labelledby="chart-timeline-title chart-timeline-desc" class="timeline"><title id="chart-timeline-title">{}</title><desc id="chart-timeline-desc">{}</desc><line x1="30" x2="{}" y1="{base}" y2="{base}" class="axis"/>"#,
        TIMELINE_TITLE,
        esc(&timeline_desc(c)),
        W - 4
    );
    for (i, q) in c.timeline.iter().enumerate() {
        let x = 34 + i * slot;
        let h1 = q.without_esu * (base - top) / most;
        let h2 = q.with_esu * (base - top) / most;
        s.push_str(&format!(
            r#"<g data-testid="chart-quarter" data-quarter="{l}" data-without="{a}" data-with="{b}"><title>{l}: {a} without ESU, {b} with ESU</title><rect x="{x}" y="{y1}" width="{bw}" height="{h1}" class="bar no-esu"/><rect x="{x2}" y="{y2}" width="{bw}" height="{h2}" class="bar esu"/><text x="{tx}" y="{ty}" text-anchor="middle" class="label small">{l}</text></g>"#,
            l = esc(&q.label),
            a = q.without_esu,
            b = q.with_esu,
            y1 = base - h1,
            x2 = x + bw + 1,
            y2 = base - h2,
            tx = x + bw,
            ty = base + 14,
        ));
    }
    s.push_str(&format!(
        r#"<g class="legend"><rect x="34" y="{ly}" width="10" height="10" class="bar no-esu"/><text x="48" y="{ty}" class="label small">without ESU</text><rect x="140" y="{ly}" width="10" height="10" class="bar esu"/><text x="154" y="{ty}" class="label small">with ESU</text></g></svg>"#,
        ly = h - 14,
        ty = h - 5
    ));
    s.push_str(&format!(
        r#"<div class="visually-hidden"><table><caption>{TIMELINE_TITLE}</caption><thead><tr><th scope="col">Quarter</th><th scope="col">Without ESU</th><th scope="col">With ESU</th></tr></thead><tbody>"#
    ));
    for q in &c.timeline {
        s.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            esc(&q.label),
            q.without_esu,
            q.with_esu
        ));
    }
    s.push_str("</tbody></table></div>");
    s
}

pub const TIMELINE_TITLE: &str = "End of support in the next three years";

/// The timeline's description (also its caption).
pub fn timeline_desc(c: &Charts) -> String {
    format!(
        "Machines whose installed version loses support in each quarter, without and with Extended Security Updates. Already out of support: {} without ESU, {} with ESU; end not known: {}.",
        c.ended_without_esu, c.ended_with_esu, c.end_unknown
    )
}

const DECISIONS_DESC: &str = "How many machines get each decision: upgrade now, fix first, migrate, replace the hardware, bridge with ESU, already on the target, input error. Click a bar to list those machines.";
const FINDINGS_DESC: &str = "The blockers and prerequisites that stop or delay the most machines. Click a bar to list those machines.";
const CURRENT_DESC: &str =
    "How many machines run each Windows version today. Click a bar to search for them.";

/// Every picture of the fleet as HTML: one `<figure>` each, its `data-filter` saying what a click
/// on a bar filters by (`decision`, `blocker`, `search`; the timeline has none).
pub fn charts_html(c: &Charts) -> String {
    let figure = |id: &str,
                  filter: &str,
                  title: &str,
                  desc: &str,
                  bars: &[Bar],
                  class: Option<&str>| {
        format!(
            r#"<figure class="chart" data-testid="{id}" data-filter="{filter}">{}<figcaption>{} <span class="visually-hidden">{}</span></figcaption></figure>"#,
            bar_chart_html(id, title, desc, bars, class),
            esc(title),
            esc(desc)
        )
    };
    let mut out = figure(
        "chart-decisions",
        "decision",
        "Machines by decision",
        DECISIONS_DESC,
        &c.decisions,
        Some("decision"),
    );
    if !c.findings.is_empty() {
        out.push_str(&figure(
            "chart-findings",
            "blocker",
            "Most frequent blockers and prerequisites",
            FINDINGS_DESC,
            &c.findings,
            None,
        ));
    }
    out.push_str(&format!(
        r#"<figure class="chart" data-testid="chart-timeline">{}<figcaption>{TIMELINE_TITLE} — {}</figcaption></figure>"#,
        timeline_html(c),
        esc(&timeline_desc(c))
    ));
    out.push_str(&figure(
        "chart-current",
        "search",
        "Machines by installed version",
        CURRENT_DESC,
        &c.current,
        None,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_scale_to_the_largest() {
        let bars = [
            Bar {
                id: "a\"<".into(),
                label: "<script>x</script> & more".into(),
                value: 4,
            },
            Bar {
                id: "b".into(),
                label: "b".into(),
                value: 2,
            },
        ];
        let html = bar_chart_html("c", "T", "D", &bars, Some("decision"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; more"));
        assert!(html.contains(r#"data-id="a&quot;&lt;""#));
        assert!(html.contains(r#"width="330""#) && html.contains(r#"width="165""#));
        assert!(!html.contains("style="));
    }
}
