#!/usr/bin/env python3
"""MatMul and Sigmoid ported to NumPy, checked against MiniDL's golden files (docs/porting.md).

    minidl golden export golden/          # the reference backend's inputs, outputs and gradients
    python3 numpy_port.py golden/ port/   # this port's outputs and gradients, same schema
    minidl golden check port/ --golden golden/

--bug transposed-matmul-grad writes dW = dYᵀX (5×3) in W's 3×5 shape, a classic port bug the check must catch.
"""
import argparse, json, os
import numpy as np

def arr(a):  # a golden array -> float64 matrix (strings are exact round-trip decimals)
    return np.array([float(v) for v in a["data"]], dtype=np.float64).reshape(a["shape"])

def out(name, m):  # a matrix -> a golden array; repr(float) is Python's shortest round-trip decimal
    return {"name": name, "shape": list(m.shape), "data": [repr(float(v)) for v in m.ravel()]}

def matmul(x, w, dy, bug):
    y = x @ w                                   # Y = XW
    dx = dy @ w.T                               # ∂J/∂X = (∂J/∂Y) Wᵀ
    dw = (dy.T @ x).reshape(w.shape) if bug else x.T @ dy   # ∂J/∂W = Xᵀ (∂J/∂Y)
    return y, [dx, dw]

def sigmoid(x, dy, bug):
    y = 1.0 / (1.0 + np.exp(-x))                # σ(x) = 1/(1 + e⁻ˣ)
    return y, [dy * y * (1.0 - y)]              # ∂J/∂x = ∂J/∂y · σ(x)(1 − σ(x))

PORTS = {"matmul": lambda i, dy, bug: matmul(i[0], i[1], dy, bug), "sigmoid": lambda i, dy, bug: sigmoid(i[0], dy, bug)}

def main(golden, port, bug=False):
    os.makedirs(port, exist_ok=True)
    for case in json.load(open(os.path.join(golden, "index.json")))["cases"]:
        if case["name"] not in PORTS:
            continue
        g = json.load(open(os.path.join(golden, case["file"])))
        y, grads = PORTS[g["name"]]([arr(a) for a in g["inputs"]], arr(g["upstream"]), bug)
        result = {"format": g["format"], "name": g["name"], "outputs": [out("y", y)],
                  "gradients": [out(f"x{k}", d) for k, d in enumerate(grads)]}
        json.dump(result, open(os.path.join(port, case["file"]), "w"), indent=1)
        print(f"{g['name']}: wrote {case['file']}")

if __name__ == "__main__":
    p = argparse.ArgumentParser(description="MatMul and Sigmoid in NumPy, in MiniDL's golden format")
    p.add_argument("golden"); p.add_argument("port"); p.add_argument("--bug", choices=["transposed-matmul-grad"])
    a = p.parse_args()
    main(a.golden, a.port, bug=a.bug is not None)
