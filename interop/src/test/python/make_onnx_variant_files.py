#!/usr/bin/python3
"""Writes the ONNX test resources of the recurrent variants (GRU, bidirectional layers, LSTM
peepholes) for lstm-irf-interop, with the outputs the frameworks computed.

    /usr/bin/python3 make_onnx_variant_files.py [OUT_DIR]     # default: ../resources/onnx

Needs Debian's python3-torch (1.13.1) and python3-onnx (1.12): apt-get install -y python3-torch
python3-onnx, run with /usr/bin/python3. The Java tests never run Python. Each NAME.onnx comes
with NAME.json in the format make_onnx_files.py describes (inputs [B][T][I] batch-first; states
[S][B][H], one slot per layer and direction, forward first, as PyTorch's h_n; c is zero for GRU
layers, which have none). Names end in _f64 when the model and the numbers are float64 (the Java
tests hold those to 1e-9) and _f32 when they are float32 (1e-5).

torch_*: torch.onnx.export of nn.GRU, bidirectional nn.LSTM / nn.GRU and stacked GRUs with a
Linear head; PyTorch computed the outputs. bare_*: single nodes made with onnx.helper: LSTM nodes
with peepholes P (ONNX's order p_i, p_o, p_f), whose outputs ONNX's own numpy reference
(onnx.backend.test.case.node.lstm.LSTM_Helper) computed, per direction for a bidirectional node
(it runs one direction: the backward one on the reversed sequence); and a GRU node with
linear_before_reset=1, computed by ONNX's GRU_Helper and checked against PyTorch's nn.GRU.
"""
import os
import sys
import zlib

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from onnx.backend.test.case.node.gru import GRU_Helper
from onnx.backend.test.case.node.lstm import LSTM_Helper

from make_onnx_files import check, write_json  # one writer and checker for both scripts

OPSET = 14
HERE = os.path.dirname(os.path.abspath(__file__))


def nested(a, dtype):
    """Values as plain JSON numbers: float32 ones widened exactly, float64 ones as they are."""
    return np.asarray(a, dtype=dtype).astype(np.float64).tolist()


class Net(torch.nn.Module):
    """An nn.GRU or nn.LSTM with an optional Linear head, returning y and h_n (and c_n)."""

    def __init__(self, rnn, head, state):
        super().__init__()
        self.rnn, self.head, self.state = rnn, head, state

    def forward(self, x, *state):
        if self.state:
            y, s = self.rnn(x, state[0] if len(state) == 1 else tuple(state))
        else:
            y, s = self.rnn(x)
        y = self.head(y) if self.head is not None else y
        return (y,) + (s if isinstance(s, tuple) else (s,))


def torch_case(out, name, cell, layers=1, bidirectional=False, batch_first=True, head=0,
               state=False, dtype=torch.float64, i=3, h=4, batch=2, steps=5):
    torch.manual_seed(zlib.crc32(name.encode()))
    rnn = getattr(torch.nn, cell)(i, h, layers, batch_first=batch_first,
                                  bidirectional=bidirectional)
    dirs = 2 if bidirectional else 1
    net = Net(rnn, torch.nn.Linear(dirs * h, head) if head else None, state).to(dtype).eval()
    x_btf = torch.randn(batch, steps, i, dtype=dtype)
    x = x_btf if batch_first else x_btf.transpose(0, 1).contiguous()
    h0 = 0.5 * torch.randn(layers * dirs, batch, h, dtype=dtype)
    c0 = 0.5 * torch.randn(layers * dirs, batch, h, dtype=dtype)
    lstm = cell == "LSTM"
    args = (x,) + ((h0, c0) if lstm else (h0,)) if state else (x,)
    names = ["x", "h0", "c0"][:len(args)]
    outputs = ["y", "h_n"] + (["c_n"] if lstm else [])
    path = os.path.join(out, name + ".onnx")
    torch.onnx.export(net, args, path, opset_version=OPSET, input_names=names,
                      output_names=outputs)
    check(path)
    with torch.no_grad():
        y, *final = net(*args)
    np_type = np.float64 if dtype == torch.float64 else np.float32
    zeros = np.zeros((layers * dirs, batch, h))
    doc = {"source": "torch.onnx.export (torch %s, opset %d, %s); outputs computed by PyTorch"
                     % (torch.__version__, OPSET, str(dtype).replace("torch.", "")),
           "inputs": nested(x_btf, np_type), "stateInputs": state,
           "outputs": nested(y if batch_first else y.transpose(0, 1), np_type),
           "finalState": {"h": nested(final[0], np_type),
                          "c": nested(final[1] if lstm else zeros, np_type)}}
    if state:
        doc["initialState"] = {"h": nested(h0, np_type),
                               "c": nested(c0 if lstm else zeros, np_type)}
    write_json(os.path.join(out, name + ".json"), doc)


def bare_node(out, name, op, dtype, w, r, b, extra, h0, c0, attrs):
    """One LSTM or GRU node with weights and initial states as initializers, layout 0."""
    onnx_type = TensorProto.DOUBLE if dtype == np.float64 else TensorProto.FLOAT
    dirs, _, i = w.shape
    h = r.shape[2]
    batch = h0.shape[1]
    inits = [numpy_helper.from_array(a.astype(dtype), n) for a, n in
             [(w, "W"), (r, "R"), (b, "B"), (h0, "initial_h")]]
    inputs = ["X", "W", "R", "B", "", "initial_h"]
    if op == "LSTM":
        inits += [numpy_helper.from_array(c0.astype(dtype), "initial_c"),
                  numpy_helper.from_array(extra.astype(dtype), "P")]
        inputs += ["initial_c", "P"]
    node = helper.make_node(op, inputs, ["Y", "Y_h"] + (["Y_c"] if op == "LSTM" else []),
                            name=name + "_node", hidden_size=h, **attrs)
    outs = [helper.make_tensor_value_info("Y", onnx_type, ["time", dirs, batch, h]),
            helper.make_tensor_value_info("Y_h", onnx_type, [dirs, batch, h])]
    if op == "LSTM":
        outs.append(helper.make_tensor_value_info("Y_c", onnx_type, [dirs, batch, h]))
    graph = helper.make_graph([node], name, [helper.make_tensor_value_info(
        "X", onnx_type, ["time", batch, i])], outs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="lstm-irf make_onnx_variant_files.py")
    model.ir_version = 7
    path = os.path.join(out, name + ".onnx")
    onnx.save(model, path)
    check(path)


def bare_peephole(out, name, bidirectional, dtype, i=3, h=4, batch=2, steps=6):
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    dirs = 2 if bidirectional else 1
    w = rng.uniform(-0.6, 0.6, (dirs, 4 * h, i)).astype(dtype)
    r = rng.uniform(-0.6, 0.6, (dirs, 4 * h, h)).astype(dtype)
    b = rng.uniform(-0.4, 0.4, (dirs, 8 * h)).astype(dtype)
    p = rng.uniform(-0.8, 0.8, (dirs, 3 * h)).astype(dtype)
    h0 = rng.uniform(-0.5, 0.5, (dirs, batch, h)).astype(dtype)
    c0 = rng.uniform(-0.5, 0.5, (dirs, batch, h)).astype(dtype)
    x = rng.uniform(-1, 1, (steps, batch, i)).astype(dtype)
    attrs = {"direction": "bidirectional"} if bidirectional else {}
    bare_node(out, name, "LSTM", dtype, w, r, b, p, h0, c0, attrs)
    ys, hs, cs = [], [], []
    for d in range(dirs):
        xd = x if d == 0 else x[::-1].copy()
        helper_ = LSTM_Helper(X=xd, W=w[d:d + 1], R=r[d:d + 1], B=b[d:d + 1], P=p[d:d + 1],
                              initial_h=h0[d:d + 1], initial_c=c0[d:d + 1])
        y, y_h = helper_.step()
        y = y[:, 0] if d == 0 else y[::-1, 0]
        ys.append(y)
        hs.append(y_h[0])
        cs.append(final_cell(helper_))
    doc = {"source": "onnx.helper LSTM node with peepholes (onnx %s, opset %d, %s); outputs"
                     " computed by ONNX's LSTM_Helper%s"
                     % (onnx.__version__, OPSET, np.dtype(dtype).name,
                        ", one direction at a time" if bidirectional else ""),
           "inputs": nested(x.transpose(1, 0, 2), dtype), "stateInputs": False,
           "initialState": {"h": nested(h0, dtype), "c": nested(c0, dtype)},
           "outputs": nested(np.concatenate(ys, axis=-1).transpose(1, 0, 2), dtype),
           "finalState": {"h": nested(np.stack(hs), dtype), "c": nested(np.stack(cs), dtype)}}
    write_json(os.path.join(out, name + ".json"), doc)


def final_cell(lstm_helper):
    """LSTM_Helper returns Y and Y_h only: its final c, by the same equations it runs."""
    w, r, b, p = lstm_helper.W, lstm_helper.R, lstm_helper.B, lstm_helper.P
    p_i, p_o, p_f = np.split(p, 3)
    h_t, c_t = lstm_helper.H_0, lstm_helper.C_0
    for x in np.split(lstm_helper.X, lstm_helper.X.shape[0], axis=0):
        gates = np.dot(x, w.T) + np.dot(h_t, r.T) + np.add(*np.split(b, 2))
        i, o, f, c = np.split(gates[0], 4, -1)
        i = 1 / (1 + np.exp(-(i + p_i * c_t)))
        f = 1 / (1 + np.exp(-(f + p_f * c_t)))
        c_t = f * c_t + i * np.tanh(c)
        o = 1 / (1 + np.exp(-(o + p_o * c_t)))
        h_t = o * np.tanh(c_t)
    return c_t


def bare_gru(out, name, dtype, i=3, h=4, batch=2, steps=6):
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    w = rng.uniform(-0.6, 0.6, (1, 3 * h, i)).astype(dtype)
    r = rng.uniform(-0.6, 0.6, (1, 3 * h, h)).astype(dtype)
    b = rng.uniform(-0.4, 0.4, (1, 6 * h)).astype(dtype)
    h0 = rng.uniform(-0.5, 0.5, (1, batch, h)).astype(dtype)
    x = rng.uniform(-1, 1, (steps, batch, i)).astype(dtype)
    bare_node(out, name, "GRU", dtype, w, r, b, None, h0, None, {"linear_before_reset": 1})
    y, y_h = GRU_Helper(X=x, W=w, R=r, B=b, initial_h=h0, linear_before_reset=1).step()
    gru = torch.nn.GRU(i, h).double()  # ONNX z, r, h -> PyTorch r, z, n
    order = lambda a: np.concatenate([a[h:2 * h], a[:h], a[2 * h:]])  # noqa: E731
    with torch.no_grad():
        gru.weight_ih_l0.copy_(torch.from_numpy(order(w[0]).astype(np.float64)))
        gru.weight_hh_l0.copy_(torch.from_numpy(order(r[0]).astype(np.float64)))
        gru.bias_ih_l0.copy_(torch.from_numpy(order(b[0, :3 * h]).astype(np.float64)))
        gru.bias_hh_l0.copy_(torch.from_numpy(order(b[0, 3 * h:]).astype(np.float64)))
        y_torch, _ = gru(torch.from_numpy(x.astype(np.float64)),
                         torch.from_numpy(h0.astype(np.float64)))
    gap = float(np.max(np.abs(y_torch.numpy() - y[:, 0])))
    assert gap < 1e-12, "%s: ONNX's GRU_Helper and PyTorch differ by %g" % (name, gap)
    doc = {"source": "onnx.helper GRU node, linear_before_reset=1 (onnx %s, opset %d, %s);"
                     " outputs computed by ONNX's GRU_Helper, PyTorch's nn.GRU agrees within"
                     " %.1e" % (onnx.__version__, OPSET, np.dtype(dtype).name, max(gap, 1e-16)),
           "inputs": nested(x.transpose(1, 0, 2), dtype), "stateInputs": False,
           "initialState": {"h": nested(h0, dtype), "c": nested(np.zeros_like(h0), dtype)},
           "outputs": nested(y[:, 0].transpose(1, 0, 2), dtype),
           "finalState": {"h": nested(y_h, dtype), "c": nested(np.zeros_like(h0), dtype)}}
    write_json(os.path.join(out, name + ".json"), doc)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch_case(out, "torch_gru_f64", "GRU")
    torch_case(out, "torch_gru_l2_head_f64", "GRU", layers=2, head=2)
    torch_case(out, "torch_gru_l2_head_f32", "GRU", layers=2, head=2, dtype=torch.float32)
    torch_case(out, "torch_bilstm_l2_head_f64", "LSTM", layers=2, bidirectional=True, head=2)
    torch_case(out, "torch_bilstm_l2_head_f32", "LSTM", layers=2, bidirectional=True, head=2,
               dtype=torch.float32)
    torch_case(out, "torch_bigru_time_major_f64", "GRU", bidirectional=True, batch_first=False)
    torch_case(out, "torch_bilstm_l2_state_inputs_f64", "LSTM", layers=2, bidirectional=True,
               state=True)
    bare_peephole(out, "bare_peephole_f64", False, np.float64)
    bare_peephole(out, "bare_peephole_bidirectional_f32", True, np.float32)
    bare_gru(out, "bare_gru_linear_before_reset_f64", np.float64)
    # Canonical LSTMs at hidden sizes around the CPU kernels' blocking (8, 16, 32, 64 lanes;
    # oneDNN's AVX-512 RNN kernel was wrong for H = 1-16, 33 and 48 on one CPU), each in float32
    # and float64, from a given state, for every backend's conformance run.
    for h, layers, head in ((8, 2, 1), (33, 1, 0), (48, 1, 2)):
        for dtype, suffix in ((torch.float32, "f32"), (torch.float64, "f64")):
            torch_case(out, "torch_lstm_h%d_l%d_%s" % (h, layers, suffix), "LSTM",
                       layers=layers, head=head, state=True, dtype=dtype, h=h, batch=3,
                       steps=30)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "resources", "onnx"))
