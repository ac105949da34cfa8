-- Uploaded files are stored under a unique blob name rather than under their key, so that two
-- writers racing for the same new key never write the same object: each writes its own, the
-- uploads row (key is the PRIMARY KEY) decides which one wins, and the loser removes its own.
-- object_key NULL means the blob is stored under the key itself (rows written before this
-- migration, and the console's embedded store, which names files by key).
ALTER TABLE uploads ADD COLUMN object_key TEXT;
ALTER TABLE multipart_uploads ADD COLUMN object_key TEXT;
CREATE INDEX idx_uploads_object_key ON uploads(object_key);
-- Housekeeping asks which R2 objects rows refer to, deletes expired sessions and finds old multipart uploads by age.
CREATE INDEX idx_lessons_content_key ON lessons(content_key);
CREATE INDEX idx_sessions_expires_at ON sessions(expires_at);
CREATE INDEX idx_multipart_uploads_created_at ON multipart_uploads(created_at);
