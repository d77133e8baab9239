package dev.easel.server.compat;

import dev.easel.engine.model.DiffusionModel;
import dev.easel.engine.pipeline.GenerationRequest;
import dev.easel.engine.pipeline.RequestLimits;
import dev.easel.server.generation.GenerationSubmission;
import dev.easel.server.generation.ModelCatalog;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.ObjectNode;

/**
 * A checked {@code POST /v1/images/generations} body.
 *
 * @param base64 response_format b64_json (else url)
 */
record OpenAiImageRequest(ModelCatalog.Entry model, GenerationSubmission submission, boolean base64) {
    /** OpenAI's own model names, which clients send by default: they mean "the server's default model" here. */
    static final Set<String> OPENAI_MODELS = Set.of("dall-e-2", "dall-e-3", "gpt-image-1");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    private static final int DEFAULT_STEPS = 20;
    private static final double DEFAULT_CFG = 7;

    /**
     * Accepted values of OpenAI's string options. Only response_format changes the answer: quality, style, background
     * and moderation tune OpenAI's own renderer and are accepted without effect; what Easel cannot honour (a transparent
     * background, JPEG or WebP output) is refused.
     */
    private static final List<Choice> CHOICES = List.of(
            new Choice("response_format", List.of("url", "b64_json")),
            new Choice("quality", List.of("auto", "standard", "hd", "low", "medium", "high")),
            new Choice("style", List.of("vivid", "natural")),
            new Choice("background", List.of("auto", "opaque")),
            new Choice("moderation", List.of("auto", "low")),
            new Choice("output_format", List.of("png")));

    /** A string option and the values it may take. */
    private record Choice(String field, List<String> values) {}

    private static final Set<String> KNOWN = Set.of(
            "model",
            "prompt",
            "n",
            "size",
            "response_format",
            "user",
            "quality",
            "style",
            "background",
            "moderation",
            "output_format",
            "output_compression",
            "stream");

    static OpenAiImageRequest parse(ObjectNode body, ModelCatalog catalog) {
        for (String name : body.propertyNames()) {
            if (!KNOWN.contains(name)) {
                throw new OpenAiException(
                        HttpStatus.BAD_REQUEST, "Unknown parameter: '" + name + "'.", name, "unknown_parameter");
            }
        }
        JsonFields fields = new JsonFields(body);
        String prompt = fields.string("prompt");
        if (prompt == null || prompt.isBlank()) {
            throw new OpenAiException(
                    HttpStatus.BAD_REQUEST,
                    "Missing required parameter: 'prompt'.",
                    "prompt",
                    "missing_required_parameter");
        }
        if (prompt.length() > RequestLimits.MAX_PROMPT_CHARS) {
            throw OpenAiException.badValue(
                    "prompt",
                    "Invalid 'prompt': string too long. Expected a string with maximum length "
                            + RequestLimits.MAX_PROMPT_CHARS + ", but got a string with length " + prompt.length()
                            + " instead.");
        }
        ModelCatalog.Entry model = model(fields.string("model"), catalog);
        int n = count(fields.integer("n"));
        for (Choice choice : CHOICES) {
            String value = fields.string(choice.field());
            if (value != null && !choice.values().contains(value)) {
                throw OpenAiException.badValue(
                        choice.field(),
                        "Invalid value: '" + value + "'. Supported values for '" + choice.field() + "' are: "
                                + choice.values() + ".");
            }
        }
        Integer compression = fields.integer("output_compression");
        if (compression != null && (compression < 0 || compression > 100)) {
            throw OpenAiException.badValue(
                    "output_compression", "Invalid 'output_compression': expected 0 to 100, got " + compression + ".");
        }
        if (Boolean.TRUE.equals(fields.bool("stream"))) {
            throw OpenAiException.badValue("stream", "Invalid 'stream': streaming is not supported by this server.");
        }
        fields.string("user"); // accepted for abuse tracking by OpenAI; only type-checked here
        int[] size = size(fields.string("size"), model);
        GenerationSubmission submission = new GenerationSubmission(
                model.name(),
                prompt,
                "",
                size[0],
                size[1],
                DEFAULT_STEPS,
                DEFAULT_CFG,
                "Euler a",
                GenerationRequest.RANDOM_SEED,
                n,
                null,
                0,
                0);
        return new OpenAiImageRequest(model, submission, "b64_json".equals(fields.string("response_format")));
    }

    static ModelCatalog.Entry model(String name, ModelCatalog catalog) {
        if (name == null || name.isBlank() || OPENAI_MODELS.contains(name)) {
            return catalog.defaultEntry();
        }
        return catalog.find(name)
                .orElseThrow(() -> new OpenAiException(
                        HttpStatus.NOT_FOUND,
                        "The model '" + name + "' does not exist or you do not have access to it.",
                        "model",
                        "model_not_found"));
    }

    private static int count(Integer n) {
        if (n == null) {
            return 1;
        }
        if (n < 1) {
            throw new OpenAiException(
                    HttpStatus.BAD_REQUEST,
                    "Invalid 'n': integer below minimum value. Expected a value >= 1, but got " + n + " instead.",
                    "n",
                    "integer_below_min_value");
        }
        if (n > RequestLimits.MAX_IMAGES) {
            throw new OpenAiException(
                    HttpStatus.BAD_REQUEST,
                    "Invalid 'n': integer above maximum value. Expected a value <= " + RequestLimits.MAX_IMAGES
                            + ", but got " + n + " instead.",
                    "n",
                    "integer_above_max_value");
        }
        return n;
    }

    /** WIDTHxHEIGHT, each side a multiple of the model's VAE factor; "auto" or none is the model's native size. */
    private static int[] size(String size, ModelCatalog.Entry model) {
        if (size == null || size.equals("auto")) {
            int side = model.nativeSize();
            return new int[] {side, side};
        }
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw OpenAiException.badValue(
                    "size", "Invalid 'size': expected WIDTHxHEIGHT such as '512x512', or 'auto'; got '" + size + "'.");
        }
        int factor = model.vaeFactor();
        int[] sides = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        for (int side : sides) {
            if (side < factor || side > DiffusionModel.MAX_IMAGE_SIDE || side % factor != 0) {
                throw OpenAiException.badValue(
                        "size",
                        "Invalid 'size': each side must be a multiple of " + factor + " between " + factor + " and "
                                + DiffusionModel.MAX_IMAGE_SIDE + " for model " + model.name() + "; got '" + size
                                + "'.");
            }
        }
        return sides;
    }
}
