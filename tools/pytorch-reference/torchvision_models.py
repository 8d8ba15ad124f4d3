#!/usr/bin/env python3
"""Writes torchvision models with random weights the way users have them, with reference outputs.

For every model named on the command line, OUT gets:
  NAME.pth                 torch.save(model.state_dict()) in the zip format
  NAME.safetensors         the same state dict as safetensors (written here, no extra package)
  NAME.io.safetensors      "input" (2x3x224x224) and the model's eval-mode "output" for it
Batch-norm statistics are randomised too, so that evaluation mode is not the identity.

Usage: torchvision_models.py OUT resnet18 resnet50 resnext50_32x4d ...
"""
import json
import struct
import sys
from pathlib import Path

import torch
import torchvision

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.float16: "F16"}


def save_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def randomised(name):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None)
    with torch.no_grad():
        for path, module in model.named_modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
        # As in trained ResNets, a residual branch adds a little to its block's input: with
        # unit-scale branches the activations of deep models grow to ~1e3, beyond float32's
        # resolution for a 1e-4 comparison.
        for block in model.modules():
            last = getattr(block, "bn3", None) if hasattr(block, "conv3") else getattr(block, "bn2", None)
            if hasattr(block, "downsample") and last is not None:
                last.weight.uniform_(0.2, 0.8)
            if getattr(block, "use_res_connect", False):  # EfficientNet's MBConv
                block.block[-1][1].weight.uniform_(0.2, 0.8)
    return model.eval()


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[2:]:
        model = randomised(name)
        torch.save(model.state_dict(), out / f"{name}.pth")
        save_safetensors(out / f"{name}.safetensors", model.state_dict())
        x = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            y = model(x)
        save_safetensors(out / f"{name}.io.safetensors", {"input": x, "output": y})
        print(name, tuple(y.shape), "max |output|", float(y.abs().max()))


if __name__ == "__main__":
    main()
