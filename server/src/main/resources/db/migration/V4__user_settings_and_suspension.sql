-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.

-- What a viewer wants shown: images above nsfw_max are blurred (nsfw_blur) or left out.
alter table users add column nsfw_max varchar(8) default 'PG13' not null;
alter table users add column nsfw_blur boolean default true not null;
-- Set by moderators; a suspended user cannot sign in or use API keys, and their content is hidden.
alter table users add column suspended_at timestamp with time zone;
