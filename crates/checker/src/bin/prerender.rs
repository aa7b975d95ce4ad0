//! `prerender FLOW-FILE OUT-DIR`: writes what the build puts into the snippets and the demo page
//! (scripts/post-build.mjs, README "Embedding it in a page"): `OUT-DIR/screen.html`, the
//! widget's first screen; `OUT-DIR/index.html`, every question and result as plain HTML
//! (`lld_core::prerender`); `OUT-DIR/answered.html`, the screens after one answer of the first
//! question, each a `<template data-after="<act>">`; and `OUT-DIR/widget.css`, the widget's styles minified exactly as
//! the wasm carries them. A native tool: nothing of it is in the checker module.
use std::process::ExitCode;

fn main() -> ExitCode {
    line_login_checker::cli::prerender(std::env::args().skip(1).collect())
}
