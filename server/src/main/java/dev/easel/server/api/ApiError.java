package dev.easel.server.api;

/**
 * The JSON body of every native API error.
 *
 * @param status HTTP status code
 * @param error short reason phrase, e.g. "Bad Request"
 * @param message what went wrong, naming the field when one is at fault
 * @param field the request field at fault, or null
 */
public record ApiError(int status, String error, String message, String field) {}
