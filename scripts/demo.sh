#!/usr/bin/env bash
# The end-to-end demo: build the generated example module, run its tests, then call it.
set -euo pipefail
dir=${1:?usage: demo.sh DIR}
make -C "$dir"
make -C "$dir" test
python=$(sed -n 's/^PYTHON *?= *//p' "$dir/Makefile")
cd "$dir"
"$python" - <<'PY'
import asm
asm.sayit()
print("asm.add(2, 40) =", asm.add(2, 40))
print("asm.typename(3.5) =", asm.typename(3.5))
print("asm.ANSWER =", asm.ANSWER)
try:
    asm.fail()
except ValueError as e:
    print("asm.fail() raised ValueError:", e)
PY
