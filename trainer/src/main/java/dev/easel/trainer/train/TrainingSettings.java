package dev.easel.trainer.train;

/** Step count, batch size, peak learning rate and seed of one training phase. */
public record TrainingSettings(int steps, int batchSize, float learningRate, long seed) {}
