//! The TypeScript types in ui/src/lib/bindings/ are generated from these Rust
//! types. This test fails when they are stale; `UPDATE_BINDINGS=1 cargo test
//! -p saksbok-app bindings` writes them anew.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::error::CommandError;
use crate::personal::PersonalSettings;
use crate::service::admin::{BackupEntry, BackupList, SettingsView};
use crate::service::{AgendaItemView, AppStatus, NewCaseDefaults, OpenedDocument, PrintResult, PublicJournalResult};
use saksbok_core::case::{CaseInput, FieldError};
use saksbok_core::journal::JournalInput;
use saksbok_core::register::{CaseDetail, CaseFilterOptions, CasePage, CaseQuery};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
}

fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
                .collect()
        })
        .unwrap_or_default()
}

fn generate(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    AppStatus::export_all(&cfg).unwrap();
    AgendaItemView::export_all(&cfg).unwrap();
    PrintResult::export_all(&cfg).unwrap();
    crate::service::MeetingDocument::export_all(&cfg).unwrap();
    crate::service::printing::PrinterChoice::export_all(&cfg).unwrap();
    crate::service::printing::PrinterList::export_all(&cfg).unwrap();
    crate::service::signing::MeetingSignatures::export_all(&cfg).unwrap();
    crate::service::signing::VerifyReport::export_all(&cfg).unwrap();
    crate::service::signing::TokenKey::export_all(&cfg).unwrap();
    crate::service::boards::LayoutView::export_all(&cfg).unwrap();
    saksbok_core::approval::ApprovalInput::export_all(&cfg).unwrap();
    saksbok_core::approval::ApprovalRecord::export_all(&cfg).unwrap();
    saksbok_core::approval::ScanRecord::export_all(&cfg).unwrap();
    saksbok_core::addendum::AddendumInput::export_all(&cfg).unwrap();
    saksbok_core::addendum::AddendumRecord::export_all(&cfg).unwrap();
    NewCaseDefaults::export_all(&cfg).unwrap();
    OpenedDocument::export_all(&cfg).unwrap();
    PublicJournalResult::export_all(&cfg).unwrap();
    CaseInput::export_all(&cfg).unwrap();
    FieldError::export_all(&cfg).unwrap();
    JournalInput::export_all(&cfg).unwrap();
    CaseDetail::export_all(&cfg).unwrap();
    CaseFilterOptions::export_all(&cfg).unwrap();
    CasePage::export_all(&cfg).unwrap();
    CaseQuery::export_all(&cfg).unwrap();
    CommandError::export_all(&cfg).unwrap();
    SettingsView::export_all(&cfg).unwrap();
    saksbok_core::board::BoardRecord::export_all(&cfg).unwrap();
    saksbok_core::meeting::MeetingRow::export_all(&cfg).unwrap();
    saksbok_core::meeting::MeetingRecord::export_all(&cfg).unwrap();
    saksbok_core::meeting::MeetingInput::export_all(&cfg).unwrap();
    saksbok_core::meeting::SaklisteEntry::export_all(&cfg).unwrap();
    saksbok_core::roll::Roll::export_all(&cfg).unwrap();
    saksbok_core::meeting::Draft::export_all(&cfg).unwrap();
    saksbok_core::meeting::WaitingCase::export_all(&cfg).unwrap();
    saksbok_core::record::ItemRecordView::export_all(&cfg).unwrap();
    saksbok_core::record::MeetingAttachmentsView::export_all(&cfg).unwrap();
    crate::service::behandling::PhrasesView::export_all(&cfg).unwrap();
    PersonalSettings::export_all(&cfg).unwrap();
    BackupEntry::export_all(&cfg).unwrap();
    BackupList::export_all(&cfg).unwrap();
    saksbok_core::agreement::record::AgreementRecord::export_all(&cfg).unwrap();
    saksbok_core::agreement::record::AgreementRow::export_all(&cfg).unwrap();
    saksbok_core::agreement::form::AgreementInput::export_all(&cfg).unwrap();
    saksbok_core::agreement::task::TaskInput::export_all(&cfg).unwrap();
    saksbok_core::agreement::deadlines::Deadlines::export_all(&cfg).unwrap();
    crate::service::agreements::CalendarFile::export_all(&cfg).unwrap();
    crate::service::agreements::CaseAgreement::export_all(&cfg).unwrap();
}

#[test]
fn bindings_are_up_to_date() {
    let tmp = tempfile::TempDir::new().unwrap();
    generate(tmp.path());
    let fresh = files(tmp.path());
    assert!(fresh.len() >= 5);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let dir = committed_dir();
        std::fs::create_dir_all(&dir).unwrap();
        for old in files(&dir).keys() {
            std::fs::remove_file(dir.join(old)).unwrap();
        }
        for (name, text) in &fresh {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let committed = files(&committed_dir());
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "ui/src/lib/bindings is stale: run UPDATE_BINDINGS=1 cargo test -p saksbok-app bindings"
    );
    for (name, text) in &fresh {
        assert_eq!(&committed[name], text, "{name} is stale: run UPDATE_BINDINGS=1 cargo test -p saksbok-app bindings");
    }
}
