-- Protokolltilførsel: a correction or addition to an approved møtebok,
-- recorded after the approval as a record of its own (never an edit of what
-- was approved), with the date it was decided and what it rests on, printed
-- as an addendum. Only an approved meeting takes one; never changed or
-- deleted.
CREATE TABLE protocol_addenda (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
    number         INTEGER NOT NULL CHECK (number >= 1),
    agenda_item_id INTEGER REFERENCES agenda_items (id),
    text           TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    decided_on     TEXT    NOT NULL CHECK (date(decided_on) = decided_on),
    basis          TEXT,
    created_at     TEXT    NOT NULL,
    created_by     TEXT    NOT NULL,
    UNIQUE (meeting_id, number)
) STRICT;

CREATE INDEX protocol_addenda_item ON protocol_addenda (agenda_item_id);

CREATE TRIGGER protocol_addenda_approved_only BEFORE INSERT ON protocol_addenda
WHEN (SELECT status FROM meetings WHERE id = NEW.meeting_id) IS NOT 'approved'
BEGIN
    SELECT RAISE(ABORT, 'Ein protokolltilførsel høyrer til ein godkjend protokoll; før endringa i møtet så lenge det ikkje er godkjend.');
END;

CREATE TRIGGER protocol_addenda_kept_update BEFORE UPDATE ON protocol_addenda
BEGIN
    SELECT RAISE(ABORT, 'Ein protokolltilførsel kan ikkje endrast eller slettast; ein ny rettar han.');
END;

CREATE TRIGGER protocol_addenda_kept_delete BEFORE DELETE ON protocol_addenda
BEGIN
    SELECT RAISE(ABORT, 'Ein protokolltilførsel kan ikkje endrast eller slettast; ein ny rettar han.');
END;
