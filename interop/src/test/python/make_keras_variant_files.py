"""Writes the Keras test resources of the recurrent variants (GRU, Bidirectional) for
lstm-irf-interop, with Keras' own outputs.

    python make_keras_variant_files.py [OUT_DIR]      # default: ../resources/keras

Needs what make_keras_files.py needs (Keras 3 with the TensorFlow backend, in a virtual
environment: /usr/bin/python3 -m venv /tmp/kvenv; /tmp/kvenv/bin/pip install keras tensorflow-cpu
h5py onnx) and its helpers. The Java tests never run Python. Every model NAME comes as NAME.keras
and NAME.h5 with NAME.json ({"source", "inputs", "outputs" or "lastOutputs"}: Keras'
model.predict); every weight, biases included, is drawn at random. GRUs are Keras' default,
reset_after=True (the canonical GRU). Files for the refusal tests carry no numbers.
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402

from make_keras_files import HERE, data, randomise, save, seq  # noqa: E402


def main(out):
    os.makedirs(out, exist_ok=True)
    layers = keras.layers
    cases = {
        "keras_gru_dense": ([layers.GRU(4, return_sequences=True), layers.Dense(2)], False),
        "keras_gru_stacked_last": ([layers.GRU(4, return_sequences=True), layers.GRU(4),
                                    layers.Dense(2)], True),
        "keras_bidirectional_lstm_dense": ([layers.Bidirectional(
            layers.LSTM(4, return_sequences=True)), layers.Dense(2)], False),
        "keras_bidirectional_gru_stacked": ([layers.Bidirectional(
            layers.GRU(3, return_sequences=True)), layers.Bidirectional(
            layers.GRU(3, return_sequences=True))], False),
        "keras_bidirectional_lstm_under_gru": ([layers.Bidirectional(
            layers.LSTM(4, return_sequences=True)), layers.GRU(4, return_sequences=True),
            layers.Dense(1)], False),
    }
    for seed, (name, (stack, last)) in enumerate(cases.items(), start=11):
        model = seq(*stack)
        randomise(model, seed)
        save(out, name, model, data(name), last=last)
    refusals = {
        "keras_gru_reset_before": [layers.GRU(4, reset_after=False)],
        "keras_bidirectional_sum": [layers.Bidirectional(layers.LSTM(4, return_sequences=True),
                                                         merge_mode="sum")],
    }
    for name, stack in refusals.items():
        save(out, name, seq(*stack), None, h5=False)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "resources", "keras"))
