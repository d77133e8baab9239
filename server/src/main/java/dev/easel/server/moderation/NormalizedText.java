package dev.easel.server.moderation;

/**
 * Text after {@link TextNormalizer}: a stream of letters, each with the letters it may stand for, grouped into tokens
 * (the words of the text). Separators are gone; what they were is kept as whether a match may run across the token
 * boundary they formed.
 */
final class NormalizedText {
    private final int[][] candidates;
    private final boolean[] substringScript;
    private final boolean[] startsToken;
    private final boolean[] endsToken;
    private final boolean[] joinable;

    NormalizedText(
            int[][] candidates,
            boolean[] substringScript,
            boolean[] startsToken,
            boolean[] endsToken,
            boolean[] joinable) {
        this.candidates = candidates;
        this.substringScript = substringScript;
        this.startsToken = startsToken;
        this.endsToken = endsToken;
        this.joinable = joinable;
    }

    int length() {
        return candidates.length;
    }

    /** The code points letter {@code i} may stand for, the plain reading first (e.g. {@code '1'} gives i, l). */
    int[] candidates(int i) {
        return candidates[i];
    }

    /** Whether letter {@code i} belongs to a script written without spaces between words (Chinese, Japanese, ...). */
    boolean substringScript(int i) {
        return substringScript[i];
    }

    boolean startsToken(int i) {
        return startsToken[i];
    }

    boolean endsToken(int i) {
        return endsToken[i];
    }

    /**
     * Whether a word-bounded term may continue from letter {@code i - 1} into letter {@code i} where no word break of
     * the term stands. True inside a token, and across a boundary made by in-word punctuation ("chi.ld") or next to
     * spaced-out letters ("c h i ld"); false across plain spaces between words ("lol icon").
     */
    boolean joinable(int i) {
        return !startsToken[i] || joinable[i];
    }
}
