#!/usr/bin/env bash
# Applies docs/examples/add-a-scene.patch to this tree, builds, and runs the checks every
# scene must pass with the new scene in them (home screen, lesson block, stride show,
# property tests), then takes the patch out again — whatever happens. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
patch=docs/examples/add-a-scene.patch
git apply --check "$patch"
git apply "$patch"
trap 'git apply -R "$patch"' EXIT
swift build --build-tests 2>&1 | grep -E 'error|warning: unre' || true
swift build --build-tests >/dev/null 2>&1 || { echo 'check-example-patch: the patched tree does not build' >&2; exit 1; }
id=$(sed -n 's/^+        id: "\([a-z-]*\)".*/\1/p' "$patch" | head -1)
./.build/debug/stride show --list | grep -q "^$id " || { echo "check-example-patch: '$id' is not in stride show --list" >&2; exit 1; }
swift test --skip-build --filter 'RegistryTests|AllScenesTests|FocusTests|ContainmentTests' --skip 'ExamplePatchTests' 2>&1 | grep -E '✘|Test run'
