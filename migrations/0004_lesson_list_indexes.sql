-- Lesson lists sort by created_at, updated_at, title, difficulty or track and break ties on id
-- (both stores), like the users' lists (0002): an index on (column, id) lets SQLite walk it
-- in order instead of sorting every page with a temporary B-tree. The track index also
-- serves the exact track filter (and orders a filtered page by id), so it replaces the
-- single-column one. The status filter keeps idx_lessons_status; the title search is a
-- substring LIKE, which no index can serve.
DROP INDEX IF EXISTS idx_lessons_track;
CREATE INDEX idx_lessons_track      ON lessons(track, id);
CREATE INDEX idx_lessons_created_at ON lessons(created_at, id);
CREATE INDEX idx_lessons_updated_at ON lessons(updated_at, id);
CREATE INDEX idx_lessons_title      ON lessons(title, id);
CREATE INDEX idx_lessons_difficulty ON lessons(difficulty, id);
