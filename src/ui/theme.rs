use leptos::prelude::*;

const KEY: &str = "upgrade-planner-theme";
const CHOICES: [&str; 3] = ["auto", "light", "dark"];

/// The colour scheme chosen by the user: `auto` (follow the system), `light` or `dark`.
#[derive(Clone, Copy)]
pub struct Theme(pub RwSignal<String>);

/// The stored choice, or `auto`.
pub fn stored() -> String {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .filter(|t| CHOICES.contains(&t.as_str()))
        .unwrap_or_else(|| "auto".into())
}

/// A theme signal that remembers the choice in local storage (an effect at the edge).
pub fn provide() -> Theme {
    let theme = Theme(RwSignal::new(stored()));
    Effect::new(move |_| {
        let t = theme.0.get();
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(KEY, &t);
        }
    });
    provide_context(theme);
    theme
}

/// Colour scheme: follows the system ("auto") unless the user picks light or dark.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let Theme(theme) = expect_context::<Theme>();
    let next = move |_| {
        theme.update(|t| {
            let i = CHOICES.iter().position(|c| c == t).unwrap_or(0);
            *t = CHOICES[(i + 1) % CHOICES.len()].to_string();
        })
    };
    view! {
        <button type="button" class="theme-toggle" data-testid="theme-toggle" on:click=next title="Change the colour scheme: auto (follow the system), light, dark">
            {move || format!("Theme: {}", theme.get())}
        </button>
    }
}
