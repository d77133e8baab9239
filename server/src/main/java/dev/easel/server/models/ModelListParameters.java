package dev.easel.server.models;

/**
 * The model list's request parameters as given (null when absent); {@code owner} is a username.
 *
 * @param limit page size, or null for the default
 */
public record ModelListParameters(
        String sort, String type, String baseModel, String tag, String owner, String cursor, Integer limit) {}
