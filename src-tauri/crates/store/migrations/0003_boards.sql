-- Boards as they are set up: how their utvalssak numbers are printed, the
-- default møtestad, the language of generated text and who gets the
-- protocol; their number series (one, or several such as PS and RS); and
-- varamedlemer in the order they are called.

ALTER TABLE boards ADD COLUMN number_format TEXT NOT NULL DEFAULT 'seq_year'
    CHECK (number_format IN ('seq_year', 'padded_seq_year', 'year_seq'));
-- Digits to pad to, for padded_seq_year only.
ALTER TABLE boards ADD COLUMN number_width INTEGER
    CHECK ((number_format = 'padded_seq_year') = (number_width IS NOT NULL) AND coalesce(number_width BETWEEN 2 AND 4, 1));
ALTER TABLE boards ADD COLUMN default_place TEXT;
ALTER TABLE boards ADD COLUMN language TEXT NOT NULL DEFAULT 'nn' CHECK (language IN ('nn', 'nb'));
-- Who gets the protocol ("Møteprotokoll er sendt til: …"), one per line.
ALTER TABLE boards ADD COLUMN distribution TEXT;

CREATE TABLE board_series (
    id       INTEGER PRIMARY KEY,
    board_id INTEGER NOT NULL REFERENCES boards (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    prefix   TEXT CHECK (prefix IS NULL OR length(trim(prefix)) > 0), -- PS, RS; NULL for a single series
    label    TEXT,                                                     -- "Politiske saker"
    UNIQUE (board_id, position),
    UNIQUE (board_id, prefix)
) STRICT;

-- Every board so far has one series without a prefix.
INSERT INTO board_series (board_id, position) SELECT id, 1 FROM boards;

-- For a varamedlem: the order in which they are called within their party or list.
ALTER TABLE board_members ADD COLUMN substitute_order INTEGER
    CHECK (substitute_order IS NULL OR (role = 'varamedlem' AND substitute_order >= 1));
