#!/bin/sh
# The reference for `export-rtf`: the smallest RTF of a log's lines that a
# sed one-liner makes (escaped backslashes and braces, one \par per line).
{ printf '{\\rtf1\\ansi\n'; sed -e 's/[\\{}]/\\&/g' -e 's/$/\\par/' "$1"; printf '}\n'; } >"$2"
