#!/usr/bin/python3
"""Writes the framework oracles of the recurrent variants, read by the reference backend's tests and
the conformance tests (io.lstmirf.testing.FrameworkOracle): what PyTorch computes for GRUs,
bidirectional LSTMs and GRUs, stacks of them with a Linear head, and peephole LSTMs (ONNX's
semantics, composed from torch ops), in float64: outputs, final states, the loss, the
gradients of every weight (torch.autograd) and a few SGD steps.

    /usr/bin/python3 make_torch_variant_oracles.py [OUT_DIR]
    # default: ../resources/io/lstmirf/testing/oracles (read by io.lstmirf.testing.FrameworkOracle)

Needs Debian's python3-torch (1.13) and python3-onnx (1.12) (apt-get install -y python3-torch
python3-onnx). The Java tests never run Python. Each NAME.json holds:

  source       who computed what
  model        the weights as an lstm-irf-model/2 document (canonical layout, converted from
               PyTorch's: i,f,g,o and r,z,n rows are PyTorch's own; an LSTM's bias is
               b_ih + b_hh; a GRU's bias is b_ih + [b_hr, b_hz, 0] and its recurrentBias b_hn)
  inputs       [B][T][I];  initialState {h, c} [S][B][H], slots per layer and direction, forward
               first (PyTorch's h_n); c is zero in a GRU's slots
  hidden       the top layer's outputs [B][T][D*H] from initialState (forward, then backward)
  responses    the head's outputs [B][T][O] (absent without a head)
  finalState   {h, c} after the sequence (a backward direction's: after reading step 0)
  lossTarget   EVERY_STEP or LAST_STEP;  targets [B][T or 1][O]
  loss         the mean squared error from a zero state, as LstmModel.gradients defines it
  gradients    d loss / d every canonical tensor, as an lstm-irf-model/2 document. PyTorch splits
               a bias in two (b_ih, b_hh) whose gradients are equal: the script checks that and
               writes one; b_hn's gradient is b_hh's n block
  training     {learningRate, steps: [{inputs, targets, loss}], weights}: plain SGD on the
               canonical tensors (w -= lr * dloss/dw from torch.autograd), zero states, each
               step's loss before its update, and the weights after the last step

Peephole LSTMs: PyTorch has none. The cell is composed from torch ops by ONNX's definition
(i and f see c_{t-1}, o sees c_t) and checked here twice: with zero peepholes it equals
nn.LSTM, and with peepholes one layer equals ONNX's own numpy reference
(onnx.backend.test.case.node.lstm.LSTM_Helper, P = [p_i, p_o, p_f]). Canonical peepholes are
[p_i, p_f, p_o].
"""
import json
import os
import sys
import zlib

import numpy as np
import onnx
import torch
from onnx.backend.test.case.node.lstm import LSTM_Helper

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_default_dtype(torch.float64)


def nested(t):
    return t.detach().cpu().numpy().astype(np.float64).tolist()


class TorchLayer:
    """One layer of the stack, run by PyTorch: nn.LSTM or nn.GRU, one or two directions."""

    def __init__(self, cell, inputs, hidden, bidirectional, gen):
        module = torch.nn.GRU if cell == "gru" else torch.nn.LSTM
        self.rnn = module(inputs, hidden, 1, batch_first=True, bidirectional=bidirectional)
        for p in self.rnn.parameters():
            with torch.no_grad():
                p.copy_(torch.empty(p.shape).uniform_(-0.6, 0.6, generator=gen))
        self.cell, self.hidden, self.dirs = cell, hidden, 2 if bidirectional else 1

    def suffixes(self):
        return ["_l0", "_l0_reverse"][:self.dirs]

    def tensor(self, name, d):
        return getattr(self.rnn, name + self.suffixes()[d])

    def run(self, x, h0, c0):
        if self.cell == "gru":
            y, h = self.rnn(x, h0)
            return y, h, torch.zeros_like(h)
        y, (h, c) = self.rnn(x, (h0, c0))
        return y, h, c

    def canonical(self, grad=False):
        """The canonical tensors of each direction (or their gradients)."""
        out = []
        h = self.hidden
        for d in range(self.dirs):
            t = {k: self.tensor(k, d) for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
            if grad:
                t = {k: v.grad for k, v in t.items()}
            doc = {"weightIh": nested(t["weight_ih"]), "weightHh": nested(t["weight_hh"])}
            if self.cell == "gru":
                if grad:
                    same = (t["bias_ih"][:2 * h] - t["bias_hh"][:2 * h]).abs().max().item()
                    assert same < 1e-15, "b_ih and b_hh gradients differ (r, z): %g" % same
                    doc["bias"] = nested(t["bias_ih"])
                else:
                    bias = t["bias_ih"].clone()
                    bias[:2 * h] += t["bias_hh"][:2 * h]
                    doc["bias"] = nested(bias)
                doc["recurrentBias"] = nested(t["bias_hh"][2 * h:])
            elif grad:
                same = (t["bias_ih"] - t["bias_hh"]).abs().max().item()
                assert same < 1e-15, "b_ih and b_hh gradients differ: %g" % same
                doc["bias"] = nested(t["bias_ih"])
            else:
                doc["bias"] = nested(t["bias_ih"] + t["bias_hh"])
            out.append(doc)
        return out

    def make_canonical(self):
        """b_ih := the canonical bias, b_hh := 0 (or [0, 0, b_hn]): the same function, and
        from now on SGD on (b_ih, b_hh's n block) is SGD on the canonical tensors."""
        h = self.hidden
        with torch.no_grad():
            for d in range(self.dirs):
                b_ih, b_hh = self.tensor("bias_ih", d), self.tensor("bias_hh", d)
                keep = 2 * h if self.cell == "gru" else 4 * h
                b_ih[:keep] += b_hh[:keep]
                b_hh[:keep] = 0

    def sgd(self, lr):
        h = self.hidden
        with torch.no_grad():
            for d in range(self.dirs):
                for k in ("weight_ih", "weight_hh", "bias_ih"):
                    p = self.tensor(k, d)
                    p -= lr * p.grad
                if self.cell == "gru":
                    b_hh = self.tensor("bias_hh", d)
                    b_hh[2 * h:] -= lr * b_hh.grad[2 * h:]

    def zero_grad(self):
        self.rnn.zero_grad(set_to_none=True)

    def parameters(self):
        return list(self.rnn.parameters())


class PeepholeLayer:
    """An LSTM layer with ONNX's peepholes, composed from torch ops (autograd differentiates it)."""

    def __init__(self, inputs, hidden, bidirectional, gen):
        self.hidden, self.dirs, self.cell = hidden, 2 if bidirectional else 1, "lstm"

        def u(*shape, scale=0.6):
            return torch.empty(shape).uniform_(-scale, scale, generator=gen).requires_grad_()

        self.params = [{"weightIh": u(4 * hidden, inputs), "weightHh": u(4 * hidden, hidden),
                        "bias": u(4 * hidden, scale=0.4), "peephole": u(3 * hidden, scale=0.8)}
                       for _ in range(self.dirs)]

    @staticmethod
    def direction(p, x, h, c):
        """x [B][T][I] read in the given order; returns the outputs [B][T][H] and h, c."""
        p_i, p_f, p_o = p["peephole"].chunk(3)
        ys = []
        for t in range(x.shape[1]):
            gates = x[:, t] @ p["weightIh"].T + h @ p["weightHh"].T + p["bias"]
            gi, gf, gg, go = gates.chunk(4, dim=1)
            i = torch.sigmoid(gi + p_i * c)
            f = torch.sigmoid(gf + p_f * c)
            c = f * c + i * torch.tanh(gg)
            o = torch.sigmoid(go + p_o * c)
            h = o * torch.tanh(c)
            ys.append(h)
        return torch.stack(ys, dim=1), h, c

    def run(self, x, h0, c0):
        y, hs, cs = [], [], []
        for d in range(self.dirs):
            xd = x if d == 0 else x.flip(1)
            yd, h, c = self.direction(self.params[d], xd, h0[d], c0[d])
            y.append(yd if d == 0 else yd.flip(1))
            hs.append(h)
            cs.append(c)
        return torch.cat(y, dim=2), torch.stack(hs), torch.stack(cs)

    def canonical(self, grad=False):
        return [{k: nested(v.grad if grad else v) for k, v in p.items()} for p in self.params]

    def make_canonical(self):
        pass

    def sgd(self, lr):
        with torch.no_grad():
            for p in self.parameters():
                p -= lr * p.grad

    def zero_grad(self):
        for p in self.parameters():
            p.grad = None

    def parameters(self):
        return [v for p in self.params for v in p.values()]


class Stack:
    """Layers (each with its own kind and direction) and an optional Linear head."""

    def __init__(self, name, inputs, hidden, kinds, head):
        gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
        self.gen, self.hidden, self.layers = gen, hidden, []
        size = inputs
        for cell, peepholes, bidirectional in kinds:
            layer = (PeepholeLayer(size, hidden, bidirectional, gen) if peepholes
                     else TorchLayer(cell, size, hidden, bidirectional, gen))
            self.layers.append(layer)
            size = hidden * layer.dirs
        self.head = None
        if head:
            self.head = torch.nn.Linear(size, head)
            with torch.no_grad():
                for p in self.head.parameters():
                    p.copy_(torch.empty(p.shape).uniform_(-0.6, 0.6, generator=gen))
        self.inputs = inputs

    def slots(self):
        return sum(l.dirs for l in self.layers)

    def run(self, x, h0, c0):
        """hidden, responses, h_n, c_n (slots per layer and direction, forward first)."""
        hs, cs, s = [], [], 0
        for layer in self.layers:
            d = layer.dirs
            x, h, c = layer.run(x, h0[s:s + d], c0[s:s + d])
            hs.append(h)
            cs.append(c)
            s += d
        y = self.head(x) if self.head is not None else x
        return x, y, torch.cat(hs), torch.cat(cs)

    def zero_state(self, batch):
        z = torch.zeros(self.slots(), batch, self.hidden)
        return z, z.clone()

    def loss(self, x, targets, target):
        _, y, _, _ = self.run(x, *self.zero_state(x.shape[0]))
        if target == "LAST_STEP":
            y = y[:, -1:]
        return ((y - targets) ** 2).mean()

    def document(self, grad=False):
        layers = []
        for layer in self.layers:
            dirs = layer.canonical(grad)
            doc = {"cell": layer.cell,
                   "direction": "bidirectional" if layer.dirs == 2 else "forward"}
            doc.update(dirs[0])
            if layer.dirs == 2:
                doc["backward"] = dirs[1]
            layers.append(doc)
        root = {"format": "lstm-irf-model/2", "inputSize": self.inputs,
                "hiddenSize": self.hidden, "layers": layers}
        if self.head is not None:
            w, b = self.head.weight, self.head.bias
            root["head"] = {"weight": nested(w.grad if grad else w),
                            "bias": nested(b.grad if grad else b)}
        return root

    def zero_grad(self):
        for layer in self.layers:
            layer.zero_grad()
        if self.head is not None:
            self.head.zero_grad(set_to_none=True)

    def sgd(self, lr):
        for layer in self.layers:
            layer.sgd(lr)
        if self.head is not None:
            with torch.no_grad():
                for p in self.head.parameters():
                    p -= lr * p.grad

    def uniform(self, *shape, scale=1.0):
        return torch.empty(shape).uniform_(-scale, scale, generator=self.gen)


def check_peephole_composition():
    """The composed cell is nn.LSTM when its peepholes are zero and ONNX's LSTM with them."""
    gen = torch.Generator().manual_seed(5)
    layer = PeepholeLayer(3, 4, False, gen)
    p = layer.params[0]
    x = torch.empty(2, 6, 3).uniform_(-1, 1, generator=gen)
    h0 = torch.empty(1, 2, 4).uniform_(-0.5, 0.5, generator=gen)
    c0 = torch.empty(1, 2, 4).uniform_(-0.5, 0.5, generator=gen)
    lstm = torch.nn.LSTM(3, 4, 1, batch_first=True)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(p["weightIh"])
        lstm.weight_hh_l0.copy_(p["weightHh"])
        lstm.bias_ih_l0.copy_(p["bias"])
        lstm.bias_hh_l0.zero_()
        saved = p["peephole"].clone()
        p["peephole"].zero_()
        y0, _, _ = layer.run(x, h0, c0)
        gap = (y0 - lstm(x, (h0, c0))[0]).abs().max().item()
        assert gap < 1e-14, "composed LSTM vs nn.LSTM: %g" % gap
        p["peephole"].copy_(saved)
        y, h, c = layer.run(x, h0, c0)

    def onnx_rows(m):  # canonical i, f, g, o -> ONNX i, o, f, c
        i, f, g, o = np.split(m.detach().numpy(), 4)
        return np.concatenate([i, o, f, g])

    p_i, p_f, p_o = np.split(saved.numpy(), 3)
    helper = LSTM_Helper(X=x.numpy().transpose(1, 0, 2), W=onnx_rows(p["weightIh"])[None],
                         R=onnx_rows(p["weightHh"])[None],
                         B=np.concatenate([onnx_rows(p["bias"]), np.zeros(16)])[None],
                         P=np.concatenate([p_i, p_o, p_f])[None],
                         initial_h=h0.numpy(), initial_c=c0.numpy())
    y_onnx, h_onnx = helper.step()
    gap = max(np.abs(y.numpy() - y_onnx[:, 0].transpose(1, 0, 2)).max(),
              np.abs(h.numpy() - h_onnx).max())
    assert gap < 1e-14, "composed peephole LSTM vs ONNX's LSTM_Helper: %g" % gap
    return gap


CASES = [
    # name, inputs, hidden, [(cell, peepholes, bidirectional) per layer], head, loss target
    ("torch_gru_l2_head", 3, 4, [("gru", False, False)] * 2, 2, "EVERY_STEP"),
    ("torch_bilstm_l2_head", 2, 3, [("lstm", False, True)] * 2, 1, "LAST_STEP"),
    ("torch_bigru_l1", 3, 3, [("gru", False, True)], 0, "EVERY_STEP"),
    ("torch_bigru_under_lstm_head", 2, 3, [("gru", False, True), ("lstm", False, False)], 2,
     "LAST_STEP"),
    ("composed_peephole_l2_head", 2, 3, [("lstm", True, False), ("lstm", True, True)], 1,
     "EVERY_STEP"),
    ("composed_peephole_l2_last", 3, 4, [("lstm", True, False)] * 2, 2, "LAST_STEP"),
]


def make(out, name, inputs, hidden, kinds, head, target, onnx_gap):
    stack = Stack(name, inputs, hidden, kinds, head)
    batch, steps = 2, 5
    x = stack.uniform(batch, steps, inputs)
    h0 = stack.uniform(stack.slots(), batch, hidden, scale=0.5)
    c0 = stack.uniform(stack.slots(), batch, hidden, scale=0.5)
    for s, (cell, _, _) in enumerate(k for k in kinds for _ in range(2 if k[2] else 1)):
        if cell == "gru":
            c0[s] = 0
    target_steps = 1 if target == "LAST_STEP" else steps
    out_size = head or hidden * stack.layers[-1].dirs
    with torch.no_grad():
        hidden_out, y, h_n, c_n = stack.run(x, h0, c0)
    targets = stack.uniform(batch, target_steps, out_size, scale=0.8)
    stack.zero_grad()
    loss = stack.loss(x, targets, target)
    loss.backward()
    peephole = any(k[1] for k in kinds)
    source = ("PyTorch %s (%s), float64; outputs, loss and gradients (torch.autograd) computed by"
              " PyTorch" % (torch.__version__, ", ".join(
                  ("composed peephole LSTM" if p else "nn." + c.upper())
                  + (" bidirectional" if b else "") for c, p, b in kinds)))
    if peephole:
        source += ("; the peephole cell is composed from torch ops by ONNX's definition, equal"
                   " to nn.LSTM with zero peepholes and to ONNX %s's LSTM_Helper within %.1e"
                   % (onnx.__version__, max(onnx_gap, 1e-17)))
    doc = {"source": source, "model": stack.document(), "inputs": nested(x),
           "initialState": {"h": nested(h0), "c": nested(c0)}, "hidden": nested(hidden_out),
           "finalState": {"h": nested(h_n), "c": nested(c_n)}, "lossTarget": target,
           "targets": nested(targets), "loss": loss.item(), "gradients": stack.document(True)}
    if head:
        doc["responses"] = nested(y)
    lr = 0.3
    for layer in stack.layers:
        layer.make_canonical()
    training = {"learningRate": lr, "steps": []}
    for _ in range(3):
        xb = stack.uniform(batch, steps, inputs)
        tb = stack.uniform(batch, target_steps, out_size, scale=0.8)
        stack.zero_grad()
        loss = stack.loss(xb, tb, target)
        loss.backward()
        stack.sgd(lr)
        training["steps"].append({"inputs": nested(xb), "targets": nested(tb),
                                  "loss": loss.item()})
    training["weights"] = stack.document()
    doc["training"] = training
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(name, "loss", doc["loss"])


def main(out):
    os.makedirs(out, exist_ok=True)
    onnx_gap = check_peephole_composition()
    for case in CASES:
        make(out, *case, onnx_gap)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1
         else os.path.join(HERE, "..", "resources", "io", "lstmirf", "testing", "oracles"))
