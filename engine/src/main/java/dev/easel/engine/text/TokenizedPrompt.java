package dev.easel.engine.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * A prompt as text-encoder input.
 *
 * @param ids exactly context-length ids: start token, prompt tokens, end token, then padding
 * @param tokenCount prompt tokens before truncation, not counting the start and end tokens
 * @param truncated whether prompt tokens were dropped to fit the context length
 */
// The array component is the text encoder's input row; equals/hashCode/toString compare contents and the array is
// copied in and out, so the record stays an immutable value (usable as a cache key).
@SuppressWarnings("ArrayRecordComponent")
public record TokenizedPrompt(int[] ids, int tokenCount, boolean truncated) {

    public TokenizedPrompt {
        Objects.requireNonNull(ids, "ids");
        if (tokenCount < 0) {
            throw new IllegalArgumentException("tokenCount must be >= 0, was " + tokenCount);
        }
        ids = ids.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenizedPrompt that
                && tokenCount == that.tokenCount
                && truncated == that.truncated
                && Arrays.equals(ids, that.ids);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(tokenCount, truncated) + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "TokenizedPrompt[ids=" + Arrays.toString(ids) + ", tokenCount=" + tokenCount + ", truncated=" + truncated
                + "]";
    }
}
