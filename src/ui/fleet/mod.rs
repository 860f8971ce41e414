//! The Fleet view (`#fleet`): import an inventory, plan every server, filter, sort, page, open a
//! row in the planner, export. The rows are read and planned by the fleet engine in a Web Worker
//! (`client`); this side keeps only the summary and the page of rows on screen.

mod client;
mod import;
mod results;

use crate::core::inventory::{too_large, MAX_INVENTORY_BYTES};
use client::{Input, Reply};
use leptos::prelude::*;
use serde::Serialize;
use serde_json::Value;

/// A page of results as the engine sent it (`core::fleet::Page`).
#[derive(Clone, Default, PartialEq)]
pub struct PageData {
    pub total: usize,
    pub matched: usize,
    pub offset: usize,
    pub rows: Vec<RowData>,
}

/// One table row (`core::fleet::ViewRow`).
#[derive(Clone, Default, PartialEq)]
pub struct RowData {
    pub index: usize,
    pub line: usize,
    pub name: String,
    pub current: String,
    pub target: String,
    pub verdict: String,
    pub verdict_label: String,
    pub method: String,
    pub route: String,
    pub detail: String,
    pub href: String,
}

/// What an import found: the form, the counts and, when headers were not recognised, the
/// column-mapping proposal with the fields a column can be mapped to.
#[derive(Clone, Default, PartialEq)]
pub struct Imported {
    pub form: String,
    pub total: usize,
    pub planned: usize,
    pub errors: usize,
    /// (verdict id, servers).
    pub by_verdict: Vec<(String, usize)>,
    /// (blocker code, servers, message of its first occurrence), most servers first.
    pub by_blocker: Vec<(String, usize, String)>,
    /// (header, field id or "") for every column, when the mapping step is needed.
    pub mapping: Option<Vec<(String, String)>>,
    /// (field id, what it holds).
    pub fields: Vec<(String, String)>,
}

/// The table's filters, order and page (`core::fleet::Query`; "" = no filter, `line` order).
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct Query {
    pub verdict: String,
    pub blocker: String,
    pub search: String,
    pub sort: String,
    pub descending: bool,
    pub offset: usize,
}

/// A request to the engine (`core::fleet::handle`).
#[derive(Serialize)]
struct Request<'a> {
    op: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a Query>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options<'a>>,
}

#[derive(Serialize)]
struct Options<'a> {
    mapping: std::collections::BTreeMap<&'a str, &'a str>,
    target: Option<&'a str>,
}

impl Request<'_> {
    fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
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
    /// The chosen file of the results on screen ("name (N KiB)"); `None` for pasted text.
    pub source: RwSignal<Option<String>>,
    /// The engine's proposal the mapping started from: only the columns that differ (or that it
    /// could not read) are sent, so detected columns keep their detection.
    mapping_base: StoredValue<Vec<(String, String)>>,
    last_import: StoredValue<u32>,
    /// The query sent with the last import: if it changed before the answer, ask again.
    import_query: StoredValue<Query>,
    last_view: StoredValue<u32>,
    next_id: StoredValue<u32>,
    started: StoredValue<f64>,
    file: StoredValue<Option<web_sys::File>, LocalStorage>,
}

fn s(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

fn n(v: &Value, key: &str) -> usize {
    v.get(key).and_then(Value::as_u64).unwrap_or(0) as usize
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn parse_page(v: &Value) -> PageData {
    let rows = v
        .get("rows")
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .map(|r| RowData {
                    index: n(r, "index"),
                    line: n(r, "line"),
                    name: s(r, "name"),
                    current: s(r, "current"),
                    target: s(r, "target"),
                    verdict: s(r, "verdict"),
                    verdict_label: s(r, "verdict_label"),
                    method: s(r, "method"),
                    route: s(r, "route"),
                    detail: s(r, "detail"),
                    href: s(r, "href"),
                })
                .collect()
        })
        .unwrap_or_default();
    PageData {
        total: n(v, "total"),
        matched: n(v, "matched"),
        offset: n(v, "offset"),
        rows,
    }
}

fn parse_import(v: &Value) -> Imported {
    let summary = v.get("summary").cloned().unwrap_or(Value::Null);
    let counts = |key: &str| -> Vec<(String, usize)> {
        summary
            .get(key)
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0) as usize))
                    .collect()
            })
            .unwrap_or_default()
    };
    let messages = v.get("blocker_messages").cloned().unwrap_or(Value::Null);
    let mut by_blocker: Vec<(String, usize, String)> = counts("by_blocker")
        .into_iter()
        .map(|(code, count)| {
            let message = s(&messages, &code);
            (code, count, message)
        })
        .collect();
    by_blocker.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let pairs = |key: &str, a: &str, b: &str| -> Option<Vec<(String, String)>> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(|c| (s(c, a), s(c, b))).collect::<Vec<_>>())
    };
    let fields = v
        .get("fields")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|f| {
                    let at = |i: usize| f.get(i).and_then(Value::as_str).unwrap_or("").to_string();
                    (at(0), at(1))
                })
                .collect()
        })
        .unwrap_or_default();
    Imported {
        form: s(v, "form"),
        total: n(&summary, "rows"),
        planned: n(&summary, "planned"),
        errors: n(&summary, "errors"),
        by_verdict: counts("by_verdict"),
        by_blocker,
        mapping: pairs("column_mapping", "header", "field"),
        fields,
    }
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
            mapping_base: StoredValue::new(Vec::new()),
            last_import: StoredValue::new(0),
            import_query: StoredValue::new(Query::default()),
            last_view: StoredValue::new(0),
            next_id: StoredValue::new(1),
            started: StoredValue::new(0.0),
            file: StoredValue::new_local(None),
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
        self.imported.set(None);
        self.page.set(None);
        self.source.set(None);
        self.file.set_value(None);
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

    /// Apply one JSON answer of the engine (`core::fleet::handle`) to the view's signals.
    pub fn receive(&self, id: u32, text: &str, memory: u64) {
        self.memory.set(memory);
        let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        match v.get("kind").and_then(Value::as_str) {
            // An older import, overtaken by a newer one.
            Some("import") if id != self.last_import.get_value() => {}
            Some("import") if v.get("error").is_some_and(|e| !e.is_null()) => {
                self.clear_results();
                self.fail(s(&v, "error"));
            }
            Some("import") => {
                let imported = parse_import(&v);
                let page = parse_page(v.get("view").unwrap_or(&Value::Null));
                let (total, planned) = (imported.total, imported.planned);
                // A new proposal replaces the mapping; a complete import keeps the one used.
                if let Some(m) = &imported.mapping {
                    if self.mapping_base.with_value(|b| b.is_empty()) {
                        self.mapping_base.set_value(m.clone());
                    }
                    self.mapping.set(m.clone());
                }
                self.imported.set(Some(imported));
                self.page.set(Some(page));
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
            Some("view") if id == self.last_view.get_value() => {
                self.page
                    .set(Some(parse_page(v.get("view").unwrap_or(&Value::Null))));
            }
            Some("view") => {}
            _ => self.fail(if v.is_null() {
                "the fleet engine sent an unreadable answer".into()
            } else {
                s(&v, "message")
            }),
        }
    }

    /// Import (again) with the current target and mapping; `input` None re-reads the last file or
    /// the pasted text.
    pub fn import(&self, input: Input) {
        let input = match input {
            // Refused before a byte is read: a file of any size costs nothing.
            Input::File(f) if f.size() > MAX_INVENTORY_BYTES as f64 => {
                self.clear_results();
                self.fail(too_large(&f.name(), f.size() as u64));
                return;
            }
            Input::File(f) => {
                self.source.set(Some(format!(
                    "{} ({} KiB)",
                    f.name(),
                    (f.size() as u64).div_ceil(1024)
                )));
                self.file.set_value(Some(f.clone()));
                Input::File(f)
            }
            Input::Text(t) => {
                self.source.set(None);
                self.file.set_value(None);
                Input::Text(t)
            }
            Input::None => match self.file.get_value() {
                Some(f) => Input::File(f),
                None => return,
            },
        };
        if let Input::Text(t) = &input {
            if t.trim().is_empty() {
                self.fail("Nothing to plan: paste an inventory (CSV or a JSON array of Scenarios) or choose a file.".into());
                return;
            }
        }
        // Only what the user changed, and every column the engine could not read.
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
        self.query.update(|q| q.offset = 0);
        let query = self.query.get_untracked();
        self.import_query.set_value(query.clone());
        let request = Request {
            op: "import",
            query: Some(&query),
            format: None,
            as_of: Some(crate::ui::state::today().to_string()),
            options: Some(Options {
                mapping: mapping
                    .iter()
                    .map(|(h, f)| (h.as_str(), f.as_str()))
                    .collect(),
                target: (!target.is_empty()).then_some(target.as_str()),
            }),
        }
        .text();
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

    /// Ask for the page that the current query shows.
    pub fn refresh(&self) {
        if self.imported.get_untracked().is_none() {
            return;
        }
        let id = self.id();
        self.last_view.set_value(id);
        let query = self.query.get_untracked();
        let request = Request {
            op: "view",
            query: Some(&query),
            format: None,
            as_of: None,
            options: None,
        }
        .text();
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

    pub fn export(&self, format: &str, name: &str, mime: &str) {
        self.busy.set(true);
        self.status.set(format!("Preparing {name}…"));
        let request = Request {
            op: "export",
            query: None,
            format: Some(format),
            as_of: None,
            options: None,
        }
        .text();
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
        </section>
    }
}
