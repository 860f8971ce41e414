//! The Fleet view's engine, built by Trunk as a separate wasm that runs in a Web Worker
//! (index.html: `data-type="worker"`), so the page stays responsive while thousands of rows are
//! planned and the planner's own bundle stays small. It holds one fleet session and answers the
//! page's requests with `core::fleet::handle`; the message plumbing is the small script that
//! `scripts/postbuild.mjs` wraps around this module.

use std::cell::RefCell;
use upgrade_planner::core::fleet::{handle as handle_request, Fleet, Payload};
use wasm_bindgen::prelude::*;

thread_local! {
    static FLEET: RefCell<Option<Fleet>> = const { RefCell::new(None) };
}

/// Answer one request (JSON text, see `core::fleet`); `text` or `bytes` carry an imported inventory.
#[wasm_bindgen]
pub fn handle(request: &str, text: Option<String>, bytes: Option<Vec<u8>>) -> String {
    let payload = match (&text, &bytes) {
        (Some(t), _) => Payload::Text(t),
        (None, Some(b)) => Payload::Bytes(b),
        (None, None) => Payload::None,
    };
    FLEET.with(|f| match f.try_borrow_mut() {
        Ok(mut state) => handle_request(&mut state, request, payload),
        Err(_) => r#"{"kind":"error","message":"the fleet engine is busy; try again"}"#.to_string(),
    })
}

fn main() {}
