#!/usr/bin/env python3
"""Loads a state dict (.safetensors, or torch.save's .pth read by torch.load) into a torchvision
model with strict load_state_dict and prints the largest absolute difference between its eval-mode
output and a reference output.

Usage: check_state_dict.py MODEL WEIGHTS.safetensors|WEIGHTS.pth IO.safetensors
"""
import json
import struct
import sys

import numpy as np
import torch
import torchvision

NUMPY = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "F16": np.float16}


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=NUMPY[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def main():
    name, weights, io = sys.argv[1:4]
    model = getattr(torchvision.models, name)(weights=None)
    state = load_safetensors(weights) if weights.endswith(".safetensors") else torch.load(weights)
    model.load_state_dict(state, strict=True)
    reference = load_safetensors(io)
    with torch.no_grad():
        output = model.eval()(reference["input"])
    print(float((output - reference["output"]).abs().max()))


if __name__ == "__main__":
    main()
