//! The engine over the real content and the fixture: every path ends at a result, and the
//! transition function keeps its promises over thousands of random walks (answer then Back
//! returns to the same state; Restart equals a fresh session; JumpTo retraces exactly).

mod support;

use support::{flows, Rng};

use lld_core::config::Lang;
use lld_core::content;
use lld_core::flow::engine::{answer_index, Command, Move, Outcome, Session};
use lld_core::flow::valid::{NodeRef, ValidFlow};
use lld_core::flow::validate::{parse, MAX_DEPTH};
use lld_core::flow::walk::{all_paths, count_paths};

/// How many answers the screen offers (none on a result).
fn answers_of(flow: &ValidFlow, s: &Session) -> usize {
    match s.current() {
        NodeRef::Question(q) => flow.flow().questions[q].answers.len(),
        NodeRef::Result(_) => 0,
    }
}

#[test]
fn every_path_replays_to_its_result_within_the_depth_bound() {
    for (name, flow) in flows() {
        let paths = all_paths(&flow);
        assert!(!paths.is_empty(), "{name}: no paths");
        assert_eq!(
            paths.len() as u128,
            count_paths(&flow),
            "{name}: path count"
        );
        for path in &paths {
            assert!(
                path.answers.len() <= MAX_DEPTH,
                "{name}: {:?} too long",
                path.answers
            );
            let s = Session::replay(&flow, path.answers.iter().copied())
                .unwrap_or_else(|| panic!("{name}: {:?} does not replay", path.answers));
            assert_eq!(
                s.current(),
                NodeRef::Result(path.result),
                "{name}: {:?}",
                path.answers
            );
            assert_eq!(
                s.answer_ids(&flow),
                path.answers,
                "{name}: answers recorded"
            );
        }
    }
}

#[test]
fn every_node_is_on_some_path_or_next_chain() {
    for (name, flow) in flows() {
        let f = flow.flow();
        let mut seen_q = vec![false; f.questions.len()];
        let mut seen_r = vec![false; f.results.len()];
        for path in all_paths(&flow) {
            let mut s = Session::new(&flow);
            for a in &path.answers {
                if let NodeRef::Question(q) = s.current() {
                    seen_q[q] = true;
                    let a = answer_index(&flow, q, a).expect("an answer of this question");
                    s.apply(&flow, Command::Answer(a));
                }
            }
            // Follow "did not help" to the end of the line.
            loop {
                if let NodeRef::Result(r) = s.current() {
                    seen_r[r] = true;
                }
                if s.apply(&flow, Command::NotResolved) != Outcome::Moved {
                    break;
                }
            }
        }
        for (i, seen) in seen_q.iter().enumerate() {
            assert!(seen, "{name}: question {} never asked", f.questions[i].id);
        }
        for (i, seen) in seen_r.iter().enumerate() {
            assert!(seen, "{name}: result {} never shown", f.results[i].id);
        }
    }
}

#[test]
fn both_languages_have_the_same_shape() {
    let ja = content::builtin(Lang::Ja).unwrap();
    let en = content::builtin(Lang::En).unwrap();
    if let Err(e) = lld_core::flow::validate::same_shape(&ja, &en) {
        panic!("{e}");
    }
}

#[test]
fn random_walks_keep_the_engine_promises() {
    for (name, flow) in flows() {
        let mut rng = Rng::new();
        let fresh = Session::new(&flow);
        for walk in 0..2000 {
            let mut s = Session::new(&flow);
            for _ in 0..40 {
                let before = s.clone();
                match rng.below(6) {
                    0..=2 => {
                        let answers = answers_of(&flow, &s);
                        if answers == 0 {
                            assert_eq!(s.apply(&flow, Command::Answer(0)), Outcome::NotAQuestion);
                            assert_eq!(s, before);
                            continue;
                        }
                        let id = rng.below(answers);
                        assert_eq!(s.apply(&flow, Command::Answer(id)), Outcome::Moved);
                        // Answer then Back returns to exactly the same state.
                        let mut undo = s.clone();
                        assert_eq!(undo.apply(&flow, Command::Back), Outcome::Moved);
                        assert_eq!(undo, before, "{name} walk {walk}: Back after {id}");
                    }
                    3 => {
                        let outcome = s.apply(&flow, Command::Back);
                        if before.history().is_empty() {
                            assert_eq!(outcome, Outcome::NothingToUndo);
                            assert_eq!(s, before);
                        } else {
                            assert_eq!(outcome, Outcome::Moved);
                            assert_eq!(
                                s.history(),
                                &before.history()[..before.history().len() - 1]
                            );
                        }
                    }
                    4 => {
                        let n = rng.below(s.history().len() + 2);
                        let outcome = s.apply(&flow, Command::JumpTo(n));
                        match n.cmp(&before.history().len()) {
                            std::cmp::Ordering::Less => {
                                assert_eq!(outcome, Outcome::Moved);
                                assert_eq!(s.history(), &before.history()[..n]);
                                // Jumping back to step n equals replaying the first n moves.
                                let mut replayed = Session::new(&flow);
                                for m in &before.history()[..n] {
                                    replay_move(&flow, &mut replayed, *m);
                                }
                                assert_eq!(s, replayed);
                            }
                            std::cmp::Ordering::Equal => {
                                assert_eq!(outcome, Outcome::NothingToUndo)
                            }
                            std::cmp::Ordering::Greater => {
                                assert_eq!(outcome, Outcome::NotInHistory)
                            }
                        }
                    }
                    _ => {
                        let outcome = s.apply(&flow, Command::NotResolved);
                        if outcome == Outcome::Moved {
                            let mut undo = s.clone();
                            undo.apply(&flow, Command::Back);
                            assert_eq!(undo, before);
                        } else {
                            assert_eq!(outcome, Outcome::NoFurtherCause);
                            assert_eq!(s, before);
                        }
                    }
                }
                // Unknown input never changes anything.
                let snapshot = s.clone();
                let unknown = s.apply(&flow, Command::Answer(usize::MAX));
                assert!(matches!(
                    unknown,
                    Outcome::UnknownAnswer | Outcome::NotAQuestion
                ));
                assert_eq!(s, snapshot);
            }
            // Restart equals a fresh session.
            s.apply(&flow, Command::Restart);
            assert_eq!(s, fresh);
            assert!(s.at_start(&flow));
            assert_eq!(s.apply(&flow, Command::Restart), Outcome::NothingToUndo);
        }
    }
}

fn replay_move(flow: &ValidFlow, s: &mut Session, m: Move) {
    let outcome = match m {
        Move::Answered { answer, .. } => s.apply(flow, Command::Answer(answer)),
        Move::Unresolved { .. } => s.apply(flow, Command::NotResolved),
    };
    assert_eq!(outcome, Outcome::Moved);
}

#[test]
fn shared_result_links_open_results_only() {
    for (name, flow) in flows() {
        for r in &flow.flow().results {
            let mut s =
                Session::at_result(&flow, &r.id).unwrap_or_else(|| panic!("{name}: {}", r.id));
            assert_eq!(flow.id_of(s.current()), r.id);
            assert_eq!(s.apply(&flow, Command::Back), Outcome::NothingToUndo);
            assert_eq!(s.apply(&flow, Command::Restart), Outcome::Moved);
            assert!(s.at_start(&flow));
        }
        assert!(Session::at_result(&flow, &flow.flow().start).is_none());
        assert!(Session::at_result(&flow, "nope").is_none());
    }
}

#[test]
fn replay_refuses_stale_progress() {
    let flow = parse(support::MINI).unwrap();
    assert!(Session::replay(&flow, ["email", "never"]).is_some());
    assert!(Session::replay(&flow, ["email", "gone"]).is_none());
    assert!(
        Session::replay(&flow, ["url", "more"]).is_none(),
        "answer after a result"
    );
}
