//! Reading a flow file: JSON text → an unchecked [`Flow`], with serde. Every error names its
//! path in the file (`questions[0].answers[2].next`, from `serde_path_to_error`), its line and
//! column, and what serde found wrong. The model refuses unknown fields, so a typo in a content
//! file is an error, never silently ignored.
//!
//! Only authors' tools read JSON (`flowcheck`, the checker module, the tests): the widget's wasm
//! reads the compiled form (`compiled`) and is built without this module (the `json` feature).

use super::model::Flow;

/// Why a text is not a flow file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Path of the value, e.g. `results[0].steps[1].on`; `.` for the whole file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads a flow file. The flow is not checked yet: `validate` does that.
pub fn parse_flow(text: &str) -> Result<Flow, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let flow = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        error(text, path, e.into_inner())
    })?;
    // Nothing but white space may follow the flow.
    de.end().map_err(|e| error(text, ".".to_owned(), e))?;
    Ok(flow)
}

/// serde_json's wording for the syntax errors an author makes by hand, in the words this
/// project's messages have always used (the other errors keep serde's words: they name the
/// field, the type or the allowed values already).
const SYNTAX: &[(&str, &str)] = &[
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "a control character (such as a line break) inside a string: write it as \\n",
    ),
    ("invalid escape", "an unknown escape after \\"),
    ("trailing characters", "more text after the end of the flow"),
    ("expected value", "expected a value"),
    (
        "EOF while parsing a value",
        "the file ends early, expected a value",
    ),
];

fn error(text: &str, path: String, e: serde_json::Error) -> JsonError {
    // serde_json's message ends with the position, which the JsonError carries on its own.
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    let mut path = path;
    let message = match SYNTAX.iter().find(|(serde, _)| *serde == message) {
        Some((_, ours)) => (*ours).to_owned(),
        None => match message.strip_prefix("duplicate field ") {
            // serde names the object; the place is the field itself.
            Some(field) => {
                let name = field.trim_matches('`');
                path = if path == "." {
                    name.to_owned()
                } else {
                    format!("{path}.{name}")
                };
                format!("the field {field} appears twice")
            }
            None => message.to_owned(),
        },
    };
    JsonError {
        path,
        line: e.line(),
        // 1-based, as the field promises (serde_json says 0 before the first character).
        column: char_column(text, e.line(), e.column()).max(1),
        message,
    }
}

/// serde_json counts columns in bytes; an author's editor counts characters (a Japanese
/// character is 3 bytes).
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(row) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let bytes = byte_column.min(row.len());
    let end = (0..=bytes)
        .rev()
        .find(|&i| row.is_char_boundary(i))
        .unwrap_or(0);
    row[..end].chars().count() + (byte_column - end).min(1)
}
