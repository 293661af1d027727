#!/usr/bin/env python3
"""Compares a `truant fit --format json` result with peer fits (R, Python) timed in the same benchmark run,
and prints the benchmark's result rows (see lib.sh for the row layout).

  compare_fit.py truant-row --name N --tool LABEL --json T.json --criterion deviance|loglik
                 --walls W1,W2,.. --cpu C [--rss MB] [--extra TEXT] [--target-seconds S] [--target-mb M]
  compare_fit.py peer-rows --name N --criterion deviance|loglik --peers PEERS.jsonl [--json T.json]
                 [--truant-wall W] [--truant-cpu C] [--select key=value]... [--label tool=LABEL]... [--target tool=RATIO]...

Peer lines are JSON objects: {"tool", "walls": [...], "cpus": [...], "loglik", "coefficients": {term: value},
"std_errors": {term: value}, "variances": {term: value}, "frailty_variance", "warnings": [...], "error"}.
The criterion is -2 log-likelihood ("deviance", lower is better) or the log (partial) likelihood ("loglik",
higher is better); the note of each peer row records the peer's value, the difference truant - peer and its
relative size, whether Truant is the same (within 1e-6 relative), better or worse, the largest relative
differences of estimates, standard errors and variances, and the speed ratio against Truant's median wall
time with the target. Peer rows always exit 0: a worse fit is recorded in the note, not raised.
"""
import argparse
import json
import sys

SAME = 1e-6


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if n == 0:
        return ""
    if n % 2:
        return f"{xs[n // 2]:.3f}"
    return f"{(xs[n // 2 - 1] + xs[n // 2]) / 2:.3f}"


def row(name, tool, walls, note, cpus):
    runs = ",".join(f"{w:.3f}" for w in walls)
    print(f"{name}\t{tool}\t{median(walls)}\t{runs}\t{note}\t{median(cpus)}")


def criterion(obj, kind):
    ll = obj.get("loglik")
    if ll is None and kind == "deviance" and obj.get("deviance") is not None:
        return float(obj["deviance"])
    if ll is None:
        return None
    return -2.0 * float(ll) if kind == "deviance" else float(ll)


def truant_estimates(t):
    coefs = {c.get("term"): c.get("estimate") for c in t.get("coefficients") or [] if isinstance(c, dict)}
    ses = {c.get("term"): c.get("std_error") for c in t.get("coefficients") or [] if isinstance(c, dict)}
    variances = {r.get("term"): r.get("variance") for r in t.get("random_effects") or [] if isinstance(r, dict)}
    frailty = (t.get("frailty") or {}).get("variance") if isinstance(t.get("frailty"), dict) else None
    return coefs, ses, variances, frailty


def max_rel(a, b):
    """Largest |a - b| / |b| over the keys both share; None when none is shared."""
    worst = None
    for k, vb in b.items():
        va = a.get(k)
        if va is None or vb is None:
            continue
        va, vb = float(va), float(vb)
        d = abs(va - vb) / abs(vb) if vb != 0 else abs(va - vb)
        worst = d if worst is None or d > worst else worst
    return worst


def fmt(x):
    return "n/a" if x is None else f"{x:.1e}"


def truant_row(a):
    t = json.load(open(a.json))
    walls = [float(w) for w in a.walls.split(",") if w]
    value = criterion(t, a.criterion)
    parts = [a.extra] if a.extra else []
    parts.append(f"{'deviance (-2 loglik)' if a.criterion == 'deviance' else 'loglik'} "
                 f"{'n/a' if value is None else repr(round(value, 6))}")
    fr = truant_estimates(t)[3]
    if fr is not None:
        parts.append(f"frailty variance {fr:.6g}")
    if t.get("converged") is False:
        parts.append("NOT CONVERGED")
    warns = t.get("warnings") or []
    if warns:
        parts.append("warnings: " + "; ".join(str(w) for w in warns)[:200])
    if a.rss:
        parts.append(f"peak RSS {a.rss} MB")
    med = float(median(walls)) if walls else None
    checks = []
    if a.target_seconds and med is not None:
        checks.append(f"< {a.target_seconds:g} s: {'met' if med < a.target_seconds else 'NOT met'}")
    if a.target_mb and a.rss:
        checks.append(f"< {a.target_mb:g} MB: {'met' if float(a.rss) < a.target_mb else 'NOT met'}")
    if checks:
        parts.append("target " + ", ".join(checks))
    # The CPU column is the median over runs computed by the caller; passed through unchanged.
    runs = ",".join(f"{w:.3f}" for w in walls)
    print(f"{a.name}\t{a.tool}\t{median(walls)}\t{runs}\t{'; '.join(parts)}\t{a.cpu or ''}")


def peer_rows(a):
    t = None
    if a.json:
        try:
            t = json.load(open(a.json))
        except (OSError, ValueError):
            t = None
    labels = dict(x.split("=", 1) for x in a.label)
    targets = {k: float(v) for k, v in (x.split("=", 1) for x in a.target)}
    select = dict(x.split("=", 1) for x in a.select)
    tval = criterion(t, a.criterion) if t else None
    tcoefs, tses, tvars, tfrail = truant_estimates(t) if t else ({}, {}, {}, None)
    twall = float(a.truant_wall) if a.truant_wall else None
    tcpu = float(a.truant_cpu) if a.truant_cpu else None
    for line in open(a.peers):
        line = line.strip()
        if not line.startswith("{"):
            continue
        p = json.loads(line)
        if any(str(p.get(k)) != v for k, v in select.items()):
            continue
        tool = p.get("tool", "?")
        label = labels.get(tool, tool)
        if p.get("error"):
            print(f"{a.name}\t{label}\t\t\tfailed: {str(p['error']).splitlines()[0][:200]}\t")
            continue
        walls = [float(w) for w in p.get("walls") or []]
        cpus = [float(c) for c in p.get("cpus") or []]
        pval = criterion(p, a.criterion)
        name = "deviance (-2 loglik)" if a.criterion == "deviance" else "loglik"
        parts = [f"{name} {'n/a' if pval is None else repr(round(pval, 6))}"]
        if p.get("frailty_variance") is not None:
            parts.append(f"frailty variance {float(p['frailty_variance']):.6g}")
        if tval is not None and pval is not None:
            diff = tval - pval
            rel = diff / abs(pval)
            better = diff < 0 if a.criterion == "deviance" else diff > 0
            verdict = "same" if abs(rel) <= SAME else ("truant better" if better else "TRUANT WORSE")
            parts.append(f"truant - peer {diff:+.3g} (rel {rel:+.1e}: {verdict})")
            parts.append(f"max rel diff estimates {fmt(max_rel(tcoefs, p.get('coefficients') or {}))}")
            if p.get("std_errors"):
                parts.append(f"std errors {fmt(max_rel(tses, p['std_errors']))}")
            if p.get("variances"):
                parts.append(f"variances {fmt(max_rel(tvars, p['variances']))}")
            if tfrail is not None and p.get("frailty_variance") is not None:
                fv = float(p["frailty_variance"])
                parts.append(f"frailty variance {fmt(abs(tfrail - fv) / abs(fv) if fv else abs(tfrail))}")
        elif t is None:
            parts.append("no truant result to compare")
        pmed = float(median(walls)) if walls else None
        if twall and pmed:
            ratio = pmed / twall
            s = f"{ratio:.1f}x truant's wall time"
            if tool in targets:
                s += f" (target >= {targets[tool]:g}x: {'met' if ratio >= targets[tool] else 'NOT met'})"
            pcpu = float(median(cpus)) if cpus else None
            if tcpu and pcpu:
                s += f", {pcpu / tcpu:.1f}x its CPU time"
            parts.append(s)
        warns = p.get("warnings") or []
        if warns:
            parts.append("warnings: " + "; ".join(str(w) for w in warns)[:200])
        row(a.name, label, walls, "; ".join(parts), cpus)
        print(f"{a.name}: {label}: {'; '.join(parts)}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("truant-row")
    t.add_argument("--name", required=True)
    t.add_argument("--tool", required=True)
    t.add_argument("--json", required=True)
    t.add_argument("--criterion", choices=["deviance", "loglik"], required=True)
    t.add_argument("--walls", required=True)
    t.add_argument("--cpu", default="")
    t.add_argument("--rss", default="")
    t.add_argument("--extra", default="")
    t.add_argument("--target-seconds", type=float)
    t.add_argument("--target-mb", type=float)
    p = sub.add_parser("peer-rows")
    p.add_argument("--name", required=True)
    p.add_argument("--criterion", choices=["deviance", "loglik"], required=True)
    p.add_argument("--peers", required=True)
    p.add_argument("--json", default="")
    p.add_argument("--truant-wall", default="")
    p.add_argument("--truant-cpu", default="")
    p.add_argument("--select", action="append", default=[])
    p.add_argument("--label", action="append", default=[])
    p.add_argument("--target", action="append", default=[])
    a = ap.parse_args()
    if a.cmd == "truant-row":
        truant_row(a)
        return 0
    peer_rows(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
