package dev.easel.server.moderation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A named list of blocked terms, read from a UTF-8 text file: one term per line, {@code #} starts a comment that runs
 * to the end of the line, blank lines are skipped, a leading byte-order mark is ignored.
 *
 * @param name the file name without {@code .txt}, shown in rejection reasons
 * @param terms the terms as written, trimmed
 */
record BlockList(String name, List<String> terms) {
    /** Longer terms are surely a mistake in the file, and would make rejection reasons unbounded. */
    static final int MAX_TERM_LENGTH = 100;

    BlockList {
        terms = List.copyOf(terms);
    }

    /**
     * Parses a list file.
     *
     * @param source where the content came from, for error messages
     * @throws IllegalStateException naming the source (and line) if the content is not UTF-8 or a term is unusable
     */
    static BlockList parse(String name, String source, byte[] content) {
        String text = decode(source, content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> terms = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf('#');
            String term = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (term.isEmpty()) {
                continue;
            }
            if (term.codePointCount(0, term.length()) > MAX_TERM_LENGTH) {
                throw new IllegalStateException(String.format(
                        "block list %s line %d: term is longer than %d characters", source, i + 1, MAX_TERM_LENGTH));
            }
            if (TextNormalizer.normalize(term).length() == 0) {
                throw new IllegalStateException(String.format(
                        "block list %s line %d: term '%s' has no letters or digits", source, i + 1, term));
            }
            terms.add(term);
        }
        return new BlockList(name, terms);
    }

    private static String decode(String source, byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("block list " + source + " is not valid UTF-8", e);
        }
    }
}
