-- Signed copies of an approved møtebok. Each is a print of its own: the
-- approved bytes plus one or more signature updates (signed in Saksbok, or a
-- copy signed elsewhere and brought in), kept whole in blobs like every
-- print, pointing at the approved print it was made from. The newest is the
-- signed copy. A signed copy is never changed or deleted, whoever asks.
ALTER TABLE printed_protocols ADD COLUMN signed_from INTEGER REFERENCES printed_protocols (id);
ALTER TABLE printed_protocols ADD COLUMN signatures INTEGER NOT NULL DEFAULT 0 CHECK (signatures >= 0);
ALTER TABLE printed_protocols ADD COLUMN signed_source TEXT CHECK (signed_source IN ('saksbok', 'imported'));
CREATE INDEX printed_protocols_signed_from ON printed_protocols (signed_from);

CREATE TRIGGER printed_protocols_signed_update BEFORE UPDATE ON printed_protocols WHEN OLD.signed_from IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'Ei signert utgåve av protokollen kan ikkje endrast eller slettast.');
END;

CREATE TRIGGER printed_protocols_signed_delete BEFORE DELETE ON printed_protocols WHEN OLD.signed_from IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'Ei signert utgåve av protokollen kan ikkje endrast eller slettast.');
END;
