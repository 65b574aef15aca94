#!/usr/bin/env python3
"""Loads `minidl export CHECKPOINT --to torch` into a PyTorch nn.Sequential (docs/porting.md, "Export to PyTorch").

    python3 torch_load.py model.torch.safetensors [test_split.safetensors]

With a test split (minidl export ... --test-split FILE) it prints the predicted classes as a JSON list.
"""
import json, struct, sys
import numpy as np, torch
from torch import nn

def load_safetensors(path):  # or: from safetensors.torch import load_file  (pip install safetensors)
    raw = open(path, "rb").read(); n = struct.unpack("<Q", raw[:8])[0]; header = json.loads(raw[8:8 + n])
    meta, types = header.pop("__metadata__", {}), {"F32": np.float32, "F64": np.float64, "I64": np.int64}
    return {k: torch.from_numpy(np.frombuffer(raw[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
            types[v["dtype"]]).reshape(v["shape"]).copy()) for k, v in header.items()}, meta

state, meta = load_safetensors(sys.argv[1])
model = nn.Sequential(*[eval("nn." + m) for m in meta["torch.modules"].split(";")])  # e.g. Linear(64, 32);ReLU();...
model.load_state_dict(state)
model.to(state["0.weight"].dtype).eval()    # float64 when exported with --dtype f64

if len(sys.argv) > 2:
    split, _ = load_safetensors(sys.argv[2])  # "x": the preprocessed test features, "labels"
    with torch.no_grad():
        predictions = model(split["x"].to(state["0.weight"].dtype)).argmax(dim=1)
    print(json.dumps(predictions.tolist()))
else:
    print(model)
