package dev.easel.server.generation;

/**
 * An image-to-image request's init image as sent, not yet read.
 *
 * @param field the request field it came in, named by every refusal ({@code initImage}, {@code init_images[0]})
 * @param bytes PNG or JPEG bytes
 */
@SuppressWarnings("ArrayRecordComponent") // held only while a submission is handled, never compared
public record InitImage(String field, byte[] bytes) {}
