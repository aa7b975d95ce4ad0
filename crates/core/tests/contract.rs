//! The widget's contract with the host page, natively: attribute parsing, the call-to-action's
//! link building, event payloads (DOM `detail` and GA4 `dataLayer`), device detection and the
//! saved-progress tokens. The browser tests check the same things arrive in a real page.

use lld_core::config::{from_attributes, with_query, Lang, Theme};
use lld_core::content;
use lld_core::events::{Event, EventKind, Visit};
use lld_core::flow::engine::{answer_index, Command, Session, UNRESOLVED};
use lld_core::flow::valid::NodeRef;
use lld_core::platform::{Device, Platform};

fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    }
}

#[test]
fn defaults_and_warnings() {
    let (c, w) = from_attributes(attrs(&[]));
    assert_eq!(
        (c.lang, c.theme, c.cta_href.as_deref(), c.data_layer),
        (Lang::Ja, Theme::Light, None, false)
    );
    assert!(w.is_empty());
    let (c, w) = from_attributes(attrs(&[
        ("lang", "EN"),
        ("theme", "blue"),
        ("cta-href", "http://x"),
        ("cta-label", " "),
        ("cta-result-param", "a b"),
    ]));
    assert_eq!(
        (c.lang, c.theme, c.cta_href, c.cta_label),
        (Lang::Ja, Theme::Light, None, None)
    );
    assert_eq!(
        w,
        [
            "<line-login-diagnosis>: lang=\"EN\" is not allowed; allowed: \"ja\", \"en\". Using \"ja\".",
            "<line-login-diagnosis>: theme=\"blue\" is not allowed; allowed: \"light\", \"dark\", \"auto\". Using \"light\".",
            "<line-login-diagnosis>: cta-href=\"http://x\" is not allowed; allowed: an https: URL, a relative URL or #anchor. Using no call-to-action.",
            "<line-login-diagnosis>: cta-label=\" \" is not allowed; allowed: a non-empty text. Using the default label.",
            "<line-login-diagnosis>: cta-result-param=\"a b\" is not allowed; allowed: letters, digits, '_' and '-', or empty for none. Using \"lld_result\".",
        ]
    );
}

#[test]
fn cta_links_carry_the_result_and_keep_the_marketers_url() {
    let case = |href: &str, extra: &[(&str, &str)], expected: &str| {
        let mut pairs = vec![("cta-href", href)];
        pairs.extend_from_slice(extra);
        let (c, w) = from_attributes(attrs(&pairs));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            c.cta_link("password-line").as_deref(),
            Some(expected),
            "{href} {extra:?}"
        );
    };
    case(
        "https://example.com/contact",
        &[],
        "https://example.com/contact?lld_result=password-line",
    );
    case(
        "https://example.com/c?a=1#form",
        &[],
        "https://example.com/c?a=1&lld_result=password-line#form",
    );
    case(
        "https://example.com/c?",
        &[],
        "https://example.com/c?lld_result=password-line",
    );
    case(
        "https://example.com/c?a=1&",
        &[],
        "https://example.com/c?a=1&lld_result=password-line",
    );
    case("/contact#top", &[], "/contact?lld_result=password-line#top");
    case("#contact", &[("utm-source", "lp")], "#contact");
    case("https://lin.ee/AbCdEf", &[("utm-source", "lp"), ("utm-medium", "widget"), ("utm-campaign", "春 2026&x")],
        "https://lin.ee/AbCdEf?lld_result=password-line&utm_source=lp&utm_medium=widget&utm_campaign=%E6%98%A5%202026%26x");
    case(
        "https://example.com/?utm_source=mine",
        &[("utm-source", "lp")],
        "https://example.com/?utm_source=mine&lld_result=password-line",
    );
    case(
        "https://example.com/",
        &[("cta-result-param", "diag")],
        "https://example.com/?diag=password-line",
    );
    case(
        "https://example.com/",
        &[("cta-result-param", "")],
        "https://example.com/",
    );
    assert_eq!(
        with_query("https://a/#x?y", &[("k", "v")]),
        "https://a/?k=v#x?y"
    );
}

/// What a widget on an iPhone in LINE's in-app browser says about its visit.
fn visit() -> Visit {
    Visit {
        version: "0a1b2c3d".into(),
        session: "k3f9a2xq.1".into(),
        device: "phone",
        in_app: true,
        lang: "ja",
    }
}

/// The fields every event carries after its own, in `detail` and in the `dataLayer` object.
const VISIT_DETAIL: &str =
    r#""version":"0a1b2c3d","session":"k3f9a2xq.1","device":"phone","inApp":true,"lang":"ja"}"#;
const VISIT_LAYER: &str = r#""lld_version":"0a1b2c3d","lld_session":"k3f9a2xq.1","lld_device":"phone","lld_in_app":true,"lld_lang":"ja"}"#;

#[test]
fn event_payloads() {
    let visit = visit();
    let e = Event {
        kind: EventKind::Answer,
        flow: "line-login",
        node: "where",
        answer: Some("password"),
        result: None,
        steps: vec!["password"],
        entry: None,
        depth: None,
        seq: 3,
        visit: &visit,
    };
    assert_eq!(e.kind.name(), "lld:answer");
    assert_eq!(
        e.detail_json(),
        format!(
            r#"{{"flow":"line-login","node":"where","answer":"password","steps":["password"],"seq":3,{VISIT_DETAIL}"#
        )
    );
    assert_eq!(
        e.data_layer_json(),
        format!(
            r#"{{"event":"lld_answer","lld_flow":"line-login","lld_node":"where","lld_answer":"password","lld_steps":"password","lld_seq":3,{VISIT_LAYER}"#
        )
    );
    let e = Event {
        kind: EventKind::Resolved(false),
        flow: "line-login",
        node: "password-line",
        answer: None,
        result: Some("password-line"),
        steps: vec!["password", "line"],
        entry: None,
        depth: None,
        seq: 3,
        visit: &visit,
    };
    assert_eq!(e.kind.name(), "lld:resolved");
    assert_eq!(
        e.detail_json(),
        format!(
            r#"{{"flow":"line-login","node":"password-line","result":"password-line","steps":["password","line"],"resolved":false,"seq":3,{VISIT_DETAIL}"#
        )
    );
    assert_eq!(
        e.data_layer_json(),
        format!(
            r#"{{"event":"lld_resolved","lld_flow":"line-login","lld_node":"password-line","lld_result":"password-line","lld_steps":"password>line","lld_resolved":false,"lld_seq":3,{VISIT_LAYER}"#
        )
    );
    // Strings are escaped (ids never need it, but the writer must not break on odd input).
    let odd = Event {
        kind: EventKind::Start,
        flow: "a\"b\\c\n",
        node: "n",
        answer: None,
        result: None,
        steps: vec![],
        entry: Some("link"),
        depth: None,
        seq: 1,
        visit: &visit,
    };
    assert_eq!(
        odd.detail_json(),
        format!(
            r#"{{"flow":"a\"b\\c\u000a","node":"n","steps":[],"entry":"link","seq":1,{VISIT_DETAIL}"#
        )
    );
    assert!(odd
        .data_layer_json()
        .ends_with(&format!(r#","lld_entry":"link","lld_seq":1,{VISIT_LAYER}"#)));
    // A question shown carries its position in the visit.
    let q = Event {
        kind: EventKind::Question,
        flow: "line-login",
        node: "password-which",
        answer: None,
        result: None,
        steps: vec!["password"],
        entry: None,
        depth: Some(2),
        seq: 4,
        visit: &visit,
    };
    assert_eq!(
        q.data_layer_json(),
        format!(
            r#"{{"event":"lld_question","lld_flow":"line-login","lld_node":"password-which","lld_steps":"password","lld_depth":2,"lld_seq":4,{VISIT_LAYER}"#
        )
    );
    assert_eq!(
        q.detail_json(),
        format!(
            r#"{{"flow":"line-login","node":"password-which","steps":["password"],"depth":2,"seq":4,{VISIT_DETAIL}"#
        )
    );
    for (kind, name) in [
        (EventKind::Start, "lld:start"),
        (EventKind::Back, "lld:back"),
        (EventKind::Restart, "lld:restart"),
        (EventKind::Result, "lld:result"),
        (EventKind::Cta, "lld:cta"),
        (EventKind::Question, "lld:question"),
        (EventKind::View, "lld:view"),
    ] {
        assert_eq!(kind.name(), name);
        assert_eq!(kind.data_layer_name(), name.replace(':', "_"));
    }
}

#[test]
fn devices_from_user_agents() {
    let cases = [
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", 5, Device::Ios, false),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/14.3.1", 5, Device::Ios, true),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", 5, Device::Ios, false),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", 0, Device::Desktop, false),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36", 5, Device::Android, false),
        ("Mozilla/5.0 (Linux; Android 14; SH-M26) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0 Mobile Safari/537.36 Line/14.3.1/IAB", 5, Device::Android, true),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", 0, Device::Desktop, false),
        ("", 0, Device::Desktop, false),
    ];
    for (ua, touch, device, in_line) in cases {
        let p = Platform::detect(ua, touch);
        assert_eq!((p.device, p.in_line_app), (device, in_line), "{ua}");
        assert_eq!(p.is_mobile(), device != Device::Desktop);
    }
}

#[test]
fn saved_progress_round_trips_including_not_resolved() {
    let flow = content::builtin(Lang::Ja).unwrap();
    let mut s = Session::new(&flow);
    for id in ["password", "line"] {
        let NodeRef::Question(q) = s.current() else {
            panic!("a question before {id}")
        };
        s.apply(&flow, Command::Answer(answer_index(&flow, q, id).unwrap()));
    }
    s.apply(&flow, Command::NotResolved);
    let tokens = s.tokens(&flow);
    assert_eq!(tokens, ["password", "line", UNRESOLVED]);
    assert_eq!(Session::replay(&flow, tokens.iter().copied()), Some(s));
    // Stale or tampered progress is refused, never half-applied.
    assert_eq!(Session::replay(&flow, ["password", "nope"]), None);
    assert_eq!(Session::replay(&flow, [UNRESOLVED]), None);
}

#[test]
fn where_a_widget_opens_links_progress_and_the_start_attribute() {
    use lld_core::progress::{begin, Entry};
    let flow = content::builtin(Lang::Ja).unwrap();
    let id = |s: &Session| flow.id_of(s.current()).to_owned();
    let warn = |b: &lld_core::progress::Begin| b.warnings.join("\n");

    // A link a marketer writes, on a page with one widget; the share link, on any page.
    let b = begin(&flow, "1", "lld=password-line", true, None, None);
    assert_eq!(
        (id(&b.session), b.entry, warn(&b)),
        ("password-line".into(), Entry::Link, String::new())
    );
    let b = begin(&flow, "faq", "lld=faq:password-line", false, None, None);
    assert_eq!(
        (id(&b.session), b.entry),
        ("password-line".into(), Entry::Link)
    );
    // Not this widget's link: it starts as usual, silently.
    let b = begin(&flow, "2", "lld=faq:password-line", false, None, None);
    assert_eq!(
        (id(&b.session), b.entry, warn(&b)),
        ("where".into(), Entry::Start, String::new())
    );
    // An id that names no result, and a bare link on a page with several widgets, warn.
    let b = begin(&flow, "1", "lld=nope", true, None, None);
    assert_eq!((id(&b.session), b.entry), ("where".into(), Entry::Start));
    assert_eq!(
        warn(&b),
        "<line-login-diagnosis>: the link #lld=nope names no result of this diagnosis; it starts as usual."
    );
    let b = begin(&flow, "1", "lld=password-line", false, None, None);
    assert_eq!(id(&b.session), "where");
    assert_eq!(
        warn(&b),
        "<line-login-diagnosis>: #lld=password-line does not say which widget: this page has several, so the link needs #lld=<widget id>:password-line. Each starts as usual."
    );

    // Saved progress comes back; a link wins over it, and it wins over `start`.
    let b = begin(
        &flow,
        "1",
        "",
        true,
        Some("password line"),
        Some("code-kind"),
    );
    assert_eq!(
        (id(&b.session), b.entry),
        ("password-line".into(), Entry::Resume)
    );
    let b = begin(
        &flow,
        "1",
        "lld=admin-url",
        true,
        Some("password line"),
        None,
    );
    assert_eq!((id(&b.session), b.entry), ("admin-url".into(), Entry::Link));

    // `start`: the question, as if answered there by the fewest questions (trail and Back).
    let mut b = begin(&flow, "1", "", true, None, Some("password-which"));
    assert_eq!(
        (id(&b.session), b.entry, warn(&b)),
        ("password-which".into(), Entry::Start, String::new())
    );
    assert_eq!(b.session.answer_ids(&flow), ["password"]);
    assert_eq!(
        b.session.apply(&flow, Command::Back),
        lld_core::flow::engine::Outcome::Moved
    );
    assert_eq!(id(&b.session), "where");
    let b = begin(&flow, "1", "", true, None, Some("where"));
    assert!(b.session.history().is_empty());
    let b = begin(&flow, "1", "", true, None, Some("password-line"));
    assert_eq!(
        id(&b.session),
        "where",
        "start names a question, not a result"
    );
    assert_eq!(
        warn(&b),
        "<line-login-diagnosis>: start=\"password-line\" is not allowed; allowed: a question id of this diagnosis (README \"Public interface\"). Using the first question."
    );
    // Every question can be a start, and each one's trail replays to it.
    for q in &flow.flow().questions {
        let b = begin(&flow, "1", "", true, None, Some(&q.id));
        assert_eq!(id(&b.session), q.id);
        let tokens = b.session.tokens(&flow);
        assert_eq!(
            Session::replay(&flow, tokens.iter().copied()).as_ref(),
            Some(&b.session)
        );
    }
}

#[test]
fn the_device_attribute_names_a_platform_for_previews() {
    use lld_core::config::DeviceChoice;
    let desktop = Platform::detect("Mozilla/5.0 (X11; Linux x86_64)", 0);
    let (c, w) = from_attributes(attrs(&[("device", "line-app")]));
    assert!(w.is_empty());
    let p = desktop.chosen(c.device);
    assert!(p.is_mobile() && p.in_line_app);
    assert_eq!(desktop.chosen(DeviceChoice::Auto), desktop);
    assert!(!desktop.chosen(DeviceChoice::Desktop).is_mobile());
    assert!(desktop.chosen(DeviceChoice::Phone).is_mobile());
    let (c, w) = from_attributes(attrs(&[("device", "tablet"), ("start", " ")]));
    assert_eq!((c.device, c.start), (DeviceChoice::Auto, None));
    assert_eq!(
        w,
        [
            "<line-login-diagnosis>: start=\" \" is not allowed; allowed: a question id. Using the first question.",
            "<line-login-diagnosis>: device=\"tablet\" is not allowed; allowed: \"auto\", \"phone\", \"desktop\", \"line-app\". Using \"auto\".",
        ]
    );
}

#[test]
fn the_flow_version_is_a_stable_hash_of_the_compiled_text() {
    use lld_core::flow::compiled::{encode, version};
    // FNV-1a 32 (its published test vectors): the same in every browser, build and report.
    assert_eq!(version(""), "811c9dc5");
    assert_eq!(version("a"), "e40c292c");
    assert_eq!(version("foobar"), "bf9cf968");
    let ja = encode(&content::builtin(Lang::Ja).unwrap());
    let en = encode(&content::builtin(Lang::En).unwrap());
    let v = version(&ja);
    assert_eq!(v.len(), 8);
    assert!(v
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(version(&ja), v, "stable");
    assert_ne!(version(&en), v, "each language's text has its own version");
    // Any edit, even one character of one text, is another version.
    let edited = ja.replacen("LINE", "LlNE", 1);
    assert_ne!(edited, ja);
    assert_ne!(version(&edited), v);
}
