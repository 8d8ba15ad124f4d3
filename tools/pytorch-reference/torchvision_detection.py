#!/usr/bin/env python3
"""torchvision's Faster and Mask R-CNN R50-FPN with random weights and frozen batch-norm
statistics, saved as users have their checkpoints, with their eval-mode outputs for fixed inputs.

Each model is saved twice: as torchvision's state dict, and converted to mmdetection's
faster_rcnn_r50_fpn / mask_rcnn_r50_fpn names and layout inside mmcv's {'meta', 'state_dict'}
checkpoint (class scores with the background last, no background row in the box deltas and mask
logits), so both namings are read from real files.

The outputs skip torchvision's GeneralizedRCNNTransform (resizing and normalisation): the input
goes straight into the ResNet body, and the RoI heads are applied to fixed RoI features, so the
comparison covers every weight without depending on anchors, proposals or RoIAlign.

Usage: torchvision_detection.py OUT
       torchvision_detection.py --check MODEL WEIGHTS.safetensors|WEIGHTS.pth IO.safetensors
  The first writes OUT/fasterrcnn_resnet50_fpn.pth, OUT/faster_rcnn_r50_fpn.mmdet.pth,
  OUT/fasterrcnn_resnet50_fpn.io.safetensors: "input", "c2" … "c5" (ResNet body), "p2" … "p6"
  (FPN), "objectness2" … "objectness6" and "deltas2" … "deltas6" (RPN head, (N, A, H, W) and
  (N, 4A, H, W)), "box_rois", "box_scores", "box_deltas" (box head and predictor)
  and the same for maskrcnn_resnet50_fpn / mask_rcnn_r50_fpn, with "mask_rois", "mask_logits";
  and OUT/maskrcnn_resnet50_fpn.legacy.safetensors with the names of torchvision before 0.13
  (those of its published COCO checkpoints: inner_blocks.0.weight, rpn.head.conv.weight,
  mask_head.mask_fcn1.weight).
  The second loads WEIGHTS into torchvision's MODEL with strict load_state_dict and prints the
  largest absolute difference of its outputs from those in IO.
"""
import sys
from collections import OrderedDict
from pathlib import Path

import torch
import torchvision
from torchvision.models.detection import FasterRCNN, MaskRCNN
from torchvision.models.detection.backbone_utils import _resnet_fpn_extractor
from torchvision.ops.misc import FrozenBatchNorm2d

sys.path.insert(0, str(Path(__file__).parent))
from check_state_dict import load_safetensors  # noqa: E402
from torchvision_models import save_safetensors  # noqa: E402

MODELS = {
    "fasterrcnn_resnet50_fpn": "faster_rcnn_r50_fpn",
    "maskrcnn_resnet50_fpn": "mask_rcnn_r50_fpn",
}


def build(name):
    """The detector as torchvision builds it for its COCO weights: a ResNet-50 with frozen batch
    norms (FrozenBatchNorm2d, which keeps no num_batches_tracked) under an FPN, 91 classes.
    (Without weights, torchvision's builders would use trainable BatchNorm2d instead.)"""
    body = torchvision.models.resnet50(weights=None, norm_layer=FrozenBatchNorm2d)
    backbone = _resnet_fpn_extractor(body, 3)
    detector = MaskRCNN if name.startswith("mask") else FasterRCNN
    return detector(backbone, num_classes=91)


def randomize(model):
    """Random batch-norm statistics and biases, and RPN and predictor weights large enough that
    their outputs are of order one (their own initialisations, N(0, 0.01²), give outputs near 0)."""
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
        for name, p in model.named_parameters():
            if not name.startswith("backbone.body.") and name.endswith(".bias"):
                p.uniform_(-0.1, 0.1)
        for p in model.rpn.head.parameters():
            if p.dim() == 4:
                p.normal_(0, 0.05)
        for name, p in model.roi_heads.named_parameters():
            if "predictor" in name and name.endswith(".weight"):
                p.normal_(0, 0.05)


def mmdetection_state_dict(state):
    """torchvision's detector state dict in mmdetection's names and layout (mmdetection's Faster
    and Mask R-CNN heads: FPN ConvModules, RPNHead, Shared2FCBBoxHead, FCNMaskHead)."""
    out = OrderedDict()
    for key, value in state.items():
        if key.startswith("backbone.body."):
            out["backbone." + key[len("backbone.body."):]] = value
            continue
        parts = key.split(".")
        leaf = parts[-1]
        if key.startswith("backbone.fpn.inner_blocks."):
            out[f"neck.lateral_convs.{parts[3]}.conv.{leaf}"] = value
        elif key.startswith("backbone.fpn.layer_blocks."):
            out[f"neck.fpn_convs.{parts[3]}.conv.{leaf}"] = value
        elif key.startswith("rpn.head.conv."):
            out[f"rpn_head.rpn_conv.{leaf}"] = value
        elif key.startswith("rpn.head.cls_logits."):
            out[f"rpn_head.rpn_cls.{leaf}"] = value
        elif key.startswith("rpn.head.bbox_pred."):
            out[f"rpn_head.rpn_reg.{leaf}"] = value
        elif key.startswith("roi_heads.box_head.fc"):
            index = {"fc6": 0, "fc7": 1}[parts[2]]
            out[f"roi_head.bbox_head.shared_fcs.{index}.{leaf}"] = value
        elif key.startswith("roi_heads.box_predictor.cls_score."):
            # mmdetection puts the background last
            out[f"roi_head.bbox_head.fc_cls.{leaf}"] = torch.cat([value[1:], value[:1]])
        elif key.startswith("roi_heads.box_predictor.bbox_pred."):
            out[f"roi_head.bbox_head.fc_reg.{leaf}"] = value[4:]  # no background deltas
        elif key.startswith("roi_heads.mask_head."):
            out[f"roi_head.mask_head.convs.{parts[2]}.conv.{leaf}"] = value
        elif key.startswith("roi_heads.mask_predictor.conv5_mask."):
            out[f"roi_head.mask_head.upsample.{leaf}"] = value
        elif key.startswith("roi_heads.mask_predictor.mask_fcn_logits."):
            out[f"roi_head.mask_head.conv_logits.{leaf}"] = value[1:]  # no background mask
        else:
            raise KeyError(key)
    return out


def legacy_state_dict(state):
    """The names torchvision used before 0.13, when these modules were not yet wrapped."""
    out = OrderedDict()
    for key, value in state.items():
        for new, old in [(".0.weight", ".weight"), (".0.bias", ".bias")]:
            if key.startswith(("backbone.fpn.", "rpn.head.conv.")) and key.endswith(new):
                key = key[: -len(new)] + old
        if key.startswith("rpn.head.conv.0."):
            key = "rpn.head.conv." + key[len("rpn.head.conv.0."):]
        if key.startswith("roi_heads.mask_head."):
            parts = key.split(".")
            key = f"roi_heads.mask_head.mask_fcn{int(parts[2]) + 1}.{parts[-1]}"
        out[key] = value
    return out


def outputs(model, masks):
    """The eval-mode outputs of every part for fixed inputs."""
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(1, 3, 224, 224, generator=generator)
    tensors = {"input": x}
    with torch.no_grad():
        body = model.backbone.body(x)
        tensors.update({f"c{int(k) + 2}": v for k, v in body.items()})
        pyramid = list(model.backbone.fpn(body).values())
        objectness, deltas = model.rpn.head(pyramid)
        for level, (p, o, d) in enumerate(zip(pyramid, objectness, deltas), start=2):
            tensors[f"p{level}"] = p
            tensors[f"objectness{level}"] = o
            tensors[f"deltas{level}"] = d
        rois = torch.randn(6, 256, 7, 7, generator=generator)
        scores, box_deltas = model.roi_heads.box_predictor(model.roi_heads.box_head(rois))
        tensors.update({"box_rois": rois, "box_scores": scores, "box_deltas": box_deltas})
        if masks:
            rois = torch.randn(3, 256, 14, 14, generator=generator)
            logits = model.roi_heads.mask_predictor(model.roi_heads.mask_head(rois))
            tensors.update({"mask_rois": rois, "mask_logits": logits})
    return tensors


def check(name, weights, io):
    model = build(name)
    state = load_safetensors(weights) if weights.endswith(".safetensors") else torch.load(weights)
    model.load_state_dict(state, strict=True)
    reference = load_safetensors(io)
    ours = outputs(model.eval(), name.startswith("mask"))
    # Our detectors have no background box deltas or mask, which are written as zeros.
    skip = {"box_deltas": 4, "mask_logits": 1}
    print(max(float((ours[k][:, skip.get(k, 0):] - reference[k][:, skip.get(k, 0):]).abs().max())
              for k in reference))


def main():
    if sys.argv[1] == "--check":
        check(*sys.argv[2:5])
        return
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, mmdet_name in MODELS.items():
        torch.manual_seed(0)
        model = build(name)
        randomize(model)
        model.eval()
        state = model.state_dict()
        torch.save(state, out / f"{name}.pth")
        checkpoint = {
            "meta": {"mmdet_version": "2.28.2", "CLASSES": [f"class{i}" for i in range(1, 91)]},
            "state_dict": mmdetection_state_dict(state),
        }
        torch.save(checkpoint, out / f"{mmdet_name}.mmdet.pth")
        tensors = outputs(model, name.startswith("mask"))
        save_safetensors(out / f"{name}.io.safetensors", tensors)
        if name.startswith("mask"):
            save_safetensors(out / f"{name}.legacy.safetensors", legacy_state_dict(state))
        print(name, len(state), "tensors;",
              ", ".join(f"max |{k}| {float(v.abs().max()):.3g}" for k, v in tensors.items()
                        if k in ("c5", "p2", "objectness2", "box_scores", "mask_logits")))


if __name__ == "__main__":
    main()
