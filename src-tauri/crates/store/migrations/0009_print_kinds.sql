-- Two more documents printed from a meeting's records and kept like the
-- others: the innkalling (kl. § 11-3) and the offentleg versjon of the
-- møtebok. SQLite cannot widen a CHECK in place: the table is rebuilt with
-- the same rows and ids.
CREATE TABLE printed_protocols_v9 (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL
                   CHECK (kind IN ('saksprotokoll', 'moteprotokoll', 'offentleg', 'innkalling')),
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    path           TEXT    NOT NULL,
    sha256         TEXT    NOT NULL CHECK (length(sha256) = 64),
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL
) STRICT;

INSERT INTO printed_protocols_v9 (id, kind, meeting_id, agenda_item_id, path, sha256, created_at, created_by)
SELECT id, kind, meeting_id, agenda_item_id, path, sha256, created_at, created_by FROM printed_protocols;

DROP TABLE printed_protocols;
ALTER TABLE printed_protocols_v9 RENAME TO printed_protocols;
CREATE INDEX printed_protocols_meeting ON printed_protocols (meeting_id);
CREATE INDEX printed_protocols_agenda_item ON printed_protocols (agenda_item_id);
