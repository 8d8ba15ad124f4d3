"""Writes the reference trajectories that OptimizerPyTorchTest compares against.

Runs torch.optim.SGD / Adam / AdamW (float32, CPU) on one parameter tensor with given gradients
and learning rates changed between steps, as an LR scheduler would, and records the parameter
after every step. Run: /usr/bin/python3 tools/pytorch-reference/optimizer_steps.py (Debian: python3-torch).
"""
import json
import pathlib

import torch

OUT = pathlib.Path(__file__).resolve().parents[2] / (
    "infopro-core/src/test/resources/pytorch/optimizer-steps.json")
RATES = [0.1, 0.05, 0.0, 0.2, 0.01, 0.1, 0.03]
CASES = {
    "sgd-nesterov": lambda p: torch.optim.SGD(p, lr=1, momentum=0.9, nesterov=True, weight_decay=0.1),
    "sgd-momentum": lambda p: torch.optim.SGD(p, lr=1, momentum=0.9, weight_decay=0.01),
    "sgd-plain": lambda p: torch.optim.SGD(p, lr=1),
    "adam": lambda p: torch.optim.Adam(p, lr=1, weight_decay=0.1),
    "adamw": lambda p: torch.optim.AdamW(p, lr=1, weight_decay=0.1),
    "adam-betas": lambda p: torch.optim.Adam(p, lr=1, betas=(0.5, 0.9), eps=1e-6),
}


def main():
    generator = torch.Generator().manual_seed(0)
    initial = torch.randn(8, generator=generator)
    gradients = [torch.randn(8, generator=generator) * 3 for _ in RATES]
    cases = {}
    for name, make in CASES.items():
        weight = torch.nn.Parameter(initial.clone())
        optimizer = make([weight])
        trajectory = []
        for rate, gradient in zip(RATES, gradients):
            for group in optimizer.param_groups:
                group["lr"] = rate
            weight.grad = gradient.clone()
            optimizer.step()
            trajectory.append(weight.detach().tolist())
        cases[name] = trajectory
    OUT.write_text(json.dumps({
        "torch": torch.__version__,
        "rates": RATES,
        "initial": initial.tolist(),
        "gradients": [g.tolist() for g in gradients],
        "cases": cases,
    }, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
