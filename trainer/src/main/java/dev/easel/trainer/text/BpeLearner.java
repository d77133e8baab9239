package dev.easel.trainer.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns BPE merges from a word-frequency table: repeatedly merges the most frequent adjacent symbol pair (ties go to
 * the lexicographically smallest pair, so the result is deterministic).
 */
public final class BpeLearner {

    private BpeLearner() {}

    /** Learns at most {@code maxMerges} merges; stops early when no pair occurs at least {@code minCount} times. */
    public static List<Merge> learn(Map<String, Integer> wordCounts, int maxMerges, int minCount) {
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        wordCounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (String word : ByteSymbols.words(e.getKey())) {
                words.add(ByteSymbols.initialSymbols(word));
                counts.add(e.getValue());
            }
        });
        List<Merge> merges = new ArrayList<>();
        while (merges.size() < maxMerges) {
            Map<Merge, Integer> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> symbols = words.get(w);
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairs.merge(new Merge(symbols.get(i), symbols.get(i + 1)), counts.get(w), Integer::sum);
                }
            }
            Merge best = null;
            int bestCount = 0;
            for (Map.Entry<Merge, Integer> e : pairs.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && best != null && compare(e.getKey(), best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minCount) {
                break;
            }
            merges.add(best);
            for (List<String> symbols : words) {
                apply(symbols, best);
            }
        }
        return merges;
    }

    /** Replaces every occurrence of the pair, left to right, in place. */
    static void apply(List<String> symbols, Merge merge) {
        for (int i = 0; i + 1 < symbols.size(); i++) {
            if (symbols.get(i).equals(merge.left()) && symbols.get(i + 1).equals(merge.right())) {
                symbols.set(i, merge.merged());
                symbols.remove(i + 1);
            }
        }
    }

    private static int compare(Merge a, Merge b) {
        int c = a.left().compareTo(b.left());
        return c != 0 ? c : a.right().compareTo(b.right());
    }
}
