package dev.easel.server.api;

import java.util.regex.Pattern;

/**
 * A body limit for one kind of upload that differs from the API's general {@code easel.api.max-body-bytes} (model
 * zips are far larger than JSON requests). Features register one as a bean; {@link BodySizeLimit} applies it.
 *
 * @param method the HTTP method it applies to
 * @param path the request paths it applies to (whole-path match)
 * @param maxBytes the largest body accepted
 * @param what names the upload in the 413 message, e.g. "model upload"
 * @param field the request field named in the error
 */
public record UploadLimit(String method, Pattern path, long maxBytes, String what, String field) {}
