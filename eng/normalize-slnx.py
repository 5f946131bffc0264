#!/usr/bin/env python3
"""Rewrites Gyre.slnx from the project entries it lists: one folder per top-level directory, projects sorted, no
duplicates. Parallel branches add projects by union merge (.gitattributes); this puts the file back in shape."""
import os, re, sys
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
path = os.path.join(root, "Gyre.slnx")
text = open(path).read()
projects = sorted(set(re.findall(r'<Project Path="([^"]+)"', text)))
projects = [p for p in projects if os.path.exists(os.path.join(root, p))]
folders = {}
for p in projects:
    folders.setdefault(p.split("/")[0], []).append(p)
order = [f for f in ("src", "tests", "bench") if f in folders] + sorted(f for f in folders if f not in ("src", "tests", "bench"))
out = ["<Solution>"]
for f in order:
    out.append(f'  <Folder Name="/{f}/">')
    out += [f'    <Project Path="{p}" />' for p in folders[f]]
    out.append("  </Folder>")
out.append("</Solution>")
open(path, "w").write("\n".join(out) + "\n")
print(f"{len(projects)} projects")
