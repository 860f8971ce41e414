//! Matrices for display, generated from the rule tables (never re-typed in the UI). Every cell
//! carries the Scenario it stands for, so activating it can load that scenario.

use super::catalog::{family_versions, version, Family};
use super::editions::{edition_rule, Keeps};
use super::ids::{Channel, Edition, Os};
use super::paths::direct;
use super::r2;
use super::scenario::{Resolved, Scenario};
use super::source::Source;
use super::text::a_an;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatrixKind {
    R2Channel,
    R2Sku,
    ServerVersions,
    ClientEditions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    Yes,
    /// Allowed with a loss (an edition downgrade keeps personal data only).
    Partial,
    No,
    /// Not an upgrade (same or older version, same edition).
    NotApplicable,
}

impl CellState {
    pub const fn class(self) -> &'static str {
        match self {
            CellState::Yes => "yes",
            CellState::Partial => "partial",
            CellState::No => "no",
            CellState::NotApplicable => "na",
        }
    }
    pub const fn words(self) -> &'static str {
        match self {
            CellState::Yes => "supported",
            CellState::Partial => "supported, personal data only",
            CellState::No => "not supported",
            CellState::NotApplicable => "not an upgrade",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub id: &'static str,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub state: CellState,
    /// As in the source table: "Yes", "No", "Data only", "—".
    pub mark: &'static str,
    pub explanation: String,
    pub scenario: Scenario,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    pub kind: MatrixKind,
    /// Used in element ids and test hooks: `cell-{id}-{row}-{col}`.
    pub id: &'static str,
    pub title: String,
    pub row_caption: String,
    pub col_caption: String,
    pub rows: Vec<Axis>,
    pub cols: Vec<Axis>,
    /// `cells[row][col]`.
    pub cells: Vec<Vec<Cell>>,
    pub notes: Vec<String>,
    pub source: Source,
}

impl Matrix {
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.get(row)?.get(col)
    }

    /// The cell that stands for the resolved scenario, if this matrix has one.
    pub fn locate(&self, s: &Resolved) -> Option<(usize, usize)> {
        let (c, t) = (&s.current, &s.target);
        let row = |id: &str| self.rows.iter().position(|a| a.id == id);
        let col = |id: &str| self.cols.iter().position(|a| a.id == id);
        match self.kind {
            MatrixKind::R2Channel | MatrixKind::R2Sku
                if c.os != Os::Server2003 || t.os != Os::Server2003R2 =>
            {
                None
            }
            MatrixKind::R2Channel => Some((row(c.channel.id())?, col(t.media_channel.id())?)),
            MatrixKind::R2Sku => Some((row(c.edition.id())?, col(t.edition.id())?)),
            MatrixKind::ServerVersions => Some((row(c.os.id())?, col(t.os.id())?)),
            MatrixKind::ClientEditions
                if c.os != t.os || !matches!(c.os, Os::Windows10 | Os::Windows11) =>
            {
                None
            }
            MatrixKind::ClientEditions => Some((row(c.edition.id())?, col(t.edition.id())?)),
        }
    }
}

fn yes_no(allowed: bool) -> (CellState, &'static str) {
    if allowed {
        (CellState::Yes, "Yes")
    } else {
        (CellState::No, "No")
    }
}

fn r2_scenario() -> Scenario {
    let mut s = Scenario::new(Os::Server2003, Os::Server2003R2);
    s.current.service_pack = Some(1);
    s
}

/// Windows Server 2003 R2 channel upgrades (seed 002): installed channel × R2 media channel.
pub fn r2_channel_matrix() -> Matrix {
    let axis = |suffix: &str| {
        r2::CHANNELS
            .iter()
            .map(|c| Axis {
                id: c.id(),
                label: format!("{}{suffix}", c.label()),
            })
            .collect::<Vec<_>>()
    };
    let cell = |from: Channel, to: Channel| {
        let (state, mark) = yes_no(r2::channel_upgrade(from, to));
        let mut scenario = r2_scenario();
        scenario.current.channel = Some(from);
        scenario.target.media_channel = Some(to);
        scenario.target.key_channel = Some(to);
        Cell {
            state,
            mark,
            explanation: r2::explain_channel_cell(from, to),
            scenario,
        }
    };
    Matrix {
        kind: MatrixKind::R2Channel,
        id: "channel",
        title: "Windows Server 2003 R2: supported channel upgrades".into(),
        row_caption: "From (installed channel)".into(),
        col_caption: "To R2 (media channel)".into(),
        rows: axis(""),
        cols: axis(" R2"),
        cells: r2::CHANNELS.iter().map(|&f| r2::CHANNELS.iter().map(|&t| cell(f, t)).collect()).collect(),
        notes: vec![
            "The column headings list the R2 channels you can upgrade to; the first column lists the channels you upgrade from.".into(),
            "CD2 is not locked to a channel, but product keys are unique per channel and cannot be interchanged.".into(),
        ],
        source: Source::R2Upgrade,
    }
}

/// Windows Server 2003 R2 SKU upgrades (seed 002): installed SKU × R2 SKU.
pub fn r2_sku_matrix() -> Matrix {
    let axis = |suffix: &str| {
        r2::SKUS
            .iter()
            .map(|e| Axis {
                id: e.id(),
                label: format!("{}{suffix}", e.label()),
            })
            .collect::<Vec<_>>()
    };
    let cell = |from: Edition, to: Edition| {
        let (state, mark) = yes_no(r2::sku_upgrade(from, to) == Some(true));
        let mut scenario = r2_scenario();
        scenario.current.edition = Some(from);
        scenario.target.edition = Some(to);
        Cell {
            state,
            mark,
            explanation: r2::explain_sku_cell(from, to),
            scenario,
        }
    };
    Matrix {
        kind: MatrixKind::R2Sku,
        id: "sku",
        title: "Windows Server 2003 R2: supported SKU upgrades".into(),
        row_caption: "From (installed SKU)".into(),
        col_caption: "To R2 (SKU)".into(),
        rows: axis(""),
        cols: axis(" R2"),
        cells: r2::SKUS.iter().map(|&f| r2::SKUS.iter().map(|&t| cell(f, t)).collect()).collect(),
        notes: vec![
            "The column headings list the R2 SKUs you upgrade to; the first column lists the SKUs you upgrade from.".into(),
            r2::WEB_EDITION_NOTE.into(),
        ],
        source: Source::R2Upgrade,
    }
}

fn short(os: Os) -> String {
    os.label()
        .trim_start_matches("Windows Server ")
        .trim_start_matches("Windows ")
        .to_string()
}

/// Windows Server direct in-place upgrades, version × version (facts §1.1, §1.2, §1.5; seed 002).
pub fn server_version_matrix() -> Matrix {
    let versions: Vec<Os> = family_versions(Family::Server)
        .iter()
        .map(|v| v.os)
        .filter(|&o| version(o).rank >= version(Os::Server2003).rank)
        .collect();
    let axis = versions
        .iter()
        .map(|&o| Axis {
            id: o.id(),
            label: short(o),
        })
        .collect::<Vec<_>>();
    let cell = |from: Os, to: Os| {
        let mut scenario = Scenario::new(from, to);
        if from == Os::Server2003 && to == Os::Server2003R2 {
            scenario.current.service_pack = Some(1);
        }
        // The cell stands for a machine that can take the hop: x64 where the target is 64-bit only.
        let (fv, tv) = (version(from), version(to));
        if !tv.has_arch(fv.default_arch()) && fv.has_arch(super::ids::Arch::X64) {
            scenario.current.architecture = Some(super::ids::Arch::X64);
        }
        if version(to).rank <= version(from).rank {
            let explanation = if from == to {
                format!(
                    "{} to itself is not an upgrade (Setup on the same version repairs it).",
                    from.label()
                )
            } else {
                format!(
                    "{} is older than {}: in-place upgrades only go forward.",
                    to.label(),
                    from.label()
                )
            };
            return Cell {
                state: CellState::NotApplicable,
                mark: "—",
                explanation,
                scenario,
            };
        }
        match direct(from, to) {
            Some(hop) => {
                let sp = if hop.min_sp > 0 { format!(" {} needs Service Pack {} first.", from.label(), hop.min_sp) } else { String::new() };
                let sure = match hop.confidence {
                    super::plan::Confidence::Confirmed => "",
                    super::plan::Confidence::Secondary => " (secondary source)",
                    super::plan::Confidence::Unconfirmed => " (unconfirmed)",
                };
                Cell {
                    state: CellState::Yes,
                    mark: "Yes",
                    explanation: format!("Supported{sure}: {} can be upgraded in place directly to {}.{sp} Source: {}.", from.label(), to.label(), hop.source.cite()),
                    scenario,
                }
            }
            None => Cell {
                state: CellState::No,
                mark: "No",
                explanation: format!("No direct in-place upgrade from {} to {}; select the cell to see the shortest supported route, if there is one.", from.label(), to.label()),
                scenario,
            },
        }
    };
    Matrix {
        kind: MatrixKind::ServerVersions,
        id: "server",
        title: "Windows Server: direct in-place upgrades".into(),
        row_caption: "From".into(),
        col_caption: "To".into(),
        rows: axis.clone(),
        cols: axis,
        cells: versions.iter().map(|&f| versions.iter().map(|&t| cell(f, t)).collect()).collect(),
        notes: vec![
            "Up to Windows Server 2022 a server jumps at most two versions; into Windows Server 2025 up to four. A cluster moves one version per hop (Cluster OS Rolling Upgrade) from 2012 R2 on.".into(),
            "Rows are the installed version, columns the target; \"No\" is not direct, but a multi-hop route may exist.".into(),
        ],
        source: Source::UpgradeOverview,
    }
}

/// Windows 10/11 edition changes within a version (facts §3.1).
pub fn client_edition_matrix() -> Matrix {
    let rows = [
        Edition::Home,
        Edition::Pro,
        Edition::ProEducation,
        Edition::Education,
        Edition::Enterprise,
        Edition::EnterpriseLtsc,
    ];
    let cols = [
        Edition::Home,
        Edition::Pro,
        Edition::ProEducation,
        Edition::Education,
        Edition::Enterprise,
    ];
    let axis = |list: &[Edition]| {
        list.iter()
            .map(|e| Axis {
                id: e.id(),
                label: e.label().to_string(),
            })
            .collect::<Vec<_>>()
    };
    let cell = |from: Edition, to: Edition| {
        let mut scenario = Scenario::new(Os::Windows10, Os::Windows10);
        scenario.current.edition = Some(from);
        scenario.target.edition = Some(to);
        let rule = edition_rule(Os::Windows10, from, Os::Windows10);
        let (state, mark, what) = match (from == to, rule.allows(to)) {
            (true, _) => (CellState::NotApplicable, "—", "is the same edition: nothing to change".to_string()),
            (false, Some(Keeps::Everything)) => (CellState::Yes, "Yes", "keeps personal data, applications and settings".to_string()),
            (false, Some(Keeps::DataOnly)) => (CellState::Partial, "Data only", "is an edition downgrade: personal data is kept, applications and settings are removed".to_string()),
            (false, None) => (CellState::No, "No", "is not supported in place".to_string()),
        };
        let explanation = format!(
            "{} → {} on Windows 10 or 11 {what}. Source: {}.",
            from.label(),
            to.label(),
            rule.source.cite()
        );
        Cell {
            state,
            mark,
            explanation,
            scenario,
        }
    };
    Matrix {
        kind: MatrixKind::ClientEditions,
        id: "client",
        title: "Windows 10 / 11: edition changes".into(),
        row_caption: "From".into(),
        col_caption: "To".into(),
        rows: axis(&rows),
        cols: axis(&cols),
        cells: rows.iter().map(|&f| cols.iter().map(|&t| cell(f, t)).collect()).collect(),
        notes: vec![
            "Any supported General Availability release upgrades directly to any newer one, keeping its edition.".into(),
            format!("LTSC → GA needs setup.exe /pkey with a GA key; GA → LTSC is not possible in place. Get the new edition's key or licence before {} change.", a_an("edition")),
        ],
        source: Source::ClientPaths,
    }
}

/// Every matrix of the page, in display order.
pub fn all() -> Vec<Matrix> {
    vec![
        r2_channel_matrix(),
        r2_sku_matrix(),
        server_version_matrix(),
        client_edition_matrix(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::evaluate;
    use crate::core::plan::Verdict;

    #[test]
    fn cells_agree_with_the_evaluation_of_their_scenario() {
        for m in all() {
            for (r, row) in m.cells.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let resolved = cell.scenario.resolve().unwrap();
                    assert_eq!(m.locate(&resolved), Some((r, c)), "{} {r} {c}", m.id);
                    let plan = evaluate(&cell.scenario).unwrap();
                    match (m.kind, cell.state) {
                        (MatrixKind::ServerVersions, CellState::Yes) => {
                            assert_eq!(plan.route.len(), 2, "{} {r} {c}", m.id)
                        }
                        (MatrixKind::R2Sku | MatrixKind::ClientEditions, CellState::No) => {
                            assert_eq!(plan.verdict, Verdict::NotSupported, "{} {r} {c}", m.id)
                        }
                        (
                            MatrixKind::R2Sku | MatrixKind::ClientEditions,
                            CellState::Yes | CellState::Partial,
                        ) => {
                            assert_ne!(plan.verdict, Verdict::NotSupported, "{} {r} {c}", m.id)
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}
