#!/usr/bin/env python3
"""mmsegmentation's ResNetV1c at output stride 8 (DeepLab-V3's backbone), written by hand with
mmsegmentation's module names, random weights and batch-norm statistics; saves its state dict as an
mmsegmentation checkpoint ({'state_dict': {'backbone.…': …}, 'meta': …}) and its eval-mode layer3
and layer4 features for a fixed input.

Usage: resnet_v1c.py OUT DEPTH WIDTH   (e.g. OUT 18 64)
  OUT/resnet{DEPTH}_v1c.pth, OUT/resnet{DEPTH}_v1c.io.safetensors ("input", "layer3", "layer4")
"""
import sys
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
from torchvision_models import save_safetensors  # noqa: E402

LAYOUTS = {18: ("basic", [2, 2, 2, 2]), 50: ("bottleneck", [3, 4, 6, 3]), 101: ("bottleneck", [3, 4, 23, 3])}


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride, dilation, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, dilation, dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, dilation, dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride, dilation, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, dilation, dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNetV1c(nn.Module):
    """Deep stem, strides (1, 2, 1, 1), dilations (1, 1, 2, 4), contract_dilation=True."""

    def __init__(self, depth, width):
        super().__init__()
        kind, blocks = LAYOUTS[depth]
        block = BasicBlock if kind == "basic" else Bottleneck
        self.stem = nn.Sequential(
            nn.Conv2d(3, width // 2, 3, 2, 1, bias=False), nn.BatchNorm2d(width // 2), nn.ReLU(),
            nn.Conv2d(width // 2, width // 2, 3, 1, 1, bias=False), nn.BatchNorm2d(width // 2), nn.ReLU(),
            nn.Conv2d(width // 2, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        inplanes = width
        for s, (n, stride, dilation) in enumerate(zip(blocks, (1, 2, 1, 1), (1, 1, 2, 4))):
            planes = width << s
            layers = []
            for b in range(n):
                out = planes * block.expansion
                first_stride = stride if b == 0 else 1
                down = None
                if b == 0 and (first_stride != 1 or inplanes != out):
                    down = nn.Sequential(nn.Conv2d(inplanes, out, 1, first_stride, bias=False), nn.BatchNorm2d(out))
                d = dilation // 2 if b == 0 and dilation > 1 else dilation
                layers.append(block(inplanes, planes, first_stride, d, down))
                inplanes = out
            setattr(self, f"layer{s + 1}", nn.Sequential(*layers))

    def forward(self, x):
        x = self.maxpool(self.stem(x))
        x = self.layer2(self.layer1(x))
        c3 = self.layer3(x)
        return c3, self.layer4(c3)


def main():
    out, depth, width = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    model = ResNetV1c(depth, width)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.2, 0.8)
                module.bias.uniform_(-0.2, 0.2)
    model.eval()
    name = f"resnet{depth}_v1c"
    state = {"backbone." + k: v for k, v in model.state_dict().items()}
    torch.save({"meta": {"mmseg_version": "0.30.0", "epoch": 1}, "state_dict": state}, out / f"{name}.pth")
    x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        c3, c4 = model(x)
    save_safetensors(out / f"{name}.io.safetensors", {"input": x, "layer3": c3, "layer4": c4})
    print(name, tuple(c4.shape), "max |layer4|", float(c4.abs().max()))


if __name__ == "__main__":
    main()
