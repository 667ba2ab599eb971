#!/usr/bin/env python3
"""PyTorch 1.13 reference for tests/bench/seq2seq-date.mjs (not a pass/fail test).

The date model of chapter 14 at the benchmark's sizes, built as src/models/seq2seq builds it:
character embeddings 32 (source and target), a bidirectional GRU encoder with 64 units per
direction over packed (padded) sequences, a bridge h0 = tanh(Linear(128, 128)([h_fwd; h_bwd])),
a GRU decoder with 128 units fed the true previous character (teacher forcing, one call over all
steps), Luong-style global attention with Bahdanau's additive score (64 units, no biases) from
the decoder's states, a masked softmax, and Linear(256, V) on [h_t; c_t]; mean cross-entropy over
target tokens (padding ignored), Adam (lr 5e-3, eps 1e-7), clip_grad_norm_(5). Batches: B = 128
pairs, source lengths drawn in [8, 24] over 67 characters, targets 10 characters + END (11
steps), random ids (the rate does not depend on the values). Times `--steps` steps after
`--warmup`, `--runs` times, at 1 thread (and the other counts of `--threads`). Examples per second
= batch / median seconds per step. Prints one JSON object.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/bench/seq2seq_date_torch.py [--batch 128]
       [--steps 20] [--warmup 3] [--runs 3] [--threads 1]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

VS, VT, T, TT = 71, 15, 24, 11


class Seq2Seq(nn.Module):
    def __init__(self, emb=32, enc=64, dec=128, units=64):
        super().__init__()
        self.src = nn.Embedding(VS, emb)
        self.tgt = nn.Embedding(VT, emb)
        self.encoder = nn.GRU(emb, enc, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * enc, dec)
        self.decoder = nn.GRU(emb, dec, batch_first=True)
        self.wq = nn.Linear(dec, units, bias=False)
        self.wk = nn.Linear(2 * enc, units, bias=False)
        self.v = nn.Linear(units, 1, bias=False)
        self.out = nn.Linear(dec + 2 * enc, VT)

    def forward(self, src, lengths, dec_in):
        packed = pack_padded_sequence(self.src(src), lengths, batch_first=True, enforce_sorted=False)
        keys, h_n = self.encoder(packed)
        keys, _ = pad_packed_sequence(keys, batch_first=True, total_length=src.shape[1])
        h0 = torch.tanh(self.bridge(torch.cat([h_n[0], h_n[1]], 1))).unsqueeze(0)
        h, _ = self.decoder(self.tgt(dec_in), h0)
        e = self.v(torch.tanh(self.wq(h).unsqueeze(2) + self.wk(keys).unsqueeze(1))).squeeze(-1)
        mask = torch.arange(src.shape[1])[None, :] < lengths[:, None]
        a = torch.softmax(e.masked_fill(~mask[:, None, :], float("-inf")), -1)
        return self.out(torch.cat([h, torch.bmm(a, keys)], 2))


def run(a, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = Seq2Seq()
    opt = torch.optim.Adam(model.parameters(), lr=5e-3, eps=1e-7)
    times = []
    for step in range(a.warmup + a.steps):
        lengths = torch.randint(8, T + 1, (a.batch,))
        src = torch.randint(4, VS, (a.batch, T)) * (torch.arange(T)[None, :] < lengths[:, None])
        tgt = torch.randint(4, VT, (a.batch, TT))
        tgt[:, -1] = 2
        dec_in = torch.cat([torch.ones(a.batch, 1, dtype=torch.long), tgt[:, :-1]], 1)
        t0 = time.perf_counter()
        logits = model(src, lengths, dec_in)
        loss = F.cross_entropy(logits.reshape(-1, VT), tgt.reshape(-1), ignore_index=0)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        loss.item()
        if step >= a.warmup:
            times.append(time.perf_counter() - t0)
    per_step = statistics.median(times)
    return {"threads": threads, "ms_per_step": 1000 * per_step, "examples_per_second": a.batch / per_step}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", default="1")
    a = p.parse_args()
    out = []
    for threads in [int(t) for t in a.threads.split(",")]:
        runs = [run(a, threads) for _ in range(a.runs)]
        best = max(runs, key=lambda r: r["examples_per_second"])
        out.append({**best, "runs": [round(r["examples_per_second"], 1) for r in runs]})
    params = sum(p.numel() for p in Seq2Seq().parameters())
    print(json.dumps({"torch": torch.__version__, "parameters": params, "batch": a.batch, "results": out}))


if __name__ == "__main__":
    main()
