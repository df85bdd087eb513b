-- An event whose JSON carries U+0000 ("a\u0000b"), which jsonb cannot hold: payload keeps it with every NUL
-- replaced by U+FFFD (what the read models count and filter on), raw_payload the JSON exactly as it travelled
-- (what the audit export shows). NULL for every other event.
ALTER TABLE audit_event ADD COLUMN raw_payload TEXT;
