//! The event contract, natively: what each input does to a widget's state and what the page
//! sees, in order — which event, which `detail`, then the history entry, the focus and the saved
//! progress — over thousands of random walks through the real content and the fixture, with
//! stale clicks, repeated answers, jumps, "did not help", copy, share, the call-to-action and
//! history entries the browser goes back and forth to. README "Events" documents the contract.

mod support;

use serde_json::Value;
use support::{flows, Rng};

use lld_core::act::Act;
use lld_core::config::Lang;
use lld_core::events::{EventKind, Visit};
use lld_core::flow::engine::Session;
use lld_core::flow::model::Audience;
use lld_core::flow::valid::{NodeRef, ValidFlow};
use lld_core::progress::{self, Entry};
use lld_core::state::{Applied, Effect, Env, Input, State};
use lld_core::texts::texts;

const PAGE: &str = "https://example.com/lp";

fn env(device: Audience) -> Env<'static> {
    Env {
        key: "1",
        page: PAGE,
        texts: texts(Lang::Ja),
        device,
    }
}

/// What the widget knows of its visit in these tests.
fn visit(device: Audience) -> Visit {
    Visit {
        version: "0a1b2c3d".into(),
        session: "rnd".into(),
        device: match device {
            Audience::Phone => "phone",
            Audience::Desktop => "desktop",
        },
        in_app: false,
        lang: "ja",
    }
}

/// An event as the page receives it: its kind and its parsed `detail` and `dataLayer` object,
/// without the fields every event carries about the visit (`seq`, `session`, the rest in
/// [`Visit`]), which are checked when taken out and kept here; `depth` (questions) likewise.
#[derive(Debug)]
struct Seen {
    kind: EventKind,
    detail: Value,
    layer: Value,
    seq: u64,
    session: String,
    depth: Option<u64>,
}

/// Takes `field` out of `detail` and `lld_…` out of the layer object; both must agree.
fn take(detail: &mut Value, layer: &mut Value, field: &str, layer_field: &str) -> Option<Value> {
    let d = detail.as_object_mut().unwrap().remove(field);
    let l = layer.as_object_mut().unwrap().remove(layer_field);
    assert_eq!(
        d, l,
        "{field} in detail and {layer_field} in the dataLayer object"
    );
    d
}

/// Every event of these effects, in order (`lld:question` included).
fn all_events(applied: &Applied) -> Vec<Seen> {
    applied
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Emit {
                kind,
                detail,
                layer,
            } => {
                let mut detail: Value = serde_json::from_str(detail).expect("detail is JSON");
                let mut layer: Value =
                    serde_json::from_str(layer).expect("the dataLayer object is JSON");
                let (d, l) = (&mut detail, &mut layer);
                let seq = take(d, l, "seq", "lld_seq").and_then(|v| v.as_u64());
                let session = take(d, l, "session", "lld_session").unwrap();
                let depth = take(d, l, "depth", "lld_depth").map(|v| v.as_u64().unwrap());
                assert_eq!(take(d, l, "version", "lld_version").unwrap(), "0a1b2c3d");
                let device = take(d, l, "device", "lld_device").unwrap();
                assert!(device == "phone" || device == "desktop", "{device}");
                assert_eq!(take(d, l, "inApp", "lld_in_app").unwrap(), false);
                assert_eq!(take(d, l, "lang", "lld_lang").unwrap(), "ja");
                assert_eq!(depth.is_some(), *kind == EventKind::Question, "{kind:?}");
                Some(Seen {
                    kind: *kind,
                    detail,
                    layer,
                    seq: seq.expect("every event has its number"),
                    session: session.as_str().unwrap().to_owned(),
                    depth,
                })
            }
            _ => None,
        })
        .collect()
}

/// The events of these effects but `lld:question` (checked on its own: [`shows_question`]).
fn events(applied: &Applied) -> Vec<Seen> {
    all_events(applied)
        .into_iter()
        .filter(|e| e.kind != EventKind::Question)
        .collect()
}

/// A change that leaves a question on screen ends its events with `lld:question` about it,
/// with its position in the visit; any other change sends none.
#[track_caller]
fn shows_question(flow: &ValidFlow, s: &Session, applied: &Applied, shown: bool) {
    let all = all_events(applied);
    let questions: Vec<&Seen> = all
        .iter()
        .filter(|e| e.kind == EventKind::Question)
        .collect();
    match s.current() {
        NodeRef::Question(_) if shown => {
            assert_eq!(questions.len(), 1, "one lld:question");
            let q = all.last().unwrap();
            assert_eq!(q.kind, EventKind::Question, "lld:question comes last");
            about_current(flow, s, q, EventKind::Question);
            assert_eq!(q.depth, Some(s.answer_ids(flow).len() as u64 + 1));
        }
        _ => assert!(questions.is_empty(), "no lld:question: {questions:?}"),
    }
}

/// The effects after the events: what a change the visitor made ends with.
fn tail(applied: &Applied) -> Vec<&Effect> {
    applied
        .effects
        .iter()
        .filter(|e| !matches!(e, Effect::Emit { .. }))
        .collect()
}

/// The answer ids so far, as `steps` carries them.
fn steps(flow: &ValidFlow, s: &Session) -> Value {
    s.answer_ids(flow).into_iter().collect()
}

/// The `detail` an event about the screen now shown carries.
#[track_caller]
fn about_current(flow: &ValidFlow, s: &Session, seen: &Seen, kind: EventKind) {
    assert_eq!(seen.kind, kind);
    let node = flow.id_of(s.current());
    let result = matches!(s.current(), NodeRef::Result(_))
        && !matches!(kind, EventKind::Restart | EventKind::View);
    let mut want =
        serde_json::json!({"flow": flow.flow().id, "node": node, "steps": steps(flow, s)});
    if result {
        want["result"] = node.into();
    }
    if let EventKind::Resolved(b) = kind {
        want["resolved"] = b.into();
    }
    assert_eq!(seen.detail, want, "{kind:?}");
    assert_layer(seen);
}

/// The `dataLayer` object is the same event, flat and GA4-named.
#[track_caller]
fn assert_layer(seen: &Seen) {
    let d = &seen.detail;
    let l = &seen.layer;
    assert_eq!(l["event"], seen.kind.data_layer_name());
    assert_eq!(l["lld_flow"], d["flow"]);
    assert_eq!(l["lld_node"], d["node"]);
    assert_eq!(l.get("lld_answer"), d.get("answer"));
    assert_eq!(l.get("lld_result"), d.get("result"));
    assert_eq!(l.get("lld_resolved"), d.get("resolved"));
    let joined: Vec<&str> = d["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(l["lld_steps"], joined.join(">"));
}

/// A change the visitor made ends with its history entry, the focus and the saved progress.
#[track_caller]
fn ends_a_move(flow: &ValidFlow, s: &Session, applied: &Applied, entry: bool) {
    assert!(applied.render);
    let mut want = Vec::new();
    let moves = progress::encode(flow, s);
    if entry {
        want.push(Effect::Entry(moves));
    }
    want.push(Effect::Focus);
    want.push(Effect::Save(progress::saved(flow, s)));
    assert_eq!(tail(applied), want.iter().collect::<Vec<_>>());
}

#[track_caller]
fn nothing(applied: &Applied, before: &State, after: &State) {
    assert_eq!(
        applied,
        &Applied::default(),
        "an input that fits nothing has no effect"
    );
    assert_eq!(before, after, "an input that fits nothing changes nothing");
}

/// A random input for the screen on show, sometimes one that does not fit it.
fn input(rng: &mut Rng, flow: &ValidFlow, state: &State, earlier: &[Session]) -> Input {
    let s = state.session();
    let f = flow.flow();
    let act = match rng.below(12) {
        0..=3 => match s.current() {
            // Mostly an answer on screen; sometimes a stale click on another question.
            NodeRef::Question(q) if rng.below(5) > 0 => Act::Answer {
                question: q,
                answer: rng.below(f.questions[q].answers.len() + 1),
            },
            _ => Act::Answer {
                question: rng.below(f.questions.len()),
                answer: rng.below(3),
            },
        },
        4 => Act::Back,
        5 => Act::JumpTo(rng.below(s.history().len() + 2)),
        6 => Act::Restart,
        7 => Act::NotResolved,
        8 => Act::Resolved,
        9 => [Act::Copy, Act::Share, Act::Cta][rng.below(3)],
        10 if !earlier.is_empty() => {
            return Input::Restore(earlier[rng.below(earlier.len())].clone())
        }
        11 if rng.below(3) == 0 => return Input::Seen,
        _ => return Input::Copied(rng.below(2) == 0),
    };
    Input::Act(act)
}

/// The `entry` of an `lld:start` (in `detail` and in the `dataLayer` object), taken out.
fn take_entry(seen: &mut Seen) -> String {
    let entry = seen
        .detail
        .as_object_mut()
        .unwrap()
        .remove("entry")
        .unwrap();
    let layer = seen
        .layer
        .as_object_mut()
        .unwrap()
        .remove("lld_entry")
        .unwrap();
    assert_eq!(entry, layer);
    entry.as_str().unwrap().to_owned()
}

fn index(kind: EventKind) -> usize {
    lld_core::events::NAMES
        .iter()
        .position(|n| *n == kind.name())
        .unwrap()
}

#[test]
fn the_start_says_where_the_widget_opens() {
    for (name, flow) in flows() {
        let (state, effects) = State::start(
            &flow,
            Session::new(&flow),
            Entry::Start,
            visit(Audience::Phone),
        );
        let applied = Applied {
            render: true,
            effects,
        };
        shows_question(&flow, state.session(), &applied, true);
        let all = all_events(&applied);
        assert_eq!(
            all.iter()
                .map(|e| (e.seq, e.session.as_str()))
                .collect::<Vec<_>>(),
            [(1, "rnd.1"), (2, "rnd.1")],
            "{name}: numbered from 1 in run 1"
        );
        let mut seen = events(&applied);
        assert_eq!(seen.len(), 1, "{name}");
        assert_eq!(take_entry(&mut seen[0]), "start", "{name}");
        about_current(&flow, state.session(), &seen[0], EventKind::Start);
        assert_eq!(
            tail(&applied),
            [&Effect::Save(None)],
            "{name}: no focus on load"
        );
        assert!(!state.moved());
        // A shared result: lld:start, then lld:result.
        let r = &flow.flow().results[0].id;
        let (state, effects) = State::start(
            &flow,
            Session::at_result(&flow, r).unwrap(),
            Entry::Link,
            visit(Audience::Phone),
        );
        let mut seen = events(&Applied {
            render: true,
            effects,
        });
        assert_eq!(seen.len(), 2, "{name}");
        assert_eq!(take_entry(&mut seen[0]), "link", "{name}");
        assert_eq!(seen[0].detail["node"], r.as_str());
        assert!(
            seen[0].detail.get("result").is_none(),
            "lld:start names no result"
        );
        about_current(&flow, state.session(), &seen[1], EventKind::Result);
    }
}

#[test]
fn random_walks_keep_the_event_contract() {
    let mut counts = [0usize; 9];
    for (name, flow) in flows() {
        let mut rng = Rng::new();
        for device in [Audience::Phone, Audience::Desktop] {
            let env = env(device);
            for walk in 0..300 {
                let (mut state, effects) =
                    State::start(&flow, Session::new(&flow), Entry::Start, visit(device));
                counts[index(EventKind::Start)] += 1;
                let first = all_events(&Applied {
                    render: true,
                    effects,
                });
                let (mut seq, mut run) = (first.last().unwrap().seq, 1);
                let mut viewed = false;
                let mut earlier = vec![state.session().clone()];
                for step in 0..40 {
                    let before = state.clone();
                    let input = input(&mut rng, &flow, &state, &earlier);
                    let applied = state.apply(&flow, &env, input.clone());
                    let (b, a) = (before.session(), state.session());
                    let seen = events(&applied);
                    let at = format!("{name} {device:?} walk {walk} step {step}: {input:?}");
                    // Numbered in order within a run; Restart begins the next run at 1.
                    for e in all_events(&applied) {
                        counts[index(e.kind)] += 1;
                        if e.kind == EventKind::Restart {
                            (seq, run) = (0, run + 1);
                        }
                        seq += 1;
                        assert_eq!(
                            (e.seq, e.session.as_str()),
                            (seq, &*format!("rnd.{run}")),
                            "{at}"
                        );
                        assert_eq!(state.visit().session, format!("rnd.{run}"));
                    }
                    let moved = a != b;
                    let forward = matches!(&input, Input::Restore(r) if r.history().len() >= b.history().len());
                    shows_question(&flow, a, &applied, moved && !forward);
                    match input {
                        Input::Act(Act::Answer { question, answer }) => {
                            let fits = b.current() == NodeRef::Question(question)
                                && flow.target(question, answer).is_some();
                            if !fits {
                                nothing(&applied, &before, &state);
                                continue;
                            }
                            let q = &flow.flow().questions[question];
                            assert_eq!(seen[0].kind, EventKind::Answer, "{at}");
                            assert_eq!(seen[0].detail["node"], q.id.as_str(), "{at}");
                            assert_eq!(seen[0].detail["answer"], q.answers[answer].id.as_str());
                            assert_eq!(seen[0].detail["steps"], steps(&flow, a), "{at}");
                            assert_layer(&seen[0]);
                            let at_result = matches!(a.current(), NodeRef::Result(_));
                            assert_eq!(seen.len(), 1 + at_result as usize, "{at}");
                            if at_result {
                                about_current(&flow, a, &seen[1], EventKind::Result);
                            }
                            ends_a_move(&flow, a, &applied, true);
                        }
                        Input::Act(Act::Back | Act::JumpTo(_)) if moved => {
                            assert_eq!(seen.len(), 1, "{at}");
                            about_current(&flow, a, &seen[0], EventKind::Back);
                            ends_a_move(&flow, a, &applied, true);
                        }
                        Input::Act(Act::Restart) if moved => {
                            assert_eq!(a, &Session::new(&flow));
                            assert_eq!(seen.len(), 1, "{at}");
                            about_current(&flow, a, &seen[0], EventKind::Restart);
                            ends_a_move(&flow, a, &applied, true);
                        }
                        Input::Act(Act::NotResolved) if moved => {
                            let left = flow.id_of(b.current());
                            assert_eq!(seen.len(), 2, "{at}");
                            assert_eq!(seen[0].kind, EventKind::Resolved(false));
                            assert_eq!(seen[0].detail["node"], left, "{at}");
                            assert_eq!(seen[0].detail["result"], left, "{at}");
                            assert_eq!(seen[0].detail["resolved"], false);
                            assert_layer(&seen[0]);
                            about_current(&flow, a, &seen[1], EventKind::Result);
                            assert!(progress::after_not_resolved(a));
                            ends_a_move(&flow, a, &applied, true);
                        }
                        Input::Act(Act::Resolved) => {
                            if before.resolved() || !matches!(b.current(), NodeRef::Result(_)) {
                                nothing(&applied, &before, &state);
                                continue;
                            }
                            assert!(state.resolved());
                            assert_eq!(seen.len(), 1, "{at}");
                            about_current(&flow, a, &seen[0], EventKind::Resolved(true));
                            ends_a_move(&flow, a, &applied, false);
                        }
                        Input::Act(act @ (Act::Copy | Act::Share | Act::Cta)) => {
                            let NodeRef::Result(r) = b.current() else {
                                nothing(&applied, &before, &state);
                                continue;
                            };
                            assert!(!applied.render, "{at}: nothing on screen changes");
                            // The call-to-action counts one more event of the run, no more.
                            let same = |s: &State| (s.session().clone(), s.resolved(), s.copied());
                            assert_eq!(same(&state), same(&before), "{at}");
                            if act != Act::Cta {
                                assert_eq!(state, before);
                            }
                            let result = &flow.flow().results[r];
                            let link = progress::share_link(PAGE, "1", &result.id);
                            match (act, applied.effects.as_slice()) {
                                (Act::Share, [Effect::Copy(text)]) => assert_eq!(text, &link),
                                (Act::Copy, [Effect::Copy(text)]) => {
                                    assert!(text.starts_with(&result.title), "{at}");
                                    for s in result.steps.iter().filter(|s| s.is_for(device)) {
                                        assert!(text.contains(&s.text), "{at}: {}", s.text);
                                    }
                                    assert!(text.ends_with(&format!("{link}\n")), "{at}");
                                }
                                (Act::Cta, [Effect::Emit { .. }]) => {
                                    about_current(&flow, a, &seen[0], EventKind::Cta)
                                }
                                (_, other) => panic!("{at}: {other:?}"),
                            }
                        }
                        Input::Act(_) => nothing(&applied, &before, &state),
                        Input::Restore(ref restored) => {
                            if restored == b {
                                nothing(&applied, &before, &state);
                                continue;
                            }
                            assert_eq!(a, restored);
                            // Back through history is announced; forward is not.
                            if restored.history().len() < b.history().len() {
                                assert_eq!(seen.len(), 1, "{at}");
                                about_current(&flow, a, &seen[0], EventKind::Back);
                            } else {
                                assert!(seen.is_empty(), "{at}");
                            }
                            ends_a_move(&flow, a, &applied, false);
                        }
                        Input::Seen => {
                            if viewed {
                                nothing(&applied, &before, &state);
                                continue;
                            }
                            viewed = true;
                            assert!(!applied.render, "{at}: nothing on screen changes");
                            assert_eq!(seen.len(), 1, "{at}");
                            about_current(&flow, a, &seen[0], EventKind::View);
                            assert_eq!(applied.effects.len(), 1, "{at}");
                        }
                        Input::Copied(ok) => {
                            assert!(applied.render && applied.effects.is_empty(), "{at}");
                            assert_eq!(state.copied(), Some(ok));
                            assert_eq!(a, b);
                        }
                    }
                    // A new screen drops the old one's feedback.
                    if moved {
                        assert!(!state.resolved() && state.copied().is_none(), "{at}");
                        assert!(state.moved());
                        earlier.push(a.clone());
                    }
                }
            }
        }
    }
    // The walks really reached every kind of event.
    for (i, n) in counts.iter().enumerate() {
        assert!(
            *n > 0,
            "no {} event in the random walks",
            lld_core::events::NAMES[i]
        );
    }
}
