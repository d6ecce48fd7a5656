//! How long one saksprotokoll takes: layout alone, and layout + PDF.
//! Run with `cargo bench -p saksbok-protocol`. Goal: under 20 ms per PDF.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use saksbok_core::behandling::Phrases;
use saksbok_core::demo;
use saksbok_core::protocol::{ProtocolTemplate, saksprotokoll};
use saksbok_protocol::layout::{self, PageStyle};
use saksbok_protocol::render_saksprotokoll;

fn bench(c: &mut Criterion) {
    let d = demo::reference();
    let p = saksprotokoll(&d.meeting.info, &d.meeting.items[0], &ProtocolTemplate::default(), &Phrases::nynorsk())
        .expect("the demo case renders");
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
    // Parse the embedded fonts once, as the app does at first use.
    let _ = render_saksprotokoll(&p, now);
    c.bench_function("layout saksprotokoll 54/21", |b| {
        b.iter(|| layout::saksprotokoll(&p, &PageStyle::default()).unwrap());
    });
    c.bench_function("render saksprotokoll 54/21 (PDF)", |b| b.iter(|| render_saksprotokoll(&p, now)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
