//! The flow checker module: the same parse and validation as `flowcheck` and the tests
//! (`flow::validate`), compiled to a small wasm module with a C-style interface and no imports.
//!
//! `embed.js` loads it only for a page's own flow file (`flow-src`): the widget's wasm reads
//! compiled flows only (`flow::compiled`), so the JSON reader and the rules with their messages
//! stay out of what every page loads. The release build runs the same module in Node to compile
//! the built-in content (`scripts/post-build.mjs`), so both kinds of content pass one check.
//!
//! The interface, in the order a caller uses it:
//! 1. `lld_alloc(len)` returns a buffer of `len` bytes; the caller writes the flow file (UTF-8)
//!    there;
//! 2. `lld_check(ptr, len)` takes the buffer back and returns 1 when the flow is valid, 0 when
//!    not;
//! 3. `lld_result_ptr()` and `lld_result_len()` give the UTF-8 result: the compiled flow, or the
//!    message listing every problem (place, what is wrong, how to fix it).
//!
//! The studio's copy of the module (the `studio` feature, `dist/studio/line-login-checker.wasm`)
//! has two more, called in place of `lld_check` in the same sequence:
//! - `lld_report(ptr, len)`: every problem with its line and column, and the tree (nodes, edges,
//!   reachability, cycles) as JSON (`report::report_json`); returns 1 when the flow is valid;
//! - `lld_compare(ptr, len)`: two flow files separated by one NUL byte (never valid in JSON
//!   text): where the two languages differ in shape (`validate::same_shape`), as JSON
//!   (`report::compare_json`); returns 1 when they have the same shape.

pub mod cli;
pub mod report;

use std::cell::RefCell;

use lld_core::flow::{compiled, validate};

thread_local! {
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of `len` bytes for the input, owned by the caller until `lld_check` takes it.
#[no_mangle]
pub extern "C" fn lld_alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast()
}

/// The one calling sequence of every check: takes back the buffer `lld_alloc` made, computes
/// `(valid, answer)` from its bytes, and keeps the answer for `lld_result_ptr`/`lld_result_len`.
///
/// # Safety
/// `ptr` and `len` must be exactly what one `lld_alloc(len)` call returned and was given.
unsafe fn respond(ptr: *mut u8, len: usize, f: impl FnOnce(&[u8]) -> (bool, String)) -> u32 {
    // SAFETY: the caller passes back the buffer `lld_alloc` made, with its length.
    let input = unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) };
    let (valid, out) = f(&input);
    RESULT.with(|r| *r.borrow_mut() = out.into_bytes());
    valid as u32
}

/// Checks and compiles the flow file in the buffer from `lld_alloc` (which it frees).
///
/// # Safety
/// `ptr` and `len` must be exactly what one `lld_alloc(len)` call returned and was given.
#[no_mangle]
pub unsafe extern "C" fn lld_check(ptr: *mut u8, len: usize) -> u32 {
    // SAFETY: as this function's contract.
    unsafe { respond(ptr, len, check) }
}

/// The studio's report of the flow file in the buffer from `lld_alloc` (which it frees):
/// problems with their places and the tree, as JSON (`report::report_json`).
///
/// # Safety
/// As `lld_check`.
#[cfg(feature = "studio")]
#[no_mangle]
pub unsafe extern "C" fn lld_report(ptr: *mut u8, len: usize) -> u32 {
    // SAFETY: as this function's contract.
    unsafe {
        respond(ptr, len, |input| {
            json_answer(match std::str::from_utf8(input) {
                Ok(text) => report::report_json(text),
                Err(e) => not_utf8(e.valid_up_to()),
            })
        })
    }
}

/// Compares two flow files (in the buffer from `lld_alloc`, which it frees, separated by one
/// NUL byte) with `same_shape`, as JSON (`report::compare_json`).
///
/// # Safety
/// As `lld_check`.
#[cfg(feature = "studio")]
#[no_mangle]
pub unsafe extern "C" fn lld_compare(ptr: *mut u8, len: usize) -> u32 {
    // SAFETY: as this function's contract.
    unsafe {
        respond(ptr, len, |input| {
            let split = input.iter().position(|&b| b == 0).unwrap_or(input.len());
            let (a, b) = input.split_at(split);
            let b = b.get(1..).unwrap_or_default();
            json_answer(match (std::str::from_utf8(a), std::str::from_utf8(b)) {
                (Ok(a), Ok(b)) => report::compare_json(a, b),
                (Err(e), _) | (_, Err(e)) => not_utf8(e.valid_up_to()),
            })
        })
    }
}

/// A studio answer (JSON with `ok` first) and whether it says the input is valid.
#[cfg(feature = "studio")]
fn json_answer(out: String) -> (bool, String) {
    (out.starts_with("{\"ok\":true"), out)
}

#[cfg(feature = "studio")]
fn not_utf8(at: usize) -> String {
    format!("{{\"ok\":false,\"problems\":[{{\"text\":\"the file is not UTF-8 text (at byte {at}) — save it as UTF-8\",\"place\":\".\",\"line\":1,\"column\":1,\"node\":null}}],\"tree\":null}}")
}

/// The result of the last `lld_check`.
#[no_mangle]
pub extern "C" fn lld_result_ptr() -> *const u8 {
    RESULT.with(|r| r.borrow().as_ptr())
}

/// The length in bytes of the result of the last `lld_check`.
#[no_mangle]
pub extern "C" fn lld_result_len() -> usize {
    RESULT.with(|r| r.borrow().len())
}

/// `(true, compiled flow)` or `(false, every problem)`.
fn check(input: &[u8]) -> (bool, String) {
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            return (
                false,
                format!(
                    "the file is not UTF-8 text (at byte {}) — save it as UTF-8",
                    e.valid_up_to()
                ),
            )
        }
    };
    match validate::parse(text) {
        Ok(flow) => (true, compiled::encode(&flow)),
        Err(e) => (false, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn a_valid_flow_compiles_and_an_invalid_one_explains() {
        let (ok, out) = check(lld_core::content::JA.as_bytes());
        assert!(ok);
        assert!(out.starts_with("LLD2\u{1f}line-login\u{1f}ja\u{1f}"));
        let (ok, out) = check(b"{\"id\": 1}");
        assert!(!ok);
        assert!(
            out.contains("id (line 1, column 8): invalid type: integer `1`, expected a string"),
            "{out}"
        );
        let (ok, out) = check(b"\xff");
        assert!(!ok);
        assert!(out.contains("not UTF-8"), "{out}");
    }
}
