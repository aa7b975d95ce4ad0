//! Minifies the widget's CSS (comments and whitespace) before it is compiled into the wasm: the
//! source stays readable, the binary carries only what the browser needs (crates/css-minify).
use std::{env, fs, path::Path};

use lld_css_minify::minify_css;

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let src = "styles/widget.css";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    fs::write(Path::new(&out).join("widget.css"), minify_css(&text)).expect("write OUT_DIR");
}
