#!/usr/bin/env python3
"""Convert the published VirtualTaobao models into the folder layout the Swift port loads.

The VirtualTB-v0 simulator (Shi et al., "Virtual-Taobao: Virtualizing Real-world Online Retail
Environment for Reinforcement Learning", AAAI 2019; code github.com/eyounx/VirtualTaobao v0.0.5)
ships three PyTorch state dicts in virtualTB/data/:

    generator_model.pt   user generator   z (128) -> 128 -> 88   (one-hot features, 11 groups)
    leave_model.pt       leave model      user (88) -> 128 -> 256 -> 101   (leave page 0..100)
    action_model.pt      action model     [user 88, page 1, action 27] -> 128 -> 256 -> 21

Each is an nn.Sequential of Linear layers with LeakyReLU (slope 0.01) between them, so its keys
are "0.weight", "0.bias", "2.weight", ... This script writes, into OUT_DIR:

    manifest.json                   layers, activations and, per tensor: file, shape, bytes, sha256
    user_generator.0.weight.f32     raw little-endian float32, C order (row-major); a Linear
    user_generator.0.bias.f32       weight has PyTorch's shape [out, in] and computes y = W x + b
    ...                             (likewise user_leave.*, user_action.*)

Usage (needs PyTorch; the CPU build is enough: `pip install torch numpy`):

    git clone https://github.com/eyounx/VirtualTaobao
    python3 Scripts/export_virtualtb.py VirtualTaobao/virtualTB/data ~/virtualtb
    VIRTUALTB_DIR=~/virtualtb swift test --filter VirtualTB    # or: swift run <chapter> --virtualtb ~/virtualtb

The models' authors allow free use with credit to the paper above; the files are theirs, so keep
them out of this repository (.gitignore already ignores *.f32). This script does not write
reference.json (the reference outputs used by the tests); that needs the original simulator
code, and the tests that compare with it are skipped without it.

Status: untested with PyTorch (none was available). Its writing path was checked with a stand-in
for torch.load that served the project's converted tensors: the .f32 files and the manifest's
shapes, bytes and sha256 came out identical.
"""

import argparse
import hashlib
import json
import os
import sys

# The three networks: (name in the manifest, source file, expected Linear sizes [(out, in), ...],
# what the input is, what the output means). The sizes are checked so a wrong file fails loudly.
NETWORKS = [
    (
        "user_generator",
        "generator_model.pt",
        [(128, 128), (88, 128)],
        "z: 128 floats, z ~ U[0,1) i.i.d. (torch.rand((1,128)))",
        "88 logits -> softmax separately within each of 11 groups -> one categorical sample per group "
        "-> one-hot (88)",
    ),
    (
        "user_leave",
        "leave_model.pt",
        [(128, 88), (256, 128), (101, 256)],
        "user one-hot [88]",
        "101 logits -> softmax -> leave in 0..100, sampled once per user; episode ends when total_c >= leave",
    ),
    (
        "user_action",
        "action_model.pt",
        [(128, 116), (256, 128), (21, 256)],
        "concat(user one-hot [88], page index total_c [1] (raw count 0..100, not normalised), "
        "action/weight vector [27]) = 116, in this order",
        "21 logits: [0:11] softmax -> a = clicks on this page (0..10) = reward; [11:21] softmax -> b (0..9), "
        "only written into the observation",
    ),
]

# The generator's one-hot feature groups, [start, end) (sizes 8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3).
GENERATOR_GROUPS = [[0, 8], [8, 16], [16, 27], [27, 38], [38, 49], [49, 60], [60, 62], [62, 64], [64, 67],
                    [67, 85], [85, 88]]
# The action model's two output heads in its 21 logits.
ACTION_HEADS = [[0, 11], [11, 21]]
LEAKY_SLOPE = 0.01  # nn.LeakyReLU() default, as in the original models


def load_state_dict(path):
    """The state dict saved by the original code (torch.save(model.state_dict(), path))."""
    import torch

    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:  # PyTorch < 1.13 has no weights_only
        state = torch.load(path, map_location="cpu")
    if hasattr(state, "state_dict"):  # a whole module was saved
        state = state.state_dict()
    if not isinstance(state, dict):
        sys.exit(f"{path}: expected a state dict, got {type(state).__name__}")
    return state


def linear_indices(state, path):
    """The nn.Sequential indices of the Linear layers ("0", "2", ...), in order."""
    indices = sorted({int(key.split(".")[0]) for key in state}, key=int)
    for i in indices:
        for part in ("weight", "bias"):
            if f"{i}.{part}" not in state:
                sys.exit(f"{path}: missing tensor {i}.{part} (keys: {sorted(state)})")
    unexpected = set(state) - {f"{i}.{part}" for i in indices for part in ("weight", "bias")}
    if unexpected:
        sys.exit(f"{path}: unexpected tensors {sorted(unexpected)}")
    return indices


def write_float32(tensor, path):
    """Writes a tensor as raw little-endian float32 in C order; returns (shape, bytes, sha256)."""
    import numpy as np

    array = np.ascontiguousarray(tensor.detach().cpu().numpy(), dtype="<f4")
    data = array.tobytes(order="C")
    with open(path, "wb") as f:
        f.write(data)
    return list(array.shape), len(data), hashlib.sha256(data).hexdigest()


def export(data_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    models = {}
    for name, src, sizes, input_text, output_text in NETWORKS:
        src_path = os.path.join(data_dir, src)
        if not os.path.isfile(src_path):
            sys.exit(f"missing {src_path} (expected VirtualTaobao's virtualTB/data folder)")
        state = load_state_dict(src_path)
        indices = linear_indices(state, src_path)
        if len(indices) != len(sizes):
            sys.exit(f"{src_path}: expected {len(sizes)} Linear layers, found {len(indices)} ({indices})")

        activations = []
        tensors = []
        for n, (index, (outputs, inputs)) in enumerate(zip(indices, sizes)):
            if n > 0:
                activations.append({"op": "leaky_relu", "negative_slope": LEAKY_SLOPE})
            activations.append(f"linear:{index}")
            for part, expected in (("weight", [outputs, inputs]), ("bias", [outputs])):
                tensor = state[f"{index}.{part}"]
                if list(tensor.shape) != expected:
                    sys.exit(f"{src_path}: {index}.{part} has shape {list(tensor.shape)}, expected {expected}")
                file = f"{name}.{index}.{part}.f32"
                shape, size, digest = write_float32(tensor, os.path.join(out_dir, file))
                tensors.append({"name": f"{index}.{part}", "file": file, "shape": shape, "bytes": size,
                                "sha256": digest})

        model = {
            "src": src,
            "input": input_text,
            "activations": activations,
            "output": output_text,
            "src_bytes": os.path.getsize(src_path),
            "tensors": tensors,
        }
        if name == "user_generator":
            model["groups"] = GENERATOR_GROUPS
        if name == "user_action":
            model["heads"] = ACTION_HEADS
        models[name] = model
        print(f"{name}: {len(tensors)} tensors from {src}")

    manifest = {
        "format": "raw little-endian IEEE-754 float32, C order (row-major); Linear weight shape [out, in]; "
                  "y = W x + b",
        "source_repo": "eyounx/VirtualTaobao (virtualTB/data)",
        "sampling": "every categorical draw in the original is torch.multinomial(p, 1), i.e. argmax(p / E) "
                    "with E ~ Exp(1) i.i.d. per category",
        "models": models,
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {os.path.join(out_dir, 'manifest.json')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", help="VirtualTaobao's virtualTB/data folder (holds the three .pt files)")
    parser.add_argument("out_dir", help="where to write manifest.json and the *.f32 files")
    args = parser.parse_args()
    export(args.data_dir, args.out_dir)


if __name__ == "__main__":
    main()
