#!/usr/bin/env python3
"""PyTorch 1.13 reference for tests/bench/transformer.mjs: the chapter-15 character Transformer
(token embedding + learned positions, N pre-LN nn.TransformerEncoderLayer blocks with GELU and the
causal mask, final LayerNorm, output tied to the embedding + bias), AdamW, clip_grad_norm_(1),
random ids, on the CPU with ONE thread. Prints JSON: median ms per step and characters per second.

    /usr/bin/python3 tests/bench/transformer_torch.py --steps 20 [--vocab 80 --layers 2 ...]
"""
import argparse
import json
import statistics
import time

import torch

assert torch.__version__.startswith("1.13"), torch.__version__

ap = argparse.ArgumentParser()
for name, default in [("steps", 20), ("warmup", 3), ("vocab", 80), ("layers", 2), ("heads", 4),
                      ("dmodel", 128), ("dff", 512), ("context", 64), ("batch", 32)]:
    ap.add_argument(f"--{name}", type=int, default=default)
a = ap.parse_args()
torch.set_num_threads(1)
torch.manual_seed(0)


class CharTransformer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = torch.nn.Embedding(a.vocab, a.dmodel)
        self.pos = torch.nn.Parameter(torch.randn(a.context, a.dmodel) * 0.02)
        self.blocks = torch.nn.ModuleList(
            torch.nn.TransformerEncoderLayer(a.dmodel, a.heads, a.dff, dropout=0.0, activation="gelu",
                                             batch_first=True, norm_first=True)
            for _ in range(a.layers))
        self.ln = torch.nn.LayerNorm(a.dmodel)
        self.bias = torch.nn.Parameter(torch.zeros(a.vocab))
        self.register_buffer("mask", torch.triu(torch.full((a.context, a.context), float("-inf")), 1))

    def forward(self, ids):
        x = self.tok(ids) + self.pos
        for b in self.blocks:
            x = b(x, src_mask=self.mask)
        return self.ln(x) @ self.tok.weight.t() + self.bias


model = CharTransformer()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
times = []
cpu_times = []
for step in range(a.warmup + a.steps):
    ids = torch.randint(0, a.vocab, (a.batch, a.context + 1))
    t0 = time.perf_counter()
    c0 = time.process_time()
    logits = model(ids[:, :-1])
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, a.vocab), ids[:, 1:].reshape(-1))
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    if step >= a.warmup:
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
ms = statistics.median(times) * 1000
print(json.dumps({
    "torch": torch.__version__, "threads": torch.get_num_threads(),
    "params": sum(p.numel() for p in model.parameters()),
    "msPerStep": ms, "cpuMsPerStep": statistics.median(cpu_times) * 1000, "charsPerSecond": a.batch * a.context * 1000 / ms, "steps": a.steps,
}))
