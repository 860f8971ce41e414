//! Matrices for display, generated from the rule tables (never re-typed in the UI).

use super::r2;
use super::source::Source;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub id: &'static str,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub allowed: bool,
    /// "Yes" or "No", as in the source table.
    pub mark: &'static str,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    /// Used in element ids and test hooks: `cell-{id}-{row}-{col}`.
    pub id: &'static str,
    pub title: String,
    /// What the rows are ("from"), and the columns ("to").
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
}

fn mark(allowed: bool) -> &'static str {
    if allowed {
        "Yes"
    } else {
        "No"
    }
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
    Matrix {
        id: "channel",
        title: "Windows Server 2003 R2: supported channel upgrades".into(),
        row_caption: "From (installed channel)".into(),
        col_caption: "To R2 (media channel)".into(),
        rows: axis(""),
        cols: axis(" R2"),
        cells: r2::CHANNELS
            .iter()
            .map(|&from| {
                r2::CHANNELS
                    .iter()
                    .map(|&to| {
                        let allowed = r2::channel_upgrade(from, to);
                        Cell { allowed, mark: mark(allowed), explanation: r2::explain_channel_cell(from, to) }
                    })
                    .collect()
            })
            .collect(),
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
    Matrix {
        id: "sku",
        title: "Windows Server 2003 R2: supported SKU upgrades".into(),
        row_caption: "From (installed SKU)".into(),
        col_caption: "To R2 (SKU)".into(),
        rows: axis(""),
        cols: axis(" R2"),
        cells: r2::SKUS
            .iter()
            .map(|&from| {
                r2::SKUS
                    .iter()
                    .map(|&to| {
                        let allowed = r2::sku_upgrade(from, to) == Some(true);
                        Cell { allowed, mark: mark(allowed), explanation: r2::explain_sku_cell(from, to) }
                    })
                    .collect()
            })
            .collect(),
        notes: vec![
            "The column headings list the R2 SKUs you upgrade to; the first column lists the SKUs you upgrade from.".into(),
            r2::WEB_EDITION_NOTE.into(),
        ],
        source: Source::R2Upgrade,
    }
}
