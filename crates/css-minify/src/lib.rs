//! The widget's CSS minifier (a build dependency of the widget, the root package, whose build.rs runs it;
//! tested by tests/minify_css.rs): comments and white space out, nothing else changed. A CSS library would do more, but the widget's CSS
//! needs only this, and this needs no dependency for every build.

/// Drops comments, folds whitespace, and trims it around `{ } ; ,` and after `:` (never inside
/// quotes).
pub fn minify_css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    let mut space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                // An escaped character (`\"` in a string) never ends the string.
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == q {
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
