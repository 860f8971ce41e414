//! Progress since an earlier inventory: choose the earlier file (or use the inventory remembered
//! in this browser) and see which machines were upgraded, are still to do, are new or gone, and
//! whose verdict changed, with the CSV export. Remembering is opt-in: the switch stores the fleet
//! on screen in this browser's local storage (an effect at the edge); "Forget it" removes it.
//! The second stage compares (`core::progress`), exactly as `upgrade-plan --compare` does.

use super::client::Input;
use super::Fleet;
use crate::core::fleet::ExportFormat;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const KEY: &str = "upgrade-planner-fleet-remembered";
const LABEL_KEY: &str = "upgrade-planner-fleet-remembered-label";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The label of the inventory remembered in this browser, if one is.
pub fn stored_label() -> Option<String> {
    let s = storage()?;
    s.get_item(KEY).ok().flatten()?;
    Some(
        s.get_item(LABEL_KEY)
            .ok()
            .flatten()
            .unwrap_or_else(|| "an inventory".into()),
    )
}

/// Keep an inventory (the second stage's `remember` answer) in this browser, or say why not.
pub fn store(snapshot: &str, label: &str) -> Result<(), String> {
    let s = storage().ok_or(
        "this browser does not allow this page to keep anything (local storage is off): nothing was remembered",
    )?;
    let refused = |_| {
        format!(
            "this browser refused to keep the inventory ({} KiB; its local storage is full or limited): nothing was remembered",
            snapshot.len().div_ceil(1024)
        )
    };
    // The label goes last: a snapshot without it still reads; a label without it is never left.
    s.remove_item(LABEL_KEY).ok();
    s.set_item(KEY, snapshot).map_err(refused)?;
    s.set_item(LABEL_KEY, label).map_err(|e| {
        s.remove_item(KEY).ok();
        refused(e)
    })
}

fn forget() {
    if let Some(s) = storage() {
        s.remove_item(KEY).ok();
        s.remove_item(LABEL_KEY).ok();
    }
}

#[component]
pub fn ProgressPanel(fleet: Fleet) -> impl IntoView {
    let on_file = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let file = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|l| l.get(0));
        if let Some(file) = file {
            if file.size() > crate::core::inventory::MAX_INVENTORY_BYTES as f64 {
                fleet.progress_error.set(Some(format!(
                    "the earlier inventory: {}",
                    crate::core::inventory::too_large(&file.name(), file.size() as u64)
                )));
            } else {
                fleet.compare(Input::Files(vec![file]));
            }
        }
        // Choosing the same file again must fire `change` again.
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let with_remembered = move |_| match storage().and_then(|s| s.get_item(KEY).ok().flatten()) {
        Some(text) => fleet.compare(Input::Text(text)),
        None => {
            fleet.remembered.set(None);
            fleet.progress_error.set(Some(
                "no inventory is remembered in this browser any more (it was forgotten in another tab?)".into(),
            ));
        }
    };
    let forget_it = move || {
        forget();
        fleet.remembering.set(false);
        fleet.remembered.set(None);
        fleet
            .status
            .set("Forgotten: this browser keeps no inventory.".into());
    };
    let on_switch = move |ev: web_sys::Event| {
        if event_target_checked(&ev) {
            fleet.remember();
        } else {
            forget_it();
        }
    };
    move || {
        fleet.imported.get()?;
        Some(view! {
            <section class="fleet-progress" aria-labelledby="progress-title" data-testid="fleet-progress">
                <h3 id="progress-title">"Progress since an earlier inventory"</h3>
                <p class="hint">
                    "Compare this inventory with an earlier one of the same fleet: the machines upgraded, still to do, new and gone, and the verdicts that changed, matched by machine name. The earlier one is read with the same target and columns, on this device."
                </p>
                <div class="progress-actions">
                    <label class="file-button">
                        "Choose the earlier inventory…"
                        <input type="file" accept=".csv,.txt,.json,text/csv,application/json" data-testid="progress-file"
                            on:change=on_file/>
                    </label>
                    {move || fleet.remembered.get().filter(|_| !fleet.remembering.get()).map(|label| view! {
                        <span class="remembered" data-testid="progress-remembered">
                            "Remembered in this browser: " {label} " "
                            <button type="button" data-testid="progress-compare-remembered" disabled=move || fleet.busy.get()
                                on:click=with_remembered>"Compare with it"</button>
                            " "
                            <button type="button" data-testid="progress-forget" on:click=move |_| forget_it()>"Forget it"</button>
                        </span>
                    })}
                </div>
                <label class="switch">
                    <input type="checkbox" data-testid="progress-remember" prop:checked=move || fleet.remembering.get()
                        on:change=on_switch/>
                    " Remember this inventory in this browser, to compare with next time"
                </label>
                <p class="hint">
                    "Off unless you switch it on. It keeps each machine's name, version, verdict and decision in this browser's local storage on this device (never sent anywhere), replacing any inventory remembered before; switching it off, or \"Forget it\", removes it."
                </p>
                {move || fleet.progress_error.get().map(|e| view! { <p class="fleet-error" role="alert" data-testid="progress-error">{e}</p> })}
                <ProgressResult fleet=fleet/>
            </section>
        })
    }
}

#[component]
fn ProgressResult(fleet: Fleet) -> impl IntoView {
    move || {
        let data = fleet.progress.get()?;
        Some(view! {
            <div class="progress-result" data-testid="progress-result">
                <div class="fleet-exports no-print">
                    <button type="button" data-testid="progress-export-csv" disabled=move || fleet.busy.get()
                        on:click=move |_| fleet.export(ExportFormat::ProgressCsv, "upgrade-progress.csv", "text/csv")>"Progress as CSV"</button>
                </div>
                <div inner_html=data></div>
            </div>
        })
    }
}
