//! Minifies the widget's CSS (comments and whitespace) before it is compiled into the wasm: the
//! source stays readable, the binary carries only what the browser needs. No dependencies.
use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let src = "../../styles/widget.css";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    fs::write(Path::new(&out).join("widget.css"), minify_css(&text)).expect("write OUT_DIR");
}

/// Drops comments, folds whitespace, and trims it around `{ } ; ,` and after `:` (never inside
/// quotes).
fn minify_css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    let mut space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut prev = ' ';
            for d in chars.by_ref() {
                if prev == '*' && d == '/' {
                    break;
                }
                prev = d;
            }
            continue;
        }
        if c.is_ascii_whitespace() {
            space = true;
            continue;
        }
        // No space needed before these, nor after them (nor after `:`; a space *before* `:`
        // is kept, since `a :hover` and `a:hover` differ).
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',');
        let after = |c: char| tight(c) || c == ':';
        if space && !out.is_empty() && !tight(c) && !out.ends_with(after) {
            out.push(' ');
        }
        space = false;
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}
