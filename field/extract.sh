#!/usr/bin/env bash
# Extracts one commit of a fetched bare repository into a plain tree, blob by blob, so a snapshot
# that lacks a large binary (the fetch store leaves out files of 4 MiB and more) still extracts.
#   field/extract.sh GIT_DIR COMMIT DEST
# Only the files the field run can use are written: sources, package/tsconfig manifests, schemas, SQL.
set -euo pipefail
git_dir=$1 commit=$2 dest=$3
mkdir -p "$dest"
git -C "$git_dir" ls-tree -r --full-tree "$commit" |
  awk -F '\t' '$1 ~ / blob / { split($1, m, " "); print m[3] "\t" $2 }' |
  grep -E $'\t.*(\\.(c|m)?(j|t)sx?|\\.prisma|\\.sql|\\.json|\\.toml|\\.graphql|\\.env\\.example)$' |
  while IFS=$'\t' read -r sha path; do
    if git -C "$git_dir" cat-file -e "$sha" 2>/dev/null; then
      mkdir -p "$dest/$(dirname "$path")"
      git -C "$git_dir" cat-file blob "$sha" >"$dest/$path"
    else
      echo "missing blob, skipped: $path" >&2
    fi
  done
echo "$commit" >"$dest/.field-commit"
