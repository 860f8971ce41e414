//! Small labelled form controls. Every control has a visible label and a `data-testid`.

use leptos::prelude::*;

/// A labelled `<select>`; `options` are (id, label) pairs, `value` the selected id.
pub fn select_field(
    label: &'static str,
    testid: &'static str,
    options: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
    value: impl Fn() -> String + Send + Sync + Copy + 'static,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("f-{testid}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id data-testid=testid on:change=move |ev| on_change(event_target_value(&ev))>
                {move || {
                    options()
                        .into_iter()
                        .map(|(id, text)| {
                            let selected = id == value();
                            view! { <option value=id prop:selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A labelled checkbox.
pub fn check_field(
    label: String,
    testid: String,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    on_change: impl Fn(bool) + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("f-{testid}");
    view! {
        <div class="field check">
            <input
                type="checkbox"
                id=id.clone()
                data-testid=testid
                prop:checked=checked
                on:change=move |ev| on_change(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// A labelled text input, committed on change (not on every key).
pub fn text_field(
    label: &'static str,
    testid: &'static str,
    hint: &'static str,
    value: impl Fn() -> String + Send + Sync + 'static,
    on_change: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("f-{testid}");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                data-testid=testid
                aria-describedby=hint_id.clone()
                autocomplete="off"
                spellcheck="false"
                prop:value=value
                on:change=move |ev| on_change(event_target_value(&ev))
            />
            <small id=hint_id class="hint">{hint}</small>
        </div>
    }
}

/// A labelled multi-line list: one name per line.
pub fn lines_field(
    label: &'static str,
    testid: &'static str,
    hint: &'static str,
    value: impl Fn() -> Vec<String> + Send + Sync + 'static,
    on_change: impl Fn(Vec<String>) + Send + Sync + 'static,
) -> impl IntoView {
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
                prop:value=move || value().join("\n")
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    on_change(text.split(['\n', ',']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
                }
            ></textarea>
            <small id=hint_id class="hint">{hint}</small>
        </div>
    }
}
