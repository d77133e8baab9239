package dev.easel.server.generation;

/**
 * One result image of a job.
 *
 * @param sha256 the PNG's content hash in the blob store
 * @param infotext the A1111 "parameters" text embedded in the PNG
 */
public record JobImage(int index, long seed, String sha256, boolean nsfw, String infotext) {}
