-- Votes as some protocols write them: with the shares in per cent beside
-- (or instead of) the counts. Kept as written ("60", "60,5"), never
-- computed from the counts; in a vote between two proposals, A's and B's.
ALTER TABLE votes ADD COLUMN percent_for TEXT CHECK (percent_for IS NULL OR length(percent_for) BETWEEN 1 AND 6);
ALTER TABLE votes ADD COLUMN percent_against TEXT CHECK (percent_against IS NULL OR length(percent_against) BETWEEN 1 AND 6);
