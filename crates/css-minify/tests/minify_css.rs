//! The CSS minifier of build.rs: what it removes, and what it must never touch.

use lld_css_minify::minify_css;

#[track_caller]
fn case(css: &str, expected: &str) {
    assert_eq!(minify_css(css), expected, "{css:?}");
}

#[test]
fn comments_and_white_space_go() {
    case(
        "a  {\n  color : red ;\n}\n/* x */ b { }",
        "a{color :red;}b{}",
    );
    case(
        ".a,\n.b > .c { margin: 0 1em; }",
        ".a,.b > .c{margin:0 1em;}",
    );
    // A space before `:` is kept: `a :hover` and `a:hover` differ.
    case("a :hover {}", "a :hover{}");
}

#[test]
fn strings_are_left_as_written() {
    case(
        r#"a { content: "  a  /* x */ b" }"#,
        r#"a{content:"  a  /* x */ b"}"#,
    );
    // An escaped quote does not end the string (the bug this test was written for).
    case(
        r#"a { content: "\"  a  /* x */ b" }"#,
        r#"a{content:"\"  a  /* x */ b"}"#,
    );
    case(r"a { content: '\'  x  ' }", r"a{content:'\'  x  '}");
    case(
        r#"a { content: "\\" } /* c */ b {}"#,
        r#"a{content:"\\"}b{}"#,
    );
}

#[test]
fn the_widgets_css_keeps_every_rule() {
    let css = include_str!("../../../styles/widget.css");
    let min = minify_css(css);
    assert!(
        min.len() < css.len() * 3 / 4,
        "{} of {}",
        min.len(),
        css.len()
    );
    assert_eq!(min.matches('{').count(), min.matches('}').count());
    assert!(!min.contains("/*"));
}
