package dev.easel.server.moderation;

/** What the prompt audit decided about a prompt and its negative prompt. */
public sealed interface AuditResult {
    AuditResult ALLOWED = new Allowed();

    /** Neither text contains a blocked term. */
    record Allowed() implements AuditResult {}

    /**
     * A text contains a blocked term.
     *
     * @param field which text
     * @param list the block list the term comes from (its file name without {@code .txt})
     * @param term the term as written in the list
     */
    record Rejected(Field field, String list, String term) implements AuditResult {
        /** The message for the user (HTTP 400) and for moderators. */
        public String reason() {
            return field.label() + " contains a blocked term (list '" + list + "': \"" + term + "\")";
        }
    }

    /** The audited texts of a generation request. */
    enum Field {
        PROMPT("prompt"),
        NEGATIVE_PROMPT("negative prompt");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
