//! Every validation rule, one case per line: a change to the small fixture flow and the exact
//! message the content author must see. The messages are part of the interface.

use lld_core::flow::validate::{is_safe_href, parse, same_shape, LoadError};
use serde_json::{json, Value};

mod support;

use support::MINI;

fn mini() -> Value {
    serde_json::from_str(MINI).expect("fixture is JSON")
}

/// Applies `change` to the fixture and asserts the validator's full message.
#[track_caller]
fn rejects(change: impl FnOnce(&mut Value), expected: &str) {
    let mut flow = mini();
    change(&mut flow);
    match parse(&flow.to_string()) {
        Ok(_) => panic!("accepted a flow that should fail with: {expected}"),
        Err(e) => assert_eq!(e.to_string(), expected),
    }
}

macro_rules! rejects {
    ($($name:ident: |$f:ident| $change:expr => $msg:expr;)*) => {
        $(#[test] fn $name() { rejects(|$f: &mut Value| { $change; }, $msg); })*
    };
}

#[test]
fn fixture_is_valid() {
    let flow = parse(MINI).expect("fixture valid");
    assert_eq!(flow.flow().questions.len(), 2);
}

rejects! {
    unknown_target: |f| f["questions"][1]["answers"][0]["next"] = json!("nowhere")
        => "questions[1] \"email-kind\".answers[0].next: no question or result has the id \"nowhere\" — point next at an existing question or result id";
    duplicate_node_id: |f| f["results"][1]["id"] = json!("admin-url")
        => "results[1].id: the id \"admin-url\" is already used by results[0] — give every question and result its own id\nquestions[1] \"email-kind\".answers[0].next: no question or result has the id \"email-register\" — point next at an existing question or result id";
    question_and_result_share_id: |f| f["results"][3]["id"] = json!("where")
        => "results[3].id: the id \"where\" is already used by questions[0] — give every question and result its own id\nquestions[0] \"where\".answers[2].next: no question or result has the id \"frozen\" — point next at an existing question or result id\nresults[0] \"admin-url\".next: no result has the id \"frozen\" — name an existing result id, or remove next\nresults[2] \"email-forgotten\".next: no result has the id \"frozen\" — name an existing result id, or remove next";
    duplicate_answer_id: |f| f["questions"][0]["answers"][1]["id"] = json!("email")
        => "questions[0] \"where\".answers[1].id: the answer id \"email\" is used twice in this question — give every answer of a question its own id";
    duplicate_tip_id: |f| { let t = f["tips"][0].clone(); f["tips"].as_array_mut().unwrap().push(t) }
        => "tips[1].id: the id \"admins\" is already used by tips[0] — give every tip its own id\ntips[1] \"admins\": no result shows this tip — list its id in the tips of a result, or delete it";
    unreachable_question: |f| f["questions"][0]["answers"][0]["next"] = json!("email-register")
        => "questions[1] \"email-kind\": no path from start leads here — point an answer (or a result's next) at it, or delete it";
    unreachable_result: |f| { f["questions"][0]["answers"][1]["next"] = json!("frozen"); }
        => "results[0] \"admin-url\": no path from start leads here — point an answer (or a result's next) at it, or delete it";
    cycle_through_questions: |f| f["questions"][1]["answers"][1]["next"] = json!("where")
        => "questions[1] \"email-kind\".answers[1].next: this leads back to \"where\", so the diagnosis could loop forever — point it at a later question or a result";
    cycle_through_results: |f| f["results"][3]["next"] = json!("admin-url")
        => "results[0] \"admin-url\".next: this leads back to \"frozen\", so the diagnosis could loop forever — point it at a later question or a result";
    result_next_is_itself: |f| f["results"][3]["next"] = json!("frozen")
        => "results[3] \"frozen\".next: a result cannot be its own next result — name another result, or remove next";
    result_next_is_question: |f| f["results"][3]["next"] = json!("where")
        => "results[3] \"frozen\".next: \"where\" is a question, not a result — name the result to offer when these steps did not help";
    one_answer: |f| { f["questions"][1]["answers"].as_array_mut().unwrap().pop(); }
        => "questions[1] \"email-kind\".answers: a question needs at least 2 answers, it has 1 — add answers, or replace the question by where its answer leads";
    no_steps: |f| f["results"][0]["steps"] = json!([])
        => "results[0] \"admin-url\".steps: there are no steps — add at least one step";
    tip_without_steps: |f| f["tips"][0]["steps"] = json!([])
        => "tips[0].steps: there are no steps — add at least one step";
    empty_question_text: |f| f["questions"][0]["text"] = json!("  ")
        => "questions[0] \"where\".text: the text is empty — write the text";
    empty_step_text: |f| f["results"][2]["steps"][0]["text"] = json!("")
        => "results[2] \"email-forgotten\".steps[0].text: the text is empty — write the text";
    empty_answer_text: |f| f["questions"][0]["answers"][2]["text"] = json!("")
        => "questions[0] \"where\".answers[2].text: the text is empty — write the text";
    empty_note: |f| f["results"][3]["notes"][0] = json!("")
        => "results[3] \"frozen\".notes[0]: the text is empty — write the text";
    empty_title: |f| f["title"] = json!("")
        => "title: the text is empty — write the text";
    unclosed_label: |f| f["results"][0]["steps"][1]["text"] = json!("[設定 を押す")
        => "results[0] \"admin-url\".steps[1].text: a label opened with [ is never closed — write LINE's screen labels as [label], one pair of brackets each";
    unopened_label: |f| f["results"][0]["steps"][1]["text"] = json!("設定] を押す")
        => "results[0] \"admin-url\".steps[1].text: a ] closes no label — write LINE's screen labels as [label], one pair of brackets each";
    nested_label: |f| f["questions"][0]["help"] = json!("[a [b]]")
        => "questions[0] \"where\".help: a label contains another [ — write LINE's screen labels as [label], one pair of brackets each";
    empty_label: |f| f["results"][0]["cause"] = json!("押す [ ]")
        => "results[0] \"admin-url\".cause: a label [] is empty — write LINE's screen labels as [label], one pair of brackets each";
    javascript_link: |f| f["results"][0]["steps"][0]["link"]["href"] = json!("javascript:alert(1)")
        => "results[0] \"admin-url\".steps[0].link.href: the link \"javascript:alert(1)\" is not allowed — use an https: URL or a relative URL, without spaces";
    http_link: |f| f["results"][0]["steps"][0]["link"]["href"] = json!("http://manager.line.biz/")
        => "results[0] \"admin-url\".steps[0].link.href: the link \"http://manager.line.biz/\" is not allowed — use an https: URL or a relative URL, without spaces";
    empty_link_text: |f| f["results"][0]["steps"][0]["link"]["text"] = json!("")
        => "results[0] \"admin-url\".steps[0].link.text: the text is empty — write the text";
    bad_id: |f| f["questions"][1]["id"] = json!("Email Kind")
        => "questions[1].id: the id \"Email Kind\" is not a stable name — use 1 to 64 lowercase letters, digits or '-'\nquestions[0] \"where\".answers[0].next: no question or result has the id \"email-kind\" — point next at an existing question or result id";
    bad_date: |f| f["results"][0]["checked"] = json!("2026-02-30")
        => "results[0] \"admin-url\".checked: \"2026-02-30\" is not a date — write the day the steps were last checked as YYYY-MM-DD";
    unknown_tip: |f| f["results"][0]["tips"][0] = json!("nope")
        => "results[0] \"admin-url\".tips[0]: no tip has the id \"nope\" — name the id of an entry in tips";
    unused_tip: |f| { f["results"][0]["tips"] = json!([]); f["results"][3]["tips"] = json!([]); }
        => "tips[0] \"admins\": no result shows this tip — list its id in the tips of a result, or delete it";
    start_missing: |f| f["start"] = json!("begin")
        => "start: no question has the id \"begin\" — name the id of the first question";
    start_is_result: |f| f["start"] = json!("frozen")
        => "start: \"frozen\" is a result, not a question — start with a question";
    unknown_field: |f| f["questions"][0]["colour"] = json!("red")
        => "questions[0].colour (line 1, column 206): unknown field `colour`, expected one of `id`, `text`, `help`, `answers` — fix the JSON there (docs/flow-format.md lists the fields)";
    missing_field: |f| { f["results"][0].as_object_mut().unwrap().remove("checked"); }
        => "results[0] (line 1, column 674): missing field `checked` — fix the JSON there (docs/flow-format.md lists the fields)";
    steps_only_for_phones: |f| f["results"][2]["steps"][0]["for"] = json!("phone")
        => "results[2] \"email-forgotten\".steps: every step is \"for\": \"phone\", so a visitor on \"desktop\" sees none — add a step with \"for\": \"desktop\", or one without \"for\"";
    tip_steps_only_for_desktops: |f| f["tips"][0]["steps"][0]["for"] = json!("desktop")
        => "tips[0].steps: every step is \"for\": \"desktop\", so a visitor on \"phone\" sees none — add a step with \"for\": \"phone\", or one without \"for\"";
    unknown_device: |f| f["results"][0]["steps"][0]["for"] = json!("tablet")
        => "results[0].steps[0].for (line 1, column 546): unknown variant `tablet`, expected `phone` or `desktop` — fix the JSON there (docs/flow-format.md lists the fields)";
    unknown_place: |f| f["results"][0]["steps"][0]["on"] = json!("tablet")
        => "results[0].steps[0].on (line 1, column 603): unknown variant `tablet`, expected `line-app` or `browser` — fix the JSON there (docs/flow-format.md lists the fields)";
}

#[test]
fn too_deep() {
    // A chain of 13 questions, each with a way out, is one question too many.
    let mut questions = Vec::new();
    for i in 0..13 {
        let next = if i < 12 {
            format!("q{}", i + 1)
        } else {
            "end".to_owned()
        };
        questions.push(json!({"id": format!("q{i}"), "text": "?", "answers": [
            {"id": "on", "text": "on", "next": next}, {"id": "out", "text": "out", "next": "end"}]}));
    }
    let flow = json!({"id": "deep", "lang": "ja", "title": "t", "start": "q0", "questions": questions,
        "results": [{"id": "end", "title": "t", "cause": "c", "steps": [{"text": "s"}], "checked": "2026-11-25"}]});
    let err = parse(&flow.to_string()).unwrap_err().to_string();
    assert_eq!(err, "start: a path asks 13 questions, more than the limit of 12 — merge or remove questions so every path reaches a result sooner");
    // Twelve is allowed.
    let mut ok = flow.clone();
    ok["questions"].as_array_mut().unwrap().remove(0);
    ok["start"] = json!("q1");
    assert!(parse(&ok.to_string()).is_ok());
}

#[test]
fn not_json() {
    match parse("{ \"id\": ") {
        Err(LoadError::Json(e)) if e.line == 1 => {}
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn reports_every_problem_at_once() {
    let mut f = mini();
    f["title"] = json!("");
    f["results"][0]["checked"] = json!("yesterday");
    let err = parse(&f.to_string()).unwrap_err().to_string();
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn safe_hrefs() {
    for ok in [
        "https://manager.line.biz/",
        "HTTPS://example.com",
        "/contact",
        "contact.html",
        "#contact",
        "?a=b:c",
        "./a:b",
    ] {
        assert!(is_safe_href(ok), "{ok} should be allowed");
    }
    for bad in [
        "",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://example.com",
        "//evil.example",
        "\\\\evil.example",
        "vbscript:x",
        "https://exa mple.com",
    ] {
        assert!(!is_safe_href(bad), "{bad:?} should be refused");
    }
}

#[test]
fn locales_must_have_the_same_shape() {
    let ja = parse(MINI).unwrap();
    let mut en = mini();
    en["lang"] = json!("en");
    en["questions"][1]["answers"][1]["next"] = json!("frozen");
    en["results"]
        .as_array_mut()
        .unwrap()
        .retain(|r| r["id"] != "email-forgotten");
    en["results"][1]["next"] = json!("frozen");
    let en = parse(&en.to_string()).unwrap();
    let err = same_shape(&ja, &en).unwrap_err().to_string();
    assert_eq!(
        err,
        "results[2] \"email-forgotten\": en has no result with this id, ja has — add it to the en file, or remove it from ja\n\
         questions[1] \"email-kind\".answers: en has answers [never→email-register, forgot→frozen], ja has [never→email-register, forgot→email-forgotten] — give both languages the same answer ids in the same order, with the same next\n\
         results[1] \"email-register\": en and ja differ in next or tips — give both languages the same next and the same tips"
    );
}

#[test]
fn json_errors_name_path_line_and_column() {
    let tail = " — fix the JSON there (docs/flow-format.md lists the fields)";
    let cases = [
        (r#""next": "email-kind" },"#, r#""next": "email-kind" },,"#, format!("questions[0].answers[1] (line 12, column 68): expected a value{tail}")),
        (r#""checked": "2026-11-25",
      "next": "frozen""#, r#""checked": 20261125,
      "next": "frozen""#, format!("results[0].checked (line 36, column 25): invalid type: integer `20261125`, expected a string{tail}")),
        (r#""title": "テスト診断","#, "\"title\": \"テスト\t診断\",", format!("title (line 4, column 16): a control character (such as a line break) inside a string: write it as \\n{tail}")),
        (r#""lang": "ja","#, r#""lang": "ja", "lang": "en","#, format!("lang (line 3, column 22): the field `lang` appears twice{tail}")),
        (r#""tips": [
    { "id": "admins""#, r#""tips": [
    "oops", { "id": "admins""#, format!("tips[0] (line 66, column 10): invalid type: string \"oops\", expected a tip object{tail}")),
        (r#""tips": [
    { "id": "admins""#, r#""tips": [
    [{ "id": "admins""#, format!("tips[0][0] (line 66, column 5): invalid type: map, expected a string{tail}")),
        ("\n}\n", "\n}\n}", format!(". (line 69, column 1): more text after the end of the flow{tail}")),
        (r#""where","#, r#""where"#, format!("start (line 6, column 1): a control character (such as a line break) inside a string: write it as \\n{tail}")),
        (r#""help": "わからなければ[わからない]を選んでください。""#, r#""help": "\q""#, format!("questions[0].help (line 10, column 17): an unknown escape after \\{tail}")),
    ];
    let mut wrong = Vec::new();
    for (from, to, expected) in cases {
        assert!(MINI.contains(from), "fixture lacks {from:?}");
        let got = parse(&MINI.replacen(from, to, 1)).unwrap_err().to_string();
        if got != expected {
            wrong.push(format!("got:      {got}\nexpected: {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn json_escapes_and_limits() {
    // Escapes decode, including surrogate pairs; the title ends up as written.
    let edited = MINI.replacen(
        r#""テスト診断""#,
        r#""\u30c6\u30b9\u30c8 \ud83d\ude00 \"ok\"""#,
        1,
    );
    assert_eq!(parse(&edited).unwrap().flow().title, "テスト 😀 \"ok\"");
    // Hostile nesting is refused before it can exhaust the stack: every value has a type, and
    // the first one that does not fit stops the reading (serde_json also stops at 128 levels).
    for deep in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!(
            r#"{{"id": "x", "title": {}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    ] {
        let err = parse(&deep).unwrap_err().to_string();
        assert!(
            err.contains("invalid type: sequence, expected a string"),
            "{err}"
        );
    }
    // Empty input.
    assert_eq!(
        parse("").unwrap_err().to_string(),
        ". (line 1, column 1): the file ends early, expected a value — fix the JSON there (docs/flow-format.md lists the fields)"
    );
}
