//! `cargo bench`: validates generated flows of 1,000 / 10,000 / 100,000 nodes and walks them,
//! printing the median time of several runs and the time per node (a flat ns/node column means
//! the cost grows linearly). A benchmark, not a test: it asserts nothing about time.
use std::hint::black_box;
use std::time::{Duration, Instant};

use lld_core::flow::engine::{Command, Session};
use lld_core::flow::model::{Answer, Flow, Question, ResultNode, Step};
use lld_core::flow::valid::NodeRef;
use lld_core::flow::validate::{parse, validate};

/// A flow of about `nodes` nodes: half questions in a 4-ary tree (depth log4), half results that
/// the leaves' answers share.
fn generate(nodes: usize) -> Flow {
    let nq = nodes / 2;
    let nr = nodes - nq;
    let questions = (0..nq)
        .map(|i| Question {
            id: format!("q{i}"),
            text: format!("質問 {i} はどれですか？"),
            help: None,
            answers: (1..=4)
                .map(|k| {
                    let child = 4 * i + k;
                    Answer {
                        id: format!("a{k}"),
                        text: format!("答え {k}"),
                        next: if child < nq {
                            format!("q{child}")
                        } else {
                            format!("r{}", (child - nq) % nr)
                        },
                    }
                })
                .collect(),
        })
        .collect();
    let results = (0..nr)
        .map(|i| ResultNode {
            id: format!("r{i}"),
            title: format!("結果 {i}"),
            cause: "原因の説明".into(),
            steps: vec![Step {
                text: "[ホーム] > [設定] > [アカウント] を開きます。".into(),
                on: None,
                only_for: None,
                link: None,
            }],
            notes: vec![],
            tips: vec![],
            checked: "2026-11-25".into(),
            next: None,
        })
        .collect();
    Flow {
        id: "bench".into(),
        lang: "ja".into(),
        title: "bench".into(),
        start: "q0".into(),
        questions,
        results,
        tips: vec![],
    }
}

/// The generated flow as a content file (plain strings only, no escaping needed).
fn to_json(flow: &Flow) -> String {
    let q = flow.questions.iter().map(|q| {
        let answers = q
            .answers
            .iter()
            .map(|a| {
                format!(
                    r#"{{"id":"{}","text":"{}","next":"{}"}}"#,
                    a.id, a.text, a.next
                )
            })
            .collect::<Vec<_>>()
            .join(",");
        format!(
            r#"{{"id":"{}","text":"{}","answers":[{answers}]}}"#,
            q.id, q.text
        )
    });
    let r = flow.results.iter().map(|r| {
        format!(
            r#"{{"id":"{}","title":"{}","cause":"{}","steps":[{{"text":"{}"}}],"checked":"{}"}}"#,
            r.id, r.title, r.cause, r.steps[0].text, r.checked
        )
    });
    format!(
        r#"{{"id":"{}","lang":"{}","title":"{}","start":"{}","questions":[{}],"results":[{}]}}"#,
        flow.id,
        flow.lang,
        flow.title,
        flow.start,
        q.collect::<Vec<_>>().join(","),
        r.collect::<Vec<_>>().join(",")
    )
}

fn median(mut f: impl FnMut() -> Duration, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    println!(
        "{:>8} {:>14} {:>10} {:>16} {:>10} {:>18}",
        "nodes", "validate", "ns/node", "parse+validate", "ns/node", "1000 walks"
    );
    for nodes in [1_000usize, 10_000, 100_000] {
        let flow = generate(nodes);
        let json = to_json(&flow);
        let runs = if nodes >= 100_000 { 5 } else { 21 };
        let validate_time = median(
            || {
                let f = flow.clone();
                let t = Instant::now();
                let v = validate(f).expect("generated flow is valid");
                let e = t.elapsed();
                black_box(v);
                e
            },
            runs,
        );
        let parse_time = median(
            || {
                let t = Instant::now();
                black_box(parse(&json).expect("valid"));
                t.elapsed()
            },
            runs,
        );
        let valid = validate(flow).expect("valid");
        // 1,000 walks from the start to a result, always taking a pseudo-random answer.
        let walk_time = median(
            || {
                let mut seed = 0x9E37_79B9_7F4A_7C15u64;
                let t = Instant::now();
                for _ in 0..1000 {
                    let mut s = Session::new(&valid);
                    while let NodeRef::Question(q) = s.current() {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        let answers = valid.flow().questions[q].answers.len();
                        s.apply(&valid, Command::Answer((seed % answers as u64) as usize));
                    }
                    black_box(&s);
                }
                t.elapsed()
            },
            runs,
        );
        let per = |d: Duration| d.as_nanos() as f64 / nodes as f64;
        println!(
            "{:>8} {:>12.3}ms {:>10.1} {:>14.3}ms {:>10.1} {:>16.3}ms",
            nodes,
            validate_time.as_secs_f64() * 1e3,
            per(validate_time),
            parse_time.as_secs_f64() * 1e3,
            per(parse_time),
            walk_time.as_secs_f64() * 1e3
        );
    }
}
