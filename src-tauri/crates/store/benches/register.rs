//! The case register at municipal scale: 100 000 generated cases with
//! Nynorsk titles. Measures how long registering them takes, how fast the
//! list pages come, and search latency (p50/p95 over many queries).
//! Run with `cargo bench -p saksbok-store`. Goals: search p95 under 10 ms.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use saksbok_core::case::{CaseInput, CaseStatus};
use saksbok_core::register::{CaseQuery, CaseSort};
use saksbok_store::{Actor, Store, cases};

const CASES: usize = 100_000;

const KINDS: &[&str] = &[
    "Søknad om dispensasjon frå reguleringsplan",
    "Klage på vedtak om",
    "Høyring –",
    "Tilskot til",
    "Budsjettendring –",
    "Kjøp av",
    "Søknad om løyve til",
    "Avtale om",
    "Oppfølging av vedtak om",
    "Melding om",
];
const THINGS: &[&str] = &[
    "gang- og sykkelveg",
    "skuleskyss",
    "kommunal bustad",
    "vassverk og avløp",
    "brøyting av private vegar",
    "spelemidlar til lysløype",
    "IKT-samarbeid",
    "barnehageplass",
    "heimeteneste",
    "fritidsbustad",
    "næringsareal",
    "kulturminne",
    "skjenkeløyve",
    "naustrekkje",
    "flaumsikring",
];
const PLACES: &[&str] =
    &["Gaupne", "Skjolden", "Jostedal", "Hafslo", "Solvorn", "Veitastrond", "Fortun", "Nes", "Høyheimsvik", "Luster"];
const OFFICERS: &[&str] = &["Kari Nordheim", "Per Lerum", "Ola Bøen", "Åse Hauge", "Eirik Ølmheim", "Siri Årdal"];

/// A small deterministic generator, so every run builds the same register.
struct Lcg(u64);
impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        items[((self.0 >> 33) % items.len() as u64) as usize]
    }
}

fn build(path: &std::path::Path) -> (Store, Duration) {
    let mut store = Store::open(path).unwrap();
    let who = Actor { name: "bench", now: Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap() };
    let mut rng = Lcg(1069);
    let start = Instant::now();
    store
        .write(|tx| {
            for i in 0..CASES {
                let year = 2000 + (i % 26) as i32;
                let input = CaseInput {
                    number: None,
                    title: format!("{} {} – {} {}", rng.pick(KINDS), rng.pick(THINGS), rng.pick(PLACES), i % 997),
                    public_title: None,
                    status: if i % 3 == 0 { CaseStatus::Closed } else { CaseStatus::InProgress },
                    officer: Some(rng.pick(OFFICERS).to_string()),
                    unit: None,
                    classification: None,
                    screening_basis: None,
                    opened_on: format!("{year}-03-01"),
                    closed_on: (i % 3 == 0).then(|| format!("{year}-06-01")),
                    notes: (i % 5 == 0).then(|| format!("Merknad om {} ved {}.", rng.pick(THINGS), rng.pick(PLACES))),
                };
                cases::create(tx, &who, &input.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
    (store, start.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, took) = build(&dir.path().join("bench.sqlite3"));
    eprintln!("registered {CASES} cases (audit + search index) in {:.2} s", took.as_secs_f64());
    // For the window's start-up bench (src-tauri/tests/e2e/bench.rs).
    if let Some(keep) = std::env::var_os("SAKSBOK_BENCH_KEEP") {
        store.backup_to(std::path::Path::new(&keep)).unwrap();
        eprintln!("kept the register in {}", std::path::Path::new(&keep).display());
    }

    let queries = [
        "gaupne",
        "skuleskyss",
        "RÅDHUS",
        "søknad dispensasjon",
        "klage skjenkeløyve",
        "ølmheim",
        "lysløype jostedal",
        "flaum",
        "IKT",
        "bustad hafslo",
        "2021/500",
        "høyring kulturminne",
        "tilskot",
        "vassverk avløp",
        "naust",
        "merknad fortun",
        "s",
        "bar",
        "avtale IKT-samarbeid",
        "veitastrond",
    ];
    let mut times = Vec::new();
    let mut slowest: Vec<(Duration, &str, u32)> = Vec::new();
    for q in queries {
        let query = CaseQuery { text: q.into(), sort: CaseSort::Relevance, limit: 50, ..CaseQuery::default() };
        let mut mine = Vec::new();
        let mut total = 0;
        for _ in 0..25 {
            let t = Instant::now();
            total = store.read(|tx| cases::list(tx, &query)).unwrap().total;
            mine.push(t.elapsed());
        }
        mine.sort();
        slowest.push((percentile(&mine, 0.5), q, total));
        times.extend(mine);
    }
    slowest.sort();
    for (t, q, total) in slowest.iter().rev().take(5) {
        eprintln!("  {q:?}: median {:.2} ms, {total} matches", t.as_secs_f64() * 1e3);
    }
    times.sort();
    eprintln!(
        "search over {CASES} cases, {} queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );

    // JSON interchange at this size: export, then import into an empty database.
    let t = Instant::now();
    let text = store.read(|tx| saksbok_store::interchange::export_text(tx)).unwrap();
    let exported = t.elapsed();
    let mut fresh = Store::open(&dir.path().join("import.sqlite3")).unwrap();
    let t = Instant::now();
    let doc = saksbok_store::interchange::parse(&text).unwrap();
    let who = Actor { name: "bench", now: Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap() };
    let none = |_: &str| Err(std::io::Error::other("no documents in this bench"));
    fresh.write(|tx| saksbok_store::interchange::import(tx, &who, &doc, "bench.json", &none)).unwrap();
    eprintln!(
        "export of {CASES} cases: {:.2} s ({} MB); import into an empty database: {:.2} s",
        exported.as_secs_f64(),
        text.len() >> 20,
        t.elapsed().as_secs_f64()
    );

    let mut g = c.benchmark_group("register 100k");
    g.sample_size(30);
    g.bench_function("first page, newest first", |b| {
        b.iter(|| store.read(|tx| cases::list(tx, &CaseQuery { limit: 200, ..CaseQuery::default() })).unwrap());
    });
    g.bench_function("page at 50 000, by title", |b| {
        let q = CaseQuery { sort: CaseSort::Title, offset: 50_000, limit: 200, ..CaseQuery::default() };
        b.iter(|| store.read(|tx| cases::list(tx, &q)).unwrap());
    });
    g.bench_function("search \"søknad gaupne\"", |b| {
        let q =
            CaseQuery { text: "søknad gaupne".into(), sort: CaseSort::Relevance, limit: 50, ..CaseQuery::default() };
        b.iter(|| store.read(|tx| cases::list(tx, &q)).unwrap());
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
