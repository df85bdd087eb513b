-- Every state a problem_view row has been in, with the event position it reflected (last_sequence,
-- last_event_at): a ledger as of an instant is the latest version of each problem up to it, so the
-- ledger an export names by its position can be generated again later. Kept by a trigger, so no writer
-- of problem_view can forget it. A column added to problem_view must be added here too, in the same place.
CREATE TABLE problem_view_version (LIKE problem_view INCLUDING DEFAULTS);
ALTER TABLE problem_view_version ADD COLUMN version_id BIGSERIAL PRIMARY KEY;
CREATE INDEX problem_view_version_organization ON problem_view_version (organization_id, last_event_at);

CREATE FUNCTION keep_problem_view_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- NEW.* fills the columns shared with problem_view, in their order; version_id takes its default.
    INSERT INTO problem_view_version SELECT NEW.*;
    RETURN NEW;
END
$$;

CREATE TRIGGER problem_view_versions AFTER INSERT OR UPDATE ON problem_view
    FOR EACH ROW EXECUTE FUNCTION keep_problem_view_version();

-- Rows written before this migration: their current state is the first version known.
INSERT INTO problem_view_version SELECT * FROM problem_view;
