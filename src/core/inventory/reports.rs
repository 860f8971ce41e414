//! The fleet's reports: CSV (one line per server), JSON (every full plan) and Markdown (the
//! summary, then each server's runbook). The command and the Fleet view write the same bytes.

use super::results::{plan_row, RowResult, Summary};
use super::Inventory;
use crate::core::date::Date;
use crate::core::hardware::Outcome;
use crate::core::ids::Os;
use crate::core::plan::{Method, Verdict};
use serde::Serialize;

/// The header line of [`to_csv`].
pub const CSV_HEADER: &str =
    "name,current,target,verdict,decision,reason,hardware,method,route,first_blocker,first_prerequisite,error";

/// A cell as written to CSV: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`, so that a
/// spreadsheet shows it as text instead of running it as a formula.
/// Control characters (an ANSI escape in a name, a tab, a line break) become spaces, so that no
/// cell can drive a terminal or break a line-based reader.
fn defuse(s: &str) -> std::borrow::Cow<'_, str> {
    let formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let s: std::borrow::Cow<'_, str> = if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    };
    if formula {
        format!("'{s}").into()
    } else {
        s
    }
}

/// Writes CSV records one at a time (quoting by the `csv` crate).
pub struct CsvLines {
    builder: csv::WriterBuilder,
}

impl Default for CsvLines {
    fn default() -> Self {
        let mut builder = csv::WriterBuilder::new();
        builder
            .terminator(csv::Terminator::Any(b'\n'))
            .buffer_capacity(512);
        CsvLines { builder }
    }
}

impl CsvLines {
    /// One record (with its newline) for a result, in the columns of [`CSV_HEADER`].
    pub fn line(&mut self, r: &RowResult) -> String {
        let route: Vec<&str> = r.route.iter().map(|o| o.id()).collect();
        let blocker = r
            .first_blocker
            .as_ref()
            .map(|b| format!("{}: {}", b.code, b.message))
            .unwrap_or_default();
        let prerequisite = r
            .first_prerequisite
            .as_ref()
            .map(|b| format!("{}: {}", b.code, b.message))
            .unwrap_or_default();
        let cells = [
            r.name.as_str(),
            r.current.map(Os::id).unwrap_or(""),
            r.target.map(Os::id).unwrap_or(""),
            r.verdict.map(Verdict::id).unwrap_or(""),
            r.decision.id(),
            &r.reason,
            r.hardware.map(Outcome::id).unwrap_or(""),
            r.method.map(Method::id).unwrap_or(""),
            &route.join(" > "),
            &blocker,
            &prerequisite,
            r.error.as_deref().unwrap_or(""),
        ];
        self.record(&cells)
    }

    /// Any record (with its newline), each cell defused and quoted as needed.
    pub fn record(&mut self, cells: &[&str]) -> String {
        let mut writer = self.builder.from_writer(Vec::with_capacity(128));
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(cells.iter().map(|c| defuse(c).into_owned()));
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// One CSV line (with its newline) for a result.
pub fn csv_line(r: &RowResult) -> String {
    CsvLines::default().line(r)
}

/// The results as CSV: [`CSV_HEADER`], then one line per row; the route is joined with ` > `.
pub fn to_csv(results: &[RowResult]) -> String {
    let mut out = String::with_capacity(64 + results.len() * 96);
    out.push_str(CSV_HEADER);
    out.push('\n');
    let mut lines = CsvLines::default();
    for r in results {
        out.push_str(&lines.line(r));
    }
    out
}

/// Write the results as a JSON array, one object per line (what `--format json` prints).
pub fn write_json<W: std::io::Write, R: Serialize>(
    out: &mut W,
    results: impl Iterator<Item = R>,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, r) in results.enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        // An I/O error keeps its kind (a closed pipe stays a closed pipe).
        serde_json::to_writer(&mut *out, &r).map_err(std::io::Error::from)?;
    }
    out.write_all(b"\n]\n")
}

/// Every row planned, as the JSON array of [`write_json`] (planned one row at a time).
pub fn to_json(inventory: &Inventory, as_of: Date) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and serde_json output is UTF-8.
    let _ = write_json(&mut out, inventory.rows.iter().map(|r| plan_row(r, as_of)));
    String::from_utf8(out).unwrap_or_default()
}

/// Untrusted text inside Markdown: one line, punctuation that Markdown or HTML would act on
/// escaped with a backslash.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.push(' ');
            continue;
        }
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '!'
                | '&'
                | '~'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The start of the fleet report: its title and the summary tables.
pub fn markdown_head(summary: &Summary) -> String {
    let mut out = String::from("# Fleet upgrade plan\n\n");
    summary_tables(summary, &mut out);
    out
}

/// One server's section of the fleet report.
pub fn markdown_server(r: &RowResult) -> String {
    let mut out = String::new();
    server_section(r, &mut out);
    out
}

fn summary_tables(summary: &Summary, out: &mut String) {
    out.push_str(&format!(
        "{} machines: {} planned, {} with errors.\n\n",
        summary.rows, summary.planned, summary.errors
    ));
    out.push_str("| verdict | machines |\n|---|---:|\n");
    for v in Verdict::ALL {
        let n = summary.by_verdict.get(v.id()).copied().unwrap_or(0);
        out.push_str(&format!("| {} | {n} |\n", v.label()));
    }
    out.push_str(&format!("| Input errors | {} |\n\n", summary.errors));
    out.push_str("| decision | machines |\n|---|---:|\n");
    for d in crate::core::decision::Decision::ALL {
        let n = summary.by_decision.get(d.id()).copied().unwrap_or(0);
        out.push_str(&format!("| {} | {n} |\n", d.label()));
    }
    out.push('\n');
    if !summary.by_hardware.is_empty() {
        out.push_str("| hardware | machines |\n|---|---:|\n");
        for h in Outcome::ALL {
            let n = summary.by_hardware.get(h.id()).copied().unwrap_or(0);
            out.push_str(&format!("| {} | {n} |\n", h.label()));
        }
        out.push('\n');
    }
    if !summary.by_prerequisite.is_empty() {
        let mut rows: Vec<(&String, &usize)> = summary.by_prerequisite.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        out.push_str("| prerequisite | machines |\n|---|---:|\n");
        for (code, n) in rows {
            out.push_str(&format!("| `{code}` | {n} |\n"));
        }
        out.push('\n');
    }
    if !summary.by_blocker.is_empty() {
        let mut blockers: Vec<(&String, &usize)> = summary.by_blocker.iter().collect();
        blockers.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        out.push_str("| blocker | machines |\n|---|---:|\n");
        for (code, n) in blockers {
            out.push_str(&format!("| `{code}` | {n} |\n"));
        }
        out.push('\n');
    }
}

fn server_section(r: &RowResult, out: &mut String) {
    out.push_str(&format!("## {} (line {})\n\n", md(&r.name), r.line));
    if let Some(e) = &r.error {
        out.push_str(&format!("**Input error:** {}\n\n", md(e)));
        return;
    }
    let Some(plan) = &r.plan else {
        return;
    };
    let label = |o: Option<Os>| o.map(Os::label).unwrap_or("");
    out.push_str(&format!(
        "**Decision:** {}: {}\n\n",
        r.decision.label(),
        md(&r.reason)
    ));
    if let Some(b) = &r.first_blocker {
        out.push_str(&format!(
            "**First blocker:** `{}`: {}\n\n",
            b.code,
            md(&b.message)
        ));
    }
    if let Some(p) = &r.first_prerequisite {
        out.push_str(&format!(
            "**First prerequisite:** `{}`: {}\n\n",
            p.code,
            md(&p.message)
        ));
    }
    let title = format!("{} → {}", label(r.current), label(r.target));
    for l in plan.runbook_markdown(&title).lines() {
        if l.starts_with('#') {
            out.push('#');
        }
        out.push_str(l);
        out.push('\n');
    }
    out.push('\n');
}

/// The fleet report: the summary tables, then one section per server with its verdict, route
/// and runbook (`Plan::runbook_markdown`, headings moved one level down).
pub fn to_markdown<R: std::borrow::Borrow<RowResult>>(
    results: impl IntoIterator<Item = R>,
    summary: &Summary,
) -> String {
    let mut out = markdown_head(summary);
    for r in results {
        server_section(r.borrow(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_and_cells() {
        use super::super::find_delimiter;
        assert_eq!(find_delimiter("a;b;c"), b';');
        assert_eq!(find_delimiter("\"a,x\";b;c"), b';');
        assert_eq!(find_delimiter("a\tb"), b'\t');
        assert_eq!(find_delimiter("name"), b',');
        let r = RowResult::new("=HYPERLINK(\"x\")", 2);
        assert!(csv_line(&r).starts_with("\"'=HYPERLINK(\"\"x\"\")\","));
        assert_eq!(md("<script>"), "\\<script\\>");
        // Control characters never reach a CSV cell (an ANSI escape would drive the terminal).
        let r = RowResult::new("a\u{1b}[31mred\nb", 2);
        assert!(csv_line(&r).starts_with("a [31mred b,"), "{}", csv_line(&r));
    }
}
