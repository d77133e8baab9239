package dev.easel.engine.model;

/**
 * One row of a UNet call.
 *
 * @param latents the scaled latent input [channels * height * width]
 * @param timestep the model timestep of this row's sample
 * @param textStates hidden states [context * width] that this row attends to
 */
public record UNetInput(float[] latents, double timestep, float[] textStates) {}
