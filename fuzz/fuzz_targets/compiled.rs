//! The widget's reader of compiled flows, on any text: an error or a flow, never a panic (the
//! built-in files are pinned by hash, but a damaged file must still fail cleanly).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lld_core::flow::compiled::{decode, encode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(flow) = decode(text) {
        // What decodes re-encodes to something that decodes to the same flow.
        assert_eq!(decode(&encode(&flow)).as_ref(), Ok(&flow));
    }
});
