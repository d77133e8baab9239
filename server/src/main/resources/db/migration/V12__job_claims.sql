-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- The jobs table is the queue: a node claims QUEUED jobs (SELECT ... FOR UPDATE SKIP LOCKED, then UPDATE, in one
-- transaction), holds them under a lease it renews, and every write it makes about a claimed job names the claim's
-- fencing token (claim_token), so a node that lost its lease cannot finish a job another claim took over.
alter table jobs add column node varchar(200);
alter table jobs add column attempt integer default 0 not null;
alter table jobs add column lease_until timestamp with time zone;
alter table jobs add column claim_token bigint;
-- Per-user round robin: a job's turn among the waiting jobs of its model and priority (a user's next job gets the turn
-- after their last waiting one, a user with none waiting joins the current turn); claims order by priority, turn, age.
alter table jobs add column turn bigint default 0 not null;
-- When the job (last) joined the queue: the queue timeout counts from here.
alter table jobs add column queued_at timestamp with time zone;
-- The job whose images this one waits for (an identical request in flight); such a job is not claimed.
alter table jobs add column follows varchar(36);
update jobs set queued_at = created_at where state in ('QUEUED', 'RUNNING');
create index jobs_claim_idx on jobs (model, state, priority, turn, created_at);
create index jobs_lease_idx on jobs (state, lease_until);
create index jobs_node_idx on jobs (node, state);

-- One row whose lock serializes admissions across all nodes: the per-user limit and the queue bound are counted and
-- the job inserted while it is held, so concurrent submissions cannot pass either.
create table job_admission (
    id integer not null primary key
);
insert into job_admission (id) values (1);
