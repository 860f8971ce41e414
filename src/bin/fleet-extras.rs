//! The Fleet view's second stage (`core::fleet::extras`): the pictures, the upgrade waves and the
//! comparison with an earlier inventory,
//! built by Trunk as its own wasm and loaded by the engine's Web Worker only after the first
//! import, so the Fleet view's first load stays within its budget. The worker script
//! (`scripts/postbuild/fleet.mjs`) hands it the engine's `plan_input()`.

use std::cell::RefCell;
use upgrade_planner::core::fleet::extras::{self, Extras};
use wasm_bindgen::prelude::*;

thread_local! {
    static STATE: RefCell<Option<Extras>> = const { RefCell::new(None) };
}

const BUSY: &str = r#"{"error":{"message":"the fleet engine is busy; try again"}}"#;

/// The pictures for the engine's input (JSON of `PlanInput`), as HTML; empty when it cannot be read.
#[wasm_bindgen]
pub fn charts(input: &str) -> String {
    Extras::load(input)
        .map(|x| x.charts_html())
        .unwrap_or_default()
}

/// Answer a `waves`, `compare` or `remember` request (with the engine's input and, to compare,
/// the earlier inventory) or an `export` of the waves or the comparison; JSON reply.
#[wasm_bindgen]
pub fn handle(request: &str, input: Option<String>, earlier: Option<String>) -> String {
    STATE.with(|s| match s.try_borrow_mut() {
        Ok(mut state) => extras::handle(&mut state, request, input.as_deref(), earlier.as_deref()),
        Err(_) => BUSY.to_string(),
    })
}

/// The fleet as an `.xlsx` workbook, from the engine's CSV export (and the waves, if planned).
#[wasm_bindgen]
pub fn workbook(machines_csv: &str) -> Vec<u8> {
    STATE.with(|s| match s.try_borrow() {
        Ok(state) => extras::workbook(&state, machines_csv),
        Err(_) => Vec::new(),
    })
}

/// The export the last `export` request prepared; `undefined` once it was handed out.
#[wasm_bindgen]
pub fn next_chunk() -> Option<String> {
    STATE.with(|s| {
        s.try_borrow_mut()
            .ok()
            .and_then(|mut state| extras::next_chunk(&mut state))
    })
}

fn main() {}
