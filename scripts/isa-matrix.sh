#!/usr/bin/env bash
# Runs the conformance suite once per CPU-dispatch setting and prints, per setting, the tests and
# failures of each backend target: the ISA x backend table in the README's "Same numbers on every
# CPU" section. Usage: scripts/isa-matrix.sh [OUT_DIR]  (a few minutes per setting on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/isa-matrix}"
mkdir -p "$out"
# The targets in the suite's order ([1], [2], ... in the reports): every backend found, each
# precision it offers (ConformanceTargets).
mapfile -t targets < <(./lstm-irf backends --json | python3 -c '
import json, sys
for b in json.load(sys.stdin)["backends"]:
    for p in b["precisions"] or ["(unavailable)"]:
        print(b["name"] + " " + p)')

# name | environment of the test JVM
variants=(
  "default|"
  "oneDNN<=AVX2|ONEDNN_MAX_CPU_ISA=AVX2"
  "oneDNN<=AVX512_CORE|ONEDNN_MAX_CPU_ISA=AVX512_CORE"
  "every engine<=AVX2|ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 OPENBLAS_CORETYPE=Haswell"
  "OpenBLAS=SkylakeX|OPENBLAS_CORETYPE=SkylakeX"
  "djl oneDNN uncapped|JAVA_TOOL_OPTIONS=-Dlstmirf.djl.onednn=native"
)
printf '%-30s %s\n' "SETTING" "$(printf '%s | ' "${targets[@]}") (tests/failed)"
for v in "${variants[@]}"; do
  IFS='|' read -r name envs <<<"$v"
  dir="$out/$(echo "$name" | tr -c 'A-Za-z0-9\n' '_')"
  rm -rf "$dir" conformance-tests/target/surefire-reports
  # shellcheck disable=SC2086
  env $envs mvn -B -o -pl conformance-tests -am verify -Dlstmirf.conformance.skipAvx2Run=true \
    -Dtest='*ConformanceTest' -Dsurefire.failIfNoSpecifiedTests=false >"$dir.log" 2>&1 || true
  cp -r conformance-tests/target/surefire-reports "$dir"
  summary=$(python3 - "$dir" "${targets[@]}" <<'PY'
import sys, glob, re, xml.etree.ElementTree as ET
from collections import defaultdict
names = sys.argv[2:]
tests = defaultdict(int); failed = defaultdict(int)
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    for tc in ET.parse(f).getroot().iter("testcase"):
        m = re.search(r"\[(\d+)\]", tc.get("classname", ""))
        key = names[int(m.group(1)) - 1] if m else "other"
        tests[key] += 1
        if tc.find("failure") is not None or tc.find("error") is not None:
            failed[key] += 1
print(" | ".join(f"{tests[k]}/{failed[k]}" for k in names + (["other"] if "other" in tests else [])))
PY
)
  printf '%-30s %s\n' "$name" "$summary"
done
