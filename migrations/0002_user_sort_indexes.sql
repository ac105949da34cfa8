-- Sorted paging over users breaks ties on id (so pages never overlap or skip rows on both
-- stores). Indexes on the sort column alone leave SQLite sorting every group of equal values
-- by id with a temporary B-tree: a deep page sorted by role took seconds on a million users.
-- Indexes on (column, id) let it walk the index in order instead. (email is UNIQUE already.)
DROP INDEX IF EXISTS idx_users_created_at;
DROP INDEX IF EXISTS idx_users_username;
DROP INDEX IF EXISTS idx_users_role;
CREATE INDEX idx_users_created_at ON users(created_at, id);
CREATE INDEX idx_users_username   ON users(username, id);
CREATE INDEX idx_users_role       ON users(role, id);
