-- How each board's protocols are printed (titles, labels, attendance as
-- tables or fields, one sakliste or one per series, where the signatures
-- stand), as JSON; NULL is the reference protocol's layout.
ALTER TABLE boards ADD COLUMN protocol_layout TEXT
    CHECK (protocol_layout IS NULL OR json_valid(protocol_layout));
