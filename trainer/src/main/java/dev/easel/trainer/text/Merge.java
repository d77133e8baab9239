package dev.easel.trainer.text;

/** One BPE merge rule: the adjacent symbols {@code left right} become {@code left + right}. */
public record Merge(String left, String right) {

    public String merged() {
        return left + right;
    }
}
