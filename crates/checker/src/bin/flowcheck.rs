//! `flowcheck [--mermaid] FILE [OTHER-LANGUAGE-FILE]`: validates flow files with the widget's own
//! rules and messages; with two files, also checks that both languages have the same shape.
use std::process::ExitCode;

fn main() -> ExitCode {
    line_login_checker::cli::flowcheck(std::env::args().skip(1).collect())
}
