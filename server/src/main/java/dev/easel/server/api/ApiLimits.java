package dev.easel.server.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on what a request may make the server read and parse (docs/security.md).
 *
 * @param maxBodyBytes largest request body where no {@link UploadLimit} says otherwise, counted as it is read, so
 *     chunked bodies too (413 above it); JSON for accounts, comments, posts and the like needs far less than this
 * @param largeBodyBytes a body over this size is "large": only {@code maxLargeBodies} of them are read at once
 * @param maxLargeBodies large bodies read at the same time; further ones wait {@code largeBodyWait}, then get 503
 * @param largeBodyWait how long a large body waits for its turn before 503 with Retry-After
 * @param json limits of the JSON parser, for every JSON request body
 */
@ConfigurationProperties("easel.api")
public record ApiLimits(
        Long maxBodyBytes, Long largeBodyBytes, Integer maxLargeBodies, Duration largeBodyWait, Json json) {
    public ApiLimits {
        maxBodyBytes = maxBodyBytes == null ? 512L << 10 : maxBodyBytes;
        largeBodyBytes = largeBodyBytes == null ? 1L << 20 : largeBodyBytes;
        maxLargeBodies = maxLargeBodies == null ? 4 : maxLargeBodies;
        largeBodyWait = largeBodyWait == null ? Duration.ofSeconds(2) : largeBodyWait;
        json = json == null ? new Json(null, null, null, null, null, null) : json;
    }

    /**
     * Jackson's {@code StreamReadConstraints} for request bodies; a body over one is a 400 naming the limit.
     *
     * @param maxDocumentLength bytes of one JSON document; the body limits are counted before this applies
     * @param maxNestingDepth arrays and objects inside each other; no request needs more than a handful
     * @param maxStringLength characters of one string value: a base64 init image is the longest, so it is the size of
     *     the largest generation body
     * @param maxNumberLength digits of one number
     * @param maxNameLength characters of one property name
     * @param maxTokenCount tokens (values, names, brackets) in one document: a request has dozens, a body built to
     *     exhaust memory with millions of small objects has millions
     */
    public record Json(
            Long maxDocumentLength,
            Integer maxNestingDepth,
            Integer maxStringLength,
            Integer maxNumberLength,
            Integer maxNameLength,
            Long maxTokenCount) {
        public Json {
            maxDocumentLength = maxDocumentLength == null ? 64L << 20 : maxDocumentLength;
            maxNestingDepth = maxNestingDepth == null ? 32 : maxNestingDepth;
            maxStringLength = maxStringLength == null ? 64 << 20 : maxStringLength;
            maxNumberLength = maxNumberLength == null ? 100 : maxNumberLength;
            maxNameLength = maxNameLength == null ? 1000 : maxNameLength;
            maxTokenCount = maxTokenCount == null ? 100_000L : maxTokenCount;
        }
    }
}
