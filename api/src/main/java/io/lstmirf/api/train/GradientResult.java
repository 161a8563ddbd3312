package io.lstmirf.api.train;

import io.lstmirf.api.LstmWeights;

/**
 * A loss and its gradient with respect to every weight, in the canonical layout (the bias entry is
 * the gradient of the single canonical bias, whatever the engine splits it into).
 *
 * @param loss the mean squared error
 * @param gradients d loss / d weight, shaped like the model's weights
 */
public record GradientResult(double loss, LstmWeights gradients) {}
