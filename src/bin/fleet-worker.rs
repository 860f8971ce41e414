//! The Fleet view's engine, built by Trunk as a separate wasm that runs in a Web Worker
//! (index.html: `data-type="worker"`), so the page stays responsive while thousands of rows are
//! planned and the planner's own bundle stays small. It holds one fleet session and answers the
//! page's requests with `core::fleet::handle` (the typed protocol of `core::fleet::protocol`);
//! the message plumbing is the small script `scripts/postbuild/fleet.mjs` wraps around this module.

use std::cell::RefCell;
use upgrade_planner::core::fleet::{handle as handle_request, next_chunk as next, Fleet, Payload};
use upgrade_planner::core::inventory::MAX_INVENTORY_BYTES;
use wasm_bindgen::prelude::*;

thread_local! {
    static FLEET: RefCell<Option<Fleet>> = const { RefCell::new(None) };
}

const BUSY: &str = r#"{"error":{"message":"the fleet engine is busy; try again"}}"#;

/// The inventory beside a request: `text`, or `bytes` holding the files one after the other,
/// `sizes` and `names` saying where each ends and what it is called. (Not inlined: both exports
/// share it.)
#[inline(never)]
fn payload<'a>(
    text: &'a Option<String>,
    bytes: &'a Option<Vec<u8>>,
    sizes: &Option<Vec<u32>>,
    names: &'a Option<Vec<String>>,
) -> Payload<'a> {
    match (text, bytes, sizes) {
        (Some(t), _, _) => Payload::Text(t),
        (None, Some(b), Some(sizes)) => {
            let mut files = Vec::with_capacity(sizes.len());
            let mut at = 0usize;
            for (i, &n) in sizes.iter().enumerate() {
                let end = (at + n as usize).min(b.len());
                let name = names
                    .as_ref()
                    .and_then(|v| v.get(i))
                    .map_or("", String::as_str);
                files.push((name, &b[at..end]));
                at = end;
            }
            Payload::Files(files)
        }
        (None, Some(b), None) => Payload::Bytes(b),
        (None, None, _) => Payload::None,
    }
}

/// Answer one request (JSON text, see `core::fleet::protocol`); `text` or `bytes` carry an
/// imported inventory (see [`payload`]). The reply is JSON text.
#[wasm_bindgen]
pub fn handle(
    request: &str,
    text: Option<String>,
    bytes: Option<Vec<u8>>,
    sizes: Option<Vec<u32>>,
    names: Option<Vec<String>>,
) -> String {
    let payload = payload(&text, &bytes, &sizes, &names);
    FLEET.with(|f| match f.try_borrow_mut() {
        Ok(mut state) => handle_request(&mut state, request, payload),
        Err(_) => BUSY.to_string(),
    })
}

/// The earlier inventory of a `compare` request (given as for [`handle`]), read and planned apart
/// from the imported fleet: its compact results for the second stage, or an error reply.
#[wasm_bindgen]
pub fn earlier(
    request: &str,
    text: Option<String>,
    bytes: Option<Vec<u8>>,
    sizes: Option<Vec<u32>>,
    names: Option<Vec<String>>,
) -> String {
    upgrade_planner::core::fleet::protocol::earlier(request, payload(&text, &bytes, &sizes, &names))
}

/// What the second stage (`fleet-extras`: charts, waves) needs of the imported fleet, as JSON;
/// empty when nothing has been imported.
#[wasm_bindgen]
pub fn plan_input() -> String {
    FLEET.with(|f| {
        f.try_borrow()
            .ok()
            .and_then(|state| state.as_ref().map(Fleet::plan_input))
            .unwrap_or_default()
    })
}

/// The next chunk of the export the last `export` request prepared; `undefined` at its end.
#[wasm_bindgen]
pub fn next_chunk() -> Option<String> {
    FLEET.with(|f| {
        f.try_borrow_mut()
            .ok()
            .and_then(|mut state| next(&mut state))
    })
}

/// The most bytes an inventory file may have: the worker reads at most one byte more.
#[wasm_bindgen]
pub fn max_inventory_bytes() -> f64 {
    MAX_INVENTORY_BYTES as f64
}

fn main() {}
