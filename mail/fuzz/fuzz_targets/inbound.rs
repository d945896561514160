//! Whatever arrives at the support address — any bytes, however broken their MIME — must read
//! into a request or a reason to ignore it, never a panic; and so must a link or a reply
//! address made of the same bytes (the edge reads both from strangers).

#![no_main]

use libfuzzer_sys::fuzz_target;
use mail::address::SupportAddress;
use mail::inbound::read;
use mail::link::Link;

fuzz_target!(|data: &[u8]| {
    let support = SupportAddress::parse("support@galaxy-video.test").expect("a plain address");
    if let Ok(inbound) = read(data, &support) {
        assert!(!inbound.text.is_empty());
        assert!(inbound.text.chars().count() <= wire::limits::TEXT);
    }
    let text = String::from_utf8_lossy(data);
    let _ = Link::verify(b"secret", &text, 0, 0);
    let _ = support.recipient(b"secret", &text);
    let _ = support.reference(&text);
});
