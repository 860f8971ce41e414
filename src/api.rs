//! The JavaScript API (same evaluation as the page and the command), exported with wasm-bindgen.
//! Trunk exposes it as `window.wasmBindings`; see docs/embedding.md.

use crate::core::scenario::InputError;
use crate::core::{evaluate as evaluate_scenario, parse_scenario};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// Evaluate a Scenario given as a JS object or a JSON string; returns the Plan as a plain object.
/// Bad input throws an `Error` whose message names the field and what is accepted.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(scenario: JsValue) -> Result<JsValue, JsError> {
    // Objects go through JSON so that one parser (with its field paths and size limit) serves all inputs.
    let text = match scenario.as_string() {
        Some(text) => text,
        None if scenario.is_undefined() || scenario.is_null() => {
            return Err(JsError::new(&InputError::new("", "no scenario given; accepted: an object or JSON string with `current.os` and `target.os`").to_string()))
        }
        None => stringify(&scenario)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("the scenario cannot be converted to JSON; accepted: a plain object"))?,
    };
    let plan = parse_scenario(&text)
        .and_then(|s| evaluate_scenario(&s))
        .map_err(|e| JsError::new(&e.to_string()))?;
    plan.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot return the plan: {e}")))
}
