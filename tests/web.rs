//! Component tests in headless Chromium (wasm-bindgen-test): real components mounted into the DOM.
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use leptos::prelude::*;
use upgrade_planner::core::matrices;
use upgrade_planner::core::scenario::Scenario;
use upgrade_planner::core::{Edition, Os};
use upgrade_planner::ui::{
    CellSelection, EsuOffers, MatrixTable, Planner, ReadinessChecklist, ScenarioForm, VerdictBanner,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Wait for the next animation frame (the page renders its matrices one frame after the planner).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn sku_matrix_renders_cells_from_the_core_table() {
    let root = container();
    let selected = RwSignal::new(None::<CellSelection>);
    leptos::mount::mount_to(root.clone(), move || {
        view! { <MatrixTable matrix=matrices::r2_sku_matrix() selected=selected/> }
    })
    .forget();
    leptos::task::tick().await;

    let cells = root
        .query_selector_all("[data-testid^='cell-sku-']")
        .unwrap();
    assert_eq!(cells.length(), 9);
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(text("[data-testid='cell-sku-standard-enterprise']"), "Yes");
    assert_eq!(text("[data-testid='cell-sku-enterprise-standard']"), "No");
    assert_eq!(
        text("[data-testid='cell-sku-datacenter-datacenter']"),
        "Yes"
    );
    // One tab stop per matrix.
    let stops = root
        .query_selector_all("[data-testid^='cell-sku-'][tabindex='0']")
        .unwrap();
    assert_eq!(stops.length(), 1);
}

#[wasm_bindgen_test]
async fn activating_a_cell_selects_it_with_its_explanation() {
    let root = container();
    let selected = RwSignal::new(None::<CellSelection>);
    leptos::mount::mount_to(root.clone(), move || {
        view! { <MatrixTable matrix=matrices::r2_channel_matrix() selected=selected/> }
    })
    .forget();
    leptos::task::tick().await;

    click(&root, "[data-testid='cell-channel-volume-oem']");
    leptos::task::tick().await;
    let sel = selected.get_untracked().expect("a cell is selected");
    assert_eq!((sel.matrix_id, sel.row, sel.col), ("channel", 4, 3));
    assert!(
        sel.explanation.starts_with("Not supported"),
        "{}",
        sel.explanation
    );
    assert_eq!(sel.source, upgrade_planner::core::source::Source::R2Upgrade);
    let pressed = root
        .query_selector("[data-testid='cell-channel-volume-oem']")
        .unwrap()
        .unwrap()
        .get_attribute("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn the_page_extras_show_the_explanation_of_the_activated_cell() {
    // The matrices are the page's second stage (`ui::extras`, its own wasm on the site).
    let root = container();
    leptos::mount::mount_to(root.clone(), upgrade_planner::ui::extras::PageExtras).forget();
    leptos::task::tick().await;
    next_frame().await;

    let explanation = || {
        root.query_selector("[data-testid='cell-explanation']")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(explanation().contains("Hover over or focus a matrix cell"));
    click(&root, "[data-testid='cell-sku-standard-datacenter']");
    leptos::task::tick().await;
    let text = explanation();
    assert!(text.contains("Standard → Datacenter R2"), "{text}");
    assert!(text.contains("Not supported"), "{text}");
    assert!(text.contains("(KB 912309)"), "{text}");
}

fn select(root: &web_sys::HtmlElement, testid: &str, value: &str) {
    let el: web_sys::HtmlSelectElement = root
        .query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("{testid} not found"))
        .unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn option_values(root: &web_sys::HtmlElement, testid: &str) -> Vec<String> {
    let list = root
        .query_selector_all(&format!("[data-testid='{testid}'] option"))
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlOptionElement>()
                .value()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn form_offers_only_the_chosen_versions_options_and_explains_resets() {
    let root = container();
    let planner = Planner::new(Scenario::new(Os::Server2003, Os::Server2003R2));
    let p = planner;
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(p);
        view! { <ScenarioForm/> }
    })
    .forget();
    leptos::task::tick().await;

    assert_eq!(
        option_values(&root, "current-edition"),
        ["standard", "enterprise", "datacenter", "web"]
    );
    assert_eq!(option_values(&root, "current-sp"), ["0", "1", "2"]);
    select(&root, "current-edition", "web");
    leptos::task::tick().await;
    assert_eq!(
        planner.scenario.get_untracked().current.edition,
        Some(Edition::Web)
    );

    // Windows Server 2012 has no Web edition and no service packs: offered options follow,
    // and the impossible choice is reset with a notice that says so.
    select(&root, "current-os", "windows-server-2012");
    leptos::task::tick().await;
    assert_eq!(
        option_values(&root, "current-edition"),
        [
            "standard",
            "datacenter",
            "essentials",
            "storage",
            "hyper-v-server"
        ]
    );
    assert!(root
        .query_selector("[data-testid='current-sp']")
        .unwrap()
        .is_none());
    assert_eq!(planner.scenario.get_untracked().current.edition, None);
    let notice = root
        .query_selector("[data-testid='reset-current-edition']")
        .unwrap()
        .expect("a notice next to the edition")
        .text_content()
        .unwrap();
    assert!(
        notice.starts_with("Edition reset to the default: ")
            && notice.contains("is not an edition of Windows Server 2012")
            && !notice.contains('`'),
        "{notice}"
    );
}

#[wasm_bindgen_test]
async fn verdict_banner_follows_the_scenario() {
    let root = container();
    let mut s = Scenario::new(Os::Server2008, Os::Server2008R2);
    s.current.cluster_node = Some(true);
    let planner = Planner::new(s);
    let p = planner;
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(p);
        view! { <VerdictBanner/> }
    })
    .forget();
    leptos::task::tick().await;
    let verdict = || {
        root.query_selector("[data-testid='verdict']")
            .unwrap()
            .unwrap()
    };
    assert_eq!(
        verdict().get_attribute("data-verdict").as_deref(),
        Some("not-supported")
    );
    assert!(verdict()
        .text_content()
        .unwrap()
        .contains("Migrate to a new cluster"));

    planner.update(|s| s.current.cluster_node = None);
    leptos::task::tick().await;
    assert_eq!(
        verdict().get_attribute("data-verdict").as_deref(),
        Some("supported")
    );

    planner.update(|s| s.current.language = Some("not a tag".into()));
    leptos::task::tick().await;
    assert_eq!(
        verdict().get_attribute("data-verdict").as_deref(),
        Some("input-error")
    );
    assert!(verdict()
        .text_content()
        .unwrap()
        .contains("current.language"));
}

#[wasm_bindgen_test]
async fn activating_a_matrix_cell_loads_its_scenario_and_marks_it_current() {
    let root = container();
    let planner = Planner::new(Scenario::new(Os::Server2016, Os::Server2025));
    let p = planner;
    let selected = RwSignal::new(None::<CellSelection>);
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(p);
        view! { <MatrixTable matrix=matrices::server_version_matrix() selected=selected/> }
    })
    .forget();
    leptos::task::tick().await;
    let current = |id: &str| {
        root.query_selector(&format!("[data-testid='{id}']"))
            .unwrap()
            .unwrap()
            .get_attribute("aria-current")
    };
    assert_eq!(
        current("cell-server-windows-server-2016-windows-server-2025").as_deref(),
        Some("true")
    );

    click(
        &root,
        "[data-testid='cell-server-windows-server-2012-r2-windows-server-2022']",
    );
    leptos::task::tick().await;
    let s = planner.scenario.get_untracked();
    assert_eq!(
        (s.current.os, s.target.os),
        (Os::Server2012R2, Os::Server2022)
    );
    assert_eq!(
        current("cell-server-windows-server-2012-r2-windows-server-2022").as_deref(),
        Some("true")
    );
    assert_eq!(
        current("cell-server-windows-server-2016-windows-server-2025"),
        None
    );
    let plan = planner.plan.get_untracked().unwrap();
    assert_eq!(
        plan.route,
        vec![Os::Server2012R2, Os::Server2019, Os::Server2022]
    );
}

/// The Fleet view renders what the engine answers: the same `core::fleet::handle` the worker runs,
/// called here in-process. Without a worker script on the page it says so instead of failing.
#[wasm_bindgen_test]
async fn fleet_view_renders_the_engines_answer_and_hostile_names_stay_text() {
    use upgrade_planner::core::fleet::{handle, Payload};
    use upgrade_planner::core::inventory::{parse_inventory, plan_inventory, summary};
    use upgrade_planner::ui::fleet::{Fleet, FleetView};

    let root = container();
    let fleet = Fleet::new();
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(fleet);
        view! { <FleetView/> }
    })
    .forget();
    leptos::task::tick().await;
    let text = |sel: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("{sel} not found"))
            .text_content()
            .unwrap()
    };
    // This test page has no <meta name="upgrade-planner-fleet-worker">.
    assert!(text("[data-testid='fleet-error']").contains("no fleet engine"));

    let csv = include_str!("inventories/native.csv");
    let request =
        r#"{"op":"import","as_of":"2026-11-21","options":{"target":"windows-server-2025"}}"#;
    let mut state = None;
    let answer = handle(&mut state, request, Payload::Text(csv));
    fleet.receive(0, &answer, 0);
    next_frame().await;

    let options =
        upgrade_planner::core::inventory::InventoryOptions::with_target_os(Os::Server2025);
    let expected = summary(&plan_inventory(
        &parse_inventory(csv, &options),
        upgrade_planner::core::date::Date::lit("2026-11-21"),
    ));
    let attr = |sel: &str, name: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("{sel} not found"))
            .get_attribute(name)
            .unwrap()
    };
    assert_eq!(
        attr("[data-testid='fleet-summary']", "data-rows"),
        expected.rows.to_string()
    );
    for (verdict, n) in &expected.by_verdict {
        assert_eq!(
            attr(&format!("[data-testid='count-{verdict}']"), "data-count"),
            n.to_string()
        );
    }
    let rows = root
        .query_selector_all("[data-testid='fleet-row']")
        .unwrap();
    assert_eq!(rows.length() as usize, expected.rows.min(100));
    // Every planned row links to its scenario in the planner.
    let link = attr("[data-testid='fleet-open']", "href");
    assert!(link.starts_with("#current.os="), "{link}");
    assert!(text("[data-testid='fleet-range']").starts_with(&format!("Rows 1–{}", expected.rows)));

    // A hostile name is text, not markup.
    let hostile = "name,current.os\n\"<img src=x onerror=alert(1)>\",windows-server-2016\n";
    let answer = handle(&mut state, request, Payload::Text(hostile));
    fleet.receive(0, &answer, 0);
    next_frame().await;
    let table = root
        .query_selector("[data-testid='fleet-table']")
        .unwrap()
        .unwrap();
    assert_eq!(table.query_selector_all("img").unwrap().length(), 0);
    assert!(text("[data-testid='fleet-row'] th").contains("<img src=x onerror=alert(1)>"));

    // An answer the view cannot read (a field renamed or missing) is an error on screen, never
    // an empty cell.
    fleet.receive(
        0,
        r#"{"view":{"view":{"total":1,"matched":1,"offset":0}}}"#,
        0,
    );
    next_frame().await;
    let e = text("[data-testid='fleet-error']");
    assert!(e.contains("cannot read") && e.contains("rows"), "{e}");
}

#[wasm_bindgen_test]
async fn the_checklist_shows_each_check_with_its_status_and_remedy() {
    use upgrade_planner::core::{parse_scenario, TpmVersion};
    let root = container();
    let mut s: Scenario = parse_scenario(
        r#"{"current":{"os":"windows-10","edition":"pro","release":"22H2"},"target":{"os":"windows-11"},
            "hardware":{"tpm":"2.0","tpm_enabled":false,"firmware":"uefi","secure_boot":"enabled","ram_gb":16,"disk_gb":256,
                        "cpu":{"manufacturer":"intel","family":6,"model":94,"stepping":3}}}"#,
    )
    .unwrap();
    s.as_of = Some(upgrade_planner::core::date::Date::lit("2026-11-21"));
    assert_eq!(s.hardware.tpm, Some(TpmVersion::V20));
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(Planner::new(s.clone()));
        view! { <ReadinessChecklist/><EsuOffers/> }
    })
    .forget();
    leptos::task::tick().await;
    let attr = |sel: &str, name: &str| {
        root.query_selector(sel)
            .unwrap()
            .unwrap_or_else(|| panic!("{sel} not found"))
            .get_attribute(name)
    };
    assert_eq!(
        attr("[data-testid='readiness']", "data-outcome").as_deref(),
        Some("replace")
    );
    let check = "[data-testid='check'][data-code='w11-tpm']";
    assert_eq!(attr(check, "data-status").as_deref(), Some("fail"));
    assert_eq!(attr(check, "data-remedy").as_deref(), Some("fixable"));
    let cpu = "[data-testid='check'][data-code='w11-cpu-generation']";
    assert_eq!(attr(cpu, "data-status").as_deref(), Some("fail"));
    assert_eq!(attr(cpu, "data-remedy").as_deref(), Some("replace"));
    let ram = "[data-testid='check'][data-code='w11-ram']";
    assert_eq!(attr(ram, "data-status").as_deref(), Some("pass"));
    // Windows 10 Pro: the ESU programmes for it are listed.
    assert!(
        root.query_selector_all("[data-testid='esu']")
            .unwrap()
            .length()
            >= 1
    );
}
