//! Getting an inventory in: paste, choose or drop a file, pick the target, map unknown columns.

use super::client::Input;
use super::Fleet;
use crate::core::Os;
use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A small native-form inventory, to see what the view does before using real data.
const EXAMPLE: &str =
    "name,current.os,current.edition,current.service_pack,current.cluster_node,target.os
dc01,windows-server-2016,standard,,,
file01,windows-server-2012-r2,datacenter,,,
sql-node1,windows-server-2012,standard,,true,
legacy01,windows-server-2003,enterprise,1,,windows-server-2003-r2
app07,windows-server-2008,standard,2,,
typo01,windows-server-2099,standard,,,
";

fn all_files(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files.map_or_else(Vec::new, |l| {
        (0..l.length()).filter_map(|i| l.get(i)).collect()
    })
}

#[component]
pub fn ImportPanel(fleet: Fleet) -> impl IntoView {
    let text = NodeRef::<Textarea>::new();
    let dragging = RwSignal::new(false);
    // Plan the box's text; a new inventory (not a re-plan) starts with fresh detection and filters.
    let plan_text = move |new: bool| {
        if let Some(t) = text.get_untracked() {
            if new {
                fleet.new_input();
            }
            fleet.import(Input::Text(t.value()));
        }
    };
    let use_files = move |files: Vec<web_sys::File>| {
        if !files.is_empty() {
            fleet.new_input();
            fleet.import(Input::Files(files));
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        use_files(all_files(ev.data_transfer().and_then(|d| d.files())));
    };
    let on_choose = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        use_files(all_files(input.as_ref().and_then(|i| i.files())));
        // Choosing the same file again must fire `change` again.
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let replan = move || {
        if fleet.source.get_untracked().is_some() {
            fleet.import(Input::None);
        } else if fleet.imported.get_untracked().is_some() {
            plan_text(false);
        }
    };
    view! {
        <div class="fleet-import">
            <div class=move || if dragging.get() { "dropzone dragging" } else { "dropzone" }
                data-testid="fleet-dropzone"
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="fleet-input">"Paste an inventory (CSV or a JSON array of Scenarios), or drop files here"</label>
                <textarea id="fleet-input" data-testid="fleet-input" node_ref=text rows="8" spellcheck="false"
                    placeholder="name,current.os,current.edition,target.os\ndc01,windows-server-2016,standard,windows-server-2025"></textarea>
                <div class="fleet-import-actions">
                    <label class="file-button">
                        "Choose files…"
                        <input type="file" multiple accept=".csv,.txt,.json,text/csv,application/json" data-testid="fleet-file" on:change=on_choose/>
                    </label>
                    <button type="button" data-testid="fleet-example"
                        on:click=move |_| if let Some(t) = text.get_untracked() { t.set_value(EXAMPLE); plan_text(true); }>
                        "Load an example"
                    </button>
                    {move || fleet.source.get().map(|n| view! { <span class="file-name" data-testid="fleet-file-name">"Files: " {n}</span> })}
                </div>
                <p class="hint">
                    "Accepted: the native CSV form (a " <code>"name"</code> " column and one column per Scenario field, e.g. "
                    <code>"current.os"</code> "), PowerShell " <code>"Get-ComputerInfo"</code> " / "
                    <code>"Win32_OperatingSystem"</code> " exports and ConfigMgr hardware-inventory exports; "
                    "UTF-8, UTF-16 or Windows-1252; up to 10 MiB and 100 000 rows. "
                    "Readiness exports chosen with it (Get-Tpm, Win32_Processor, HardwareReadiness.ps1, ConfigMgr, Intune, WhyNotWin11…) are joined by machine name."
                </p>
            </div>
            <CollectionScript fleet=fleet/>
            <div class="fleet-target field">
                <label for="fleet-target">"Target for rows without their own " <code>"target.os"</code></label>
                <select id="fleet-target" data-testid="fleet-target"
                    on:change=move |ev| { fleet.target.set(event_target_value(&ev)); replan(); }>
                    <option value="" prop:selected=move || fleet.target.get().is_empty()>"None: every row gives its target"</option>
                    {Os::ALL.iter().map(|os| {
                        let id = os.id();
                        view! { <option value=id prop:selected=move || fleet.target.get() == id>{os.label()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="button" class="primary" data-testid="fleet-plan" on:click=move |_| plan_text(true)
                disabled=move || fleet.busy.get()>
                "Plan the pasted inventory"
            </button>
            <MappingStep fleet=fleet replan=Callback::new(move |_: ()| replan())/>
        </div>
    }
}

/// The PowerShell script that collects one machine's facts into a CSV this view reads as it is
/// (`docs/collect-hardware.ps1`), to read and copy. Its text comes from the engine's second stage
/// when the section is first opened, so it costs the view's first load nothing.
#[component]
fn CollectionScript(fleet: Fleet) -> impl IntoView {
    let copied = RwSignal::new(false);
    view! {
        <details class="collect" data-testid="collect-script"
            on:toggle=move |_| fleet.load_collect_script()>
            <summary>"Collect the hardware facts with PowerShell (TPM, firmware, Secure Boot, disk, memory, processor, VM)"</summary>
            <p class="hint">
                "Run it as administrator on each PC or server (or through " <code>"Invoke-Command"</code>
                "): it appends one row to a CSV file that you then choose here. It only reads; nothing is sent anywhere."
            </p>
            <button type="button" data-testid="collect-copy"
                on:click=move |_| if let Some(s) = fleet.collect_script.get_untracked() {
                    crate::ui::runbook::copy_to_clipboard(&s);
                    copied.set(true);
                }>
                "Copy the script"
            </button>
            {move || copied.get().then(|| view! { <span role="status">" Copied."</span> })}
            <pre class="script" data-testid="collect-text"><code>{move || fleet.collect_script.get().unwrap_or_else(|| "Loading the script…".into())}</code></pre>
        </details>
    }
}

/// Shown when headers were not recognised: map each column to a field, then plan again.
#[component]
fn MappingStep(fleet: Fleet, replan: Callback<()>) -> impl IntoView {
    move || {
        let imported = fleet.imported.get()?;
        imported.mapping.as_ref()?;
        let fields = imported.fields.clone();
        // Untracked: choosing a field must not rebuild the selects (focus stays where it is).
        let columns = fleet.mapping.get_untracked();
        Some(view! {
            <fieldset class="fleet-mapping" data-testid="fleet-mapping">
                <legend>"Map the columns"</legend>
                <p class="hint">"Some headers were not recognised, or no column gives the current Windows version. Say what each column holds, then plan again."</p>
                {columns.into_iter().enumerate().map(|(i, (header, field))| {
                    let id = format!("fleet-map-{i}");
                    let options = fields.clone();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{header.clone()}</label>
                            <select id=id data-testid="fleet-map" data-header=header.clone()
                                on:change=move |ev| {
                                    let value = event_target_value(&ev);
                                    fleet.mapping.update(|m| if let Some(c) = m.get_mut(i) { c.1 = value; });
                                }>
                                <option value="" prop:selected=field.is_empty()>"(ignore this column)"</option>
                                {options.into_iter().map(|(f, what)| {
                                    let selected = f == field;
                                    view! { <option value=f.clone() title=what prop:selected=selected>{f.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
                <button type="button" data-testid="fleet-apply-mapping" on:click=move |_| replan.run(())>"Plan with this mapping"</button>
            </fieldset>
        })
    }
}
