-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.

-- A published post. Ids are random (RandomIds) so private and unlisted posts cannot be found by guessing.
-- like_count is kept from social's LikesChanged events; nsfw_rank is the highest effective NSFW level of the post's
-- images (0 = PG .. 3 = X), so that viewers who hide what is above their level get full pages from SQL.
create table posts (
    id          varchar(22)   not null primary key,
    owner_id    bigint        not null references users (id),
    title       varchar(200)  not null,
    caption     text          not null,
    visibility  varchar(16)   not null,
    hidden      boolean       default false not null,
    like_count  bigint        default 0 not null,
    nsfw_rank   integer       not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);
-- One index per list order (keyset pagination reads the index from the cursor on).
create index posts_newest_idx on posts (visibility, hidden, created_at, id);
create index posts_liked_idx on posts (visibility, hidden, like_count, created_at, id);
create index posts_owner_idx on posts (owner_id, created_at, id);

-- The images of a post, in order, with the generation parameters they were made with (null when unknown).
-- nsfw_level is what the author set; flagged means the safety checker flagged it (then it counts as at least R);
-- hidden is set by moderators for one image of an otherwise visible post.
create table post_images (
    id              varchar(22)  not null primary key,
    post_id         varchar(22)  not null references posts (id),
    position        integer      not null,
    blob_sha256     varchar(64)  not null,
    media_type      varchar(32)  not null,
    width           integer      not null,
    height          integer      not null,
    nsfw_level      varchar(8)   not null,
    flagged         boolean      not null,
    hidden          boolean      default false not null,
    like_count      bigint       default 0 not null,
    job_id          varchar(36),
    prompt          text,
    negative_prompt text,
    seed            bigint,
    steps           integer,
    cfg_scale       double precision,
    sampler         varchar(100),
    model           varchar(200),
    infotext        text
);
create index post_images_post_idx on post_images (post_id, position);

-- Which models a post's images were made with, for the per-model pages (newest first).
create table post_models (
    model      varchar(200) not null,
    post_id    varchar(22)  not null references posts (id),
    created_at timestamp with time zone not null,
    primary key (model, post_id)
);
create index post_models_newest_idx on post_models (model, created_at, post_id);
create index post_models_post_idx on post_models (post_id);
