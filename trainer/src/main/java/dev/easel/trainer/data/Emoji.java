package dev.easel.trainer.data;

import java.util.List;

/**
 * One training image and the words that describe it.
 *
 * @param skinTones skin-tone phrases ("medium-dark skin tone"), empty for the default (yellow) rendering
 */
public record Emoji(
        String name,
        List<String> shortNames,
        String category,
        String subcategory,
        List<String> skinTones,
        String image) {

    public Emoji {
        shortNames = List.copyOf(shortNames);
        skinTones = List.copyOf(skinTones);
    }
}
