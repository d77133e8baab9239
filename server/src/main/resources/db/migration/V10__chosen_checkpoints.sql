-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- The model a user's A1111 calls run on when they name none, chosen with POST /sdapi/v1/options (compat). Users
-- without a row get the server's default; a row naming a model that is gone is ignored.
create table chosen_checkpoints (
    user_id    bigint       not null primary key references users (id),
    model_name varchar(255) not null,
    chosen_at  timestamp with time zone not null
);
