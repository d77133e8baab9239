-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- An image file is served by its hash only to those who may see one of its jobs or posts: find them by the hash.
create index job_images_blob_idx on job_images (blob_sha256);
create index post_images_blob_idx on post_images (blob_sha256);
