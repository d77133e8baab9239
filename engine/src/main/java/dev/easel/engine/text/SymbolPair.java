package dev.easel.engine.text;

/** Two adjacent BPE symbols; one line of merges.txt. */
record SymbolPair(String left, String right) {

    String merged() {
        return left + right;
    }
}
