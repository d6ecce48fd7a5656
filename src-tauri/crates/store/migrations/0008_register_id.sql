-- Each register gets an id of its own, so backups of two registers kept in
-- one folder are told apart (and one never prunes the other's). It
-- describes this file, so an export does not carry it.
INSERT INTO settings (key, value) VALUES ('register_id', lower(hex(randomblob(16))))
    ON CONFLICT (key) DO NOTHING;
