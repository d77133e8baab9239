-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.

-- A user's public profile: display_name is already on users (V1).
alter table users add column bio varchar(2000);
-- The avatar's file name under <data-dir>/avatars: its SHA-256 and extension, e.g. '3f...a9.png' (content-addressed).
alter table users add column avatar varchar(80);
create index users_avatar_idx on users (avatar);
