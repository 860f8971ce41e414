//! What an inventory may hold, and the refusals that say so.

use crate::core::scenario::printable;

/// Largest inventory text accepted (bytes): 10 MiB.
pub const MAX_INVENTORY_BYTES: usize = 10 * 1024 * 1024;
/// Most rows (servers) accepted in one inventory.
pub const MAX_ROWS: usize = 100_000;
/// Most columns accepted in the header or in a row.
pub const MAX_COLUMNS: usize = 200;
/// Longest field (cell) accepted (bytes): 4 KiB.
pub const MAX_FIELD_BYTES: usize = 4 * 1024;

/// The refusal of an inventory over [`MAX_INVENTORY_BYTES`]: `subject` (a file's name) and its size.
pub fn too_large(subject: &str, bytes: u64) -> String {
    format!(
        "{} has {bytes} bytes, more than 10 MiB ({MAX_INVENTORY_BYTES} bytes), the most an inventory may have: split it",
        printable(subject)
    )
}

pub fn too_many_rows() -> String {
    format!(
        "the inventory has more than {MAX_ROWS} rows; at most {MAX_ROWS} are accepted: split it into smaller files"
    )
}
