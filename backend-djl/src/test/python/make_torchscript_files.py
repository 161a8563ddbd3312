#!/usr/bin/python3
"""Writes the TorchScript test resources of backend-djl: files that PyTorch itself saved
(torch.jit.script(...).save and torch.jit.trace(...).save) and, beside each importable one,
NAME.json with the inputs and the outputs and final state PyTorch computed from them.

Run with Debian's python3-torch (1.13): /usr/bin/python3 make_torchscript_files.py OUT_DIR
(OUT_DIR: backend-djl/src/test/resources/torchscript). Seeded: the files are reproducible up to
the zip's timestamps.

`make_torchscript_files.py check FILE [BASE.json]` loads a file lstm-irf exported in PyTorch,
runs it on BASE.json's inputs when given and prints the largest difference to its outputs.
"""
import json
import os
import sys

import torch
from torch import nn

B, T = 3, 7


def tensor_list(t):
    return t.detach().double().tolist()


class LstmHead(nn.Module):
    """An nn.LSTM and an nn.Linear on every step, as most sequence models are written."""

    def __init__(self, lstm, head):
        super().__init__()
        self.lstm = lstm
        self.fc = head

    def forward(self, x):
        y, (h, c) = self.lstm(x)
        return self.fc(y), h, c


class GruHead(nn.Module):
    """An nn.GRU (any directions) and an nn.Linear on every step; c_n is zeros, as lstm-irf's
    state of a GRU layer."""

    def __init__(self, gru, head):
        super().__init__()
        self.gru = gru
        self.fc = head

    def forward(self, x):
        y, h = self.gru(x)
        return self.fc(y), h, torch.zeros_like(h)


class EncoderDecoder(nn.Module):
    """Two LSTMs and a head: an import must be told which LSTM (--rnn) and head (--head)."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(2, 4, batch_first=True)
        self.decoder = nn.LSTM(4, 3, batch_first=True)
        self.fc = nn.Linear(3, 1)

    def forward(self, x):
        y, _ = self.encoder(x)
        y, (h, c) = self.decoder(y)
        return self.fc(y), h, c


class Normalised(nn.Module):
    """An LSTM with a LayerNorm before its head: not an LSTM + linear head, refused."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(2, 3, batch_first=True)
        self.norm = nn.LayerNorm(3)
        self.fc = nn.Linear(3, 1)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.fc(self.norm(y))


def randomise(module, scale=0.5):
    """Every parameter random (biases included, b_ih and b_hh both), so no layout slip hides."""
    with torch.no_grad():
        for p in module.parameters():
            p.uniform_(-scale, scale)
    return module


def write_case(out, name, scripted, inputs, outputs, h, c, how):
    scripted.save(os.path.join(out, name + ".pt"))
    doc = {"source": how + " (torch " + torch.__version__ + "); outputs computed by PyTorch",
           "inputs": tensor_list(inputs), "outputs": tensor_list(outputs),
           "finalState": {"h": tensor_list(h), "c": tensor_list(c)}}
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f)


def importable(out):
    torch.manual_seed(42)
    # 1. a scripted nn.LSTM alone: parameters without a module prefix, no head
    lstm = randomise(nn.LSTM(2, 5, batch_first=True)).eval()
    x = torch.randn(B, T, 2)
    y, (h, c) = lstm(x)
    write_case(out, "script_lstm_only", torch.jit.script(lstm), x, y, h, c,
               "torch.jit.script(nn.LSTM(2, 5, batch_first=True)).save")

    # 2. two stacked layers and a linear head, scripted
    net = randomise(LstmHead(nn.LSTM(3, 8, num_layers=2, batch_first=True), nn.Linear(8, 2)))
    net.eval()
    x = torch.randn(B, T, 3)
    y, h, c = net(x)
    write_case(out, "script_l2_head", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(LSTM(3, 8, num_layers=2) + Linear(8, 2)).save")

    # 3. traced, time-major LSTM (batch_first=False): the weights do not depend on the layout
    net = randomise(LstmHead(nn.LSTM(1, 6), nn.Linear(6, 1))).eval()
    x = torch.randn(B, T, 1)
    xt = x.transpose(0, 1)
    y, h, c = net(xt)
    traced = torch.jit.trace(net, xt)
    write_case(out, "trace_time_major_head", traced, x, y.transpose(0, 1), h, c,
               "torch.jit.trace(LSTM(1, 6) time-major + Linear(6, 1), example).save")

    # 4. dropout between layers: acts in training only, the eval model has none
    net = randomise(LstmHead(nn.LSTM(2, 4, num_layers=2, dropout=0.3, batch_first=True),
                             nn.Linear(4, 1))).eval()
    x = torch.randn(B, T, 2)
    y, h, c = net(x)
    write_case(out, "script_dropout_l2", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(LSTM(2, 4, num_layers=2, dropout=0.3) + Linear(4, 1)).save,"
               " eval mode")

    # 5. float64 throughout: the import keeps every weight exactly
    net = randomise(LstmHead(nn.LSTM(1, 3, batch_first=True), nn.Linear(3, 1))).double().eval()
    x = torch.randn(B, T, 1, dtype=torch.float64)
    y, h, c = net(x)
    write_case(out, "script_float64", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(LSTM(1, 3) + Linear(3, 1)).double().save")

    # 6. no biases anywhere: they read as zeros
    net = randomise(LstmHead(nn.LSTM(2, 3, bias=False, batch_first=True),
                             nn.Linear(3, 2, bias=False))).eval()
    x = torch.randn(B, T, 2)
    y, h, c = net(x)
    write_case(out, "script_no_bias", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(LSTM(2, 3, bias=False) + Linear(3, 2, bias=False)).save")

    # 7. two LSTMs: the decoder and head are picked (--rnn decoder --head fc) and run on inputs
    #    of the decoder's size, as if the encoder had produced them
    net = randomise(EncoderDecoder()).eval()
    x = torch.randn(B, T, 4)
    y, (h, c) = net.decoder(x)
    write_case(out, "script_encoder_decoder", torch.jit.script(net), x, net.fc(y), h, c,
               "torch.jit.script(encoder LSTM(2, 4), decoder LSTM(4, 3), fc Linear(3, 1)).save;"
               " outputs of decoder and fc alone")


def variants(out):
    """GRUs and bidirectional layers, the variants lstm-irf imports from TorchScript."""
    torch.manual_seed(43)
    # 8. a scripted nn.GRU alone: h_n only, c reads as zeros
    gru = randomise(nn.GRU(2, 5, batch_first=True)).eval()
    x = torch.randn(B, T, 2)
    y, h = gru(x)
    write_case(out, "script_gru_only", torch.jit.script(gru), x, y, h, torch.zeros_like(h),
               "torch.jit.script(nn.GRU(2, 5, batch_first=True)).save")

    # 9. stacked GRU with a Linear head
    net = randomise(GruHead(nn.GRU(3, 6, num_layers=2, batch_first=True), nn.Linear(6, 2)))
    net.eval()
    x = torch.randn(B, T, 3)
    y, h, c = net(x)
    write_case(out, "script_gru_l2_head", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(GRU(3, 6, num_layers=2) + Linear(6, 2)).save")

    # 10. bidirectional LSTM, two layers, a head on its 2H outputs
    net = randomise(LstmHead(nn.LSTM(2, 4, num_layers=2, bidirectional=True, batch_first=True),
                             nn.Linear(8, 1))).eval()
    x = torch.randn(B, T, 2)
    y, h, c = net(x)
    write_case(out, "script_bilstm_l2_head", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(LSTM(2, 4, num_layers=2, bidirectional=True) + Linear(8, 1)).save")

    # 11. bidirectional GRU alone, time-major, traced
    gru = randomise(nn.GRU(3, 4, bidirectional=True)).eval()
    x = torch.randn(B, T, 3)
    xt = x.transpose(0, 1)
    y, h = gru(xt)
    write_case(out, "trace_bigru_time_major", torch.jit.trace(gru, xt), x, y.transpose(0, 1), h,
               torch.zeros_like(h), "torch.jit.trace(GRU(3, 4, bidirectional=True) time-major,"
               " example).save")

    # 12. float64 GRU with a head: weights kept exactly
    net = randomise(GruHead(nn.GRU(1, 3, batch_first=True), nn.Linear(3, 1))).double().eval()
    x = torch.randn(B, T, 1, dtype=torch.float64)
    y, h, c = net(x)
    write_case(out, "script_gru_f64", torch.jit.script(net), x, y, h, c,
               "torch.jit.script(GRU(1, 3) + Linear(3, 1)).double().save")


def refused(out):
    torch.manual_seed(7)
    cases = {
        "refuse_proj_size": nn.LSTM(2, 4, proj_size=2, batch_first=True),
        "refuse_rnn": nn.RNN(2, 3, batch_first=True),
        "refuse_layer_norm": Normalised(),
    }
    for name, module in cases.items():
        torch.jit.script(randomise(module).eval()).save(os.path.join(out, name + ".pt"))


def check(path, base=None):
    """Loads an exported file in PyTorch and compares it with BASE.json's outputs."""
    m = torch.jit.load(path)
    print(path, "loads in torch", torch.__version__, "; parameters:",
          [(n, tuple(p.shape), str(p.dtype)) for n, p in m.named_parameters()])
    if base:
        with open(base) as f:
            doc = json.load(f)
        dtype = next(m.parameters()).dtype
        x = torch.tensor(doc["inputs"], dtype=dtype)
        y, h, c = m(x)
        expected = torch.tensor(doc["outputs"], dtype=torch.float64)
        print("max |PyTorch - expected|:", (y.double() - expected).abs().max().item())


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        target = sys.argv[1]
        os.makedirs(target, exist_ok=True)
        importable(target)
        variants(target)
        refused(target)
