package dev.easel.server.api;

import java.util.List;

/**
 * One page of a list, with an opaque cursor for the next (keyset pagination: the cost of a page does not grow with how
 * deep it is).
 *
 * @param items this page
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
