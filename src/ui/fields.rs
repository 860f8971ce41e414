//! Small labelled form controls. Every control has a visible label and a `data-testid`.
//! The public helpers take closures but build their view once, non-generically (type-erased
//! signals and callbacks), which keeps the wasm small.

use leptos::prelude::*;

type Options = Vec<(String, String)>;

/// A labelled `<select>`; `options` are (id, label) pairs, `value` the selected id.
pub fn select_field(
    label: &'static str,
    testid: impl Into<String>,
    options: impl Fn() -> Options + Send + Sync + 'static,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> AnyView {
    select_view(
        label,
        testid.into(),
        Signal::derive(options),
        Signal::derive(value),
        Callback::new(on_change),
    )
}

fn select_view(
    label: &'static str,
    testid: String,
    options: Signal<Options>,
    value: Signal<String>,
    on_change: Callback<String>,
) -> AnyView {
    let id = format!("f-{testid}");
    let testid_for_notice = testid.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id data-testid=testid on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(id, text)| {
                            let selected = id == current;
                            view! { <option value=id prop:selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <ResetNotice testid=testid_for_notice/>
        </div>
    }
    .into_any()
}

/// What the last change reset in this field, in words, next to it.
#[component]
fn ResetNotice(testid: String) -> impl IntoView {
    let planner = use_context::<super::state::Planner>();
    move || {
        let p = planner?;
        let text = p
            .resets
            .with(|r| r.iter().find(|(t, _)| *t == testid).map(|(_, w)| w.clone()))?;
        Some(
            view! { <p class="field-notice" role="status" data-testid=format!("reset-{testid}")>{text}</p> },
        )
    }
}

/// A labelled checkbox.
pub fn check_field(
    label: String,
    testid: impl Into<String>,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    on_change: impl Fn(bool) + Send + Sync + 'static,
) -> AnyView {
    check_view(
        label,
        testid.into(),
        Signal::derive(checked),
        Callback::new(on_change),
    )
}

fn check_view(
    label: String,
    testid: String,
    checked: Signal<bool>,
    on_change: Callback<bool>,
) -> AnyView {
    let id = format!("f-{testid}");
    view! {
        <div class="field check">
            <input
                type="checkbox"
                id=id.clone()
                data-testid=testid
                prop:checked=checked
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
    .into_any()
}

/// A labelled text input, committed on change (not on every key).
pub fn text_field(
    label: &'static str,
    testid: impl Into<String>,
    hint: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> AnyView {
    text_view(
        label,
        testid.into(),
        hint,
        Signal::derive(value),
        Callback::new(on_change),
        None,
    )
}

/// A text input whose `on_change` may refuse the text: its message shows under the field.
pub fn checked_text_field(
    label: &'static str,
    testid: impl Into<String>,
    hint: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) -> Result<(), String> + Send + Sync + 'static,
) -> AnyView {
    let error = RwSignal::new(None::<String>);
    text_view(
        label,
        testid.into(),
        hint,
        Signal::derive(value),
        Callback::new(move |text| error.set(on_change(text).err())),
        Some(error),
    )
}

fn text_view(
    label: &'static str,
    testid: String,
    hint: &'static str,
    value: Signal<String>,
    on_change: Callback<String>,
    error: Option<RwSignal<Option<String>>>,
) -> AnyView {
    let id = format!("f-{testid}");
    let hint_id = format!("{id}-hint");
    let message = move || error.and_then(|e| e.get());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                data-testid=testid
                aria-describedby=hint_id.clone()
                aria-invalid=move || message().map(|_| "true")
                autocomplete="off"
                spellcheck="false"
                prop:value=value
                on:change=move |ev| on_change.run(event_target_value(&ev))
            />
            {move || message().map(|m| view! { <small class="field-error" role="alert">{m}</small> })}
            <small id=hint_id class="hint">{hint}</small>
        </div>
    }
    .into_any()
}

/// A labelled multi-line list: one name per line (commas also separate).
pub fn lines_field(
    label: &'static str,
    testid: &'static str,
    hint: &'static str,
    value: impl Fn() -> Vec<String> + Send + Sync + 'static,
    on_change: impl Fn(Vec<String>) + Send + Sync + 'static,
) -> AnyView {
    lines_view(
        label,
        testid,
        hint,
        Signal::derive(value),
        Callback::new(on_change),
    )
}

fn lines_view(
    label: &'static str,
    testid: &'static str,
    hint: &'static str,
    value: Signal<Vec<String>>,
    on_change: Callback<Vec<String>>,
) -> AnyView {
    let id = format!("f-{testid}");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                data-testid=testid
                rows="3"
                aria-describedby=hint_id.clone()
                spellcheck="false"
                prop:value=move || value.get().join("\n")
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    on_change.run(text.split(['\n', ',']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
                }
            ></textarea>
            <small id=hint_id class="hint">{hint}</small>
        </div>
    }
    .into_any()
}
