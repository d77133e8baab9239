package dev.easel.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random captions for an emoji: its name or one of its short names (the data's own synonyms), optionally framed ("an
 * emoji of ..."), optionally followed by a shuffled subset of the other descriptions (short names, subcategory,
 * category), always with its skin-tone words.
 */
public final class CaptionGenerator {

    private static final List<String> FRAMES =
            List.of("", "", "", "an emoji of ", "emoji of ", "a ", "an icon of ", "a picture of ");

    private CaptionGenerator() {}

    public static String caption(Emoji emoji, Random random) {
        List<String> synonyms = synonyms(emoji);
        String subject = random.nextInt(10) < 6 ? synonyms.get(0) : synonyms.get(random.nextInt(synonyms.size()));
        StringBuilder caption = new StringBuilder(FRAMES.get(random.nextInt(FRAMES.size()))).append(subject);
        String tones = String.join(" and ", emoji.skinTones());
        if (!tones.isEmpty()) {
            caption.append(random.nextBoolean() ? ", " : " with ").append(tones);
        }
        if (random.nextBoolean()) {
            List<String> extras = new ArrayList<>(synonyms);
            extras.remove(subject);
            extras.add(words(emoji.subcategory()));
            extras.add(emoji.category());
            extras.removeIf(String::isBlank);
            Collections.shuffle(extras, random);
            int keep = extras.isEmpty() ? 0 : 1 + random.nextInt(extras.size());
            for (String extra : extras.subList(0, keep)) {
                caption.append(", ").append(extra);
            }
        }
        return caption.toString();
    }

    /** The name first, then the short names that say something else ("+1", "thumbsup" for "thumbs up sign"). */
    static List<String> synonyms(Emoji emoji) {
        Map<String, Boolean> unique = new LinkedHashMap<>();
        unique.put(emoji.name(), true);
        for (String shortName : emoji.shortNames()) {
            unique.putIfAbsent(words(shortName), true);
        }
        unique.remove("");
        return new ArrayList<>(unique.keySet());
    }

    /** Every phrase a caption can contain, for learning the tokenizer's merges. */
    public static List<String> allPhrases(Emoji emoji) {
        List<String> phrases = new ArrayList<>(synonyms(emoji));
        phrases.add(words(emoji.subcategory()));
        phrases.add(emoji.category());
        phrases.addAll(emoji.skinTones());
        phrases.addAll(FRAMES);
        return phrases;
    }

    /** "face-smiling" and "thumbs_up" are identifiers; captions use their words. */
    static String words(String identifier) {
        return identifier.replace('_', ' ').replace('-', ' ').strip();
    }
}
