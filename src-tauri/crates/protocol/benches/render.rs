//! How long protocols take: the saksprotokoll 54/21 (layout alone, and
//! layout + PDF; goal under 5 ms) and a møteprotokoll of 40 cases (goal
//! under 150 ms, aim 50 ms). Run with `cargo bench -p saksbok-protocol`.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use saksbok_core::behandling::Phrases;
use saksbok_core::demo;
use saksbok_core::protocol::{ProtocolTemplate, saksprotokoll};
use saksbok_core::sample::SampleMeeting;
use saksbok_protocol::content::MinutesStyle;
use saksbok_protocol::layout::{self, PageStyle};
use saksbok_protocol::{render_moteprotokoll, render_saksprotokoll};

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
    let forty = SampleMeeting::new(37).minutes();
    let r = render_moteprotokoll(&forty, MinutesStyle::default(), now);
    println!("møteprotokoll of 40 cases: {} pages, {} bytes", r.pages, r.pdf.len());
    c.bench_function("render møteprotokoll of 40 cases (PDF)", |b| {
        b.iter(|| render_moteprotokoll(&forty, MinutesStyle::default(), now));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
