//! The Fleet view (`#fleet`): import an inventory, plan every server, filter, sort, page, open a
//! row in the planner, export. The rows are read and planned by the fleet engine in a Web Worker
//! (`client`); this side keeps only the summary and the page of rows on screen.

mod charts;
mod client;
mod import;
mod progress;
mod results;
mod waves;

use crate::core::fleet::{ExportFormat, Reply as EngineReply, Request};
use crate::core::inventory::{too_large, InventoryOptions, MAX_INVENTORY_BYTES};
use client::{Input, Reply};
use leptos::prelude::*;

pub use crate::core::fleet::{Page as PageData, Query, ViewRow as RowData};

/// The waves as the engine listed them.
#[derive(Clone, Default, PartialEq)]
pub struct WavesData {
    /// The waves as the engine listed them (HTML).
    pub html: String,
    pub total_waves: usize,
    pub scheduled: usize,
    pub unscheduled: usize,
}

/// What an import found: the form, the counts and, when headers were not recognised, the
/// column-mapping proposal with the fields a column can be mapped to.
#[derive(Clone, Default, PartialEq)]
pub struct Imported {
    pub form: String,
    /// How each file was read, when several were joined or readiness exports were read.
    pub files: Vec<crate::core::inventory::FileRead>,
    /// The pictures, as the engine drew them (HTML with inline SVG).
    pub charts_html: String,
    pub total: usize,
    pub planned: usize,
    pub errors: usize,
    /// (verdict id, servers).
    pub by_verdict: Vec<(String, usize)>,
    /// (blocker code, servers, message of its first occurrence), most servers first.
    pub by_blocker: Vec<(String, usize, String)>,
    /// (prerequisite code, machines, message of its first occurrence), most machines first.
    pub by_prerequisite: Vec<(String, usize, String)>,
    /// (hardware outcome id, machines); empty when no target has hardware requirements.
    pub by_hardware: Vec<(String, usize)>,
    /// (decision id, machines).
    pub by_decision: Vec<(String, usize)>,
    /// (header, field id or "") for every column, when the mapping step is needed.
    pub mapping: Option<Vec<(String, String)>>,
    /// (field id, what it holds).
    pub fields: Vec<(String, String)>,
}

/// The Fleet view's state: signals only; the rows themselves stay in the worker.
#[derive(Clone, Copy)]
pub struct Fleet {
    pub imported: RwSignal<Option<Imported>>,
    pub page: RwSignal<Option<PageData>>,
    pub query: RwSignal<Query>,
    /// Target os id for rows without their own `target.os` ("" = none).
    pub target: RwSignal<String>,
    /// Header → field id chosen in the column-mapping step.
    pub mapping: RwSignal<Vec<(String, String)>>,
    pub busy: RwSignal<bool>,
    pub status: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    /// The engine's wasm memory after the last answer (bytes).
    pub memory: RwSignal<u64>,
    /// Time from sending the import to the table on screen (ms).
    pub elapsed: RwSignal<Option<u64>>,
    /// The upgrade waves last planned (`None` until asked for, and after a new import).
    pub waves: RwSignal<Option<WavesData>>,
    /// Why the last waves request was refused, shown beside the waves form.
    pub waves_error: RwSignal<Option<String>>,
    /// The comparison with an earlier inventory, as the engine drew it (HTML: counts, notes, a
    /// table per status); `None` until asked for, and after a new import.
    pub progress: RwSignal<Option<String>>,
    /// Why the last comparison (or remembering) was refused, shown in its section.
    pub progress_error: RwSignal<Option<String>>,
    /// The label of the inventory remembered in this browser, if any.
    pub remembered: RwSignal<Option<String>>,
    /// The inventory on screen is the one remembered (the switch is on).
    pub remembering: RwSignal<bool>,
    /// The hardware collection script once the second stage sent it (or why it could not).
    pub collect_script: RwSignal<Option<String>>,
    /// The chosen files of the results on screen ("name (N KiB), …"); `None` for pasted text.
    pub source: RwSignal<Option<String>>,
    /// The engine's proposal the mapping started from: only the columns that differ (or that it
    /// could not read) are sent, so detected columns keep their detection.
    mapping_base: StoredValue<Vec<(String, String)>>,
    last_import: StoredValue<u32>,
    /// The query sent with the last import: if it changed before the answer, ask again.
    import_query: StoredValue<Query>,
    last_view: StoredValue<u32>,
    last_waves: StoredValue<u32>,
    /// Ids of the last `compare`, `remember` and `collect-script` requests.
    last_compare: StoredValue<u32>,
    last_remember: StoredValue<u32>,
    last_script: StoredValue<u32>,
    next_id: StoredValue<u32>,
    started: StoredValue<f64>,
    files: StoredValue<Option<Vec<web_sys::File>>, LocalStorage>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Default for Fleet {
    fn default() -> Self {
        Fleet::new()
    }
}

impl Fleet {
    pub fn new() -> Fleet {
        Fleet {
            imported: RwSignal::new(None),
            page: RwSignal::new(None),
            query: RwSignal::new(Query::default()),
            target: RwSignal::new(crate::core::Os::Server2025.id().to_string()),
            mapping: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            status: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            memory: RwSignal::new(0),
            elapsed: RwSignal::new(None),
            source: RwSignal::new(None),
            waves: RwSignal::new(None),
            waves_error: RwSignal::new(None),
            progress: RwSignal::new(None),
            progress_error: RwSignal::new(None),
            remembered: RwSignal::new(progress::stored_label()),
            remembering: RwSignal::new(false),
            collect_script: RwSignal::new(None),
            mapping_base: StoredValue::new(Vec::new()),
            last_import: StoredValue::new(0),
            import_query: StoredValue::new(Query::default()),
            last_view: StoredValue::new(0),
            last_waves: StoredValue::new(0),
            last_compare: StoredValue::new(0),
            last_remember: StoredValue::new(0),
            last_script: StoredValue::new(0),
            next_id: StoredValue::new(1),
            started: StoredValue::new(0.0),
            files: StoredValue::new_local(None),
        }
    }

    fn id(&self) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        id
    }

    fn fail(&self, message: String) {
        self.busy.set(false);
        self.status.set(String::new());
        self.error.set(Some(message));
    }

    /// Forget the results on screen (they no longer match what was asked for).
    fn clear_results(&self) {
        self.clear_plans();
        self.imported.set(None);
        self.page.set(None);
        self.source.set(None);
        self.files.set_value(None);
    }

    /// Forget what was made from the fleet on screen: waves and comparison.
    fn clear_plans(&self) {
        self.waves.set(None);
        self.waves_error.set(None);
        self.progress.set(None);
        self.progress_error.set(None);
        self.remembering.set(false);
    }

    /// A new inventory (pasted, example, file): fresh column detection, filters and page.
    pub fn new_input(&self) {
        self.mapping.set(Vec::new());
        self.mapping_base.set_value(Vec::new());
        self.query.set(Query::default());
    }

    fn on_reply(&self, reply: Reply) {
        match reply {
            Reply::Failed(message) => {
                // The engine was restarted: the results it held are gone.
                self.clear_results();
                self.fail(message);
            }
            Reply::File { blob, name } => {
                client::download(&blob, &name);
                self.busy.set(false);
                self.status.set(format!("Exported {name}."));
            }
            Reply::Json { id, text, memory } => self.receive(id, &text, memory as u64),
        }
    }

    /// Apply one answer of the engine (`core::fleet::protocol::Reply`, as JSON) to the view's signals.
    pub fn receive(&self, id: u32, text: &str, memory: u64) {
        self.memory.set(memory);
        // Parsed by the browser, read into the protocol's types by serde-wasm-bindgen: no JSON
        // parser in this view's wasm.
        let reply = js_sys::JSON::parse(text)
            .map_err(|_| "not JSON".to_string())
            .and_then(|v| {
                serde_wasm_bindgen::from_value::<EngineReply>(v).map_err(|e| e.to_string())
            });
        match reply {
            Err(e) => self.fail(format!(
                "the fleet engine sent an answer this view cannot read ({e})"
            )),
            Ok(EngineReply::Error { message }) if id == self.last_waves.get_value() => {
                // A refused waves request: said beside its form; the fleet stays as it is.
                self.busy.set(false);
                self.status.set(String::new());
                self.waves_error.set(Some(message));
            }
            Ok(EngineReply::Error { message })
                if id == self.last_compare.get_value() || id == self.last_remember.get_value() =>
            {
                // A refused comparison: said in its section; the fleet on screen stays.
                self.busy.set(false);
                self.status.set(String::new());
                if id == self.last_remember.get_value() {
                    self.remembering.set(false);
                }
                self.progress_error.set(Some(message));
            }
            Ok(EngineReply::Error { message }) if id == self.last_script.get_value() => {
                self.collect_script.set(Some(message));
            }
            Ok(EngineReply::Error { message }) => {
                // A refused import (a file that cannot be decoded, too large, …) leaves no results
                // behind: the engine dropped them too.
                if id == self.last_import.get_value() {
                    self.clear_results();
                }
                self.fail(message)
            }
            // An older import, overtaken by a newer one.
            Ok(EngineReply::Import { .. }) if id != self.last_import.get_value() => {}
            Ok(EngineReply::Import { error: Some(e), .. }) => {
                self.clear_results();
                self.fail(e);
            }
            Ok(reply @ EngineReply::Import { .. }) => self.imported(reply),
            Ok(EngineReply::View { view }) if id == self.last_view.get_value() => {
                self.page.set(Some(view));
            }
            Ok(EngineReply::Waves {
                html,
                total_waves,
                scheduled,
                unscheduled,
            }) => {
                self.busy.set(false);
                self.status.set(format!(
                    "Planned {scheduled} steps in {total_waves} waves; {unscheduled} machines not scheduled."
                ));
                self.waves_error.set(None);
                self.waves.set(Some(WavesData {
                    html,
                    total_waves,
                    scheduled,
                    unscheduled,
                }));
            }
            Ok(EngineReply::Progress { earlier, html, .. })
                if id == self.last_compare.get_value() =>
            {
                self.busy.set(false);
                self.status.set(format!("Compared with {earlier}."));
                self.progress_error.set(None);
                self.progress.set(Some(html));
            }
            Ok(EngineReply::Remember { snapshot, label })
                if id == self.last_remember.get_value() =>
            {
                self.busy.set(false);
                match progress::store(&snapshot, &label) {
                    Ok(()) => {
                        self.status
                            .set(format!("Remembered {label} in this browser."));
                        self.progress_error.set(None);
                        self.remembered.set(Some(label));
                    }
                    Err(e) => {
                        self.status.set(String::new());
                        self.remembering.set(false);
                        self.progress_error.set(Some(e));
                    }
                }
            }
            Ok(EngineReply::CollectScript { text }) => self.collect_script.set(Some(text)),
            Ok(
                EngineReply::View { .. }
                | EngineReply::Export { .. }
                | EngineReply::Progress { .. }
                | EngineReply::Remember { .. },
            ) => {}
        }
    }

    fn imported(&self, reply: EngineReply) {
        let EngineReply::Import {
            form,
            files,
            charts_html,
            column_mapping,
            fields,
            summary,
            blocker_messages,
            view,
            ..
        } = reply
        else {
            return;
        };
        // Waves and comparisons belong to the fleet they were made for.
        self.clear_plans();
        // (code, machines, message), most machines first.
        let labelled = |counts: &std::collections::BTreeMap<String, usize>| {
            let mut v: Vec<(String, usize, String)> = counts
                .iter()
                .map(|(code, n)| {
                    let message = blocker_messages.get(code).cloned().unwrap_or_default();
                    (code.clone(), *n, message)
                })
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        let by_blocker = labelled(&summary.by_blocker);
        let by_prerequisite = labelled(&summary.by_prerequisite);
        let mapping = column_mapping.map(|cols| {
            cols.into_iter()
                .map(|c| (c.header, c.field.unwrap_or_default()))
                .collect::<Vec<_>>()
        });
        let (total, planned) = (summary.rows, summary.planned);
        // A new proposal replaces the mapping; a complete import keeps the one used.
        if let Some(m) = &mapping {
            if self.mapping_base.with_value(|b| b.is_empty()) {
                self.mapping_base.set_value(m.clone());
            }
            self.mapping.set(m.clone());
        }
        self.imported.set(Some(Imported {
            form,
            files,
            charts_html,
            total,
            planned,
            errors: summary.errors,
            by_verdict: summary.by_verdict.into_iter().collect(),
            by_hardware: summary.by_hardware.into_iter().collect(),
            by_decision: summary.by_decision.into_iter().collect(),
            by_blocker,
            by_prerequisite,
            mapping,
            fields,
        }));
        self.page.set(Some(view));
        self.error.set(None);
        self.busy.set(false);
        let (started, elapsed, status) = (self.started, self.elapsed, self.status);
        // Measured once the table is on screen.
        request_animation_frame(move || {
            let ms = (now() - started.get_value()).max(0.0) as u64;
            elapsed.set(Some(ms));
            status.set(if total == 0 {
                "The inventory has no rows.".to_string()
            } else {
                format!(
                    "Read {total} {} and planned {planned} in {ms} ms.",
                    if total == 1 { "row" } else { "rows" }
                )
            });
        });
        // The table was filtered or sorted while the import ran: show that view.
        if self.import_query.get_value() != self.query.get_untracked() {
            self.refresh();
        }
    }

    /// Import (again) with the current target and mapping; `input` None re-reads the last file or
    /// the pasted text.
    pub fn import(&self, input: Input) {
        let input = match input {
            // Refused before a byte is read: a file of any size costs nothing.
            Input::Files(files) => {
                if let Some(f) = files.iter().find(|f| f.size() > MAX_INVENTORY_BYTES as f64) {
                    self.clear_results();
                    self.fail(too_large(&f.name(), f.size() as u64));
                    return;
                }
                let names: Vec<String> = files
                    .iter()
                    .map(|f| format!("{} ({} KiB)", f.name(), (f.size() as u64).div_ceil(1024)))
                    .collect();
                self.source.set(Some(names.join(", ")));
                self.files.set_value(Some(files.clone()));
                Input::Files(files)
            }
            Input::Text(t) => {
                self.source.set(None);
                self.files.set_value(None);
                Input::Text(t)
            }
            Input::None => match self.files.get_value() {
                Some(f) => Input::Files(f),
                None => return,
            },
        };
        if let Input::Text(t) = &input {
            if t.trim().is_empty() {
                self.fail("Nothing to plan: paste an inventory (CSV or a JSON array of Scenarios) or choose a file.".into());
                return;
            }
        }
        self.query.update(|q| q.offset = 0);
        let query = self.query.get_untracked();
        self.import_query.set_value(query.clone());
        let request = Request::Import {
            options: self.options(),
            as_of: crate::ui::state::today(),
            query,
        };
        self.started.set_value(now());
        self.busy.set(true);
        self.error.set(None);
        self.status.set("Planning…".into());
        let id = self.id();
        self.last_import.set_value(id);
        if let Err(e) = client::send(id, &request, input, None) {
            self.fail(e);
        }
    }

    /// The options of an import: the target, and the mapping (only what the user changed, and
    /// every column the engine could not read).
    fn options(&self) -> InventoryOptions {
        let base = self.mapping_base.get_value();
        let mapping: Vec<(String, String)> = self
            .mapping
            .get_untracked()
            .into_iter()
            .filter(|(h, f)| {
                base.iter()
                    .find(|(bh, _)| bh == h)
                    .is_none_or(|(_, bf)| bf.is_empty() || bf != f)
            })
            .collect();
        let target = self.target.get_untracked();
        InventoryOptions {
            mapping: mapping.into_iter().collect(),
            target: crate::core::Os::from_id(&target).map(crate::core::scenario::Target::new),
        }
    }

    /// Compare the fleet on screen with an earlier inventory: a file (read with the same target
    /// and mapping) or, with `Input::Text`, the inventory remembered in this browser.
    pub fn compare(&self, earlier: Input) {
        let remembered = matches!(earlier, Input::Text(_));
        let id = self.id();
        self.last_compare.set_value(id);
        self.busy.set(true);
        self.progress_error.set(None);
        self.status.set("Comparing…".into());
        let request = Request::Compare {
            options: self.options(),
            as_of: crate::ui::state::today(),
            remembered,
        };
        if let Err(e) = client::send(id, &request, earlier, None) {
            self.fail(e);
        }
    }

    /// Ask for the fleet on screen in the form this browser remembers; the answer is stored.
    pub fn remember(&self) {
        let id = self.id();
        self.last_remember.set_value(id);
        self.busy.set(true);
        self.remembering.set(true);
        let request = Request::Remember {
            label: self.source.get_untracked().unwrap_or_default(),
        };
        if let Err(e) = client::send(id, &request, Input::None, None) {
            self.fail(e);
        }
    }

    /// Ask the second stage for the hardware collection script (once).
    pub fn load_collect_script(&self) {
        if self.collect_script.get_untracked().is_some() {
            return;
        }
        let id = self.id();
        self.last_script.set_value(id);
        if let Err(e) = client::send(id, &Request::CollectScript, Input::None, None) {
            self.collect_script.set(Some(e));
        }
    }

    /// Ask for the page that the current query shows.
    pub fn refresh(&self) {
        if self.imported.get_untracked().is_none() {
            return;
        }
        let id = self.id();
        self.last_view.set_value(id);
        let request = Request::View {
            query: self.query.get_untracked(),
        };
        if let Err(e) = client::send(id, &request, Input::None, None) {
            self.fail(e);
        }
    }

    /// Change the query (back to the first page unless the change is the page) and refresh.
    pub fn set_query(&self, f: impl FnOnce(&mut Query)) {
        self.query.update(|q| {
            let offset = q.offset;
            f(q);
            if q.offset == offset {
                q.offset = 0;
            }
        });
        self.refresh();
    }

    /// Ask the engine for upgrade waves.
    pub fn plan_waves(&self, options: crate::core::waves::WaveOptions) {
        let id = self.id();
        self.last_waves.set_value(id);
        self.busy.set(true);
        self.status.set("Planning the waves…".into());
        let request = Request::Waves {
            options,
            today: crate::ui::state::today(),
        };
        if let Err(e) = client::send(id, &request, Input::None, None) {
            self.fail(e);
        }
    }

    pub fn export(&self, format: ExportFormat, name: &str, mime: &str) {
        self.busy.set(true);
        self.status.set(format!("Preparing {name}…"));
        let request = Request::Export { format };
        if let Err(e) = client::send(self.id(), &request, Input::None, Some((name, mime))) {
            self.fail(e);
        }
    }
}

/// The Fleet view.
#[component]
pub fn FleetView() -> impl IntoView {
    let fleet = match use_context::<Fleet>() {
        Some(f) => f,
        None => {
            let f = Fleet::new();
            provide_context(f);
            f
        }
    };
    if let Err(e) = client::start(move |reply| fleet.on_reply(reply)) {
        fleet.error.set(Some(e));
    }
    // The planner's "loading" note stands in the mount point until this view is there.
    if let Some(note) = document()
        .query_selector("#fleet-root > .fleet-loading")
        .ok()
        .flatten()
    {
        note.remove();
    }
    view! {
        <section class="fleet" aria-labelledby="fleet-title" data-testid="fleet">
            <h2 id="fleet-title">"Fleet: plan every server at once"</h2>
            <p class="privacy" data-testid="fleet-privacy">
                "Your inventory never leaves this browser: it is read and planned on this device, in a background worker. Nothing is uploaded."
            </p>
            <import::ImportPanel fleet=fleet/>
            <p class="fleet-status" role="status" data-testid="fleet-status"
                data-busy=move || fleet.busy.get().to_string()
                data-elapsed-ms=move || fleet.elapsed.get().map(|ms| ms.to_string())
                data-memory-bytes=move || fleet.memory.get().to_string()>
                {move || fleet.status.get()}
            </p>
            {move || fleet.error.get().map(|e| view! { <p class="fleet-error" role="alert" data-testid="fleet-error">{e}</p> })}
            <results::Results fleet=fleet/>
            <waves::WavesPanel fleet=fleet/>
            <progress::ProgressPanel fleet=fleet/>
        </section>
    }
}
