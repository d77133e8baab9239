package dev.easel.server.accounts;

import dev.easel.server.content.NsfwLevel;

/**
 * What a viewer wants to see.
 *
 * @param maxNsfw the highest NSFW level shown as is
 * @param blurAbove images above {@code maxNsfw} are shown blurred (true) or left out (false)
 */
public record ViewerPreferences(NsfwLevel maxNsfw, boolean blurAbove) {
    /** For signed-out visitors and new accounts. */
    public static final ViewerPreferences DEFAULT = new ViewerPreferences(NsfwLevel.PG13, true);
}
