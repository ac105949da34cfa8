-- Edge Admin schema, shared by the console's embedded store and the Worker's D1.
-- Plain SQL that runs on D1 and on SQLite 3.40: no BEGIN/COMMIT (each file is applied in
-- one transaction by whoever applies it). Timestamps are ISO 8601 UTC strings with
-- milliseconds ("2026-01-31T12:00:00.000Z", what JavaScript's toISOString() produces), so
-- rows written by the console and by the Worker sort together.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,                 -- UUID v4, lower case
  email         TEXT NOT NULL UNIQUE,             -- trimmed and lower-cased before insert
  username      TEXT NOT NULL,
  password_hash TEXT NOT NULL,                    -- pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>
  role          TEXT NOT NULL DEFAULT 'learner'
                CHECK (role IN ('admin', 'editor', 'support', 'learner')),
  version       INTEGER NOT NULL DEFAULT 1,       -- optimistic concurrency: +1 on every update
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_users_created_at ON users(created_at);
CREATE INDEX idx_users_username   ON users(username);
CREATE INDEX idx_users_role       ON users(role);

-- Substring search over email and username. External-content FTS5 with the trigram
-- tokenizer (case-insensitive; needs a search term of 3+ characters, shorter terms fall back
-- to LIKE). Kept in step with users by the triggers below.
CREATE VIRTUAL TABLE users_fts USING fts5(
  email, username, content = 'users', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER users_fts_after_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_fts(rowid, email, username) VALUES (new.rowid, new.email, new.username);
END;
CREATE TRIGGER users_fts_after_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_fts(users_fts, rowid, email, username)
    VALUES ('delete', old.rowid, old.email, old.username);
END;
CREATE TRIGGER users_fts_after_update AFTER UPDATE OF email, username ON users BEGIN
  INSERT INTO users_fts(users_fts, rowid, email, username)
    VALUES ('delete', old.rowid, old.email, old.username);
  INSERT INTO users_fts(rowid, email, username) VALUES (new.rowid, new.email, new.username);
END;

CREATE TABLE lessons (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  track       TEXT NOT NULL,
  difficulty  INTEGER NOT NULL DEFAULT 1 CHECK (difficulty BETWEEN 1 AND 5),
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  content_key TEXT,                               -- blob key of the HTML content, if any
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_lessons_track  ON lessons(track);
CREATE INDEX idx_lessons_status ON lessons(status);

CREATE TABLE progress (
  user_id      TEXT NOT NULL,
  lesson_id    TEXT NOT NULL,
  completed    INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
  score        INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
  completed_at TEXT,
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (user_id, lesson_id),
  FOREIGN KEY (user_id)   REFERENCES users(id)   ON DELETE CASCADE,
  FOREIGN KEY (lesson_id) REFERENCES lessons(id) ON DELETE CASCADE
);
CREATE INDEX idx_progress_user   ON progress(user_id, updated_at);
CREATE INDEX idx_progress_lesson ON progress(lesson_id);

CREATE TABLE uploads (
  key           TEXT PRIMARY KEY,                 -- blob key (R2 object key or file name)
  size          INTEGER NOT NULL CHECK (size >= 0),
  content_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
  original_name TEXT NOT NULL,
  sha256        TEXT,                             -- hex; NULL until known (multipart)
  uploaded_by   TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_uploads_created_at ON uploads(created_at);

-- Server-side record of R2 multipart uploads in flight: R2 does not check that an upload
-- id belongs to the caller, so the Worker does, against this table.
CREATE TABLE multipart_uploads (
  upload_id     TEXT PRIMARY KEY,
  key           TEXT NOT NULL,
  owner_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  content_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
  original_name TEXT NOT NULL,
  part_size     INTEGER NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The audit trail: one row per domain event, written in the same transaction as the change.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  type         TEXT NOT NULL,                     -- e.g. user.created, lesson.updated
  actor_id     TEXT,                              -- who did it (NULL: the system or the CLI)
  actor_email  TEXT,                              -- kept so the trail survives user deletion
  subject_type TEXT NOT NULL,                     -- user, lesson, progress, upload
  subject_id   TEXT NOT NULL,
  payload      TEXT NOT NULL DEFAULT '{}',        -- JSON
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX idx_events_created_at ON events(created_at);
CREATE INDEX idx_events_type       ON events(type, created_at);
CREATE INDEX idx_events_actor      ON events(actor_id, created_at);
CREATE INDEX idx_events_subject    ON events(subject_type, subject_id);

-- Worker sessions. KV holds them with a 7-day TTL for fast lookups; this row is the
-- authority on revocation, because KV is eventually consistent (up to 60 s).
CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX idx_sessions_user ON sessions(user_id);

-- Fixed-window rate-limit counters (login attempts per client), in D1 rather than KV
-- because KV allows one write per second per key and is eventually consistent.
CREATE TABLE rate_limits (
  key          TEXT PRIMARY KEY,                  -- e.g. login:<client ip>
  window_start INTEGER NOT NULL,                  -- epoch seconds
  count        INTEGER NOT NULL
);
