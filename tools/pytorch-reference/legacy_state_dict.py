#!/usr/bin/env python3
"""A state dict in torch.save's format before PyTorch 1.6 (_use_new_zipfile_serialization=False),
as many published checkpoints are (mmsegmentation's and mmdetection's from 2020), nested as mmcv
saves it ({'meta', 'state_dict'}), with tensors that test the reader: several dtypes, a transposed
(non-contiguous) tensor, two tensors sharing one storage at different offsets, a 0-d tensor.

Usage: legacy_state_dict.py OUT
  OUT/legacy.pth, and OUT/legacy.reference.safetensors with the same tensors, contiguous, in order
"""
import sys
from collections import OrderedDict
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parent))
from torchvision_models import save_safetensors  # noqa: E402


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    generator = torch.Generator().manual_seed(0)
    shared = torch.randn(10, generator=generator)
    state = OrderedDict()
    state["conv.weight"] = torch.randn(4, 3, 3, 3, generator=generator)
    state["fc.weight"] = torch.randn(3, 5, generator=generator).t()
    state["shared.all"] = shared
    state["shared.part"] = shared[2:6]
    state["half"] = torch.randn(6, generator=generator).half()
    state["bn.num_batches_tracked"] = torch.tensor(7)
    state["mask"] = torch.tensor([True, False, True])
    torch.save({"meta": {"mmseg_version": "0.5.0"}, "state_dict": state}, out / "legacy.pth",
               _use_new_zipfile_serialization=False)
    save_safetensors(out / "legacy.reference.safetensors",
                     {k: v.contiguous() for k, v in state.items() if v.dtype != torch.bool})
    print("legacy.pth", {k: tuple(v.shape) for k, v in state.items()})


if __name__ == "__main__":
    main()
