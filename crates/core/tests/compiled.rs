//! The compiled form (`flow::compiled`): what the build and the checker module write and the
//! widget's wasm reads. It must give back exactly the validated flow, and a damaged file must be
//! an error, never a panic or a hang.

mod support;

use lld_core::content::{EN, JA};
use lld_core::flow::compiled::{decode, encode, SEP};
use lld_core::flow::validate::parse;
use support::Rng;

#[test]
fn both_built_in_flows_survive_the_round_trip() {
    for json in [JA, EN] {
        let valid = parse(json).expect("the built-in flow is valid");
        let compiled = encode(&valid);
        assert!(compiled.starts_with("LLD2\u{1f}"));
        assert_eq!(decode(&compiled), Ok(valid));
    }
}

#[test]
fn the_fixture_survives_the_round_trip() {
    let valid = parse(support::MINI).unwrap();
    assert_eq!(decode(&encode(&valid)), Ok(valid));
}

#[test]
fn a_text_with_the_separator_is_refused_by_validation() {
    let mut flow: serde_json::Value = serde_json::from_str(support::MINI).unwrap();
    flow["title"] = "a\u{1f}b".into();
    let message = parse(&flow.to_string()).unwrap_err().to_string();
    assert!(
        message.contains("title: the text contains the control character U+001F"),
        "{message}"
    );
}

/// The byte ranges of the fields of a compiled flow, in order.
fn field_ranges(compiled: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (at, _) in compiled.match_indices(SEP) {
        ranges.push(start..at);
        start = at + SEP.len_utf8();
    }
    ranges.push(start..compiled.len());
    ranges
}

#[test]
fn every_truncation_is_an_error() {
    let compiled = encode(&parse(JA).unwrap());
    // The first n fields (each cut is a prefix of the file, ending before a separator).
    for (n, field) in field_ranges(&compiled).iter().enumerate() {
        let cut = &compiled[..field.start.saturating_sub(SEP.len_utf8())];
        assert!(decode(cut).is_err(), "{n} fields decoded");
    }
    let longer = format!("{compiled}{SEP}x");
    assert!(decode(&longer).is_err(), "a field too many decoded");
}

#[test]
fn damaged_fields_are_errors_not_panics() {
    let compiled = encode(&parse(JA).unwrap());
    // Each field replaced by values that break counts, indices and kinds.
    for field in field_ranges(&compiled) {
        for bad in [
            "",
            "0",
            "999999999",
            "1000000000",
            "-1",
            "q999",
            "r999",
            "x",
            "q",
            "あ",
            "b",
        ] {
            let damaged = [&compiled[..field.start], bad, &compiled[field.end..]].concat();
            let _ = decode(&damaged);
        }
    }
    // Random byte damage (a fixed-seed generator: the run is repeatable).
    let mut rng = Rng::new();
    let mut next = || rng.next();
    for _ in 0..2_000 {
        let mut bytes = compiled.clone().into_bytes();
        for _ in 0..1 + next() % 4 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = match next() % 3 {
                0 => 0x1f,
                1 => b'0' + (next() % 10) as u8,
                _ => next() as u8,
            };
        }
        if let Ok(text) = String::from_utf8(bytes) {
            let _ = decode(&text);
        }
    }
}

#[test]
fn huge_counts_end_at_the_end_of_the_file() {
    let compiled = format!("LLD2{SEP}f{SEP}ja{SEP}t{SEP}0{SEP}999999999");
    assert!(decode(&compiled).is_err());
}
