//! The checker's places: every problem's line and column in the text (the studio moves the
//! cursor there, `flowcheck` prints `file:line:column:`), and the tree the studio draws.

use line_login_checker::report::{compare_json, problems, report_json};
use lld_core::content::{EN, JA};
use serde_json::Value;

/// The 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    text[..at].matches('\n').count() + 1
}

const SMALL: &str = r#"{
  "id": "small",
  "lang": "en",
  "title": "Small",
  "start": "q1",
  "questions": [
    {
      "id": "q1",
      "text": "First?",
      "answers": [
        { "id": "a", "text": "A", "next": "q2" },
        { "id": "b", "text": "B", "next": "r1" }
      ]
    },
    {
      "id": "q2",
      "text": "Second?",
      "answers": [
        { "id": "c", "text": "C", "next": "r1" },
        { "id": "d", "text": "D", "next": "r2" }
      ]
    }
  ],
  "results": [
    { "id": "r1", "title": "One", "cause": "x", "steps": [{ "text": "do" }], "checked": "2026-12-01" },
    { "id": "r2", "title": "Two", "cause": "y", "steps": [{ "text": "do" }], "checked": "2026-12-01", "next": "r1" }
  ]
}
"#;

fn report(text: &str) -> Value {
    serde_json::from_str(&report_json(text)).expect("the report is JSON")
}

#[test]
fn the_real_content_has_no_problem_and_a_whole_tree() {
    for text in [JA, EN] {
        assert_eq!(problems(text), vec![]);
        let r = report(text);
        assert_eq!(r["ok"], true);
        let nodes = r["tree"]["nodes"].as_array().unwrap();
        assert!(nodes.len() > 30);
        assert!(nodes
            .iter()
            .all(|n| n["reachable"] == true && n["cycle"] == false));
        assert_eq!(r["tree"]["start"], 0);
        // Each node's line is where its object starts.
        let first = &nodes[0];
        assert_eq!(first["line"], line_of(text, "\"id\": \"where\"") - 1);
        let edges = r["tree"]["edges"].as_array().unwrap();
        assert!(edges.iter().any(|e| e["kind"] == "next"));
        assert!(edges.iter().all(|e| e["to"].as_i64().unwrap() >= 0));
    }
}

#[test]
fn an_answer_pointing_nowhere_is_reported_on_its_line() {
    let broken = SMALL.replacen("\"next\": \"r2\"", "\"next\": \"nowhere\"", 1);
    let p = problems(&broken);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(
        p[0].text,
        "questions[1] \"q2\".answers[1].next: no question or result has the id \"nowhere\" — point next at an existing question or result id"
    );
    assert_eq!(p[0].line, line_of(&broken, "\"nowhere\""));
    // The column of the member `"next"` on that line, in characters.
    let row = broken.lines().nth(p[0].line - 1).unwrap();
    assert_eq!(p[0].column, row.find("\"next\": \"nowhere\"").unwrap() + 1);
    assert_eq!(p[0].node.as_deref(), Some("q2"));
    let r = report(&broken);
    assert_eq!(r["ok"], false);
    let edge = r["tree"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["target"] == "nowhere")
        .unwrap()
        .clone();
    assert_eq!(edge["to"], -1);
}

#[test]
fn columns_count_characters_and_places_without_a_member_resolve_to_their_object() {
    // A Japanese text before the place: the column counts characters, not bytes.
    let ja = SMALL
        .replacen(
            "{ \"id\": \"d\", \"text\": \"D\"",
            "{ \"text\": \"ＤＤ\", \"id\": \"d\"",
            1,
        )
        .replacen("\"next\": \"r2\"", "\"next\": \"nope\"", 1);
    let p = problems(&ja);
    let row = ja.lines().nth(p[0].line - 1).unwrap();
    let byte = row.find("\"next\": \"nope\"").unwrap();
    assert_eq!(p[0].column, row[..byte].chars().count() + 1);
    // A question with one answer: the place is `.answers`, which exists.
    let one = SMALL.replacen(
        "        { \"id\": \"a\", \"text\": \"A\", \"next\": \"q2\" },\n",
        "",
        1,
    );
    let p = problems(&one);
    let at = p.iter().find(|p| p.place.ends_with(".answers")).unwrap();
    assert_eq!(at.line, line_of(&one, "\"answers\""));
    assert_eq!(at.node.as_deref(), Some("q1"));
}

#[test]
fn syntax_errors_have_serde_s_line_and_column() {
    let broken = SMALL.replacen("\"title\": \"Small\",", "\"title\": \"Small\"", 1);
    let p = problems(&broken);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].line, line_of(&broken, "\"start\""));
    assert!(p[0].text.contains("(line 5, column 3)"), "{}", p[0].text);
    assert_eq!(report(&broken)["tree"], Value::Null);
}

#[test]
fn a_cycle_and_an_unreachable_result_are_in_the_tree() {
    // q2's answer c leads back to q1.
    let cycle = SMALL.replacen(
        "\"next\": \"r1\" },\n        { \"id\": \"d\"",
        "\"next\": \"q1\" },\n        { \"id\": \"d\"",
        1,
    );
    let r = report(&cycle);
    let p = r["problems"].as_array().unwrap();
    assert!(
        p[0]["text"]
            .as_str()
            .unwrap()
            .contains("leads back to \"q1\""),
        "{p:?}"
    );
    assert_eq!(p[0]["line"], line_of(&cycle, "\"next\": \"q1\""));
    let nodes = r["tree"]["nodes"].as_array().unwrap();
    let cyclic: Vec<_> = nodes
        .iter()
        .filter(|n| n["cycle"] == true)
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(cyclic, ["q1", "q2"]);
    let edges = r["tree"]["edges"].as_array().unwrap();
    assert_eq!(edges.iter().filter(|e| e["cycle"] == true).count(), 1);

    // Nothing leads to r2 any more.
    let lonely = SMALL.replacen("\"next\": \"r2\"", "\"next\": \"r1\"", 1);
    let r = report(&lonely);
    let p = r["problems"].as_array().unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["node"], "r2");
    assert_eq!(p[0]["line"], line_of(&lonely, "\"id\": \"r2\""));
    let r2 = r["tree"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "r2")
        .unwrap()
        .clone();
    assert_eq!(r2["reachable"], false);
    assert_eq!(r2["depth"], -1);
}

#[test]
fn compare_lists_where_two_languages_differ() {
    let c: Value = serde_json::from_str(&compare_json(JA, EN)).unwrap();
    assert_eq!(c["ok"], true);
    let other = SMALL
        .replacen("\"lang\": \"en\"", "\"lang\": \"ja\"", 1)
        .replacen("{ \"id\": \"d\"", "{ \"id\": \"e\"", 1);
    let c: Value = serde_json::from_str(&compare_json(SMALL, &other)).unwrap();
    assert_eq!(c["ok"], false, "{c}");
    let p = c["problems"].as_array().unwrap();
    assert!(p.iter().any(|p| p["node"] == "q2"), "{p:?}");
}

#[test]
fn flowcheck_prints_file_line_column() {
    let dir = std::env::temp_dir().join(format!("flowcheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.json");
    let broken = SMALL.replacen("\"next\": \"r2\"", "\"next\": \"nowhere\"", 1);
    std::fs::write(&file, &broken).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flowcheck"))
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let line = line_of(&broken, "\"nowhere\"");
    assert_eq!(
        stderr,
        format!(
            "{}:{line}:35: questions[1] \"q2\".answers[1].next: no question or result has the id \"nowhere\" — point next at an existing question or result id\n",
            file.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn any_text_gets_a_report_without_a_panic() {
    // Every prefix of a real file (cut anywhere, also inside a character) and a few oddities:
    // the report is JSON, and the places stay inside the text.
    let bytes = JA.as_bytes();
    let mut cuts: Vec<&[u8]> = (0..bytes.len()).step_by(251).map(|n| &bytes[..n]).collect();
    cuts.extend([
        &b"[[[[[[[["[..],
        b"{\"questions\": [{\"id\": \"\\",
        b"\"",
        b"",
    ]);
    for cut in cuts {
        let text = String::from_utf8_lossy(cut);
        let r = report(&text);
        for p in r["problems"].as_array().unwrap() {
            assert!(p["line"].as_u64().unwrap() as usize <= text.lines().count().max(1) + 1);
        }
        let _ = line_login_checker::report::Spans::scan(&text)
            .find("questions[3] \"x\".answers[9].next");
    }
}
