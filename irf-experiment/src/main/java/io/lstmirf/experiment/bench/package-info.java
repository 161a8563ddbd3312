/**
 * {@code lstm-irf bench}: every backend's LSTM work (stepping, a whole-sequence forward, a batch of
 * impulse responses, an epoch of training) timed side by side in one process, next to the floor of
 * the same run, the engine's own matrix product at the sequence step's shape and at a large square
 * shape, so that each time reads as a multiple of what the machine can do.
 */
package io.lstmirf.experiment.bench;
