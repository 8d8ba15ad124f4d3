#!/usr/bin/env python3
"""torchvision's Faster R-CNN R50-FPN with random weights and frozen batch-norm statistics, as
users have its checkpoints: saves its state dict and the eval-mode C2–C5 features of its ResNet-50
body for a fixed input.

Usage: torchvision_detection.py OUT
  OUT/fasterrcnn_resnet50_fpn.pth, OUT/fasterrcnn_resnet50_fpn.io.safetensors ("input", "c2" … "c5")
"""
import sys
from pathlib import Path

import torch
import torchvision
from torchvision.ops.misc import FrozenBatchNorm2d

sys.path.insert(0, str(Path(__file__).parent))
from torchvision_models import save_safetensors  # noqa: E402


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    model = torchvision.models.detection.fasterrcnn_resnet50_fpn(weights=None, weights_backbone=None)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, FrozenBatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
        for block in model.backbone.body.modules():
            if hasattr(block, "conv3"):
                block.bn3.weight.uniform_(0.2, 0.8)
    model.eval()
    torch.save(model.state_dict(), out / "fasterrcnn_resnet50_fpn.pth")
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        features = model.backbone.body(x)
    tensors = {"input": x}
    tensors.update({f"c{int(k) + 2}": v for k, v in features.items()})
    save_safetensors(out / "fasterrcnn_resnet50_fpn.io.safetensors", tensors)
    print("fasterrcnn_resnet50_fpn", {k: tuple(v.shape) for k, v in tensors.items()},
          "max |c5|", float(tensors["c5"].abs().max()))


if __name__ == "__main__":
    main()
