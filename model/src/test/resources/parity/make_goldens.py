#!/usr/bin/python3
"""Golden files for Statecast's PyTorch parity tests. Run from this directory with Debian's
PyTorch (apt-get install python3-torch python3-numpy):  /usr/bin/python3 make_goldens.py

For each case <cell>_l<layers> (cell rnn|lstm|gru, layers 1|2) it writes, in float64, into <case>/:
  state_dict.npz     numpy.savez of the model's state_dict: rnn.weight_ih_l{l} [G*H, in],
                     rnn.weight_hh_l{l} [G*H, H], rnn.bias_ih_l{l} [G*H], rnn.bias_hh_l{l} [G*H],
                     head.weight [1, H], head.bias [1]
  x.npy              input [batch, steps, input] (batch_first)
  h0.npy             initial hidden state [layers, batch, H]
  c0.npy             initial cell state [layers, batch, H] (lstm only)
  output.npy         top layer's outputs [batch, steps, H]
  h_n.npy            final hidden state per layer [layers, batch, H]
  c_n.npy            final cell state per layer [layers, batch, H] (lstm only)
  head_per_step.npy  head applied to every step of output.npy [batch, steps, 1]
  head_last_step.npy head applied to output.npy's last step [batch, 1]
and into formats/ a few small arrays in the layouts the .npy reader must handle.
"""
import os

import numpy as np
import torch

INPUT, HIDDEN, BATCH, STEPS = 3, 5, 4, 6
CELLS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


class Forecaster(torch.nn.Module):
    def __init__(self, cell, layers):
        super().__init__()
        kwargs = {"nonlinearity": "tanh"} if cell == "rnn" else {}
        self.rnn = CELLS[cell](INPUT, HIDDEN, num_layers=layers, batch_first=True, **kwargs)
        self.head = torch.nn.Linear(HIDDEN, 1)


def save(directory, name, tensor):
    np.save(os.path.join(directory, name + ".npy"), tensor.detach().numpy())


def make_case(seed, cell, layers):
    torch.manual_seed(seed)
    model = Forecaster(cell, layers).double()
    x = torch.randn(BATCH, STEPS, INPUT, dtype=torch.float64)
    h0 = 0.5 * torch.randn(layers, BATCH, HIDDEN, dtype=torch.float64)
    directory = f"{cell}_l{layers}"
    os.makedirs(directory, exist_ok=True)
    np.savez(os.path.join(directory, "state_dict.npz"),
             **{k: v.numpy() for k, v in model.state_dict().items()})
    save(directory, "x", x)
    save(directory, "h0", h0)
    with torch.no_grad():
        if cell == "lstm":
            c0 = 0.5 * torch.randn(layers, BATCH, HIDDEN, dtype=torch.float64)
            output, (h_n, c_n) = model.rnn(x, (h0, c0))
            save(directory, "c0", c0)
            save(directory, "c_n", c_n)
        else:
            output, h_n = model.rnn(x, h0)
        save(directory, "output", output)
        save(directory, "h_n", h_n)
        save(directory, "head_per_step", model.head(output))
        save(directory, "head_last_step", model.head(output[:, -1, :]))


def make_formats():
    os.makedirs("formats", exist_ok=True)
    values = np.arange(6).reshape(2, 3)
    np.save("formats/f4_c.npy", values.astype("<f4"))
    np.save("formats/f8_fortran.npy", np.asfortranarray(values.astype("<f8")))
    np.save("formats/f8_big_endian.npy", values.astype(">f8"))
    np.save("formats/i8_vector.npy", np.arange(4, dtype="<i8"))
    np.save("formats/f4_scalar.npy", np.float32(2.5))
    np.savez_compressed("formats/compressed.npz", a=values.astype("<f4"), b=np.arange(3, dtype="<i4"))


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    for seed, (cell, layers) in enumerate((c, l) for c in CELLS for l in (1, 2)):
        make_case(100 + seed, cell, layers)
    make_formats()
