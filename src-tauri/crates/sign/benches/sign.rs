//! How long signatures take: one PAdES signature added to a møtebok (goal
//! under 50 ms, aim 10 ms), and the check of a protocol with three
//! signatures (goal under 50 ms). Run with `cargo bench -p saksbok-sign`;
//! the certificates are made with openssl first, as the tests make them.

#[path = "../tests/common/mod.rs"]
mod common;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use saksbok_sign::verify::{only_signatures_after, signatures};
use saksbok_sign::{Pkcs12Signer, SignRequest, sign_pdf};

fn bench(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().unwrap();
    let pki = common::TestPki::new(dir.path());
    let names = ["Anne Leiar", "Kari Nes", "Per Olav Berge"];
    let approved = common::approved_moteprotokoll(&names);
    let signers: Vec<Pkcs12Signer> = names
        .iter()
        .map(|n| Pkcs12Signer::open(&std::fs::read(pki.signatory(n)).unwrap(), common::PASSWORD).unwrap())
        .collect();
    let req =
        SignRequest { field: None, when: Utc::now(), reason: Some("Godkjend møtebok"), location: None, tsa: None };
    println!("møtebok: {} bytes", approved.len());
    c.bench_function("sign møtebok (first of three signatures)", |b| {
        b.iter(|| sign_pdf(&approved, &signers[0], &req).unwrap());
    });
    let mut signed = approved.clone();
    for s in &signers {
        signed = sign_pdf(&signed, s, &req).unwrap();
    }
    println!("signed three times: {} bytes", signed.len());
    c.bench_function("verify møtebok with three signatures", |b| {
        b.iter(|| {
            let found = signatures(&signed).unwrap();
            assert!(found.iter().all(|s| s.valid));
            only_signatures_after(&signed, approved.len()).unwrap();
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
