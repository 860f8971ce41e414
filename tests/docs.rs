//! The documentation's tables are the code's: `docs/scenario-format.md` holds the field table
//! generated from the schema, between its markers. When a field is added, run
//! `UPDATE_DOCS=1 cargo test --no-default-features --test docs` and commit the new table.
#![cfg(all(not(target_arch = "wasm32"), not(feature = "synthetic-field")))]

use upgrade_planner::core::schema;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenario-format.md");
const START: &str =
    "<!-- schema:fields (generated from src/core/schema.rs; see tests/docs.rs) -->\n";
const END: &str = "<!-- /schema:fields -->";

#[test]
fn the_scenario_format_doc_has_the_schemas_field_table() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    let (Some(a), Some(b)) = (doc.find(START), doc.find(END)) else {
        panic!("docs/scenario-format.md lacks the markers {START:?} … {END:?}");
    };
    let table = schema::markdown_table();
    let current = &doc[a + START.len()..b];
    if current != table {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let updated = format!("{}{table}{}", &doc[..a + START.len()], &doc[b..]);
            std::fs::write(DOC, updated).unwrap();
            return;
        }
        panic!(
            "docs/scenario-format.md's field table differs from the schema; run \
             `UPDATE_DOCS=1 cargo test --no-default-features --test docs`.\nschema:\n{table}\ndoc:\n{current}"
        );
    }
}
