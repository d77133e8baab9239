package dev.easel.engine.pipeline;

/**
 * A prompt after the text encoder.
 *
 * @param states hidden states [context * width]
 * @param truncated whether the prompt was longer than the context and cut
 */
public record EncodedPrompt(String prompt, float[] states, boolean truncated) {}
