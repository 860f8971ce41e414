//! Setup's messages are quoted exactly as the seed documents give them.
//! The seeds live beside the repository (`../shared/seeds`, or `$SEEDS_DIR`); without them this
//! test reports that it could not check and fails only when `REQUIRE_SEEDS` is set (CI sets it).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use upgrade_planner::core::{cluster, r2, source::Source};

/// Markdown block-quote markers and line breaks are layout, not text.
fn normalize(s: &str) -> String {
    s.lines()
        .map(|l| l.trim_start().trim_start_matches('>'))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn seeds_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var("SEEDS_DIR").ok().map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

#[test]
fn quoted_messages_appear_verbatim_in_their_seed() {
    let Some(dir) = seeds_dir() else {
        assert!(
            std::env::var("REQUIRE_SEEDS").is_err(),
            "REQUIRE_SEEDS is set but no seed directory was found"
        );
        eprintln!("seed documents not found beside the repository: quotations not checked");
        return;
    };
    // The seed files of the sources the quotations cite (the project's own names for them; users
    // never see these).
    let seed_file = |s: Source| match s {
        Source::Kb935197 => "000_872fc5ce77b3fee7.txt",
        Source::R2Upgrade => "002_f12e17b037886166.txt",
        other => panic!("{other:?} is not a seed document"),
    };
    let quotes = [
        (Source::R2Upgrade, r2::MSG_INVALID_KEY),
        (Source::R2Upgrade, r2::MSG_EDITION_DIFFERENT),
        (Source::R2Upgrade, r2::WEB_EDITION_NOTE),
        (Source::Kb935197, cluster::MSG_KB935197),
    ];
    for (source, quote) in quotes {
        let file = dir.join(seed_file(source));
        let text = normalize(&std::fs::read_to_string(&file).unwrap());
        assert!(
            text.contains(&normalize(quote)),
            "{quote:?} is not verbatim in {}",
            file.display()
        );
    }
}
