-- The Progress screen: browse, chart, correct and export learner progress, responsive with
-- 10,000,000 progress rows. Plain SQL for D1 and SQLite 3.40, like 0001. Existing writers
-- need no change: every new column has a default, and the triggers below keep the derived
-- data right whoever writes progress or lessons.

-- Optimistic concurrency for corrections, as users and lessons have: a new row is version 1,
-- every write sets version + 1 and applies only if the row still has the version it read.
ALTER TABLE progress ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The lesson's track, copied onto its progress rows, so that "one track, newest first" walks
-- one index (idx_progress_track) instead of sorting every row of the track's lessons (12 s for
-- a track of 1,000,000 rows). It always equals lessons.track: set on insert, followed when a
-- lesson moves to another track (that rewrites the lesson's progress rows, once).
ALTER TABLE progress ADD COLUMN track TEXT;
UPDATE progress SET track = (SELECT track FROM lessons WHERE lessons.id = progress.lesson_id);
CREATE TRIGGER progress_track_after_insert AFTER INSERT ON progress
  WHEN new.track IS NOT (SELECT track FROM lessons WHERE id = new.lesson_id)
BEGIN
  UPDATE progress SET track = (SELECT track FROM lessons WHERE id = new.lesson_id)
    WHERE user_id = new.user_id AND lesson_id = new.lesson_id;
END;
CREATE TRIGGER progress_track_after_update AFTER UPDATE OF lesson_id, track ON progress
  WHEN new.track IS NOT (SELECT track FROM lessons WHERE id = new.lesson_id)
BEGIN
  UPDATE progress SET track = (SELECT track FROM lessons WHERE id = new.lesson_id)
    WHERE user_id = new.user_id AND lesson_id = new.lesson_id;
END;
CREATE TRIGGER lessons_track_to_progress AFTER UPDATE OF track ON lessons
  WHEN new.track IS NOT old.track
BEGIN
  UPDATE progress SET track = new.track WHERE lesson_id = new.id;
END;

-- Per-lesson totals, kept by triggers in the same transaction as every progress write (the
-- cascades of user and lesson deletes included), so completion statistics per lesson and per
-- track, and the totals of the usual list filters, read one row per lesson instead of
-- counting millions of progress rows. One row per lesson, created with the lesson.
CREATE TABLE progress_lesson_totals (
  lesson_id TEXT PRIMARY KEY REFERENCES lessons(id) ON DELETE CASCADE,
  learners  INTEGER NOT NULL DEFAULT 0,            -- progress rows of the lesson
  completed INTEGER NOT NULL DEFAULT 0,            -- of which completed
  score_sum INTEGER NOT NULL DEFAULT 0             -- sum of their scores (average = score_sum / learners)
);
INSERT INTO progress_lesson_totals (lesson_id, learners, completed, score_sum)
  SELECT l.id, COUNT(p.lesson_id), COALESCE(SUM(p.completed), 0), COALESCE(SUM(p.score), 0)
  FROM lessons l LEFT JOIN progress p ON p.lesson_id = l.id GROUP BY l.id;
CREATE TRIGGER lessons_totals_after_insert AFTER INSERT ON lessons BEGIN
  INSERT OR IGNORE INTO progress_lesson_totals (lesson_id) VALUES (new.id);
END;
CREATE TRIGGER progress_totals_after_insert AFTER INSERT ON progress BEGIN
  UPDATE progress_lesson_totals SET learners = learners + 1, completed = completed + new.completed,
    score_sum = score_sum + new.score WHERE lesson_id = new.lesson_id;
END;
CREATE TRIGGER progress_totals_after_delete AFTER DELETE ON progress BEGIN
  UPDATE progress_lesson_totals SET learners = learners - 1, completed = completed - old.completed,
    score_sum = score_sum - old.score WHERE lesson_id = old.lesson_id;
END;
CREATE TRIGGER progress_totals_after_update AFTER UPDATE OF lesson_id, completed, score ON progress
  WHEN new.lesson_id IS NOT old.lesson_id OR new.completed IS NOT old.completed OR new.score IS NOT old.score
BEGIN
  UPDATE progress_lesson_totals SET learners = learners - 1, completed = completed - old.completed,
    score_sum = score_sum - old.score WHERE lesson_id = old.lesson_id;
  UPDATE progress_lesson_totals SET learners = learners + 1, completed = completed + new.completed,
    score_sum = score_sum + new.score WHERE lesson_id = new.lesson_id;
END;

-- Completions per lesson and UTC day (of completed_at), kept by triggers like the totals, for
-- "completions over time": a chart of everything over two years reads one row per lesson and
-- day instead of every completed row (5 s at 6,000,000 completions). Rows may reach 0.
CREATE TABLE progress_daily_completions (
  lesson_id TEXT NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
  day       TEXT NOT NULL,                         -- YYYY-MM-DD, the first 10 characters of completed_at
  completed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (lesson_id, day)
) WITHOUT ROWID;
INSERT INTO progress_daily_completions (lesson_id, day, completed)
  SELECT lesson_id, substr(completed_at, 1, 10), COUNT(*) FROM progress WHERE completed_at IS NOT NULL
  GROUP BY lesson_id, substr(completed_at, 1, 10);
CREATE TRIGGER progress_daily_after_insert AFTER INSERT ON progress WHEN new.completed_at IS NOT NULL BEGIN
  INSERT INTO progress_daily_completions (lesson_id, day, completed)
    SELECT new.lesson_id, substr(new.completed_at, 1, 10), 1 WHERE true
    ON CONFLICT (lesson_id, day) DO UPDATE SET completed = completed + 1;
END;
CREATE TRIGGER progress_daily_after_delete AFTER DELETE ON progress WHEN old.completed_at IS NOT NULL BEGIN
  UPDATE progress_daily_completions SET completed = completed - 1
    WHERE lesson_id = old.lesson_id AND day = substr(old.completed_at, 1, 10);
END;
CREATE TRIGGER progress_daily_after_update AFTER UPDATE OF lesson_id, completed_at ON progress
  WHEN new.lesson_id IS NOT old.lesson_id OR new.completed_at IS NOT old.completed_at
BEGIN
  UPDATE progress_daily_completions SET completed = completed - 1
    WHERE lesson_id = old.lesson_id AND day = substr(old.completed_at, 1, 10);
  INSERT INTO progress_daily_completions (lesson_id, day, completed)
    SELECT new.lesson_id, substr(new.completed_at, 1, 10), 1 WHERE new.completed_at IS NOT NULL
    ON CONFLICT (lesson_id, day) DO UPDATE SET completed = completed + 1;
END;

-- Lists break ties on (user_id, lesson_id), so each list index has them after its order and
-- SQLite walks it in order (keyset pages cost the same at any depth). completed and score (3
-- bytes an entry) and, in the two indexes that may be walked past millions of rows, completed_at
-- come last: filters and counts on them read the index only, not one table row per candidate
-- (a track's count by score: 16 s cold before; rows completed in one month, newest first: over
-- 120 s of table reads before, about a second of index reads now). What each serves:
--   idx_progress_updated      everything, newest first (the default list), and the completed filter
--   idx_progress_track        one track (+ completed), newest first
--   idx_progress_lesson       one lesson (+ completed), newest first; deletes of a lesson
--   idx_progress_completions  completions in the partial days at the edges of a chart's range,
--                             and counts of a completion-time filter (one range per lesson)
--   the primary key           one user (a few hundred rows at most), the email sort (after users.email)
-- idx_progress_user (user_id, updated_at) duplicated the primary key's user_id prefix for a
-- user's few rows: dropped, which saves about 0.8 GB at 10,000,000 rows (D1 allows 10 GB).
DROP INDEX IF EXISTS idx_progress_user;
DROP INDEX IF EXISTS idx_progress_lesson;
CREATE INDEX idx_progress_updated ON progress(updated_at, user_id, lesson_id, completed, score, completed_at);
CREATE INDEX idx_progress_track   ON progress(track, updated_at, user_id, lesson_id, completed, score, completed_at);
CREATE INDEX idx_progress_lesson  ON progress(lesson_id, updated_at, user_id, completed, score);
CREATE INDEX idx_progress_completions ON progress(lesson_id, completed_at) WHERE completed_at IS NOT NULL;
