#!/usr/bin/env python3
"""mmsegmentation's ResNetV1c at output stride 8 (DeepLab-V3's backbone), written by hand with
mmsegmentation's module names, random weights and batch-norm statistics; saves its state dict as an
mmsegmentation checkpoint ({'state_dict': {'backbone.…': …}, 'meta': …}) and its eval-mode layer3
and layer4 features for a fixed input. With CLASSES, the whole of mmsegmentation's DeepLab-V3
(EncoderDecoder with an ASPPHead decode head and an FCNHead auxiliary head on layer3, also written by
hand with its module names) is saved too, with both heads' logits.

Usage: resnet_v1c.py OUT DEPTH WIDTH [CLASSES]   (e.g. OUT 18 64 19)
  OUT/resnet{DEPTH}_v1c.pth (and .legacy.pth in the format before PyTorch 1.6),
  OUT/resnet{DEPTH}_v1c.io.safetensors ("input", "layer3", "layer4");
  with CLASSES also OUT/deeplabv3_r{DEPTH}-d8.pth and its io ("decode", "auxiliary" logits at 1/8)
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


class ConvModule(nn.Module):
    """mmcv's ConvModule with a batch norm: a convolution without bias, BN, ReLU."""

    def __init__(self, inputs, outputs, kernel, dilation=1):
        super().__init__()
        padding = 0 if kernel == 1 else dilation
        self.conv = nn.Conv2d(inputs, outputs, kernel, 1, padding, dilation, bias=False)
        self.bn = nn.BatchNorm2d(outputs)
        self.activate = nn.ReLU()

    def forward(self, x):
        return self.activate(self.bn(self.conv(x)))


class ASPPHead(nn.Module):
    """mmsegmentation's ASPPHead (BaseDecodeHead's conv_seg and dropout first, as it registers
    them): image pooling beside 1×1 and dilated 3×3 branches, a 3×3 bottleneck, then conv_seg."""

    def __init__(self, inputs, channels, classes, dilations=(1, 12, 24, 36)):
        super().__init__()
        self.conv_seg = nn.Conv2d(channels, classes, 1)
        self.dropout = nn.Dropout2d(0.1)
        self.image_pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), ConvModule(inputs, channels, 1))
        self.aspp_modules = nn.ModuleList(
            [ConvModule(inputs, channels, 1 if d == 1 else 3, d) for d in dilations])
        self.bottleneck = ConvModule((len(dilations) + 1) * channels, channels, 3)

    def forward(self, x):
        pooled = nn.functional.interpolate(self.image_pool(x), size=x.shape[2:], mode="bilinear",
                                           align_corners=False)
        out = torch.cat([pooled] + [branch(x) for branch in self.aspp_modules], 1)
        return self.conv_seg(self.dropout(self.bottleneck(out)))


class FCNHead(nn.Module):
    """mmsegmentation's FCNHead with one convolution, as DeepLab-V3's auxiliary head."""

    def __init__(self, inputs, channels, classes):
        super().__init__()
        self.conv_seg = nn.Conv2d(channels, classes, 1)
        self.dropout = nn.Dropout2d(0.1)
        self.convs = nn.Sequential(ConvModule(inputs, channels, 3))

    def forward(self, x):
        return self.conv_seg(self.dropout(self.convs(x)))


class DeepLabV3(nn.Module):
    """mmsegmentation's EncoderDecoder for deeplabv3_r{depth}-d8: channels a quarter of layer4's
    (512 for R50), the auxiliary head's a quarter of layer3's (256)."""

    def __init__(self, depth, width, classes):
        super().__init__()
        self.backbone = ResNetV1c(depth, width)
        expansion = 1 if LAYOUTS[depth][0] == "basic" else 4
        c3, c4 = width * 4 * expansion, width * 8 * expansion
        self.decode_head = ASPPHead(c4, c4 // 4, classes)
        self.auxiliary_head = FCNHead(c3, c3 // 4, classes)

    def forward(self, x):
        c3, c4 = self.backbone(x)
        return self.decode_head(c4), self.auxiliary_head(c3)


def randomize(model):
    """Random batch-norm statistics and affine parameters, random biases."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.2, 0.8)
                module.bias.uniform_(-0.2, 0.2)
            elif isinstance(module, nn.Conv2d) and module.bias is not None:
                module.bias.uniform_(-0.1, 0.1)


def save_deeplab(out, depth, width, classes, x):
    torch.manual_seed(0)
    model = DeepLabV3(depth, width, classes)
    randomize(model)
    model.eval()
    name = f"deeplabv3_r{depth}-d8"
    torch.save({"meta": {"mmseg_version": "0.30.0"}, "state_dict": model.state_dict()},
               out / f"{name}.pth")
    with torch.no_grad():
        decode, auxiliary = model(x)
    save_safetensors(out / f"{name}.io.safetensors",
                     {"input": x, "decode": decode, "auxiliary": auxiliary})
    print(name, tuple(decode.shape), "max |decode|", float(decode.abs().max()))


def main():
    out, depth, width = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    model = ResNetV1c(depth, width)
    randomize(model)
    model.eval()
    name = f"resnet{depth}_v1c"
    state = {"backbone." + k: v for k, v in model.state_dict().items()}
    checkpoint = {"meta": {"mmseg_version": "0.30.0", "epoch": 1}, "state_dict": state}
    torch.save(checkpoint, out / f"{name}.pth")
    # open-mmlab's published ResNetV1c files predate PyTorch 1.6's zip format
    torch.save(checkpoint, out / f"{name}.legacy.pth", _use_new_zipfile_serialization=False)
    x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        c3, c4 = model(x)
    save_safetensors(out / f"{name}.io.safetensors", {"input": x, "layer3": c3, "layer4": c4})
    print(name, tuple(c4.shape), "max |layer4|", float(c4.abs().max()))
    if len(sys.argv) > 4:
        save_deeplab(out, depth, width, int(sys.argv[4]), x)


if __name__ == "__main__":
    main()
