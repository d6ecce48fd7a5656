//! The Saksbok desktop shell: the only crate that knows Tauri. It wires
//! plugins and state and exposes thin commands over [`service`].

mod commands;
pub mod error;
pub mod service;
pub mod state;

#[cfg(test)]
mod bindings;

use tauri::Manager;

use crate::state::AppState;

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let data = app.path().app_data_dir()?;
            let args: Vec<String> = std::env::args().collect();
            let db = state::db_path_from(&args, std::env::var(saksbok_store::paths::DB_ENV).ok(), &data);
            app.manage(AppState::open(db, data.join("protokollar"), saksbok_store::audit::os_user()));
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
            commands::cases::attach_documents,
            commands::cases::attach_document_bytes,
            commands::cases::open_document,
            commands::cases::get_agenda_item,
            commands::protocol::print_saksprotokoll,
            commands::protocol::write_public_journal,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Saksbok kunne ikkje starta: {e}");
            std::process::exit(1);
        });
}
