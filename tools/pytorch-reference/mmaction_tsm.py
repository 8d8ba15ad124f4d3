#!/usr/bin/env python3
"""A torchvision ResNet with random weights and batch-norm statistics, saved as mmaction2 saves a
TSM or TSN recognizer: mmcv's {'meta', 'state_dict'} checkpoint with mmaction2's ResNet names (every
convolution and its batch norm one ConvModule: conv1.conv / conv1.bn, layerS.B.convK.conv /
.bn, downsample.conv / .bn), TSM's shift wrapping each block's first ConvModule (conv1.net.…), the
backbone under backbone. and the classifier as cls_head.fc_cls; with the torchvision model's
eval-mode logits for a fixed input, which TSN (no shift) gives frame by frame.

Usage: mmaction_tsm.py OUT NAME   (e.g. OUT resnet18)
  OUT/tsm_NAME.mmaction.pth, OUT/tsm_NAME.io.safetensors ("input", "output")
"""
import sys
from collections import OrderedDict
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from torchvision_models import randomised, save_safetensors  # noqa: E402


def mmaction_name(key):
    """torchvision's key in mmaction2's ResNetTSM and TSMHead."""
    parts = key.split(".")
    if parts[0] == "fc":
        return "cls_head.fc_cls." + parts[1]
    if parts[0] in ("conv1", "bn1"):
        return f"backbone.conv1.{'conv' if parts[0] == 'conv1' else 'bn'}.{parts[1]}"
    stage, block, layer = parts[0], parts[1], parts[2]
    leaf = ".".join(parts[3:])
    if layer == "downsample":
        kind = "conv" if parts[3] == "0" else "bn"
        return f"backbone.{stage}.{block}.downsample.{kind}.{'.'.join(parts[4:])}"
    index = layer[-1]
    kind = "conv" if layer.startswith("conv") else "bn"
    shifted = ".net" if index == "1" else ""
    return f"backbone.{stage}.{block}.conv{index}{shifted}.{kind}.{leaf}"


def main():
    out, name = Path(sys.argv[1]), sys.argv[2]
    out.mkdir(parents=True, exist_ok=True)
    model = randomised(name)
    state = OrderedDict((mmaction_name(k), v) for k, v in model.state_dict().items())
    torch.save({"meta": {"mmaction2_version": "0.24.1"}, "state_dict": state},
               out / f"tsm_{name}.mmaction.pth")
    x = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        y = model(x)
    save_safetensors(out / f"tsm_{name}.io.safetensors", {"input": x, "output": y})
    print(f"tsm_{name}", len(state), "tensors, e.g.", list(state)[5:8])


if __name__ == "__main__":
    main()
