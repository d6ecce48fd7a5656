//! The Saksbok desktop shell: the only crate that knows Tauri. It wires
//! plugins and state and exposes thin commands over [`service`].

mod commands;
pub mod error;
pub mod personal;
pub mod rendering;
pub mod service;
pub mod state;

#[cfg(test)]
mod bindings;

use tauri::{Emitter, Manager};

use crate::state::AppState;

/// Opens the main window as `tauri.conf.json` describes it; with
/// `--blank-window` it shows an empty page instead of the app, the baseline
/// the start-up bench compares with. When WebKitGTK paints on the CPU, its
/// scrolling boxes scroll on the page's own thread (see [`rendering`]).
fn main_window(app: &tauri::App, blank: bool, cpu_painting: bool) -> tauri::Result<()> {
    let mut config = app.config().app.windows.iter().find(|w| w.label == "main").cloned().unwrap_or_default();
    if blank {
        config.url = tauri::WebviewUrl::App("blank.html".into());
    }
    let window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
    rendering::tune(&window, cpu_painting)
}

/// The log file's name (without `.log`) in the OS log directory.
pub const LOG_FILE: &str = "saksbok";

/// What runs once the window is up: the integrity check's outcome, then the
/// first backup of the day. Each outcome is logged, and told to the window.
pub(crate) fn after_start(handle: &tauri::AppHandle) {
    let state = handle.state::<AppState>();
    // The integrity check reads the whole file: let the window draw its
    // first screen before it starts (a write in the meantime starts it at once).
    std::thread::sleep(std::time::Duration::from_millis(1500));
    if let Some(error) = state.await_integrity() {
        log::error!("databasen er skadd: {}", error.message);
        let _ = handle.emit("db-failed", error);
        return;
    }
    match service::admin::daily_backup(&state, chrono::Utc::now()) {
        Ok(Some(made)) => {
            let _ = handle.emit("backup-made", made);
        }
        Ok(None) => {}
        // The database could not be opened: its screen says why already.
        Err(_) if matches!(&*state.db(), state::Db::Failed(_)) => {}
        Err(e) => {
            log::error!("dagleg tryggingskopi feila: {}", e.message);
            // Kept for app_status too: the window may not listen yet.
            state.set_backup_error(Some(e.clone()));
            let _ = handle.emit("backup-failed", e);
        }
    }
}

/// Starts the app. Called first thing in `main`, while the process has one
/// thread (it may set WebKit's environment).
pub fn run() {
    let cpu_painting = rendering::choose();
    tauri::Builder::default()
        // First: a second start hands over to the running window and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            log::info!("Saksbok vart starta ein gong til; viser vindauget som alt er ope");
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                    file_name: Some(LOG_FILE.into()),
                }))
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stderr))
                .level(log::LevelFilter::Info)
                .max_file_size(1_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let data = app.path().app_data_dir()?;
            let args: Vec<String> = std::env::args().collect();
            let db = state::db_path_from(&args, std::env::var(saksbok_store::paths::DB_ENV).ok(), &data);
            let config = app.path().app_config_dir()?;
            log::info!("Saksbok {} startar med databasen {}", env!("CARGO_PKG_VERSION"), db.display());
            if cpu_painting {
                log::info!("Ingen GPU (/dev/dri/renderD*): WebKit teiknar vindauget med prosessoren");
            }
            app.manage(AppState::open(db, data.join("protokollar"), saksbok_store::audit::os_user(), config));
            main_window(app, args.iter().any(|a| a == "--blank-window"), cpu_painting)?;
            // The window shows while the database's integrity check runs; a
            // damaged file is then closed and the window told why. A sound
            // one gets its backup of the day.
            let handle = app.handle().clone();
            std::thread::spawn(move || after_start(&handle));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::reopen_database,
            commands::app::load_demo,
            commands::cases::list_cases,
            commands::cases::case_filter_options,
            commands::cases::get_case,
            commands::cases::new_case_defaults,
            commands::cases::validate_case,
            commands::cases::create_case,
            commands::cases::update_case,
            commands::cases::add_journal_entry,
            commands::cases::update_journal_entry,
            commands::cases::attach_documents,
            commands::cases::attach_document_bytes,
            commands::cases::open_document,
            commands::cases::get_agenda_item,
            commands::protocol::print_saksprotokoll,
            commands::protocol::print_meeting_document,
            commands::protocol::list_printers,
            commands::boards::get_board_layout,
            commands::meetings::get_approval,
            commands::meetings::approve_meeting,
            commands::signing::get_signatures,
            commands::signing::sign_meeting,
            commands::signing::sign_meeting_token,
            commands::signing::import_signed_copy,
            commands::signing::verify_pdf,
            commands::signing::verify_pdf_file,
            commands::signing::open_signed_copy,
            commands::signing::list_scans,
            commands::signing::attach_scan,
            commands::signing::open_scan,
            commands::signing::list_addenda,
            commands::signing::add_addendum,
            commands::signing::open_addendum,
            commands::boards::save_board_layout,
            commands::protocol::preview_meeting_document,
            commands::protocol::write_public_journal,
            commands::boards::list_boards,
            commands::agreements::list_agreements,
            commands::agreements::get_agreement,
            commands::agreements::validate_agreement,
            commands::agreements::create_agreement,
            commands::agreements::update_agreement,
            commands::agreements::set_agreement_status,
            commands::agreements::link_agreement,
            commands::agreements::unlink_agreement,
            commands::agreements::tasks_from_vedtak,
            commands::agreements::create_task,
            commands::agreements::update_task,
            commands::agreements::deadlines,
            commands::agreements::open_deadlines_calendar,
            commands::agreements::agreements_of_case,
            commands::agreements::open_followup_report,
            commands::agreements::agreement_document_choices,
            commands::agreements::set_agreement_document,
            commands::boards::create_board,
            commands::boards::update_board,
            commands::boards::set_board_members,
            commands::meetings::list_meetings,
            commands::meetings::get_meeting,
            commands::meetings::create_meeting,
            commands::meetings::update_meeting,
            commands::meetings::set_meeting_status,
            commands::meetings::set_sakliste,
            commands::meetings::get_roll,
            commands::meetings::set_roll,
            commands::meetings::save_draft,
            commands::meetings::list_drafts,
            commands::meetings::clear_draft,
            commands::meetings::undo_step,
            commands::meetings::send_on,
            commands::meetings::waiting_cases,
            commands::behandling::get_item_record,
            commands::behandling::set_item_record,
            commands::behandling::get_business,
            commands::behandling::set_business,
            commands::behandling::get_meeting_attachments,
            commands::behandling::set_meeting_attachments,
            commands::behandling::get_phrases,
            commands::behandling::set_phrases,
            commands::admin::get_settings,
            commands::admin::save_register_settings,
            commands::admin::get_logo,
            commands::admin::set_logo,
            commands::admin::clear_logo,
            commands::admin::save_personal_settings,
            commands::admin::list_backups,
            commands::admin::make_backup,
            commands::admin::restore_backup,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Saksbok kunne ikkje starta: {e}");
            std::process::exit(1);
        });
}
