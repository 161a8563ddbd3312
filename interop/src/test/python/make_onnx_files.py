#!/usr/bin/python3
"""Writes the ONNX test resources of lstm-irf-interop, and checks ONNX files with onnx.checker.

    /usr/bin/python3 make_onnx_files.py [OUT_DIR]     # default: ../resources/onnx
    /usr/bin/python3 make_onnx_files.py check FILE... # onnx.checker (full) + shape inference

Needs Debian's python3-torch (1.13.1) and python3-onnx (1.12): apt-get install -y python3-torch
python3-onnx, run with /usr/bin/python3. The Java tests never run Python; they read what this
script committed. Every NAME.onnx comes with NAME.json:

    {"source": who wrote the file and who computed the numbers,
     "inputs": [B][T][I] (always batch-first, whatever the graph's layout),
     "initialState": {"h": [L][B][H], "c": [L][B][H]}   (the state the framework started from),
     "stateInputs": true when h0/c0 are graph inputs rather than part of the file,
     "outputs": [B][T][O|H] every step, or "lastOutputs": [B][O|H] when the graph returns the
     last step only, "finalState": {"h", "c"} [L][B][H] where the framework returned it}

torch.onnx.export files: PyTorch computed the numbers (float32). Bare LSTM nodes made with
onnx.helper: PyTorch computed them from the node's weights, and ONNX's own numpy reference for the
operator (onnx.backend.test.case.node.lstm.LSTM_Helper) is checked to agree within 1e-6. Files for
the refusal tests carry no numbers.
"""
import json
import os
import sys
import zlib

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from onnx.backend.test.case.node.lstm import LSTM_Helper

OPSET = 14
HERE = os.path.dirname(os.path.abspath(__file__))


def nested(a):
    """float32 values as plain JSON numbers (the float32 value, widened exactly)."""
    return np.asarray(a, dtype=np.float32).astype(np.float64).tolist()


def write_json(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    return model


class Net(torch.nn.Module):
    """nn.LSTM with an optional Linear head, in the ways users write it."""

    def __init__(self, i, h, layers, batch_first, head, state, last):
        super().__init__()
        self.lstm = torch.nn.LSTM(i, h, layers, batch_first=batch_first)
        self.head = torch.nn.Linear(h, 2) if head else None
        self.state, self.last, self.batch_first = state, last, batch_first
        if state == "buffer":
            self.register_buffer("h0", 0.5 * torch.randn(layers, 1, h))
            self.register_buffer("c0", 0.5 * torch.randn(layers, 1, h))

    def forward(self, x, h0=None, c0=None):
        if self.state == "buffer":
            y, (hn, cn) = self.lstm(x, (self.h0, self.c0))
        elif self.state == "input":
            y, (hn, cn) = self.lstm(x, (h0, c0))
        else:
            y, (hn, cn) = self.lstm(x)
        if self.last == "step":
            y = y[:, -1, :] if self.batch_first else y[-1]
        elif self.last == "hn":
            y = hn[-1]
        return (self.head(y) if self.head is not None else y), hn, cn


def torch_case(out, name, i=3, h=4, layers=1, batch_first=False, head=True, state="none",
               last="none", batch=2, steps=5, dynamic=False, opset=OPSET):
    torch.manual_seed(zlib.crc32(name.encode()))
    net = Net(i, h, layers, batch_first, head, state, last).eval()
    x_btf = torch.randn(batch, steps, i)
    x = x_btf if batch_first else x_btf.transpose(0, 1).contiguous()
    h0 = 0.5 * torch.randn(layers, batch, h)
    c0 = 0.5 * torch.randn(layers, batch, h)
    args = (x, h0, c0) if state == "input" else (x,)
    names = ["x", "h0", "c0"][:len(args)]
    axes = None
    if dynamic:
        axes = {"x": {0: "batch", 1: "time"} if batch_first else {0: "time", 1: "batch"}}
    torch.onnx.export(net, args, os.path.join(out, name + ".onnx"), opset_version=opset,
                      input_names=names, output_names=["y", "h_n", "c_n"], dynamic_axes=axes)
    check(os.path.join(out, name + ".onnx"))
    with torch.no_grad():
        y, hn, cn = net(*args)
    doc = {"source": "torch.onnx.export (torch %s, opset %d); outputs computed by PyTorch"
                     % (torch.__version__, opset),
           "inputs": nested(x_btf), "stateInputs": state == "input"}
    if state == "input":
        doc["initialState"] = {"h": nested(h0), "c": nested(c0)}
    elif state == "buffer":
        doc["initialState"] = {"h": nested(net.h0), "c": nested(net.c0)}
    if last == "none":
        doc["outputs"] = nested(y if batch_first else y.transpose(0, 1))
    else:
        doc["lastOutputs"] = nested(y)
    doc["finalState"] = {"h": nested(hn), "c": nested(cn)}
    write_json(os.path.join(out, name + ".json"), doc)


def torch_refusal(out, name, make):
    torch.manual_seed(zlib.crc32(name.encode()))
    module = make()
    x = torch.randn(5, 2, 3)
    torch.onnx.export(module.eval(), (x,), os.path.join(out, name + ".onnx"), opset_version=OPSET,
                      input_names=["x"], output_names=["y"])
    check(os.path.join(out, name + ".onnx"))


class Sigmoid(torch.nn.Module):
    """LSTM + Linear + sigmoid: the sigmoid after the head is not part of the canonical model."""

    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(3, 4)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x):
        return torch.sigmoid(self.head(self.lstm(x)[0]))


def onnx_layout(w_ifgo):
    """PyTorch's gate blocks i, f, g, o -> ONNX's i, o, f, c (rows)."""
    i, f, g, o = np.split(w_ifgo, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def torch_layout(w_iofc):
    i, o, f, c = np.split(w_iofc, 4, axis=0)
    return np.concatenate([i, f, c, o], axis=0)


def bare_case(out, name, i=3, h=4, batch=2, steps=5, layout=0, attrs=None, peephole=None,
              seq_lens=None, initial=True, numbers=True, op="LSTM", static_steps=True):
    """One LSTM (or GRU) node made with onnx.helper, weights and initial states as initializers."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    gates = 3 if op == "GRU" else 4
    dirs = 2 if (attrs or {}).get("direction") == "bidirectional" else 1
    w = rng.uniform(-0.6, 0.6, (dirs, gates * h, i)).astype(np.float32)
    r = rng.uniform(-0.6, 0.6, (dirs, gates * h, h)).astype(np.float32)
    b = rng.uniform(-0.4, 0.4, (dirs, 2 * gates * h)).astype(np.float32)
    h0 = rng.uniform(-0.5, 0.5, (dirs, batch, h)).astype(np.float32)
    c0 = rng.uniform(-0.5, 0.5, (dirs, batch, h)).astype(np.float32)
    x_btf = rng.uniform(-1, 1, (batch, steps, i)).astype(np.float32)
    inits = [numpy_helper.from_array(w, "W"), numpy_helper.from_array(r, "R"),
             numpy_helper.from_array(b, "B")]
    inputs = ["X", "W", "R", "B", "", "", ""]
    if seq_lens is not None:
        inits.append(numpy_helper.from_array(np.array(seq_lens, dtype=np.int32), "sequence_lens"))
        inputs[4] = "sequence_lens"
    if initial:
        if layout == 1:
            inits += [numpy_helper.from_array(h0.transpose(1, 0, 2).copy(), "initial_h"),
                      numpy_helper.from_array(c0.transpose(1, 0, 2).copy(), "initial_c")]
        else:
            inits += [numpy_helper.from_array(h0, "initial_h"),
                      numpy_helper.from_array(c0, "initial_c")]
        inputs[5:7] = ["initial_h", "initial_c"]
    if peephole is not None:
        inits.append(numpy_helper.from_array(np.asarray(peephole, np.float32).reshape(1, 3 * h), "P"))
        inputs.append("P")
    if op == "GRU":
        inputs = inputs[:6]
    attributes = {"hidden_size": h, "layout": layout}
    attributes.update(attrs or {})
    t_dim = steps if static_steps else "time"
    x_shape = [t_dim, batch, i] if layout == 0 else [batch, t_dim, i]
    node = helper.make_node(op, inputs, ["Y", "Y_h"] + (["Y_c"] if op == "LSTM" else []),
                            name=name + "_node", **attributes)
    y_shape = [t_dim, dirs, batch, h] if layout == 0 else [batch, t_dim, dirs, h]
    s_shape = [dirs, batch, h] if layout == 0 else [batch, dirs, h]
    outs = [helper.make_tensor_value_info("Y", TensorProto.FLOAT, y_shape),
            helper.make_tensor_value_info("Y_h", TensorProto.FLOAT, s_shape)]
    if op == "LSTM":
        outs.append(helper.make_tensor_value_info("Y_c", TensorProto.FLOAT, s_shape))
    graph = helper.make_graph([node], name, [helper.make_tensor_value_info("X", TensorProto.FLOAT,
                                                                          x_shape)], outs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="lstm-irf make_onnx_files.py")
    model.ir_version = 7
    path = os.path.join(out, name + ".onnx")
    onnx.save(model, path)
    check(path)
    if not numbers:
        return
    # PyTorch's nn.LSTM with the node's weights: Wb -> bias_ih, Rb -> bias_hh.
    lstm = torch.nn.LSTM(i, h)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(torch_layout(w[0])))
        lstm.weight_hh_l0.copy_(torch.from_numpy(torch_layout(r[0])))
        lstm.bias_ih_l0.copy_(torch.from_numpy(torch_layout(b[0, :4 * h])))
        lstm.bias_hh_l0.copy_(torch.from_numpy(torch_layout(b[0, 4 * h:])))
        state = (torch.from_numpy(h0), torch.from_numpy(c0)) if initial else None
        y, (hn, cn) = lstm(torch.from_numpy(x_btf.transpose(1, 0, 2).copy()), state)
    ref = {"X": x_btf.transpose(1, 0, 2), "W": w, "R": r, "B": b}
    if initial:
        ref.update(initial_h=h0, initial_c=c0)
    ref_y, _ = LSTM_Helper(**ref).step()
    gap = float(np.max(np.abs(ref_y[:, 0] - y.numpy())))
    assert gap < 1e-6, "%s: PyTorch and ONNX's reference differ by %g" % (name, gap)
    doc = {"source": "onnx.helper LSTM node (onnx %s, opset %d); outputs computed by PyTorch %s"
                     " from the node's weights, ONNX's LSTM_Helper agrees within %.1e"
                     % (onnx.__version__, OPSET, torch.__version__, max(gap, 1e-9)),
           "inputs": nested(x_btf), "stateInputs": False,
           "outputs": nested(y.transpose(0, 1)),
           "finalState": {"h": nested(hn), "c": nested(cn)}}
    if initial:
        doc["initialState"] = {"h": nested(h0), "c": nested(c0)}
    write_json(os.path.join(out, name + ".json"), doc)


def main(out):
    os.makedirs(out, exist_ok=True)
    # What torch.onnx.export writes.
    torch_case(out, "torch_l1_time_major")
    torch_case(out, "torch_l2_batch_first", layers=2, batch_first=True)
    torch_case(out, "torch_l2_state_inputs", layers=2, head=False, state="input")
    torch_case(out, "torch_l2_state_buffers", layers=2, batch_first=True, state="buffer", batch=1)
    torch_case(out, "torch_l1_last_step_gemm", batch_first=True, last="step", dynamic=True)
    torch_case(out, "torch_l2_hn_gemm", layers=2, batch_first=True, last="hn")
    torch_case(out, "torch_l2_opset11", layers=2, batch_first=True, opset=11)  # axes attributes
    torch_refusal(out, "torch_gru", lambda: torch.nn.GRU(3, 4))
    torch_refusal(out, "torch_bidirectional", lambda: torch.nn.LSTM(3, 4, bidirectional=True))
    torch_refusal(out, "torch_head_sigmoid", Sigmoid)
    # Bare nodes with initial states (numbers), and the ones that must be refused.
    bare_case(out, "bare_initial_state")
    bare_case(out, "bare_layout1", layout=1)
    bare_case(out, "bare_default_activations", attrs={"activations": ["Sigmoid", "Tanh", "Tanh"],
                                                      "direction": "forward", "input_forget": 0})
    bare_case(out, "bare_sequence_lens_full", seq_lens=[5, 5])
    bare_case(out, "bare_peephole_zero", peephole=np.zeros(12))
    bare_case(out, "bare_sequence_lens_short", seq_lens=[5, 3], numbers=False)
    bare_case(out, "bare_sequence_lens_dynamic", seq_lens=[5, 5], numbers=False,
              static_steps=False)
    bare_case(out, "bare_clip", attrs={"clip": 3.0}, numbers=False)
    bare_case(out, "bare_bidirectional", attrs={"direction": "bidirectional"}, numbers=False)
    bare_case(out, "bare_reverse", attrs={"direction": "reverse"}, numbers=False)
    bare_case(out, "bare_hard_sigmoid", attrs={"activations": ["HardSigmoid", "Tanh", "Tanh"]},
              numbers=False)
    bare_case(out, "bare_peephole_nonzero", peephole=np.full(12, 0.1), numbers=False)
    bare_case(out, "bare_input_forget", attrs={"input_forget": 1}, numbers=False)
    bare_case(out, "bare_gru", op="GRU", numbers=False)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "check":
        for f in sys.argv[2:]:
            m = check(f)
            ops = sorted({n.op_type for n in m.graph.node})
            print("ok  %s  ir_version %d, opset %s, ops %s" % (
                f, m.ir_version, [(o.domain or "ai.onnx", o.version) for o in m.opset_import], ops))
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "resources", "onnx"))
