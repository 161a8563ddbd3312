"""Writes the Keras test resources of lstm-irf-interop, and loads Keras files written by Java.

    python make_keras_files.py [OUT_DIR]          # default: ../resources/keras (tf2onnx_*: onnx)
    python make_keras_files.py check FILE...      # keras.saving.load_model + predict

Needs Keras 3 with the TensorFlow backend and onnx, in a virtual environment (this machine:
/usr/bin/python3 -m venv /tmp/kvenv; /tmp/kvenv/bin/pip install keras tensorflow-cpu h5py onnx;
made with keras 3.15.1, tensorflow-cpu 2.21.0, onnx 1.23.1). The Java tests never run Python;
they read what this script committed. Every model NAME comes as NAME.keras (Keras 3 archive) and
NAME.h5 (legacy HDF5, as model.save("x.h5") writes it), with NAME.json:

    {"source": ..., "inputs": [B][T][I], "outputs": [B][T][O] or "lastOutputs": [B][O]}

the outputs being Keras' own model.predict. Every weight, biases included, is drawn at random so
that a gate-order or transpose mistake cannot hide behind zeros or unit_forget_bias.

tf2onnx_*.onnx: tf2onnx cannot run here (it needs TensorFlow <= 2.15 and Keras 2; no PyPI). These
files are the graph tf2onnx's LSTM rewriter (tf2onnx/rewriter/lstm_tf2_rewriter.py and
lstm_rewriter.py, onnx/tensorflow-onnx) makes of a Keras LSTM, node for node: Transpose to
time-major, the LSTM node with W, R, B in i, o, f, c order, Rb = 0, activations written out,
initial states Unsqueeze(zeros of [batch, units]); Squeeze of Y (axes [1]) and Transpose back, or
Squeeze of Y_h (axes [0]); the Dense as MatMul + Add. Keras computed the outputs.

Files for the refusal tests carry no numbers: their configs name what Keras built.
"""
import json
import os
import sys
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def nested(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64).tolist()


def randomise(model, seed):
    rng = np.random.default_rng(seed)
    model.set_weights([rng.uniform(-0.6, 0.6, w.shape).astype(np.float32)
                       for w in model.get_weights()])


def save(out, name, model, inputs, last=False, h5=True):
    model.save(os.path.join(out, name + ".keras"))
    if h5:
        model.save(os.path.join(out, name + ".h5"))
    if inputs is None:
        return
    y = model.predict(inputs, verbose=0)
    doc = {"source": "Keras %s (%s backend %s); outputs computed by Keras' model.predict"
                     % (keras.__version__, keras.backend.backend(), backend_version()),
           "inputs": nested(inputs), ("lastOutputs" if last else "outputs"): nested(y)}
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


def backend_version():
    import tensorflow as tf
    return tf.__version__


def seq(*layers, steps=5, features=3, batch=None):
    shape = (steps, features)
    inp = keras.Input(batch_shape=(batch,) + shape) if batch else keras.Input(shape)
    return keras.Sequential([inp] + list(layers))


def data(name, batch=2, steps=5, features=3):
    rng = np.random.default_rng(zlib.crc32(name.encode()) + 1)
    return rng.uniform(-1, 1, (batch, steps, features)).astype(np.float32)


def functional(out):
    inp = keras.Input((5, 3), name="sequence")
    h = keras.layers.LSTM(4, return_sequences=True, name="encoder")(inp)
    h = keras.layers.Dropout(0.3, name="dropout")(h)
    y = keras.layers.Dense(2, name="head")(h)
    model = keras.Model(inp, y, name="functional_lstm")
    randomise(model, 7)
    save(out, "keras_functional", model, data("keras_functional"))


def tf2onnx_like(out, name, return_sequences):
    """A Keras LSTM + Dense and the ONNX graph tf2onnx makes of it (see the module comment)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    keras.utils.set_random_seed(zlib.crc32(name.encode()))
    model = seq(keras.layers.LSTM(4, return_sequences=return_sequences), keras.layers.Dense(2))
    randomise(model, zlib.crc32(name.encode()))
    kernel, recurrent, bias, dense_k, dense_b = model.get_weights()

    def iofc(a):  # Keras column blocks i, f, c, o -> ONNX i, o, f, c (tf2onnx's gate reorder)
        i, f, c, o = np.split(a, 4, axis=-1)
        return np.concatenate([i, o, f, c], axis=-1)

    w = iofc(kernel).T[None]
    r = iofc(recurrent).T[None]
    b = np.concatenate([iofc(bias), np.zeros_like(bias)])[None]
    h = recurrent.shape[0]
    inits = [numpy_helper.from_array(w, "W"), numpy_helper.from_array(r, "R"),
             numpy_helper.from_array(b, "B"), numpy_helper.from_array(dense_k, "dense/kernel"),
             numpy_helper.from_array(dense_b, "dense/bias"),
             numpy_helper.from_array(np.array([0], np.int64), "zero_index"),
             numpy_helper.from_array(np.array([h], np.int64), "units"),
             numpy_helper.from_array(np.array([0], np.int64), "axes_0"),
             numpy_helper.from_array(np.array([1], np.int64), "axes_1")]
    nodes = [helper.make_node("Transpose", ["x"], ["x_tm"], perm=[1, 0, 2], name="transpose"),
             helper.make_node("Shape", ["x"], ["x_shape"], name="shape"),
             helper.make_node("Gather", ["x_shape", "zero_index"], ["batch"], name="batch"),
             helper.make_node("Concat", ["batch", "units"], ["zeros_shape"], axis=0,
                              name="zeros_shape"),
             helper.make_node("ConstantOfShape", ["zeros_shape"], ["zeros"], name="zeros",
                              value=numpy_helper.from_array(np.zeros(1, np.float32))),
             helper.make_node("Unsqueeze", ["zeros", "axes_0"], ["init_h"], name="unsqueeze_h"),
             helper.make_node("Unsqueeze", ["zeros", "axes_0"], ["init_c"], name="unsqueeze_c"),
             helper.make_node("LSTM", ["x_tm", "W", "R", "B", "", "init_h", "init_c"],
                              ["Y", "Y_h", "Y_c"], name="lstm", hidden_size=h,
                              direction="forward", activations=["Sigmoid", "Tanh", "Tanh"])]
    if return_sequences:
        nodes += [helper.make_node("Squeeze", ["Y", "axes_1"], ["y_tm"], name="squeeze_y"),
                  helper.make_node("Transpose", ["y_tm"], ["seq"], perm=[1, 0, 2],
                                   name="transpose_back")]
    else:
        nodes += [helper.make_node("Squeeze", ["Y_h", "axes_0"], ["seq"], name="squeeze_h")]
    nodes += [helper.make_node("MatMul", ["seq", "dense/kernel"], ["mm"], name="dense/MatMul"),
              helper.make_node("Add", ["mm", "dense/bias"], ["dense"], name="dense/BiasAdd")]
    out_shape = ["N", 5, 2] if return_sequences else ["N", 2]
    graph = helper.make_graph(
        nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 5, 3])],
        [helper.make_tensor_value_info("dense", TensorProto.FLOAT, out_shape)], inits)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)],
                                   producer_name="tf2onnx-like, make_keras_files.py")
    onnx_model.ir_version = 7
    onnx.checker.check_model(onnx_model, full_check=True)
    onnx.save(onnx_model, os.path.join(out, name + ".onnx"))
    x = data(name)
    y = model.predict(x, verbose=0)
    doc = {"source": "ONNX graph as tf2onnx's LSTM rewriter writes it for a Keras LSTM (onnx %s);"
                     " outputs computed by Keras %s (%s %s)" % (onnx.__version__, keras.__version__,
                                                               keras.backend.backend(),
                                                               backend_version()),
           "inputs": nested(x), ("outputs" if return_sequences else "lastOutputs"): nested(y)}
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


def main(out):
    os.makedirs(out, exist_ok=True)
    layers = keras.layers
    m = seq(layers.LSTM(4, return_sequences=True), layers.Dense(2))
    randomise(m, 1)
    save(out, "keras_l1_dense", m, data("keras_l1_dense"))
    m = seq(layers.LSTM(4, return_sequences=True), layers.LSTM(4), layers.Dense(2))
    randomise(m, 2)
    save(out, "keras_l2_last", m, data("keras_l2_last"), last=True)
    m = seq(layers.LSTM(4, return_sequences=True, use_bias=False))
    randomise(m, 3)
    save(out, "keras_no_bias_no_head", m, data("keras_no_bias_no_head"))
    m = seq(layers.LSTM(4, return_sequences=True), layers.TimeDistributed(layers.Dense(2)))
    randomise(m, 4)
    save(out, "keras_time_distributed", m, data("keras_time_distributed"))
    functional(out)
    onnx_out = os.path.join(out, "..", "onnx")
    tf2onnx_like(onnx_out, "tf2onnx_keras_sequences", True)
    tf2onnx_like(onnx_out, "tf2onnx_keras_last", False)
    # Refused: what each one holds is in its name.
    refusals = {
        "keras_gru": [layers.GRU(4)],
        "keras_bidirectional": [layers.Bidirectional(layers.LSTM(4))],
        "keras_hard_sigmoid": [layers.LSTM(4, recurrent_activation="hard_sigmoid")],
        "keras_relu": [layers.LSTM(4, activation="relu")],
        "keras_masking": [layers.Masking(0.0), layers.LSTM(4)],
        "keras_go_backwards": [layers.LSTM(4, go_backwards=True)],
        "keras_dense_softmax": [layers.LSTM(4), layers.Dense(2, activation="softmax")],
        "keras_repeat_vector": [layers.LSTM(4), layers.RepeatVector(5), layers.LSTM(4)],
        "keras_mixed_units": [layers.LSTM(4, return_sequences=True), layers.LSTM(3)],
        "keras_return_state": None,
    }
    for name, stack in refusals.items():
        if stack is None:
            inp = keras.Input((5, 3))
            y, h, c = layers.LSTM(4, return_state=True, return_sequences=True)(inp)
            model = keras.Model(inp, [y, h, c])
        else:
            model = seq(*stack)
        save(out, name, model, None, h5=False)
    stateful = seq(layers.LSTM(4, stateful=True), batch=2)
    save(out, "keras_stateful", stateful, None, h5=False)


def canonical(model_json, x):
    """The canonical LSTM of docs/irf-method.md in float64, from an lstm-irf-model/1 file."""
    m = json.load(open(model_json))
    seq = x.astype(np.float64).transpose(1, 0, 2)  # [T, B, I]
    for layer in m["layers"]:
        w_ih, w_hh, b = (np.array(layer[k]) for k in ("weightIh", "weightHh", "bias"))
        h = np.zeros((seq.shape[1], w_hh.shape[1]))
        c = np.zeros_like(h)
        out = []
        for x_t in seq:
            i, f, g, o = np.split(x_t @ w_ih.T + h @ w_hh.T + b, 4, axis=-1)
            sig = lambda z: 1 / (1 + np.exp(-z))
            c = sig(f) * c + sig(i) * np.tanh(g)
            h = sig(o) * np.tanh(c)
            out.append(h)
        seq = np.stack(out)
    if "head" in m:
        seq = seq @ np.array(m["head"]["weight"]).T + np.array(m["head"]["bias"])
    return seq.transpose(1, 0, 2)


def check(paths):
    """Loads each file in Keras and, when BASE.json (lstm-irf's model) is beside it, compares
    Keras' outputs with the canonical model's."""
    for p in paths:
        model = keras.saving.load_model(p)
        x = np.random.default_rng(0).uniform(-1, 1, (3, 7, model.input_shape[-1]))
        y = model.predict(x.astype(np.float32), verbose=0)
        base = os.path.splitext(p)[0].replace("_f64", "") + ".json"
        gap = ""
        if os.path.exists(base):
            gap = "max |Keras - canonical| = %.2e" % np.max(np.abs(y - canonical(base, x)))
        print("ok  %s  %s  output %s  %s" % (p, [l.__class__.__name__ for l in model.layers],
                                            y.shape, gap))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "check":
        check(sys.argv[2:])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "resources", "keras"))
