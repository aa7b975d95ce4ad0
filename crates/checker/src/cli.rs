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
