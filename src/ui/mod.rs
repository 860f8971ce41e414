//! The Leptos front end. Components live in their own files; `App` composes them.

mod app;
mod explanation;
mod matrix;
mod sources;

pub use app::App;
pub use explanation::{CellSelection, Explanation};
pub use matrix::MatrixTable;
pub use sources::Sources;
