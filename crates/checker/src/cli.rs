//! The `flowcheck` command for content authors: the same parser, rules and messages as the
//! widget, on files, with a summary or a Mermaid diagram. Native only in practice (it reads files).

use std::process::ExitCode;

use lld_core::flow::valid::ValidFlow;
use lld_core::flow::validate::{parse, same_shape};
use lld_core::flow::walk::{count_paths, mermaid};

const USAGE: &str = "usage: flowcheck [--mermaid] FILE [OTHER-LANGUAGE-FILE]";

/// Runs `flowcheck` with its arguments; prints to stdout/stderr and returns the exit code
/// (0 valid, 1 invalid, 2 usage or unreadable file).
pub fn flowcheck(args: Vec<String>) -> ExitCode {
    let mermaid_out = args.iter().any(|a| a == "--mermaid");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty()
        || files.len() > 2
        || args.iter().any(|a| a.starts_with("--") && a != "--mermaid")
    {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut flows: Vec<ValidFlow> = Vec::new();
    let mut failed = false;
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                return ExitCode::from(2);
            }
        };
        match parse(&text) {
            Ok(flow) => flows.push(flow),
            Err(_) => {
                failed = true;
                // file:line:column: message — the place editors (and the studio) jump to.
                for p in crate::report::problems(&text) {
                    eprintln!("{file}:{}:{}: {}", p.line, p.column, p.text);
                }
            }
        }
    }
    if let [a, b] = flows.as_slice() {
        if let Err(e) = same_shape(a, b) {
            failed = true;
            for line in e.to_string().lines() {
                eprintln!("{} ↔ {}: {line}", files[0], files[1]);
            }
        }
    }
    if failed {
        return ExitCode::from(1);
    }
    for (file, flow) in files.iter().zip(&flows) {
        if mermaid_out {
            print!("{}", mermaid(flow));
        } else {
            let f = flow.flow();
            println!(
                "{file}: ok — flow {:?} ({}), {} questions, {} results, {} tips, {} paths",
                f.id,
                f.lang,
                f.questions.len(),
                f.results.len(),
                f.tips.len(),
                count_paths(flow)
            );
        }
    }
    ExitCode::SUCCESS
}

/// Runs `prerender FLOW-FILE OUT-DIR` (see `src/bin/prerender.rs`); returns the exit code (0
/// written, 1 invalid flow, 2 usage or unreadable/unwritable file).
pub fn prerender(args: Vec<String>) -> ExitCode {
    use lld_core::config::Lang;
    use lld_core::prerender::{answered_screens, first_screen, index};
    let [file, out] = args.as_slice() else {
        eprintln!("usage: prerender FLOW-FILE OUT-DIR");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    let flow = match parse(&text) {
        Ok(flow) => flow,
        Err(e) => {
            eprintln!("{file}: not a valid flow file (flowcheck says where): {e}");
            return ExitCode::from(1);
        }
    };
    let lang = if flow.flow().lang == "en" {
        Lang::En
    } else {
        Lang::Ja
    };
    // The stylesheet beside the crates (the same file build.rs compiles into the wasm).
    let css_file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../styles/widget.css");
    let css = match std::fs::read_to_string(css_file) {
        Ok(css) => lld_css_minify::minify_css(&css),
        Err(e) => {
            eprintln!("{css_file}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    let out = std::path::Path::new(out);
    let written = std::fs::create_dir_all(out).and_then(|()| {
        std::fs::write(out.join("screen.html"), first_screen(&flow, lang))?;
        std::fs::write(out.join("index.html"), index(&flow, lang))?;
        let answered: String = answered_screens(&flow, lang)
            .into_iter()
            .map(|(act, html)| format!(r#"<template data-after="{act}">{html}</template>"#))
            .collect();
        std::fs::write(out.join("answered.html"), answered)?;
        std::fs::write(out.join("widget.css"), css)
    });
    if let Err(e) = written {
        eprintln!("{}: cannot write: {e}", out.display());
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
