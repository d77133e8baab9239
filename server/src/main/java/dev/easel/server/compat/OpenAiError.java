package dev.easel.server.compat;

/** The JSON body of an OpenAI API error: {@code {"error": {"message", "type", "param", "code"}}}. */
record OpenAiError(Detail error) {

    /**
     * @param type "invalid_request_error" for the caller's mistakes, "requests" for rate limits, "server_error"
     * @param param the request field at fault, or null
     * @param code a machine-readable reason such as "model_not_found", or null
     */
    record Detail(String message, String type, String param, String code) {}

    static OpenAiError invalidRequest(String message, String param, String code) {
        return new OpenAiError(new Detail(message, "invalid_request_error", param, code));
    }
}
